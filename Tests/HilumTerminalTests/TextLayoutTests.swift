import XCTest
@testable import HilumTerminal

final class TextLayoutTests: XCTestCase {
    func testTruncateLeavesShortTextAlone() {
        XCTAssertEqual(TextLayout.truncate("MR Knee", to: 10), "MR Knee")
    }

    func testTruncateEndsInEllipsis() {
        XCTAssertEqual(TextLayout.truncate("Schmidt, Anna", to: 8), "Schmidt…")
    }

    func testTruncateNeverSplitsWideCharacter() {
        let name = "長谷川 一二三四五六七八九十"
        XCTAssertEqual(TextLayout.truncate(name, to: 20), "長谷川 一二三四五六…")
        // One cell left before the cut: filled with a space, then the ellipsis.
        XCTAssertEqual(TextLayout.truncate(name, to: 19), "長谷川 一二三四五 …")
        XCTAssertEqual(DisplayWidth.width(of: TextLayout.truncate(name, to: 19)), 19)
    }

    func testTruncateKeepsCombiningMarkWithBase() {
        let cut = TextLayout.truncate("Jose\u{301} Mari\u{301}a", to: 5)
        XCTAssertEqual(cut.precomposedStringWithCanonicalMapping, "Jos\u{E9}…")
    }

    func testTruncateWithASCIIEllipsis() {
        XCTAssertEqual(TextLayout.truncate("Schmidt, Anna", to: 8, ellipsis: TextLayout.asciiEllipsis), "Schmidt~")
    }

    func testFitPadsToExactWidth() {
        XCTAssertEqual(TextLayout.fit("CT", to: 4), "CT  ")
        XCTAssertEqual(TextLayout.fit("7", to: 3, alignment: .right), "  7")
        XCTAssertEqual(TextLayout.fit("ab", to: 6, alignment: .center), "  ab  ")
    }

    func testWrapBreaksAtSpaces() {
        XCTAssertEqual(TextLayout.wrap("read the chest film now", width: 10), ["read the", "chest film", "now"])
    }

    func testWrapBreaksLongWordByWidth() {
        XCTAssertEqual(TextLayout.wrap("長い検査説明文", width: 6), ["長い検", "査説明", "文"])
    }

    func testWrapKeepsBlankLines() {
        XCTAssertEqual(TextLayout.wrap("a\n\nb", width: 5), ["a", "", "b"])
    }

    func testStyledWrapKeepsRolesAndIndent() {
        let lines = StyledWrap.wrap([Span("keys ", .helpKey), Span("one two three", .helpText)], width: 10, hangingIndent: 5)
        XCTAssertEqual(lines.map { $0.map(\.text).joined() }, ["keys one", "     two", "     three"])
        XCTAssertEqual(lines[0].first?.role, .helpKey)
        XCTAssertEqual(lines[1].last?.role, .helpText)
    }
}
