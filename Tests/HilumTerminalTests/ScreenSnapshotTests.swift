import XCTest
@testable import HilumTerminal

/// Whole screens of the self-check app, compared with files in Snapshots/.
final class ScreenSnapshotTests: XCTestCase {
    @MainActor
    static func run(_ size: Size, keys: [Key] = [], idle: Bool = false) -> ScreenBuffer {
        let app = SelfCheckApp(keymap: Keymap(table: SelfCheckApp.commands))
        let backend = RecordingBackend(size: size)
        let start = ContinuousClock.now
        let loop = TerminalLoop(app: app, backend: backend, idleTimeout: .seconds(60), now: start)
        loop.presentIfNeeded()
        loop.receive(keys, now: start)
        if idle { loop.tick(now: start + .seconds(61)) }
        loop.presentIfNeeded()
        return backend.lastFrame ?? ScreenBuffer(size: size)
    }

    func testWorklist80x24() async {
        assertSnapshot(await Self.run(.minimum, keys: [.character("j"), .character("j")]), named: "worklist-80x24")
    }

    func testWorklist132x43() async {
        assertSnapshot(await Self.run(Size(width: 132, height: 43), keys: [.character("G"), .character("s")]), named: "worklist-132x43")
    }

    func testHelp80x24() async {
        assertSnapshot(await Self.run(.minimum, keys: [.character("?")]), named: "help-80x24")
    }

    func testHelp132x43() async {
        assertSnapshot(await Self.run(Size(width: 132, height: 43), keys: [.character("?")]), named: "help-132x43")
    }

    func testPalette80x24() async {
        assertSnapshot(await Self.run(.minimum, keys: [.character(":"), .character("s"), .character("e"), .character("l")]), named: "palette-80x24")
    }

    func testFilter80x24() async {
        assertSnapshot(await Self.run(.minimum, keys: [.character("/"), .character("j"), .character("o"), .character("s")]), named: "filter-80x24")
    }

    func testConfirm80x24() async {
        assertSnapshot(await Self.run(.minimum, keys: [.character("d")]), named: "confirm-80x24")
    }

    func testDetail132x43() async {
        assertSnapshot(await Self.run(Size(width: 132, height: 43), keys: [.character("j"), .enter]), named: "detail-132x43")
    }

    func testTooSmall60x20() async {
        let screen = await Self.run(Size(width: 60, height: 20))
        XCTAssertTrue((0..<20).contains { screen.line($0).contains("terminal too small: need 80×24, have 60×20") })
        assertSnapshot(screen, named: "too-small-60x20")
    }

    func testLocked80x24() async {
        let screen = await Self.run(.minimum, idle: true)
        XCTAssertFalse((0..<24).contains { screen.line($0).contains("Baker") }, "study data still visible while locked")
        assertSnapshot(screen, named: "locked-80x24")
    }
}
