import HilumCore
import XCTest

final class BodyRoundTripTests: XCTestCase {
    func testSamplesCoverEveryKind() {
        let covered = Set(bodySamples.map(\.kind))
        for kind in EventKind.allCases {
            XCTAssertTrue(covered.contains(kind), "no sample body for \(kind.name)")
        }
    }

    func testLayoutsMatchEncodedSize() {
        // The truncation tests trust these layouts, so check them against the encoder first.
        for sample in bodySamples {
            XCTAssertEqual(sample.layout.size, sample.encoded.count, sample.name)
        }
    }

    func testBodyStartsWithVersionOne() {
        for sample in bodySamples {
            XCTAssertEqual(sample.encoded.first, 1, sample.name)
        }
    }

    func testBodyDecodesToSameContent() throws {
        for sample in bodySamples {
            let content = try EventContent(kind: sample.kind, body: sample.encoded)
            XCTAssertEqual(content, sample.content, sample.name)
        }
    }

    func testDecodeThenEncodeIsIdentity() throws {
        for sample in bodySamples {
            let bytes = sample.encoded
            let content = try EventContent(kind: sample.kind, body: bytes)
            XCTAssertEqual(encodedBody(of: content), bytes, sample.name)
        }
    }

    func testEventRoundTripForEveryKind() throws {
        for sample in bodySamples {
            let bytes = eventBytes(kind: sample.kind, body: sample.encoded)
            let event = try Event(decoding: bytes)

            XCTAssertEqual(event.kind, sample.kind, sample.name)
            XCTAssertEqual(event.author, Keys.radiologistDevice, sample.name)
            XCTAssertEqual(event.sequence, 2, sample.name)
            XCTAssertEqual(event.previous, key(0xEE), sample.name)
            XCTAssertEqual(event.timestamp, sampleTimestamp, sample.name)
            XCTAssertEqual(event.body, sample.encoded, sample.name)
            XCTAssertEqual(event.signature, dummySignature, sample.name)
            XCTAssertEqual(event.content, sample.content, sample.name)
            XCTAssertEqual(event.encoded, bytes, sample.name)
            XCTAssertEqual(Array(event.signedBytes), Array(bytes.dropLast(64)), sample.name)

            let reencoded = Event.unsignedBytes(kind: event.kind, author: event.author, sequence: event.sequence,
                                                previous: event.previous, timestamp: event.timestamp,
                                                body: encodedBody(of: event.content)) + event.signature
            XCTAssertEqual(reencoded, bytes, sample.name)
        }
    }

    func testUnsignedInitMatchesDecoding() throws {
        for sample in bodySamples {
            let unsigned = Event.unsignedBytes(kind: sample.kind, author: Keys.radiologistDevice, sequence: 2,
                                               previous: key(0xEE), timestamp: sampleTimestamp, body: sample.encoded)
            let event = try Event(unsigned: unsigned, signature: dummySignature)
            XCTAssertEqual(event, try Event(decoding: unsigned + dummySignature), sample.name)
            XCTAssertEqual(event.content, sample.content, sample.name)
        }
    }

    func testEqualBodiesEncodeToSameBytes() {
        // Two values built separately from the same fields: the encoding depends on the values only.
        let first = PostingBody(modality: "MR", bodyRegion: "BRAIN", procedure: "MR BRAIN W WO CONTRAST", priority: .stat,
                                deadlineSeconds: 3_600, price: 12_000, currency: "USD", jurisdiction: "US-TX",
                                subspecialty: "NEURO", seriesCount: 9, instanceCount: 640,
                                aiFindings: [AIFinding(code: "HEMORRHAGE", scorePerMille: 870)])
        let second = PostingBody(modality: "MR", bodyRegion: "BRAIN", procedure: "MR BRAIN W WO CONTRAST", priority: .stat,
                                 deadlineSeconds: 3_600, price: 12_000, currency: "USD", jurisdiction: "US-TX",
                                 subspecialty: "NEURO", seriesCount: 9, instanceCount: 640,
                                 aiFindings: [AIFinding(code: "HEMORRHAGE", scorePerMille: 870)])
        XCTAssertEqual(first, second)
        XCTAssertEqual(first.encoded(), second.encoded())
        XCTAssertEqual(eventBytes(kind: .posting, body: first.encoded()), eventBytes(kind: .posting, body: second.encoded()))
    }

    func testEncodingIsRepeatable() {
        for sample in bodySamples {
            XCTAssertEqual(sample.body.encoded(), sample.body.encoded(), sample.name)
        }
    }

    func testStaticDecodeMatchesEventContent() throws {
        let bid = BidBody(posting: Keys.posting, price: 6_000, currency: "USD", turnaroundMinutes: 180)
        XCTAssertEqual(try BidBody.decode(bid.encoded()), bid)
        let label = AILabelBody(posting: Keys.posting, findingCode: "PNEUMOTHORAX", label: .falseNegative)
        XCTAssertEqual(try AILabelBody.decode(label.encoded()), label)
    }

    func testBidWireBytes() {
        // Pins the canonical form: version, 32-byte key, big-endian u64, u32-length text, big-endian u32.
        let bid = BidBody(posting: key(0xAB), price: 0x0102_0304_0506_0708, currency: "USD", turnaroundMinutes: 0x0000_00B4)
        var expected: [UInt8] = [1]
        expected += [UInt8](repeating: 0xAB, count: 32)
        expected += [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08]
        expected += [0, 0, 0, 3] + Array("USD".utf8)
        expected += [0, 0, 0, 0xB4]
        XCTAssertEqual(bid.encoded(), expected)
    }

    func testFeedbackWireBytesForMissingRating() {
        // A missing rating travels as 0 and the absent envelope as flag 0.
        let feedback = FeedbackBody(report: key(0x01), rating: nil, isQuestion: false, sealed: nil)
        XCTAssertEqual(feedback.encoded(), [1] + [UInt8](repeating: 0x01, count: 32) + [0, 0, 0])
    }

    func testForkProofOrdersItsEvents() {
        let forward = ForkProofBody(first: forkedEvents.first, second: forkedEvents.second)
        let backward = ForkProofBody(first: forkedEvents.second, second: forkedEvents.first)
        XCTAssertEqual(forward, backward)
        XCTAssertEqual(forward.encoded(), backward.encoded())
        XCTAssertTrue(forward.first.lexicographicallyPrecedes(forward.second))
    }

    func testSealedPayloadsListsEveryEnvelope() throws {
        for sample in bodySamples {
            let content = try EventContent(kind: sample.kind, body: sample.encoded)
            let expected: [Sealed]
            switch content {
            case let .accessGrant(body): expected = [body.sealed]
            case let .report(body): expected = [body.sealed]
            case let .addendum(body): expected = [body.sealed]
            case let .followUpRecommendation(body): expected = [body.sealed]
            case let .criticalResult(body): expected = [body.sealed]
            case let .reply(body): expected = [body.sealed]
            case let .feedback(body): expected = body.sealed.map { [$0] } ?? []
            case let .peerReview(body): expected = body.sealed.map { [$0] } ?? []
            default: expected = []
            }
            XCTAssertEqual(content.sealedPayloads, expected, sample.name)
        }
    }

    func testKindNamesRoundTrip() {
        for kind in EventKind.allCases {
            XCTAssertEqual(EventKind(name: kind.name), kind)
        }
        XCTAssertNil(EventKind(name: "keyRotation"))
        XCTAssertEqual(Set(EventKind.allCases.map(\.name)).count, EventKind.allCases.count)
    }
}
