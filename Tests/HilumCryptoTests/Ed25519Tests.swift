import HilumCore
import HilumCrypto
import XCTest

/// Ed25519 test vectors from RFC 8032, section 7.1, TEST 1 to TEST 3:
/// secret seed, public key, message and signature, all in hex.
private struct Vector {
    let name: String
    let seed: String
    let publicKey: String
    let message: String
    let signature: String
}

private let rfc8032Vectors = [
    Vector(name: "TEST 1",
           seed: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
           publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
           message: "",
           signature: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
    Vector(name: "TEST 2",
           seed: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
           publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
           message: "72",
           signature: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
    Vector(name: "TEST 3",
           seed: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
           publicKey: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
           message: "af82",
           signature: "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
]

private func bytes(_ hex: String) -> [UInt8] {
    guard let value = Hex.decode(hex) else { preconditionFailure("invalid hex in a test vector: \(hex)") }
    return value
}

private func signingKey(seedHex: String) -> SigningKey {
    var seed = bytes(seedHex)
    return SigningKey(seed: SecretBytes(consuming: &seed))
}

final class Ed25519Tests: XCTestCase {
    func testPublicKeyFromSeed() {
        for vector in rfc8032Vectors {
            XCTAssertEqual(signingKey(seedHex: vector.seed).publicKey.hex, vector.publicKey, vector.name)
        }
    }

    func testSignatureMatchesVector() {
        for vector in rfc8032Vectors {
            let signature = signingKey(seedHex: vector.seed).sign(bytes(vector.message))
            XCTAssertEqual(Hex.encode(signature), vector.signature, vector.name)
        }
    }

    func testVectorSignatureVerifies() throws {
        for vector in rfc8032Vectors {
            let publicKey = try XCTUnwrap(Key32(hex: vector.publicKey))
            XCTAssertTrue(Signature.verify(bytes(vector.signature), message: bytes(vector.message), publicKey: publicKey), vector.name)
        }
    }

    func testFlippedSignatureBitFails() throws {
        for vector in rfc8032Vectors {
            let publicKey = try XCTUnwrap(Key32(hex: vector.publicKey))
            // One bit in R (first half) and one in S (second half), each on its own.
            for index in [0, 63] {
                var signature = bytes(vector.signature)
                signature[index] ^= 0x01
                XCTAssertFalse(Signature.verify(signature, message: bytes(vector.message), publicKey: publicKey),
                               "\(vector.name), signature byte \(index)")
            }
        }
    }

    func testFlippedMessageBitFails() throws {
        for vector in rfc8032Vectors where !vector.message.isEmpty {
            let publicKey = try XCTUnwrap(Key32(hex: vector.publicKey))
            var message = bytes(vector.message)
            message[message.count - 1] ^= 0x80
            XCTAssertFalse(Signature.verify(bytes(vector.signature), message: message, publicKey: publicKey), vector.name)
        }
    }

    func testExtraMessageByteFails() throws {
        // TEST 1 signs the empty message, which has no bit to flip. Appending a byte changes it instead.
        let vector = rfc8032Vectors[0]
        let publicKey = try XCTUnwrap(Key32(hex: vector.publicKey))
        XCTAssertFalse(Signature.verify(bytes(vector.signature), message: [0], publicKey: publicKey))
    }

    func testWrongPublicKeyFails() throws {
        let signer = rfc8032Vectors[1]
        let other = try XCTUnwrap(Key32(hex: rfc8032Vectors[2].publicKey))
        XCTAssertFalse(Signature.verify(bytes(signer.signature), message: bytes(signer.message), publicKey: other))
    }

    func testWrongSignatureLengthFails() throws {
        let vector = rfc8032Vectors[2]
        let publicKey = try XCTUnwrap(Key32(hex: vector.publicKey))
        let signature = bytes(vector.signature)
        XCTAssertFalse(Signature.verify(Array(signature.dropLast()), message: bytes(vector.message), publicKey: publicKey))
        XCTAssertFalse(Signature.verify(signature + [0], message: bytes(vector.message), publicKey: publicKey))
        XCTAssertFalse(Signature.verify([], message: bytes(vector.message), publicKey: publicKey))
    }

    func testVerifySliceOfLargerBuffer() throws {
        // The slice overload must hash exactly the slice, not the whole array it lives in.
        let vector = rfc8032Vectors[2]
        let publicKey = try XCTUnwrap(Key32(hex: vector.publicKey))
        let buffer = [0xEE] + bytes(vector.message) + [0xEE]
        XCTAssertTrue(Signature.verify(bytes(vector.signature)[...], message: buffer[1..<3], publicKey: publicKey))
    }

    func testSeedRoundTrip() {
        for vector in rfc8032Vectors {
            XCTAssertEqual(Hex.encode(signingKey(seedHex: vector.seed).seed.copyBytes()), vector.seed, vector.name)
        }
    }

    func testGeneratedKeysSignAndDiffer() {
        let first = SigningKey.generate()
        let second = SigningKey.generate()
        XCTAssertNotEqual(first.publicKey, second.publicKey)
        let message = Array("hilum".utf8)
        XCTAssertTrue(Signature.verify(first.sign(message), message: message, publicKey: first.publicKey))
        XCTAssertFalse(Signature.verify(first.sign(message), message: message, publicKey: second.publicKey))
        let restored = SigningKey(seed: first.seed)
        XCTAssertEqual(restored.publicKey, first.publicKey)
        XCTAssertEqual(restored.sign(message), first.sign(message))
    }
}
