import Dispatch
import XCTest
@testable import HilumTerminal

/// A minimal app that records what the loop delivers.
@MainActor
final class ProbeApp: TerminalApp {
    typealias Message = String
    var events: [String] = []
    var renders: [Redraw] = []
    var isFinished = false

    func handle(_ event: TerminalEvent<String>) -> Redraw {
        switch event {
        case .key(let key):
            events.append("key \(key.name)")
            if key == .character("q") { isFinished = true }
            return .body
        case .resize(let size): events.append("resize \(size)")
        case .message(let text): events.append("message \(text)")
        case .idle: events.append("idle")
        }
        return .all
    }

    func render(_ changed: Redraw, into screen: inout ScreenBuffer) {
        renders.append(changed)
        screen.write("probe", at: Point(x: 0, y: 0), role: .text)
    }

    func acceptsWhileTooSmall(_ key: Key) -> Bool { key == .character("q") }
}

final class TerminalLoopTests: XCTestCase {
    func testRenderOnlyWhenSomethingChanged() async {
        await MainActor.run {
            let app = ProbeApp()
            let backend = RecordingBackend(size: .minimum)
            let loop = TerminalLoop(app: app, backend: backend)
            loop.presentIfNeeded()
            loop.presentIfNeeded()
            XCTAssertEqual(backend.frames.count, 1)
            loop.receive([.character("j")])
            loop.presentIfNeeded()
            XCTAssertEqual(app.renders, [.all, .body])
        }
    }

    func testTooSmallDropsKeysButQuit() async {
        await MainActor.run {
            let app = ProbeApp()
            let backend = RecordingBackend(size: Size(width: 50, height: 10))
            let loop = TerminalLoop(app: app, backend: backend)
            loop.receive([.character("d"), .character("q")])
            XCTAssertEqual(app.events, ["key q"])
            XCTAssertTrue(app.isFinished)
        }
    }

    func testGrowingBackRedrawsApp() async {
        await MainActor.run {
            let app = ProbeApp()
            let backend = RecordingBackend(size: Size(width: 50, height: 10))
            let loop = TerminalLoop(app: app, backend: backend)
            loop.presentIfNeeded()
            XCTAssertTrue(backend.lastFrame?.line(4).contains("terminal too small: need 80×24, have 50×10") ?? false)
            backend.size = .minimum
            loop.resize()
            loop.presentIfNeeded()
            XCTAssertEqual(app.events, ["resize 80×24"])
            XCTAssertEqual(backend.lastFrame?.line(0).hasPrefix("probe"), true)
            XCTAssertEqual(app.renders.last, .all)
        }
    }

    func testIdleFiresAfterTimeout() async {
        await MainActor.run {
            let app = ProbeApp()
            let start = ContinuousClock.now
            let loop = TerminalLoop(app: app, backend: RecordingBackend(size: .minimum), idleTimeout: .seconds(120), now: start)
            loop.receive([.character("j")], now: start + .seconds(100))
            loop.tick(now: start + .seconds(200))
            XCTAssertEqual(app.events, ["key j"])
            loop.tick(now: start + .seconds(221))
            XCTAssertEqual(app.events, ["key j", "idle"])
        }
    }

    func testBackgroundPostsReachAppInOrder() async {
        let app = await ProbeApp()
        let queue = EventQueue<String>()
        let loop = await TerminalLoop(app: app, backend: RecordingBackend(size: .minimum), queue: queue)
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                for index in 0..<100 { queue.post("m\(index)") }
                done.resume()
            }
        }
        await loop.drainQueue()
        let events = await app.events
        XCTAssertEqual(events, (0..<100).map { "message m\($0)" })
        XCTAssertTrue(queue.drain().isEmpty)
    }

    func testWakeCalledOncePerBatch() async {
        await MainActor.run {
            let queue = EventQueue<Int>()
            let counter = WakeCounter()
            queue.setWake { counter.increment() }
            queue.post(1)
            queue.post(2)
            XCTAssertEqual(counter.value, 1)
            _ = queue.drain()
            queue.post(3)
            XCTAssertEqual(counter.value, 2)
        }
    }
}

import Synchronization

final class WakeCounter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
