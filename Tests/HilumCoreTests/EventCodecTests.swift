import HilumCore
import XCTest

final class EventCodecTests: XCTestCase {
    private let withdrawal = WithdrawalBody(target: Keys.bid).encoded()

    private var validEvent: [UInt8] { eventBytes(kind: .withdrawal, body: withdrawal) }

    func testHeaderWireBytes() {
        let bytes = Event.unsignedBytes(kind: .criticalResult, author: key(0x21), sequence: 0x0102,
                                        previous: key(0xEE), timestamp: 0x0000_0193_9B6C_5A00, body: [0xAA, 0xBB])
        var expected: [UInt8] = [1, 0x00, 24]
        expected += [UInt8](repeating: 0x21, count: 32)
        expected += [0, 0, 0, 0, 0, 0, 0x01, 0x02]
        expected += [UInt8](repeating: 0xEE, count: 32)
        expected += [0x00, 0x00, 0x01, 0x93, 0x9B, 0x6C, 0x5A, 0x00]
        expected += [0, 0, 0, 2, 0xAA, 0xBB]
        XCTAssertEqual(bytes, expected)
        XCTAssertEqual(bytes.count, Event.headerSize + 2)
    }

    func testFirstEventOfFeed() throws {
        let bytes = eventBytes(kind: .withdrawal, body: withdrawal, sequence: 1, previous: .zero)
        let event = try Event(decoding: bytes)
        XCTAssertEqual(event.sequence, 1)
        XCTAssertEqual(event.previous, .zero)
    }

    func testTimestampZeroAccepted() throws {
        let event = try Event(decoding: eventBytes(kind: .withdrawal, body: withdrawal, timestamp: 0))
        XCTAssertEqual(event.timestamp, 0)
    }

    func testLargestSequenceAccepted() throws {
        let largest = UInt64(Int64.max) - 1
        let event = try Event(decoding: eventBytes(kind: .withdrawal, body: withdrawal, sequence: largest))
        XCTAssertEqual(event.sequence, largest)
    }

    // MARK: - Truncation

    func testTruncatedAtEveryPrefixOfEveryKind() {
        for sample in bodySamples {
            let bytes = eventBytes(kind: sample.kind, body: sample.encoded)
            let layout = Layout.event(bodySize: sample.encoded.count)
            XCTAssertEqual(layout.size, bytes.count, sample.name)
            for length in 0..<bytes.count {
                guard let expected = layout.truncationError(atLength: length) else {
                    XCTFail("layout has no error for \(length) of \(bytes.count) bytes")
                    continue
                }
                assertEventError(expected, Array(bytes.prefix(length)), "\(sample.name), first \(length) bytes")
            }
        }
    }

    func testTruncatedExamples() {
        // A few prefixes spelled out, so a failure of the loop above can be read by hand.
        let bytes = validEvent
        assertEventError(.truncated(field: "version", needed: 1, available: 0), [])
        assertEventError(.truncated(field: "kind", needed: 2, available: 1), Array(bytes.prefix(2)))
        assertEventError(.truncated(field: "author", needed: 32, available: 0), Array(bytes.prefix(3)))
        assertEventError(.truncated(field: "body", needed: 4, available: 3), Array(bytes.prefix(Event.headerSize - 1)))
        assertEventError(.truncated(field: "body", needed: 33, available: 0), Array(bytes.prefix(Event.headerSize)))
        assertEventError(.truncated(field: "signature", needed: 64, available: 63), Array(bytes.dropLast()))
    }

    // MARK: - Size limits

    func testEventOverMaximumSize() {
        var bytes = validEvent
        bytes += [UInt8](repeating: 0, count: Event.maxEncodedSize + 1 - bytes.count)
        assertEventError(.tooLong(field: "event", length: Event.maxEncodedSize + 1, maximum: Event.maxEncodedSize), bytes)
    }

    func testBodyLengthOverMaximum() {
        // The declared length alone is enough to reject the body, before its bytes are read.
        var bytes = Array(validEvent.prefix(Event.headerSize - 4))
        let length = UInt32(Event.maxBodySize + 1)
        bytes += [UInt8(length >> 24), UInt8(truncatingIfNeeded: length >> 16), UInt8(truncatingIfNeeded: length >> 8),
                  UInt8(truncatingIfNeeded: length)]
        bytes += withdrawal + dummySignature
        assertEventError(.tooLong(field: "body", length: Event.maxBodySize + 1, maximum: Event.maxBodySize), bytes)
    }

