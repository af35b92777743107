import XCTest
@testable import HilumTerminal

final class KeyDecoderTests: XCTestCase {
    /// Input covering every sequence kind, and the keys it must decode to.
    let input = "j\u{1B}[A\u{1B}OB\u{1B}[5~\u{1B}[6~\u{1B}[H\u{1B}[4~\u{1B}[Z\u{1B}OP\u{1B}[15~\u{1B}x\r\t\u{7F}\u{04}\u{1B}[200~pasted\rtext\u{1B}[201~G"
    let expected: [Key] = [
        .character("j"), .up, .down, .pageUp, .pageDown, .home, .end, .backTab, .function(1), .function(5),
        .alt("x"), .enter, .tab, .backspace, .control("d"), .paste("pasted\ntext"), .character("G"),
    ]

    func testAllAtOnce() {
        var decoder = KeyDecoder()
        XCTAssertEqual(decoder.feed(input) + decoder.flush(), expected)
    }

    func testOneScalarAtATime() {
        var decoder = KeyDecoder()
        var keys: [Key] = []
        for scalar in input.unicodeScalars { keys += decoder.feed([scalar]) }
        XCTAssertEqual(keys + decoder.flush(), expected)
    }

    func testRandomChunks() {
        var generator = SystemRandomNumberGenerator()
        let scalars = Array(input.unicodeScalars)
        for _ in 0..<50 {
            var decoder = KeyDecoder()
            var keys: [Key] = []
            var index = 0
            while index < scalars.count {
                let length = Int.random(in: 1...7, using: &generator)
                keys += decoder.feed(scalars[index..<min(scalars.count, index + length)])
                index += length
            }
            XCTAssertEqual(keys + decoder.flush(), expected)
        }
    }

    func testLoneEscapeWaitsForFlush() {
        var decoder = KeyDecoder()
        XCTAssertEqual(decoder.feed("\u{1B}"), [])
        XCTAssertEqual(decoder.flush(), [.escape])
    }

    func testDoubleEscapeIsTwoEscapes() {
        var decoder = KeyDecoder()
        XCTAssertEqual(decoder.feed("\u{1B}\u{1B}") + decoder.flush(), [.escape, .escape])
    }

    func testUnknownSequenceIsDropped() {
        var decoder = KeyDecoder()
        XCTAssertEqual(decoder.feed("\u{1B}[99~k"), [.character("k")])
    }

    func testPasteEscapeInsideIsKeptAsText() {
        var decoder = KeyDecoder()
        XCTAssertEqual(decoder.feed("\u{1B}[200~a\u{1B}b\u{1B}[201~"), [.paste("a\u{1B}b")])
    }

    func testWideCharactersPassThrough() {
        var decoder = KeyDecoder()
        XCTAssertEqual(decoder.feed("王é"), [.character("王"), .character("é")])
    }
}
