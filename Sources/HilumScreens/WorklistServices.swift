/// The worklist's outside services: the clock, the viewer, the clipboard,
/// the passphrase check and the log. `hilum worklist` passes
/// the real ones; tests pass recorders and a frozen clock.
public struct WorklistServices: Sendable {
    /// Milliseconds since the epoch.
    public var now: @Sendable () -> Int64
    /// Opens a link in the configured viewer; returns nil when started, else what went wrong.
    public var openViewer: @Sendable (String) -> String?
    /// Puts text on the terminal's clipboard (OSC 52).
    public var copyToClipboard: @Sendable (String) -> Void
    /// Whether the passphrase unlocks this device's key file.
    public var verifyPassphrase: @Sendable (String) -> Bool
    /// Writes a line to the worklist log; callers pass ids and counts, never patient data.
    public var log: @Sendable (String) -> Void

    public init(now: @escaping @Sendable () -> Int64, openViewer: @escaping @Sendable (String) -> String?,
                copyToClipboard: @escaping @Sendable (String) -> Void, verifyPassphrase: @escaping @Sendable (String) -> Bool,
                log: @escaping @Sendable (String) -> Void) {
        self.now = now
        self.openViewer = openViewer
        self.copyToClipboard = copyToClipboard
        self.verifyPassphrase = verifyPassphrase
        self.log = log
    }
}
