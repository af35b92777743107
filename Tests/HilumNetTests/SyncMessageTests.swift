import HilumCore
import HilumNet
import XCTest

/// The plaintext of sync frames: every message type survives a round trip
/// through the encoder, the frame decoder and the message decoder, and each
/// malformed message is rejected with a DecodeError that names its field.
final class SyncMessageTests: XCTestCase {
    private let author = Key32(unchecked: (0..<32).map { UInt8($0) })
    private let other = Key32(unchecked: (0..<32).map { UInt8(255 - $0) })

    private var samples: [SyncMessage] {
        [
            .frontier(heads: [(author, UInt64(1)), (other, UInt64.max)], forked: [other], final: true),
            .frontier(heads: [], forked: [], final: false),
            .events(batch: 7, [WireEvent(encoded: [1, 2, 3], witnessedAt: nil), WireEvent(encoded: [4], witnessedAt: 1_767_225_600_000),
                               WireEvent(encoded: [], witnessedAt: 0)]),
            .events(batch: 0, []),
            .caughtUp(sent: 12_345),
            .ack(Acknowledgment(batch: 3, stored: 2, duplicates: 1, rejected: 0,
                                witnesses: [WitnessedEvent(id: author, witnessedAt: 1_767_225_600_001)])),
            .ack(Acknowledgment(batch: 4, stored: 0, duplicates: 0, rejected: 5, witnesses: [])),
            .ping(UInt64.max),
            .pong(0),
            .bye(reason: "sync complete"),
            .bye(reason: ""),
        ]
    }

    /// Returns the field or context that a decode error names.
    private func field(of error: DecodeError) -> String {
        switch error {
        case let .truncated(field, _, _), let .tooLong(field, _, _), let .invalidUTF8(field), let .invalidValue(field, _):
            field
        case let .trailingBytes(context, _):
            context
        case .unknownKind:
            "event.kind"
        case let .unsupportedVersion(what, _, _):
            what
        }
    }

