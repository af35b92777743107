import CSodium
import HilumCore
import HilumCrypto
import XCTest

/// A person who can read sealed content: identity key and X25519 key pair.
private struct Reader {
    let identity = SigningKey.generate().publicKey
    let key = EncryptionKey.generate()

    var recipient: SealRecipient { SealRecipient(identity: identity, encryptionKey: key.publicKey) }

    func open(_ sealed: Sealed) throws(SealError) -> [UInt8] {
        try Sealer.open(sealed, as: identity, key: key).copyBytes()
    }
}

final class SealerTests: XCTestCase {
    private let report = Array("IMPRESSION: 6 mm solid nodule, right upper lobe. Follow-up CT in 6-12 months.".utf8)

    private func assertSealError(_ expected: SealError, file: StaticString = #filePath, line: UInt = #line,
                                 _ expression: () throws(SealError) -> some Any) {
        do throws(SealError) {
            _ = try expression()
            XCTFail("expected \(expected), but the call succeeded", file: file, line: line)
        } catch {
            XCTAssertEqual(error, expected, file: file, line: line)
        }
    }

    func testOneRecipientRoundTrip() throws {
        let clinician = Reader()
        let sealed = try Sealer.seal(report, to: [clinician.recipient])
        XCTAssertEqual(sealed.recipients.map(\.identity), [clinician.identity])
        XCTAssertEqual(try clinician.open(sealed), report)
    }

    func testThreeRecipientsEachOpen() throws {
        let readers = [Reader(), Reader(), Reader()]
        let sealed = try Sealer.seal(report, to: readers.map(\.recipient))
        XCTAssertEqual(sealed.recipients.map(\.identity), readers.map(\.identity))
        for (index, reader) in readers.enumerated() {
            XCTAssertEqual(try reader.open(sealed), report, "recipient \(index)")
        }
    }

    func testTextOverloadSealsUTF8() throws {
        let reader = Reader()
        let sealed = try Sealer.seal("Befund: Fraktur distaler Radius – Verlauf ✓", to: [reader.recipient])
        XCTAssertEqual(String(decoding: try reader.open(sealed), as: UTF8.self), "Befund: Fraktur distaler Radius – Verlauf ✓")
    }

    func testEmptyPlaintextRoundTrip() throws {
        let reader = Reader()
        let sealed = try Sealer.seal([UInt8](), to: [reader.recipient])
        XCTAssertEqual(try reader.open(sealed), [])
    }

    func testNonRecipientIsNotAddressed() throws {
        let sealed = try Sealer.seal(report, to: [Reader().recipient, Reader().recipient, Reader().recipient])
        let outsider = Reader()
        assertSealError(.notAddressedToReader) { () throws(SealError) in try outsider.open(sealed) }
    }

    func testRecipientWithWrongKeyFailsAuthentication() throws {
        // The identity is listed, but the X25519 key offered is not the one the content key was sealed to.
        let reader = Reader()
        let sealed = try Sealer.seal(report, to: [reader.recipient])
        let otherKey = EncryptionKey.generate()
        assertSealError(.authenticationFailed) { () throws(SealError) in
            try Sealer.open(sealed, as: reader.identity, key: otherKey)
        }
    }

    func testFlippedCiphertextByteFailsAuthentication() throws {
        let reader = Reader()
        let sealed = try Sealer.seal(report, to: [reader.recipient])
        for index in [0, sealed.ciphertext.count / 2, sealed.ciphertext.count - 1] {
            var ciphertext = sealed.ciphertext
            ciphertext[index] ^= 0x01
            let tampered = Sealed(recipients: sealed.recipients, nonce: sealed.nonce, ciphertext: ciphertext)
            assertSealError(.authenticationFailed) { () throws(SealError) in try reader.open(tampered) }
        }
    }

    func testFlippedNonceFailsAuthentication() throws {
        let reader = Reader()
        let sealed = try Sealer.seal(report, to: [reader.recipient])
        var nonce = sealed.nonce
        nonce[5] ^= 0x40
        let tampered = Sealed(recipients: sealed.recipients, nonce: nonce, ciphertext: sealed.ciphertext)
        assertSealError(.authenticationFailed) { () throws(SealError) in try reader.open(tampered) }
    }

