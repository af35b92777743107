import HilumPreview
import XCTest

final class TerminalGraphicsTests: XCTestCase {
    func testTmuxAlwaysGetsSymbols() throws {
        let mode = try TerminalGraphics.mode(environment: ["TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"], colors: 256)
        XCTAssertEqual(mode, .symbols(.palette256))
        XCTAssertEqual(try TerminalGraphics.mode(environment: ["TERM": "tmux-256color"], colors: 256), .symbols(.palette256))
        XCTAssertEqual(try TerminalGraphics.mode(environment: ["TERM": "screen"], colors: 8), .symbols(.palette16))
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
