import HilumPreview
import XCTest

final class TerminalGraphicsTests: XCTestCase {
    func testTmuxAlwaysGetsSymbols() throws {
        let mode = try TerminalGraphics.mode(environment: ["TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"], colors: 256)
        XCTAssertEqual(mode, .symbols(.palette256))
        XCTAssertEqual(try TerminalGraphics.mode(environment: ["TERM": "tmux-256color"], colors: 256), .symbols(.palette256))
        XCTAssertEqual(try TerminalGraphics.mode(environment: ["TERM": "screen"], colors: 16), .symbols(.palette16))
    }

    func testEightColoursGetTextSymbols() throws {
        XCTAssertEqual(try TerminalGraphics.mode(environment: ["TERM": "screen"], colors: 8), .symbols(.none))
        XCTAssertEqual(try TerminalGraphics.mode(environment: ["TERM": "xterm"], colors: 8), .symbols(.none))
    }

    func testProbeAnsweringSixelGetsSixel() throws {
        XCTAssertEqual(try TerminalGraphics.mode(environment: ["TERM": "xterm"], colors: 8, probe: { true }), .sixel)
        XCTAssertEqual(try TerminalGraphics.mode(environment: ["TERM": "xterm-256color"], colors: 256, probe: { false }), .symbols(.palette256))
    }

    func testProbeSkippedInTmux() throws {
        var probed = false
        let mode = try TerminalGraphics.mode(environment: ["TERM": "xterm", "TMUX": "/tmp/tmux-0/default,1,0"], colors: 256,
                                             probe: { probed = true; return true })
        XCTAssertEqual(mode, .symbols(.palette256))
        XCTAssertFalse(probed)
    }

    /// Replies as xterm 379 sends them with and without -ti vt340, and kitty 0.26.5.
    func testDeviceAttributesListSixel() {
        XCTAssertTrue(TerminalGraphics.deviceAttributesListSixel(Array("\u{1B}[?63;1;2;4;6;9;15;16;22;28c".utf8)))
        XCTAssertFalse(TerminalGraphics.deviceAttributesListSixel(Array("\u{1B}[?64;1;2;6;9;15;16;17;18;21;22;28c".utf8)))
        XCTAssertFalse(TerminalGraphics.deviceAttributesListSixel(Array("\u{1B}[?62;c".utf8)))
        XCTAssertFalse(TerminalGraphics.deviceAttributesListSixel(Array("\u{1B}[?4;2c".utf8)), "4 as the class is a VT132, not sixel")
        XCTAssertFalse(TerminalGraphics.deviceAttributesListSixel(Array("\u{1B}[?63;1;2;4".utf8)), "an unfinished reply")
        XCTAssertTrue(TerminalGraphics.deviceAttributesListSixel(Array("x\u{1B}[?62;4c".utf8)), "a key typed before the reply")
    }

    func testKittyOutsideTmuxGetsKitty() throws {
        XCTAssertEqual(try TerminalGraphics.mode(environment: ["TERM": "xterm-kitty"], colors: 256), .kitty)
    }

    func testSixelTerminalGetsSixel() throws {
        XCTAssertEqual(try TerminalGraphics.mode(environment: ["TERM": "mlterm"], colors: 256), .sixel)
    }

    func testPlainXtermGetsSymbols() throws {
        XCTAssertEqual(try TerminalGraphics.mode(environment: ["TERM": "xterm-256color"], colors: 256), .symbols(.palette256))
    }

    func testMonochromeGetsTextSymbols() throws {
        XCTAssertEqual(try TerminalGraphics.mode(environment: ["TERM": "xterm"], colors: 0), .symbols(.none))
    }

    func testOverrideWins() throws {
        XCTAssertEqual(try TerminalGraphics.mode(environment: ["TERM": "xterm-kitty", "HILUM_PREVIEW": "text"], colors: 256), .symbols(.none))
        XCTAssertNil(try TerminalGraphics.mode(environment: ["HILUM_PREVIEW": "off"], colors: 256))
    }

    func testInvalidOverrideNamesTheChoices() {
        XCTAssertThrowsError(try TerminalGraphics.mode(environment: ["HILUM_PREVIEW": "ascii"], colors: 256)) { error in
            XCTAssertEqual("\(error)", "invalid HILUM_PREVIEW value \"ascii\"; use one of auto, text, symbols, sixel, kitty, off")
        }
    }
}