    private func assertRejected(_ bytes: [UInt8], field expected: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let message = try SyncMessage(decoding: bytes)
            XCTFail("decoded as \(message.name); expected an error naming \(expected)", file: file, line: line)
        } catch {
            XCTAssertEqual(field(of: error), expected, "\(error)", file: file, line: line)
        }
    }

    private func uint32(_ value: UInt32) -> [UInt8] {
        var writer = ByteWriter()
        writer.write(value)
        return writer.bytes
    }

    private func int64(_ value: Int64) -> [UInt8] {
        var writer = ByteWriter()
        writer.write(value)
        return writer.bytes
    }

    func testEveryMessageTypeRoundTrips() throws {
        for message in samples {
            let decoded = try SyncMessage(decoding: message.encoded())
            XCTAssertEqual(decoded.name, message.name)
            XCTAssertEqual(decoded.encoded(), message.encoded(), message.name)
        }
    }

    func testDecodedFieldsMatchTheEncodedOnes() throws {
        guard case let .events(batch, events) = try SyncMessage(decoding: samples[2].encoded()) else { return XCTFail("not events") }
        XCTAssertEqual(batch, 7)
        XCTAssertEqual(events.map(\.encoded), [[1, 2, 3], [4], []])
        XCTAssertEqual(events.map(\.witnessedAt), [nil, 1_767_225_600_000, 0])
        guard case let .frontier(heads, forked, final) = try SyncMessage(decoding: samples[0].encoded()) else { return XCTFail("not a frontier") }
        XCTAssertEqual(heads.map(\.0), [author, other])
        XCTAssertEqual(heads.map(\.1), [1, UInt64.max])
        XCTAssertEqual(forked, [other])
        XCTAssertTrue(final)
        guard case let .ack(ack) = try SyncMessage(decoding: samples[5].encoded()) else { return XCTFail("not an ack") }
        XCTAssertEqual(ack, Acknowledgment(batch: 3, stored: 2, duplicates: 1, rejected: 0,
                                           witnesses: [WitnessedEvent(id: author, witnessedAt: 1_767_225_600_001)]))
        guard case let .bye(reason) = try SyncMessage(decoding: samples[9].encoded()) else { return XCTFail("not a bye") }
        XCTAssertEqual(reason, "sync complete")
    }

    func testMessagesRoundTripThroughFramesInRandomPieces() throws {
        let messages = samples
        let stream = messages.flatMap { FrameDecoder.frame($0.encoded()) }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            var decoder = FrameDecoder(maximum: SyncMessage.maxSize)
            var decoded: [SyncMessage] = []
            var offset = 0
            while offset < stream.count {
                let end = min(stream.count, offset + Int.random(in: 1...40, using: &generator))
                decoder.append(stream[offset..<end])
                offset = end
                while let frame = try decoder.next() { decoded.append(try SyncMessage(decoding: frame)) }
            }
            XCTAssertEqual(decoded.map { $0.encoded() }, messages.map { $0.encoded() })
        }
    }

    func testTypeMustBeKnown() {
        assertRejected([], field: "frame.type")
        for tag: UInt8 in [0, 8, 255] {
            assertRejected([tag], field: "frame.type")
        }
    }

    func testCountsOverLimitsAreRejected() {
        assertRejected([1] + uint32(UInt32(SyncMessage.maxFrontierPerFrame + 1)), field: "frontier.heads")
        assertRejected([1] + uint32(0) + uint32(UInt32(SyncMessage.maxFrontierPerFrame + 1)), field: "frontier.forked")
        assertRejected([2] + int64(1) + uint32(UInt32(SyncMessage.maxEventsPerFrame + 1)), field: "events.count")
        assertRejected([4] + int64(1) + uint32(0) + uint32(0) + uint32(0) + uint32(UInt32(SyncMessage.maxEventsPerFrame + 1)),
                       field: "ack.witnesses")
        assertRejected([2] + int64(1) + uint32(1) + int64(-1) + uint32(UInt32(Event.maxEncodedSize + 1)), field: "events.event")
        var reason = ByteWriter()
        reason.write(String(repeating: "x", count: SyncMessage.maxReasonLength + 1))
        assertRejected([7] + reason.bytes, field: "bye.reason")
        assertRejected([UInt8](repeating: 5, count: SyncMessage.maxSize + 1), field: "frame")
    }

    func testCountsBeyondTheBytesAreTruncated() {
        assertRejected([2] + int64(1) + uint32(3) + int64(-1) + uint32(1) + [9], field: "events.witnessedAt")
        assertRejected([1] + uint32(2) + author.bytes + int64(1), field: "frontier.author")
        assertRejected([3, 0, 0], field: "caughtUp.sent")
    }

    func testTrailingBytesAreRejected() {
        for message in samples {
            assertRejected(message.encoded() + [0], field: "\(message.name) frame")
        }
    }

    func testNegativeTimesAreRejected() {
        assertRejected([2] + int64(1) + uint32(1) + int64(-2) + uint32(0), field: "events.witnessedAt")
        assertRejected([2] + int64(1) + uint32(1) + int64(Int64.min) + uint32(0), field: "events.witnessedAt")
        let ackPrefix = [4] + int64(1) + uint32(1) + uint32(0) + uint32(0) + uint32(1) + author.bytes
        assertRejected(ackPrefix + int64(-5), field: "ack.witnessedAt")
        // The "none" marker (-1) is allowed for an event but an acknowledgment must carry a time.
        assertRejected(ackPrefix + int64(-1), field: "ack.witnessedAt")
    }

    func testInvalidValuesAreRejected() {
        assertRejected([1] + uint32(0) + uint32(0) + [2], field: "frontier.final")
        assertRejected([7] + uint32(2) + [0xC3, 0x28], field: "bye.reason")
    }
}