    func testBodyOfMaximumSizeReachesBodyDecoder() {
        // A body of exactly maxBodySize bytes passes the event's limit. The withdrawal decoder then rejects the padding.
        let body = withdrawal + [UInt8](repeating: 0, count: Event.maxBodySize - withdrawal.count)
        let bytes = eventBytes(kind: .withdrawal, body: body)
        XCTAssertEqual(bytes.count, Event.maxEncodedSize)
        assertEventError(.trailingBytes(context: "withdrawal body", count: Event.maxBodySize - withdrawal.count), bytes)
    }

    // MARK: - Header values

    func testUnknownKind() {
        for raw: UInt16 in [0, 6, 9, 17, 27, 34, 0xFFFF] {
            var bytes = validEvent
            bytes[1] = UInt8(raw >> 8)
            bytes[2] = UInt8(truncatingIfNeeded: raw)
            assertEventError(.unknownKind(raw), bytes, "kind \(raw)")
        }
    }

    func testUnknownFormatVersion() {
        for version: UInt8 in [0, 2, 255] {
            var bytes = validEvent
            bytes[0] = version
            assertEventError(.unsupportedVersion(what: "event format", version: version, supported: 1), bytes)
        }
    }

    func testTrailingBytesAfterSignature() {
        assertEventError(.trailingBytes(context: "event", count: 1), validEvent + [0])
        assertEventError(.trailingBytes(context: "event", count: 64), validEvent + dummySignature)
    }

    func testSequenceZero() {
        assertEventError(.invalidValue(field: "sequence", reason: "0 is out of range; feeds start at 1"),
                         eventBytes(kind: .withdrawal, body: withdrawal, sequence: 0, previous: .zero))
    }

    func testSequenceAtInt64Max() {
        let sequence = UInt64(Int64.max)
        assertEventError(.invalidValue(field: "sequence", reason: "\(sequence) is out of range; feeds start at 1"),
                         eventBytes(kind: .withdrawal, body: withdrawal, sequence: sequence))
        assertEventError(.invalidValue(field: "sequence", reason: "\(UInt64.max) is out of range; feeds start at 1"),
                         eventBytes(kind: .withdrawal, body: withdrawal, sequence: .max))
    }

    func testFirstEventNamingPrevious() {
        assertEventError(.invalidValue(field: "previous", reason: "the first event of a feed must name no previous event"),
                         eventBytes(kind: .withdrawal, body: withdrawal, sequence: 1, previous: key(0xEE)))
    }

    func testLaterEventWithoutPrevious() {
        assertEventError(.invalidValue(field: "previous", reason: "only the first event may name no previous event"),
                         eventBytes(kind: .withdrawal, body: withdrawal, sequence: 2, previous: .zero))
    }

    func testNegativeTimestamp() {
        assertEventError(.invalidValue(field: "timestamp", reason: "-1 is before 1970"),
                         eventBytes(kind: .withdrawal, body: withdrawal, timestamp: -1))
        assertEventError(.invalidValue(field: "timestamp", reason: "\(Int64.min) is before 1970"),
                         eventBytes(kind: .withdrawal, body: withdrawal, timestamp: .min))
    }

    func testHeaderCheckedBeforeBody() {
        // An event that is wrong in both places reports the header first.
        assertEventError(.invalidValue(field: "timestamp", reason: "-5 is before 1970"),
                         eventBytes(kind: .withdrawal, body: [2], timestamp: -5))
    }

    func testBodyOfWrongKind() {
        // A bid body under the withdrawal kind: the first 32 bytes fit, the rest is left over.
        let bid = BidBody(posting: Keys.posting, price: 6_000, currency: "USD", turnaroundMinutes: 180).encoded()
        assertEventError(.trailingBytes(context: "withdrawal body", count: bid.count - withdrawal.count),
                         eventBytes(kind: .withdrawal, body: bid))
    }

    // MARK: - Signature length

    func testUnsignedInitRejectsShortSignature() {
        let unsigned = Array(validEvent.dropLast(64))
        assertDecodeError(.invalidValue(field: "signature", reason: "63 bytes, expected 64")) { () throws(DecodeError) in
            try Event(unsigned: unsigned, signature: Array(dummySignature.dropLast()))
        }
        assertDecodeError(.invalidValue(field: "signature", reason: "65 bytes, expected 64")) { () throws(DecodeError) in
            try Event(unsigned: unsigned, signature: dummySignature + [0])
        }
        assertDecodeError(.invalidValue(field: "signature", reason: "0 bytes, expected 64")) { () throws(DecodeError) in
            try Event(unsigned: unsigned, signature: [])
        }
    }

    func testEqualityComparesEncoding() throws {
        let one = try Event(decoding: validEvent)
        let same = try Event(decoding: validEvent)
        var otherSignature = validEvent
        otherSignature[otherSignature.count - 1] ^= 1
        let other = try Event(decoding: otherSignature)
        XCTAssertEqual(one, same)
        XCTAssertNotEqual(one, other)
    }
}
