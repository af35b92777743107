import HilumCore
import XCTest

/// Bodies that are not a canonical encoding: wrong version, leftover bytes,
/// flag bytes other than 0 and 1, invalid UTF-8, unknown enumeration values
/// and lengths over a field's maximum.
final class MalformedBodyTests: XCTestCase {
    private func patched(_ sample: BodySample, _ field: String, to value: UInt8) -> [UInt8] {
        var bytes = sample.encoded
        bytes[sample.layout.start(of: field)] = value
        return bytes
    }

    // MARK: - Version and trailing bytes

    func testUnknownBodyVersionForEveryKind() {
        for sample in bodySamples {
            for version: UInt8 in [0, 2, 255] {
                var body = sample.encoded
                body[0] = version
                assertBodyError(.unsupportedVersion(what: "\(sample.kind.name) body", version: version, supported: 1),
                                kind: sample.kind, body: body, sample.name)
            }
        }
    }

    func testTrailingBytesForEveryKind() {
        for sample in bodySamples {
            assertBodyError(.trailingBytes(context: "\(sample.kind.name) body", count: 1),
                            kind: sample.kind, body: sample.encoded + [0], sample.name)
            assertBodyError(.trailingBytes(context: "\(sample.kind.name) body", count: 32),
                            kind: sample.kind, body: sample.encoded + key(0x01).bytes, sample.name)
        }
    }

    func testStaticDecodeRejectsTrailingBytes() {
        let withdrawal = WithdrawalBody(target: Keys.bid)
        assertDecodeError(.trailingBytes(context: "withdrawal body", count: 2)) { () throws(DecodeError) in
            try WithdrawalBody.decode(withdrawal.encoded() + [0, 0])
        }
    }

    // MARK: - Flag bytes

    func testFlagByteTwoInOptionals() {
        let cases: [(sample: String, field: String)] = [
            ("licence credential", "credential.subspecialty"),
            ("licence credential", "credential.revokes"),
            ("subspecialty revocation", "credential.subspecialty"),
            ("posting, minimal", "posting.subspecialty"),
            ("assignment from a bid", "assignment.bid"),
            ("direct assignment", "assignment.clinician"),
            ("complete follow-up recommendation", "followUpRecommendation.modality"),
            ("incomplete follow-up recommendation", "followUpRecommendation.intervalDays"),
            ("incomplete follow-up recommendation", "followUpRecommendation.guideline"),
            ("rating without comment", "feedback.sealed"),
            ("reply without addendum", "reply.addendum"),
            ("peer review 1", "peerReview.sealed"),
            ("AI label", "aiLabel.reviewOf"),
        ]
        for (name, field) in cases {
            let sample = sample(name)
            for flag: UInt8 in [2, 255] {
                assertBodyError(.invalidValue(field: field, reason: "flag byte is \(flag), expected 0 or 1"),
                                kind: sample.kind, body: patched(sample, field, to: flag), "\(name), \(field)")
            }
        }
    }

    func testFlagByteTwoInBooleans() {
        let feedback = sample("rating without comment")
        assertBodyError(.invalidValue(field: "feedback.isQuestion", reason: "flag byte is 2, expected 0 or 1"),
                        kind: .feedback, body: patched(feedback, "feedback.isQuestion", to: 2))
        let label = sample("AI label")
        assertBodyError(.invalidValue(field: "aiLabel.agrees", reason: "flag byte is 2, expected 0 or 1"),
                        kind: .aiLabel, body: patched(label, "aiLabel.agrees", to: 2))
    }

    // MARK: - Text

    /// Byte strings that are not UTF-8: a bad continuation byte, an overlong encoding,
    /// a UTF-16 surrogate, a code point past U+10FFFF, a cut sequence and a byte UTF-8 never uses.
    private let invalidUTF8: [[UInt8]] = [
        [0x44, 0x72, 0xC3, 0x28],
        [0xC0, 0xAF],
        [0xED, 0xA0, 0x80],
        [0xF4, 0x90, 0x80, 0x80],
        [0x43, 0x54, 0xE2, 0x82],
        [0xFF],
    ]

    func testNonUTF8Text() {
        let cases: [(sample: String, field: String, maximum: Int)] = [
            ("device", "device.displayName", 512),
            ("posting with AI findings", "posting.procedure", 320),
            ("posting with AI findings", "posting.modality", 4),
            ("posting with AI findings", "posting.subspecialty", 32),
            ("subspecialty revocation", "credential.jurisdiction", 6),
            ("AI label", "aiLabel.findingCode", 32),
            ("bid", "bid.currency", 3),
        ]
        for (name, field, maximum) in cases {
            let sample = sample(name)
            // Longer byte strings would be rejected as too long before their encoding is checked.
            for raw in invalidUTF8 where raw.count <= maximum {
                let body = sample.layout.replacingText(field, in: sample.encoded, with: raw)
                assertBodyError(.invalidUTF8(field: field), kind: sample.kind, body: body, "\(name), \(field), \(raw)")
            }
        }
    }

    func testReplacingTextKeepsValidBody() throws {
        // Guards the helper used above: putting the same text back gives the same bytes.
        let sample = sample("device")
        let same = sample.layout.replacingText("device.displayName", in: sample.encoded,
                                               with: Array("Dr. Ingrid Søreide, MD".utf8))
        XCTAssertEqual(same, sample.encoded)
    }

    // MARK: - Enumerations

