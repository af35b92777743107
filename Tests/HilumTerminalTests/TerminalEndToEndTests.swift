import Foundation
import XCTest

/// The real binary in tmux: keys, resize, the too-small screen, colour off,
/// bad TERM values, and the terminal modes after a normal exit and a crash.
final class TerminalEndToEndTests: XCTestCase {
    var session: TmuxSession?

    override func setUpWithError() throws {
        try TmuxSession.requirements()
    }

    override func tearDown() {
        session?.stop()
    }

    func start(environment: String = "TERM=tmux-256color", arguments: String = "") throws -> TmuxSession {
        let started = try TmuxSession(environment: environment, arguments: arguments)
        session = started
        return started
    }

    func testKeysResizeAndQuitRestoreTerminal() throws {
        let tmux = try start()
        tmux.waitFor("Hilum  terminal check")
        tmux.waitFor("長谷川 一二三四五六… CT   2024-11-02")
        tmux.sendKeys("j")
        tmux.waitFor("2/8")
        tmux.sendKeys("Down")
        tmux.waitFor("3/8")
        tmux.sendKeys("?")
        tmux.waitFor("Help: Esc closes")
        tmux.sendKeys("Escape")
        tmux.waitFor("Ready")
        tmux.resize(width: 60, height: 20)
        tmux.waitFor("terminal too small: need 80×24, have 60×20")
        tmux.sendKeys("j")
        tmux.resize(width: 132, height: 43)
        let wide = tmux.waitFor("Baker, Tom")
        XCTAssertTrue(wide.contains("3/8"), "a key pressed while too small moved the selection:\n\(wide)")
        tmux.sendKeys("q")
        tmux.waitFor("EXIT=0")
        let after = tmux.waitFor("MODES-DONE")
        XCTAssertTrue(after.contains("hilum-terminal-check: terminal restored"), after)
        XCTAssertTrue(after.contains("icanon echo"), "terminal modes not restored:\n\(after)")
        XCTAssertFalse(after.contains("Hilum  terminal check"), "alternate screen not left:\n\(after)")
    }

    func testPaletteRunsCommand() throws {
        let tmux = try start()
        tmux.waitFor("Hilum  terminal check")
        tmux.sendKeys(":")
        tmux.waitFor("Commands")
        tmux.sendKeys("-l", "last row")
        tmux.waitFor("Jump to the last row")
        tmux.sendKeys("Enter")
        tmux.waitFor("8/8")
    }

    func testCrashRestoresTerminal() throws {
        let tmux = try start(arguments: "--crash-after-start")
        let after = tmux.waitFor("MODES-DONE")
        XCTAssertTrue(after.contains("EXIT=132") || after.contains("EXIT=133"), "expected death by SIGILL or SIGTRAP:\n\(after)")
        XCTAssertTrue(after.contains("icanon echo"), "terminal modes not restored after the crash:\n\(after)")
        XCTAssertFalse(after.contains("Baker, Tom"), "alternate screen not left after the crash:\n\(after)")
    }

    func testNoColorKeepsSelectionVisible() throws {
        let tmux = try start(environment: "TERM=tmux-256color NO_COLOR=1")
        tmux.waitFor("Hilum  terminal check")
        tmux.sendKeys("Down")
        tmux.waitFor("2/8")
        let screen = tmux.capture(escapes: true)
        let colour = try NSRegularExpression(pattern: "\u{1B}\\[[0-9;]*(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;|48;)[0-9;]*m")
        XCTAssertEqual(colour.numberOfMatches(in: screen, range: NSRange(screen.startIndex..., in: screen)), 0, "colour codes despite NO_COLOR=1")
        let selectedLine = screen.split(separator: "\n").first { $0.contains("王 秀英") } ?? ""
        XCTAssertTrue(selectedLine.contains("\u{1B}[7m") || selectedLine.contains(";7m") || selectedLine.contains("[7;"), "selected row not in reverse video: \(selectedLine.debugDescription)")
    }

    func testMonochromeTerminalKeepsSelectionVisible() throws {
        let tmux = try start(environment: "TERM=xterm-mono")
        tmux.waitFor("Hilum  terminal check")
        let screen = tmux.capture(escapes: true)
        let selectedLine = screen.split(separator: "\n").first { $0.contains("Baker, Tom") } ?? ""
        XCTAssertTrue(selectedLine.contains("7m") || selectedLine.contains("[7;"), "selected row not in reverse video: \(selectedLine.debugDescription)")
    }

    func testUnknownTermPrintsError() throws {
        let tmux = try start(environment: "TERM=no-such-terminal")
        let screen = tmux.waitFor("EXIT=2")
        XCTAssertTrue(screen.contains("TERM=no-such-terminal is not in the terminfo database"), screen)
    }

    func testDumbTermPrintsError() throws {
        let tmux = try start(environment: "TERM=dumb")
        let screen = tmux.waitFor("EXIT=2")
        XCTAssertTrue(screen.contains("TERM=dumb cannot move the cursor"), screen)
    }

    func testStandardInputNotTerminalPrintsError() throws {
        let tmux = try start(arguments: "</dev/null")
        let screen = tmux.waitFor("EXIT=2")
        XCTAssertTrue(screen.contains("standard input is not a terminal"), screen)
    }
}
