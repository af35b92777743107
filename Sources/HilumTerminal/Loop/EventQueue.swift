import Synchronization

/// The queue background work posts to. Any thread may `post`; the loop on
/// the main actor drains it, so no background code touches curses or app state.
public final class EventQueue<Message: Sendable>: Sendable {
    private struct State {
        var messages: [Message] = []
        var wake: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    public init() {}

    /// Adds a message and wakes the loop.
    public func post(_ message: Message) {
        let wake = state.withLock { state -> (@Sendable () -> Void)? in
            state.messages.append(message)
            return state.messages.count == 1 ? state.wake : nil
        }
        wake?()
    }

    /// Removes and returns every queued message, oldest first.
    public func drain() -> [Message] {
        state.withLock { state in
            let messages = state.messages
            state.messages = []
            return messages
        }
    }

    /// Sets the closure `post` calls when the queue goes from empty to non-empty.
    func setWake(_ wake: (@Sendable () -> Void)?) {
        state.withLock { $0.wake = wake }
    }
}
