/// The parts of the screen an event changed. Handlers return this instead of
/// drawing. The loop then calls the app's `render` for just those parts, and
/// the screen model keeps its previous content everywhere else.
public struct Redraw: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let header = Redraw(rawValue: 1 << 0)
    public static let body = Redraw(rawValue: 1 << 1)
    public static let status = Redraw(rawValue: 1 << 2)
    public static let hints = Redraw(rawValue: 1 << 3)
    /// A dialog, palette or help screen over the body.
    public static let overlay = Redraw(rawValue: 1 << 4)
    /// Only the cursor moved (text inputs).
    public static let cursor = Redraw(rawValue: 1 << 5)

    public static let none: Redraw = []
    public static let all: Redraw = [.header, .body, .status, .hints, .overlay, .cursor]
}

/// An event the loop delivers to the app.
public enum TerminalEvent<Message: Sendable>: Sendable {
    /// A key press, mouse event or paste.
    case key(Key)
    /// The terminal changed size; the next render is a full one.
    case resize(Size)
    /// A message that background work posted to the `EventQueue`.
    case message(Message)
    /// No key or mouse event for the idle timeout: lock and wipe now.
    case idle
}

/// An application driven by the terminal loop. All calls arrive on the main
/// actor, which is also the only place curses is called from.
@MainActor
public protocol TerminalApp: AnyObject {
    associatedtype Message: Sendable

    /// Smallest size the app lays out for; below it the loop shows `TooSmallScreen`.
    var minimumSize: Size { get }
    /// Set to true to end the loop.
    var isFinished: Bool { get }

    /// Updates state for `event` and returns what must be redrawn. Never draws.
    func handle(_ event: TerminalEvent<Message>) -> Redraw
    /// Draws the `changed` parts into `screen`, which still contains the previous frame.
    func render(_ changed: Redraw, into screen: inout ScreenBuffer)
    /// Whether `key` still reaches the app while the too-small screen shows
    /// (for quit keys); other keys are dropped so nothing acts unseen.
    func acceptsWhileTooSmall(_ key: Key) -> Bool
    /// Returns a program to run with the terminal handed over, once; the loop asks after every batch of events.
    func takeExternalProgram() -> ExternalProgram?
    /// Receives the exit status of the program from `takeExternalProgram` (-1 when it could not start).
    func externalProgramFinished(_ program: ExternalProgram, status: Int32) -> Redraw
}

extension TerminalApp {
    public var minimumSize: Size { .minimum }
    public func acceptsWhileTooSmall(_ key: Key) -> Bool { false }
    public func takeExternalProgram() -> ExternalProgram? { nil }
    public func externalProgramFinished(_ program: ExternalProgram, status: Int32) -> Redraw { .none }
}
