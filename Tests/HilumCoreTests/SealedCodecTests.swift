import HilumCore
import XCTest

/// The sealed envelope's wire form, decoded here inside report bodies.
final class SealedCodecTests: XCTestCase {
    /// Writes a report body field by field, so that any field of its envelope can be made invalid.
    private func reportBody(recipientCount: UInt8, recipients: [PublicKey], nonce: [UInt8] = filler(24, seed: 0x77),
                            ciphertextLength: UInt32, ciphertext: [UInt8]) -> [UInt8] {
        var writer = ByteWriter()
        writer.write(UInt8(1))
        writer.writeFixed(Keys.posting)
        writer.writeFixed(key(0xC7))
        writer.write(recipientCount)
        for (index, identity) in recipients.enumerated() {
            writer.writeFixed(identity)
            writer.writeFixed(filler(80, seed: UInt8(index)))
        }
        writer.writeFixed(nonce)
        writer.write(ciphertextLength)
        writer.writeFixed(ciphertext)
        return writer.bytes
    }

    func testWireBytes() {
        let sealed = Sealed(recipients: [Sealed.Recipient(identity: key(0x41), wrappedKey: filler(80, seed: 0))],
                            nonce: filler(24, seed: 0x77), ciphertext: filler(16, seed: 0x99))
        var writer = ByteWriter()
        sealed.encode(to: &writer)
        let expected = [1] + key(0x41).bytes + filler(80, seed: 0) + filler(24, seed: 0x77) + [0, 0, 0, 16] + filler(16, seed: 0x99)
        XCTAssertEqual(writer.bytes, expected)
    }

    func testSixteenRecipientsAccepted() throws {
        let recipients = (1...16).map { key(UInt8($0)) }
        let report = ReportBody(posting: Keys.posting, contentHash: key(0xC7), sealed: sampleSealed(to: recipients))
        let decoded = try ReportBody.decode(report.encoded())
        XCTAssertEqual(decoded, report)
        XCTAssertTrue(decoded.sealed.isAddressed(to: key(16)))
        XCTAssertFalse(decoded.sealed.isAddressed(to: key(17)))
    }

    func testNoRecipients() {
        let body = reportBody(recipientCount: 0, recipients: [], ciphertextLength: 16, ciphertext: filler(16, seed: 1))
        assertBodyError(.invalidValue(field: "report.sealed.recipients", reason: "0 recipients, expected 1 to 16"),
                        kind: .report, body: body)
    }

    func testSeventeenRecipients() {
        let recipients = (1...17).map { key(UInt8($0)) }
        let body = reportBody(recipientCount: 17, recipients: recipients, ciphertextLength: 16, ciphertext: filler(16, seed: 1))
        assertBodyError(.invalidValue(field: "report.sealed.recipients", reason: "17 recipients, expected 1 to 16"),
                        kind: .report, body: body)
    }

    func testDuplicateRecipient() {
        let recipients = [Keys.clientIdentity, Keys.clinicianIdentity, Keys.clientIdentity]
        let body = reportBody(recipientCount: 3, recipients: recipients, ciphertextLength: 16, ciphertext: filler(16, seed: 1))
        assertBodyError(.invalidValue(field: "report.sealed.recipients",
                                      reason: "recipient \(Keys.clientIdentity.short) appears twice"),
                        kind: .report, body: body)
    }

    func testCiphertextShorterThanTag() {
        let body = reportBody(recipientCount: 1, recipients: [Keys.clientIdentity], ciphertextLength: 15, ciphertext: filler(15, seed: 1))
        assertBodyError(.invalidValue(field: "report.sealed.ciphertext", reason: "15 bytes is shorter than the 16-byte tag"),
                        kind: .report, body: body)
        let empty = reportBody(recipientCount: 1, recipients: [Keys.clientIdentity], ciphertextLength: 0, ciphertext: [])
        assertBodyError(.invalidValue(field: "report.sealed.ciphertext", reason: "0 bytes is shorter than the 16-byte tag"),
                        kind: .report, body: empty)
    }

    func testCiphertextOfTagOnlyAccepted() throws {
        let body = reportBody(recipientCount: 1, recipients: [Keys.clientIdentity], ciphertextLength: 16, ciphertext: filler(16, seed: 1))
        XCTAssertEqual(try ReportBody.decode(body).sealed.ciphertext, filler(16, seed: 1))
    }

    func testCiphertextOverMaximum() {
        let length = Sealed.maxCiphertextSize + 1
        let body = reportBody(recipientCount: 1, recipients: [Keys.clientIdentity], ciphertextLength: UInt32(length),
                              ciphertext: [UInt8](repeating: 0, count: length))
        assertBodyError(.tooLong(field: "report.sealed.ciphertext", length: length, maximum: Sealed.maxCiphertextSize),
                        kind: .report, body: body)
    }

    func testCiphertextOfMaximumSizeAccepted() throws {
        let ciphertext = [UInt8](repeating: 0x3C, count: Sealed.maxCiphertextSize)
        let body = reportBody(recipientCount: 1, recipients: [Keys.clientIdentity], ciphertextLength: UInt32(ciphertext.count),
                              ciphertext: ciphertext)
        let event = try Event(decoding: eventBytes(kind: .report, body: body))
        XCTAssertEqual(event.content.sealedPayloads.first?.ciphertext.count, Sealed.maxCiphertextSize)
    }

    func testEnvelopeFieldNamesFollowBody() {
        // The same malformed envelope is reported under the field of the body that carries it.
        let sealed = sampleSealed(to: [Keys.clinicianIdentity])
        var writer = ByteWriter()
        writer.write(UInt8(1))
        writer.writeFixed(Keys.posting)
        writer.write(CriticalCategory.red.rawValue)
        writer.write(UInt32(30))
        writer.write(UInt8(0))
        assertBodyError(.invalidValue(field: "criticalResult.sealed.recipients", reason: "0 recipients, expected 1 to 16"),
                        kind: .criticalResult, body: writer.bytes)

        let feedback = FeedbackBody(report: Keys.report, rating: 2, isQuestion: false, sealed: sealed).encoded()
        assertBodyError(.truncated(field: "feedback.sealed.nonce", needed: 24, available: 10),
                        kind: .feedback, body: Array(feedback.prefix(1 + 32 + 3 + 1 + 112 + 10)))
    }
}