    func testFlippedWrappedKeyFailsAuthentication() throws {
        let reader = Reader()
        let sealed = try Sealer.seal(report, to: [reader.recipient])
        var wrapped = sealed.recipients[0].wrappedKey
        wrapped[40] ^= 0x01
        let tampered = Sealed(recipients: [Sealed.Recipient(identity: reader.identity, wrappedKey: wrapped)],
                              nonce: sealed.nonce, ciphertext: sealed.ciphertext)
        assertSealError(.authenticationFailed) { () throws(SealError) in try reader.open(tampered) }
    }

    func testWrongLengthFieldsFailAuthentication() throws {
        // Envelopes built in memory skip the decoder's checks, but opening must still not read past a buffer.
        let reader = Reader()
        let sealed = try Sealer.seal(report, to: [reader.recipient])
        let shortNonce = Sealed(recipients: sealed.recipients, nonce: Array(sealed.nonce.prefix(8)), ciphertext: sealed.ciphertext)
        assertSealError(.authenticationFailed) { () throws(SealError) in try reader.open(shortNonce) }
        let shortWrapped = Sealed(recipients: [Sealed.Recipient(identity: reader.identity,
                                                                wrappedKey: Array(sealed.recipients[0].wrappedKey.prefix(48)))],
                                  nonce: sealed.nonce, ciphertext: sealed.ciphertext)
        assertSealError(.authenticationFailed) { () throws(SealError) in try reader.open(shortWrapped) }
        let shortCiphertext = Sealed(recipients: sealed.recipients, nonce: sealed.nonce, ciphertext: Array(sealed.ciphertext.prefix(15)))
        assertSealError(.authenticationFailed) { () throws(SealError) in try reader.open(shortCiphertext) }
    }

    func testCiphertextPaddedToBlocks() throws {
        let reader = Reader()
        // ISO/IEC 7816-4 padding always adds at least one byte, so 256 bytes of plaintext take two blocks.
        let expectedBlocks = [0: 1, 1: 1, 100: 1, 255: 1, 256: 2, 257: 2, 511: 2, 512: 3, 1_000: 4]
        for (length, blocks) in expectedBlocks.sorted(by: { $0.key < $1.key }) {
            let plaintext = [UInt8](repeating: 0x41, count: length)
            let sealed = try Sealer.seal(plaintext, to: [reader.recipient])
            XCTAssertEqual(sealed.ciphertext.count, blocks * Sealer.paddingBlock + Sealed.tagSize, "\(length) bytes")
            XCTAssertEqual((sealed.ciphertext.count - Sealed.tagSize) % Sealer.paddingBlock, 0, "\(length) bytes")
            XCTAssertEqual(try reader.open(sealed), plaintext, "\(length) bytes")
        }
    }

    func testEnvelopeSizes() throws {
        let sealed = try Sealer.seal(report, to: [Reader().recipient, Reader().recipient])
        XCTAssertEqual(sealed.nonce.count, Sealed.nonceSize)
        for recipient in sealed.recipients {
            XCTAssertEqual(recipient.wrappedKey.count, Sealed.wrappedKeySize)
        }
    }

    func testEachSealUsesFreshNonceAndKey() throws {
        let reader = Reader()
        let first = try Sealer.seal(report, to: [reader.recipient])
        let second = try Sealer.seal(report, to: [reader.recipient])
        XCTAssertNotEqual(first.nonce, second.nonce)
        XCTAssertNotEqual(first.ciphertext, second.ciphertext)
        XCTAssertNotEqual(first.recipients[0].wrappedKey, second.recipients[0].wrappedKey)
    }

    func testNoRecipients() {
        assertSealError(.noRecipients) { () throws(SealError) in try Sealer.seal(report, to: []) }
    }

    func testRecipientLimit() throws {
        let readers = (0..<17).map { _ in Reader() }
        assertSealError(.tooManyRecipients(17)) { () throws(SealError) in try Sealer.seal(report, to: readers.map(\.recipient)) }
        let sealed = try Sealer.seal(report, to: readers.prefix(16).map(\.recipient))
        XCTAssertEqual(sealed.recipients.count, 16)
        XCTAssertEqual(try readers[15].open(sealed), report)
    }

    func testDuplicateRecipientListedOnce() throws {
        let reader = Reader()
        let other = Reader()
        let sealed = try Sealer.seal(report, to: [reader.recipient, other.recipient, reader.recipient])
        XCTAssertEqual(sealed.recipients.map(\.identity), [reader.identity, other.identity])
    }

