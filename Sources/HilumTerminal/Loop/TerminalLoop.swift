/// Something that shows a screen model: the ncurses terminal, or a fake in tests.
@MainActor
public protocol TerminalBackend: AnyObject {
    var size: Size { get }
    func present(_ screen: ScreenBuffer)
}

/// The event loop's logic, without curses or Dispatch: delivers events to
/// the app, tracks idle time, collects what needs redrawing and presents the
/// screen model. `TerminalSession` feeds it from the real terminal; tests
/// feed it directly.
@MainActor
public final class TerminalLoop<App: TerminalApp> {
    public let app: App
    public let backend: any TerminalBackend
    public let queue: EventQueue<App.Message>
    public private(set) var screen: ScreenBuffer
    private var idleTimer: IdleTimer?
    private var pending: Redraw = .all
    /// The size the too-small screen was last drawn for, nil while the app shows.
    private var tooSmallShownAt: Size?

    public init(app: App, backend: any TerminalBackend, queue: EventQueue<App.Message> = EventQueue(), idleTimeout: Duration? = nil, now: ContinuousClock.Instant = .now) {
        self.app = app
        self.backend = backend
        self.queue = queue
        screen = ScreenBuffer(size: backend.size)
        idleTimer = idleTimeout.map { IdleTimer(timeout: $0, now: now) }
    }

    public var isTooSmall: Bool { !screen.size.contains(app.minimumSize) }

    public func receive(_ keys: [Key], now: ContinuousClock.Instant = .now) {
        for key in keys {
            idleTimer?.recordActivity(at: now)
            if isTooSmall, !app.acceptsWhileTooSmall(key) { continue }
            pending.formUnion(app.handle(.key(key)))
            if app.isFinished { return }
        }
    }

    /// Starts a fresh screen model of the backend's current size and redraws everything.
    public func resize() {
        let size = backend.size
        guard size != screen.size else { return }
        screen = ScreenBuffer(size: size)
        pending = .all
        _ = app.handle(.resize(size))
    }

    /// Delivers what background work has posted.
    public func drainQueue() {
        for message in queue.drain() {
            pending.formUnion(app.handle(.message(message)))
        }
    }

    /// Fires the idle event when the timeout has passed.
    public func tick(now: ContinuousClock.Instant = .now) {
        if idleTimer?.check(at: now) == true {
            pending.formUnion(app.handle(.idle))
        }
    }

    /// Runs the programs the app asks for through `run` (the session hands
    /// over the terminal; tests pass a fake), then redraws everything.
    public func runExternalPrograms(_ run: (ExternalProgram) -> Int32) {
        while let program = app.takeExternalProgram() {
            let status = run(program)
            pending = .all
            pending.formUnion(app.externalProgramFinished(program, status: status))
        }
    }

    /// Renders and presents if anything changed since the last frame.
    public func presentIfNeeded() {
        if isTooSmall {
            guard tooSmallShownAt != screen.size else { return }
            TooSmallScreen.render(into: &screen, need: app.minimumSize)
            tooSmallShownAt = screen.size
            backend.present(screen)
            return
        }
        if tooSmallShownAt != nil {
            tooSmallShownAt = nil
            screen = ScreenBuffer(size: screen.size)
            pending = .all
        }
        guard !pending.isEmpty else { return }
        app.render(pending, into: &screen)
        pending = []
        backend.present(screen)
    }
}
