import XCTest
@testable import HilumTerminal

final class DisplayWidthTests: XCTestCase {
    func testASCIIIsOneCell() {
        XCTAssertEqual(DisplayWidth.width(of: "Baker, Tom"), 10)
    }

    func testCJKAndHangulAreTwoCells() {
        XCTAssertEqual(DisplayWidth.width(of: "王 秀英"), 7)
        XCTAssertEqual(DisplayWidth.width(of: "김 민준"), 7)
        XCTAssertEqual(DisplayWidth.width(of: "。"), 2)
    }

    func testFullwidthLatinIsTwoCells() {
        XCTAssertEqual(DisplayWidth.width(of: "Ｆｕｌｌ"), 8)
    }

    func testNFDAndNFCHaveSameWidth() {
        let nfd = "Jose\u{301} Mari\u{301}a"
        let nfc = "Jos\u{E9} Mar\u{ED}a"
        XCTAssertEqual(DisplayWidth.width(of: nfd), 10)
        XCTAssertEqual(DisplayWidth.width(of: nfc), 10)
        XCTAssertEqual(DisplayWidth.width(of: "Nguye\u{302}\u{303}n"), 6)
    }

    func testNFDClusterDisplaysComposed() {
        XCTAssertEqual(DisplayWidth.displayForm(of: "e\u{301}"), "\u{E9}")
    }

    func testEmojiWithVS16DropsSelectorAndTakesOneCell() {
        let warning: Character = "\u{26A0}\u{FE0F}"
        XCTAssertEqual(DisplayWidth.displayForm(of: warning), "\u{26A0}")
        XCTAssertEqual(DisplayWidth.width(of: warning), 1)
    }

    func testEmojiPresentationIsTwoCells() {
        XCTAssertEqual(DisplayWidth.width(of: "😀" as Character), 2)
    }

    func testZWJSequenceKeepsFirstEmoji() {
        let family: Character = "👩\u{200D}👧"
        XCTAssertEqual(DisplayWidth.displayForm(of: family), "👩")
        XCTAssertEqual(DisplayWidth.width(of: family), 2)
    }

    func testControlCharactersAreReplaced() {
        XCTAssertEqual(DisplayWidth.displayForm(of: "\u{1B}"), "\u{FFFD}")
        XCTAssertEqual(DisplayWidth.displayForm(of: "\u{9B}"), "\u{FFFD}")
    }
}