    func testUnknownEnumerationValues() {
        let cases: [(sample: String, field: String, value: UInt8, type: String)] = [
            ("device", "device.role", 0, "Role"),
            ("device", "device.role", 6, "Role"),
            ("licence credential", "credential.kind", 3, "CredentialKind"),
            ("posting, minimal", "posting.priority", 0, "Priority"),
            ("posting, minimal", "posting.priority", 4, "Priority"),
            ("follow-up status", "followUpStatus.state", 5, "FollowUpState"),
            ("critical result", "criticalResult.category", 4, "CriticalCategory"),
            ("peer review 1", "peerReview.significance", 3, "Significance"),
            ("AI label", "aiLabel.label", 0, "AILabelValue"),
        ]
        for (name, field, value, type) in cases {
            let sample = sample(name)
            assertBodyError(.invalidValue(field: field, reason: "\(value) is not a known \(type)"),
                            kind: sample.kind, body: patched(sample, field, to: value), "\(name), \(field)")
        }
    }

    // MARK: - Lengths over the maximum

    func testDisplayNameOverByteLimit() {
        let sample = sample("device")
        let body = sample.layout.replacingText("device.displayName", in: sample.encoded,
                                               with: [UInt8](repeating: UInt8(ascii: "a"), count: 513))
        assertBodyError(.tooLong(field: "device.displayName", length: 513, maximum: 512), kind: .device, body: body)
    }

    func testTextOverReadLimits() {
        let cases: [(sample: String, field: String, maximum: Int)] = [
            ("posting with AI findings", "posting.procedure", 320),
            ("posting with AI findings", "posting.modality", 4),
            ("posting with AI findings", "posting.bodyRegion", 32),
            ("posting with AI findings", "posting.currency", 3),
            ("posting with AI findings", "posting.jurisdiction", 6),
            ("licence credential", "credential.jurisdiction", 6),
            ("profile", "profile.currency", 3),
            ("AI label", "aiLabel.findingCode", 32),
        ]
        for (name, field, maximum) in cases {
            let sample = sample(name)
            let body = sample.layout.replacingText(field, in: sample.encoded,
                                                   with: [UInt8](repeating: UInt8(ascii: "A"), count: maximum + 1))
            assertBodyError(.tooLong(field: field, length: maximum + 1, maximum: maximum),
                            kind: sample.kind, body: body, "\(name), \(field)")
        }
    }

    func testLengthPrefixPastEndOfBody() {
        // A declared length within the limit but longer than what is left.
        let sample = sample("posting, minimal")
        var body = sample.encoded
        let lengthAt = sample.layout.start(of: "posting.procedure")
        body[lengthAt + 2] = 0x01
        body[lengthAt + 3] = 0x2C
        assertBodyError(.truncated(field: "posting.procedure", needed: 300, available: body.count - lengthAt - 4),
                        kind: .posting, body: body)
    }

    func testTooManyListEntries() {
        let profile = ProfileBody(subspecialties: Array(repeating: "NEURO", count: 17), prices: [], currency: "USD",
                                  turnaroundMinutes: 60)
        assertBodyError(.tooLong(field: "profile.subspecialties", length: 17, maximum: 16), kind: .profile, body: profile.encoded())

        let prices = ProfileBody(subspecialties: [], prices: Array(repeating: PriceEntry(modality: "CT", amount: 100), count: 33),
                                 currency: "USD", turnaroundMinutes: 60)
        assertBodyError(.tooLong(field: "profile.prices", length: 33, maximum: 32), kind: .profile, body: prices.encoded())

        let rotation = KeyRotationBody(identity: Keys.radiologistIdentity, revokedDevices: (0..<17).map { key(UInt8($0)) },
                                       issuedAt: sampleTimestamp, recoverySignature: filler(64, seed: 2))
        assertBodyError(.tooLong(field: "keyRotation.revokedDevices", length: 17, maximum: 16),
                        kind: .keyRotation, body: rotation.encoded())

        let findings = (0..<9).map { AIFinding(code: "FINDING-\($0)", scorePerMille: 500) }
        let posting = PostingBody(modality: "CT", bodyRegion: "CHEST", procedure: "CT CHEST", priority: .routine,
                                  deadlineSeconds: 86_400, price: 5_000, currency: "USD", jurisdiction: "US",
                                  seriesCount: 1, instanceCount: 300, aiFindings: findings)
        assertBodyError(.tooLong(field: "posting.aiFindings", length: 9, maximum: 8), kind: .posting, body: posting.encoded())
    }

    func testListCountOverMaximum() {
        // The count is checked against the maximum before any entry is read.
        var body: [UInt8] = [1, 0xFF, 0xFF, 0xFF, 0xFF]
        body += [0, 0, 0, 0]
        assertBodyError(.tooLong(field: "profile.subspecialties", length: 0xFFFF_FFFF, maximum: 16), kind: .profile, body: body)
    }

    func testForkProofEventOverMaximumSize() {
        let length = UInt32(Event.maxEncodedSize + 1)
        let body: [UInt8] = [1, UInt8(length >> 24), UInt8(truncatingIfNeeded: length >> 16),
                             UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length)]
        assertBodyError(.tooLong(field: "forkProof.first", length: Event.maxEncodedSize + 1, maximum: Event.maxEncodedSize),
                        kind: .forkProof, body: body)
    }

    func testSignatureFieldsAreFixedLength() {
        // Device and key rotation signatures are exactly 64 bytes with no length prefix, so one byte short is truncation.
        let device = sample("device")
        assertBodyError(.truncated(field: "device.identitySignature", needed: 64, available: 63),
                        kind: .device, body: Array(device.encoded.dropLast()))
        let rotation = sample("key rotation")
        assertBodyError(.truncated(field: "keyRotation.recoverySignature", needed: 64, available: 63),
                        kind: .keyRotation, body: Array(rotation.encoded.dropLast()))
    }
}
