/// Counts time since the last key or mouse event and fires once when it
/// passes `timeout`, so the app can lock the screen and wipe decrypted data.
/// It fires again only after new activity and another full timeout.
public struct IdleTimer: Sendable {
    public let timeout: Duration
    public private(set) var lastActivity: ContinuousClock.Instant
    public private(set) var hasFired = false

    public init(timeout: Duration, now: ContinuousClock.Instant = .now) {
        precondition(timeout > .zero, "idle timeout must be positive")
        self.timeout = timeout
        lastActivity = now
    }

    public mutating func recordActivity(at now: ContinuousClock.Instant = .now) {
        lastActivity = now
        hasFired = false
    }

    /// True exactly once per idle period, at the first check after the timeout.
    public mutating func check(at now: ContinuousClock.Instant = .now) -> Bool {
        guard !hasFired, now - lastActivity >= timeout else { return false }
        hasFired = true
        return true
    }

    /// Time left before the timer fires; zero once it has.
    public func remaining(at now: ContinuousClock.Instant = .now) -> Duration {
        max(.zero, timeout - (now - lastActivity))
    }
}
