import Dispatch
import Glibc

/// Runs a `TerminalApp` on the real terminal. Every curses call happens on
/// the main queue, which is the main actor. A read source on stdin delivers
/// keys and a signal source handles SIGWINCH. A one-second timer drives the
/// idle timer, and posts to the `EventQueue` wake the main queue to drain it.
public enum TerminalSession {
    /// Runs until `app.isFinished`. Throws before touching the screen when the
    /// terminal cannot run curses; the terminal is restored on every return path.
    @MainActor
    public static func run<App: TerminalApp>(_ app: App, theme: Theme, queue: EventQueue<App.Message> = EventQueue(),
                                             idleTimeout: Duration? = nil,
                                             environment: [String: String]) async throws(TerminalPreflight.Failure) {
        let terminal = try CursesTerminal(theme: theme, environment: environment)
        defer { terminal.stop() }
        let driver = SessionDriver(loop: TerminalLoop(app: app, backend: terminal, queue: queue, idleTimeout: idleTimeout), terminal: terminal)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            MainActor.assumeIsolated { driver.start(continuation) }
        }
        queue.setWake(nil)
        driver.cancelSources()
    }
}

/// Owns the Dispatch sources of one session and forwards their events to the loop.
@MainActor
private final class SessionDriver<App: TerminalApp> {
    let loop: TerminalLoop<App>
    let terminal: CursesTerminal
    private var sources: [any DispatchSourceProtocol] = []
    private var continuation: CheckedContinuation<Void, Never>?

    init(loop: TerminalLoop<App>, terminal: CursesTerminal) {
        self.loop = loop
        self.terminal = terminal
    }

    func start(_ continuation: CheckedContinuation<Void, Never>) {
        self.continuation = continuation
        let input = DispatchSource.makeReadSource(fileDescriptor: STDIN_FILENO, queue: .main)
        input.setEventHandler { MainActor.assumeIsolated { self.readInput() } }
        let resize = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .main)
        resize.setEventHandler { MainActor.assumeIsolated { self.resized() } }
        let timer = DispatchSource.makeTimerSource(queue: .main)
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { MainActor.assumeIsolated { self.ticked() } }
        loop.queue.setWake {
            DispatchQueue.main.async { MainActor.assumeIsolated { self.drainQueue() } }
        }
        sources = [input, resize, timer]
        sources.forEach { $0.resume() }
        drainQueue()
    }

    func cancelSources() {
        sources.forEach { $0.cancel() }
        sources = []
    }

    private func readInput() {
        let read = terminal.readKeys()
        if read.resized {
            terminal.updateSize()
            loop.resize()
        }
        loop.receive(read.keys)
        afterEvents()
    }

    private func resized() {
        terminal.updateSize()
        loop.resize()
        afterEvents()
    }

    private func ticked() {
        loop.tick()
        afterEvents()
    }

    private func drainQueue() {
        loop.drainQueue()
        afterEvents()
    }

    private func afterEvents() {
        guard continuation != nil else { return }
        loop.runExternalPrograms { terminal.runSuspended($0) }
        loop.presentIfNeeded()
        if loop.app.isFinished {
            cancelSources()
            continuation?.resume()
            continuation = nil
        }
    }
}
