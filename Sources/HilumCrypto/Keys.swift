import CSodium
import HilumCore

/// An Ed25519 key pair. The secret half lives in `SecretBytes`.
public struct SigningKey: Sendable {
    public let publicKey: PublicKey
    private let secret: SecretBytes

    /// A new random key.
    public static func generate() -> SigningKey {
        let seed = SecretBytes.random(Int(crypto_sign_seedbytes()))
        return SigningKey(seed: seed)
    }

    /// The key pair for a 32-byte seed (the form in which secrets are stored and printed).
    public init(seed: SecretBytes) {
        precondition(seed.count == Int(crypto_sign_seedbytes()), "an Ed25519 seed is 32 bytes")
        var publicBytes = [UInt8](repeating: 0, count: Int(crypto_sign_publickeybytes()))
        secret = SecretBytes(count: Int(crypto_sign_secretkeybytes())) { secretBuffer in
            seed.withBytes { seedBuffer in
                _ = crypto_sign_seed_keypair(&publicBytes, secretBuffer.u8,
                                             seedBuffer.u8)
            }
        }
        publicKey = PublicKey(unchecked: publicBytes)
    }

    /// The 32-byte seed; libsodium's secret key stores it in its first half.
    public var seed: SecretBytes {
        SecretBytes(count: 32) { out in secret.withBytes { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<32])) } }
    }

    public func sign(_ message: some Collection<UInt8>) -> [UInt8] {
        var signature = [UInt8](repeating: 0, count: Int(crypto_sign_bytes()))
        let bytes = Array(message)
        secret.withBytes { secretBuffer in
            _ = crypto_sign_detached(&signature, nil, bytes, UInt64(bytes.count),
                                     secretBuffer.u8)
        }
        return signature
    }
}

public enum Signature {
    /// Checks an Ed25519 signature. libsodium 1.0.18 rejects non-canonical
    /// and small-order encodings, so a valid signature has exactly one form.
    public static func verify(_ signature: some Collection<UInt8>, message: ArraySlice<UInt8>, publicKey: PublicKey) -> Bool {
        _ = Sodium.ready
        guard signature.count == Int(crypto_sign_bytes()) else { return false }
        let signatureBytes = Array(signature)
        return message.withUnsafeBytes { messageBuffer in
            crypto_sign_verify_detached(signatureBytes, messageBuffer.u8, UInt64(messageBuffer.count),
                                        publicKey.bytes) == 0
        }
    }

    public static func verify(_ signature: [UInt8], message: [UInt8], publicKey: PublicKey) -> Bool {
        verify(signature, message: message[...], publicKey: publicKey)
    }
}

/// An X25519 key pair for `crypto_box` sealed boxes.
public struct EncryptionKey: Sendable {
    public let publicKey: PublicKey
    let secret: SecretBytes

    public static func generate() -> EncryptionKey {
        EncryptionKey(seed: SecretBytes.random(Int(crypto_box_seedbytes())))
    }

    public init(seed: SecretBytes) {
        precondition(seed.count == Int(crypto_box_seedbytes()), "an X25519 seed is 32 bytes")
        var publicBytes = [UInt8](repeating: 0, count: Int(crypto_box_publickeybytes()))
        secret = SecretBytes(count: Int(crypto_box_secretkeybytes())) { secretBuffer in
            seed.withBytes { seedBuffer in
                _ = crypto_box_seed_keypair(&publicBytes, secretBuffer.u8,
                                            seedBuffer.u8)
            }
        }
        publicKey = PublicKey(unchecked: publicBytes)
    }

    /// Restores a key pair from its stored 32-byte secret key.
    public init(secretKey: SecretBytes) {
        precondition(secretKey.count == Int(crypto_box_secretkeybytes()), "an X25519 secret key is 32 bytes")
        var publicBytes = [UInt8](repeating: 0, count: Int(crypto_box_publickeybytes()))
        secretKey.withBytes { _ = crypto_scalarmult_base(&publicBytes, $0.u8) }
        secret = secretKey
        publicKey = PublicKey(unchecked: publicBytes)
    }

    /// The identity's encryption key, derived from its recovery (identity)
    /// seed, so every device authorised with that seed can read what is
    /// sealed to the identity without a key ever being copied between devices.
    public static func derived(fromIdentitySeed seed: SecretBytes) -> EncryptionKey {
        let subkey = SecretBytes(count: Int(crypto_box_seedbytes())) { out in
            seed.withBytes { master in
                let context: [CChar] = Array("hilumenc".utf8CString.prefix(8))
                _ = crypto_kdf_derive_from_key(out.u8, out.count, 1, context,
                                               master.u8)
            }
        }
        return EncryptionKey(seed: subkey)
    }

    /// The secret key bytes, for storing in the encrypted key file.
    public var seedForStorage: SecretBytes { secret }

    /// What a key derived for local files protects; each gets its own key.
    public enum LocalPurpose: UInt64, Sendable {
        case clientCases = 1
        case reportDrafts = 2
        case replyDrafts = 3
    }

    /// A secretbox key for encrypting this person's files at rest (for
    /// `StoredField`), derived from the encryption secret so it needs no
    /// storage of its own and opens only with the unlocked key file.
    public func localKey(_ purpose: LocalPurpose) -> SecretBytes {
        SecretBytes(count: Int(crypto_secretbox_keybytes())) { out in
            secret.withBytes { master in
                let context: [CChar] = Array("hilumloc".utf8CString.prefix(8))
                _ = crypto_kdf_derive_from_key(out.u8, out.count, purpose.rawValue, context, master.u8)
            }
        }
    }
}

public enum Hash {
    /// BLAKE2b with a 32-byte digest.
    public static func blake2b256(_ bytes: ArraySlice<UInt8>) -> Key32 {
        _ = Sodium.ready
        var digest = [UInt8](repeating: 0, count: 32)
        bytes.withUnsafeBytes { buffer in
            _ = crypto_generichash(&digest, 32, buffer.u8, UInt64(buffer.count), nil, 0)
        }
        return Key32(unchecked: digest)
    }

    public static func blake2b256(_ bytes: [UInt8]) -> Key32 { blake2b256(bytes[...]) }
}

/// A BLAKE2b-256 hash computed over many pieces.
public struct IncrementalHash: ~Copyable {
    private let state: UnsafeMutableRawPointer

    public init() {
        _ = Sodium.ready
        state = UnsafeMutableRawPointer.allocate(byteCount: crypto_generichash_statebytes(), alignment: 64)
        crypto_generichash_init(OpaquePointer(state), nil, 0, 32)
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            _ = crypto_generichash_update(OpaquePointer(state), buffer.u8, UInt64(buffer.count))
        }
    }

    public mutating func update(_ text: String) { update(Array(text.utf8)) }

    public consuming func finish() -> Key32 {
        var digest = [UInt8](repeating: 0, count: 32)
        crypto_generichash_final(OpaquePointer(state), &digest, 32)
        state.deallocate()
        discard self
        return Key32(unchecked: digest)
    }

    deinit { state.deallocate() }
}
