import HilumCore
import HilumNet
import XCTest

/// The length-prefixed framing, fed whole, byte by byte and in random pieces.
final class FrameDecoderTests: XCTestCase {
    private func frames(_ count: Int) -> [[UInt8]] {
        (0..<count).map { index in (0..<(index * 37 % 300)).map { UInt8(($0 + index) & 0xff) } }
    }

    private func decodeAll(_ stream: [UInt8], pieces: [Int]) throws -> [[UInt8]] {
        var decoder = FrameDecoder(maximum: 1 << 20)
        var out: [[UInt8]] = []
        var offset = 0
        for size in pieces where offset < stream.count {
            let end = min(stream.count, offset + size)
            decoder.append(stream[offset..<end])
            offset = end
            while let frame = try decoder.next() { out.append(frame) }
        }
        XCTAssertFalse(decoder.isMidFrame)
        return out
    }

    func testWholeByteByByteAndRandomChunksGiveTheSameFrames() throws {
        let expected = frames(200)
        let stream = expected.flatMap(FrameDecoder.frame)
        XCTAssertEqual(try decodeAll(stream, pieces: [stream.count]), expected)
        XCTAssertEqual(try decodeAll(stream, pieces: Array(repeating: 1, count: stream.count)), expected)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let pieces = (0..<stream.count).map { _ in Int.random(in: 1...700, using: &generator) }
            XCTAssertEqual(try decodeAll(stream, pieces: pieces), expected)
        }
    }

    func testOversizedLengthIsRejectedBeforeItsBytesArrive() {
        var decoder = FrameDecoder(maximum: 1000)
        decoder.append([0, 0, 0x03, 0xE9])
        XCTAssertThrowsError(try decoder.next()) { error in
            XCTAssertEqual("\(error)", "frame of 1001 bytes is over the 1000-byte limit")
        }
    }

    func testPartialFrameWaitsAndReportsMidFrame() throws {
        var decoder = FrameDecoder(maximum: 1000)
        decoder.append(FrameDecoder.frame([1, 2, 3]).prefix(5))
        XCTAssertNil(try decoder.next())
        XCTAssertTrue(decoder.isMidFrame)
        decoder.append([2, 3])
        XCTAssertEqual(try decoder.next(), [1, 2, 3])
        XCTAssertFalse(decoder.isMidFrame)
    }
}
