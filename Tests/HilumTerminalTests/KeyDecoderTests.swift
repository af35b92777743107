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

    func testLateTerminalRepliesAreDropped() {
        // Device attributes (primary and secondary), and a sequence with an intermediate byte.
        let replies = "\u{1B}[?63;1;2;4;6;9;15;16;17;18;21;22;28c1\u{1B}[>41;379;0c2\u{1B}[2 q3"
        var decoder = KeyDecoder()
        XCTAssertEqual(decoder.feed(replies) + decoder.flush(), [.character("1"), .character("2"), .character("3")])
        var byScalar = KeyDecoder()
        var keys: [Key] = []
        for scalar in replies.unicodeScalars { keys += byScalar.feed([scalar]) }
        XCTAssertEqual(keys + byScalar.flush(), [.character("1"), .character("2"), .character("3")])
    }

    func testModifiedArrowStaysAKey() {
        var decoder = KeyDecoder()
        XCTAssertEqual(decoder.feed("\u{1B}[1;5A\u{1B}[1;2B"), [.up, .down])
    }

    func testMalformedSequenceKeepsFollowingKeys() {
        var decoder = KeyDecoder()
        XCTAssertEqual(decoder.feed("\u{1B}[12\rx"), [.enter, .character("x")])
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