    func testSurvivesEventEncoding() throws {
        // Sealed in HilumCrypto, carried in a report body through HilumCore's codec, opened again.
        let client = Reader()
        let clinician = Reader()
        let sealed = try Sealer.seal(report, to: [client.recipient, clinician.recipient])
        let body = ReportBody(posting: Key32(unchecked: [UInt8](repeating: 0xA1, count: 32)),
                              contentHash: Hash.blake2b256(report), sealed: sealed)
        let decoded = try ReportBody.decode(body.encoded())
        XCTAssertEqual(try clinician.open(decoded.sealed), report)
    }

    func testDerivedEncryptionKeyOpens() throws {
        // Every device of an identity derives the same X25519 key from the identity seed.
        var seedBytes = [UInt8](repeating: 0x42, count: 32)
        let seed = SecretBytes(consuming: &seedBytes)
        let onLaptop = EncryptionKey.derived(fromIdentitySeed: seed)
        let onWorkstation = EncryptionKey.derived(fromIdentitySeed: seed)
        XCTAssertEqual(onLaptop.publicKey, onWorkstation.publicKey)
        XCTAssertNotEqual(onLaptop.publicKey, EncryptionKey(seed: seed).publicKey)

        let identity = SigningKey(seed: seed).publicKey
        let sealed = try Sealer.seal(report, to: [SealRecipient(identity: identity, encryptionKey: onLaptop.publicKey)])
        XCTAssertEqual(try Sealer.open(sealed, as: identity, key: onWorkstation).copyBytes(), report)
    }

    func testKeyRestoredFromStorageOpens() throws {
        let reader = Reader()
        let restored = EncryptionKey(secretKey: reader.key.seedForStorage)
        XCTAssertEqual(restored.publicKey, reader.key.publicKey)
        let sealed = try Sealer.seal(report, to: [reader.recipient])
        XCTAssertEqual(try Sealer.open(sealed, as: reader.identity, key: restored).copyBytes(), report)
    }

    func testDerivedKeyDependsOnSeed() {
        var first = [UInt8](repeating: 0x42, count: 32)
        var second = [UInt8](repeating: 0x43, count: 32)
        XCTAssertNotEqual(EncryptionKey.derived(fromIdentitySeed: SecretBytes(consuming: &first)).publicKey,
                          EncryptionKey.derived(fromIdentitySeed: SecretBytes(consuming: &second)).publicKey)
    }

    // MARK: - Padding

    /// Builds an envelope for `reader` whose ciphertext is `padded` encrypted as is, so the test controls the padding bytes.
    private func envelope(for reader: Reader, padded: [UInt8]) -> Sealed {
        var contentKey = [UInt8](repeating: 0, count: 32)
        randombytes_buf(&contentKey, 32)
        let nonce = Random.bytes(Sealed.nonceSize)
        var ciphertext = [UInt8](repeating: 0, count: padded.count + Sealed.tagSize)
        var length: UInt64 = 0
        _ = crypto_aead_xchacha20poly1305_ietf_encrypt(&ciphertext, &length, padded, UInt64(padded.count), nil, 0, nil,
                                                       nonce, contentKey)
        var wrapped = [UInt8](repeating: 0, count: Sealed.wrappedKeySize)
        _ = crypto_box_seal(&wrapped, contentKey, 32, reader.key.publicKey.bytes)
        return Sealed(recipients: [Sealed.Recipient(identity: reader.identity, wrappedKey: wrapped)], nonce: nonce,
                      ciphertext: ciphertext)
    }

    func testHandBuiltEnvelopeOpens() throws {
        // Checks the helper: correct padding written by hand opens to the text before the 0x80 marker.
        let reader = Reader()
        let padded = Array("ok".utf8) + [0x80] + [UInt8](repeating: 0, count: 253)
        XCTAssertEqual(try reader.open(envelope(for: reader, padded: padded)), Array("ok".utf8))
    }

    func testMissingPaddingMarker() {
        let reader = Reader()
        let unpadded = [UInt8](repeating: 0x41, count: 256)
        assertSealError(.badPadding) { () throws(SealError) in try reader.open(envelope(for: reader, padded: unpadded)) }
    }

    func testEmptyPaddedContent() {
        // A ciphertext that is only the tag decrypts to zero bytes, which cannot hold the padding marker.
        let reader = Reader()
        assertSealError(.badPadding) { () throws(SealError) in try reader.open(envelope(for: reader, padded: [])) }
    }
}
