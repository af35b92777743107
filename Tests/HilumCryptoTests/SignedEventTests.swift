import HilumCore
import HilumCrypto
import XCTest

/// Events signed with a real Ed25519 key: the signature covers every byte
/// before it, and the event id is BLAKE2b-256 of the whole encoding.
final class SignedEventTests: XCTestCase {
    private func signedEvent(by device: SigningKey, body: [UInt8]) throws -> Event {
        let unsigned = Event.unsignedBytes(kind: .withdrawal, author: device.publicKey, sequence: 1, previous: .zero,
                                           timestamp: 1_733_340_000_000, body: body)
        return try Event(unsigned: unsigned, signature: device.sign(unsigned))
    }

    private let body = WithdrawalBody(target: Key32(unchecked: [UInt8](repeating: 0xA2, count: 32))).encoded()

    func testSignatureCoversSignedBytes() throws {
        let device = SigningKey.generate()
        let event = try signedEvent(by: device, body: body)
        XCTAssertTrue(Signature.verify(event.signature, message: event.signedBytes, publicKey: event.author))
    }

    func testChangedBodyFailsVerification() throws {
        let device = SigningKey.generate()
        let event = try signedEvent(by: device, body: body)
        var bytes = event.encoded
        bytes[Event.headerSize + 5] ^= 0x01
        let forged = try Event(decoding: bytes)
        XCTAssertFalse(Signature.verify(forged.signature, message: forged.signedBytes, publicKey: forged.author))
    }

    func testOtherAuthorFailsVerification() throws {
        let event = try signedEvent(by: SigningKey.generate(), body: body)
        XCTAssertFalse(Signature.verify(event.signature, message: event.signedBytes, publicKey: SigningKey.generate().publicKey))
    }

    func testSameEventSameID() throws {
        // Ed25519 signatures are deterministic, so the same key and content give the same bytes and id.
        var seed = [UInt8](repeating: 0x11, count: 32)
        let device = SigningKey(seed: SecretBytes(consuming: &seed))
        let first = try signedEvent(by: device, body: body)
        let second = try signedEvent(by: device, body: body)
        XCTAssertEqual(first.encoded, second.encoded)
        XCTAssertEqual(Hash.blake2b256(first.encoded), Hash.blake2b256(second.encoded))
    }

    func testIDChangesWithSignature() throws {
        let device = SigningKey.generate()
        let event = try signedEvent(by: device, body: body)
        var resigned = event.encoded
        resigned[resigned.count - 1] ^= 0x01
        XCTAssertNotEqual(Hash.blake2b256(resigned), Hash.blake2b256(event.encoded))
    }

    func testIncrementalIDEqualsOneShot() throws {
        let event = try signedEvent(by: SigningKey.generate(), body: body)
        var hash = IncrementalHash()
        hash.update(Array(event.signedBytes))
        hash.update(event.signature)
        let digest = hash.finish()
        XCTAssertEqual(digest, Hash.blake2b256(event.encoded))
    }

    func testDeviceCertificateSignedByIdentity() throws {
        let identity = SigningKey.generate()
        let device = SigningKey.generate()
        let encryption = EncryptionKey.derived(fromIdentitySeed: identity.seed)
        let certificate = DeviceBody.certificate(device: device.publicKey, identity: identity.publicKey, role: .radiologist,
                                                 displayName: "Dr. Ingrid Søreide, MD", encryptionKey: encryption.publicKey,
                                                 issuedAt: 1_733_300_000_000)
        let body = DeviceBody(identity: identity.publicKey, role: .radiologist, displayName: "Dr. Ingrid Søreide, MD",
                              encryptionKey: encryption.publicKey, issuedAt: 1_733_300_000_000,
                              identitySignature: identity.sign(certificate))
        let decoded = try DeviceBody.decode(body.encoded())
        XCTAssertTrue(Signature.verify(decoded.identitySignature, message: decoded.certificate(device: device.publicKey),
                                       publicKey: decoded.identity))
        // The certificate names the device, so it does not authorise another one.
        XCTAssertFalse(Signature.verify(decoded.identitySignature, message: decoded.certificate(device: SigningKey.generate().publicKey),
                                        publicKey: decoded.identity))
    }
}
