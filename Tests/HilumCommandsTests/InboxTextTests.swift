@testable import HilumCommands
import XCTest

/// Sealed text from other people printed by the inbox: indented, and never
/// able to send terminal control sequences to the reader's terminal.
final class InboxTextTests: XCTestCase {
    func testIndentPadsEveryLine() {
        XCTAssertEqual(indent("one\ntwo", by: 4), "    one\n    two")
    }

    func testIndentReplacesControlCharacters() {
        XCTAssertEqual(indent("a\u{1B}[2Jb\u{07}\u{9B}c"), "  a\u{FFFD}[2Jb\u{FFFD}\u{FFFD}c")
    }

    func testIndentSplitsWindowsLines() {
        XCTAssertEqual(indent("one\r\ntwo"), "  one\n  two")
    }

    func testIndentKeepsTabsAndUnicode() {
        XCTAssertEqual(indent("Cirugía\t🧠"), "  Cirugía\t🧠")
    }

    func testPrintableFlattensLineBreaks() {
        XCTAssertEqual(printable("nodule\r\n\u{1B}]52;c;x\u{07}"), "nodule\u{FFFD}\u{FFFD}\u{FFFD}]52;c;x\u{FFFD}")
    }
}
