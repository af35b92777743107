import CSodium
import HilumCore

/// A reader of sealed content: identity key and X25519 encryption key.
public struct SealRecipient: Sendable {
    public let identity: PublicKey
    public let encryptionKey: PublicKey

    public init(identity: PublicKey, encryptionKey: PublicKey) {
        self.identity = identity
        self.encryptionKey = encryptionKey
    }
}

public enum SealError: Error, Equatable, Sendable, CustomStringConvertible {
    case noRecipients
    case tooManyRecipients(Int)
    case notAddressedToReader
    case authenticationFailed
    case badPadding

    public var description: String {
        switch self {
        case .noRecipients: "sealed content needs at least one recipient"
        case let .tooManyRecipients(count): "\(count) recipients; at most \(Sealed.maxRecipients) are allowed"
        case .notAddressedToReader: "this content is not sealed to your identity"
        case .authenticationFailed: "authentication failed: the sealed content was altered or the key is wrong"
        case .badPadding: "the opened content has invalid padding"
        }
    }
}

/// Seals and opens `Sealed` envelopes. Plaintext is padded (ISO/IEC 7816-4,
/// to a multiple of `paddingBlock` bytes) before encryption so that the
/// ciphertext length reveals only a coarse size.
public enum Sealer {
    public static let paddingBlock = 256

    public static func seal(_ plaintext: [UInt8], to recipients: [SealRecipient]) throws(SealError) -> Sealed {
        guard !recipients.isEmpty else { throw .noRecipients }
        guard recipients.count <= Sealed.maxRecipients else { throw .tooManyRecipients(recipients.count) }
        _ = Sodium.ready
        let contentKey = SecretBytes.random(Int(crypto_aead_xchacha20poly1305_ietf_keybytes()))
        var padded = pad(plaintext)
        defer { zeroize(&padded) }
        let nonce = Random.bytes(Sealed.nonceSize)
        var ciphertext = [UInt8](repeating: 0, count: padded.count + Sealed.tagSize)
        var ciphertextLength: UInt64 = 0
        contentKey.withBytes { key in
            _ = crypto_aead_xchacha20poly1305_ietf_encrypt(&ciphertext, &ciphertextLength, padded, UInt64(padded.count),
                                                           nil, 0, nil, nonce, key.u8)
        }
        var seen: Set<PublicKey> = []
        var entries: [Sealed.Recipient] = []
        for recipient in recipients where seen.insert(recipient.identity).inserted {
            var wrapped = [UInt8](repeating: 0, count: Sealed.wrappedKeySize)
            contentKey.withBytes { key in
                _ = crypto_box_seal(&wrapped, key.u8, UInt64(key.count), recipient.encryptionKey.bytes)
            }
            entries.append(Sealed.Recipient(identity: recipient.identity, wrappedKey: wrapped))
        }
        return Sealed(recipients: entries, nonce: nonce, ciphertext: ciphertext)
    }

    public static func seal(_ text: String, to recipients: [SealRecipient]) throws(SealError) -> Sealed {
        try seal(Array(text.utf8), to: recipients)
    }

    /// Opens content sealed to `identity`, whose secret X25519 key is `key`.
    public static func open(_ sealed: Sealed, as identity: PublicKey, key: EncryptionKey) throws(SealError) -> SecretBytes {
        _ = Sodium.ready
        guard let entry = sealed.recipients.first(where: { $0.identity == identity }) else { throw .notAddressedToReader }
        guard entry.wrappedKey.count == Sealed.wrappedKeySize, sealed.nonce.count == Sealed.nonceSize,
              sealed.ciphertext.count >= Sealed.tagSize else { throw .authenticationFailed }
        var unwrapped = true
        let contentKey = SecretBytes(count: Int(crypto_aead_xchacha20poly1305_ietf_keybytes())) { out in
            key.secret.withBytes { secret in
                unwrapped = crypto_box_seal_open(out.u8, entry.wrappedKey, UInt64(entry.wrappedKey.count),
                                                 key.publicKey.bytes, secret.u8) == 0
            }
        }
        guard unwrapped else { throw .authenticationFailed }
        var opened = true
        var plainLength: UInt64 = 0
        let padded = SecretBytes(count: sealed.ciphertext.count - Sealed.tagSize) { out in
            contentKey.withBytes { key in
                opened = crypto_aead_xchacha20poly1305_ietf_decrypt(out.u8, &plainLength, nil, sealed.ciphertext,
                                                                    UInt64(sealed.ciphertext.count), nil, 0,
                                                                    sealed.nonce, key.u8) == 0
            }
        }
        guard opened else { throw .authenticationFailed }
        var unpaddedLength = 0
        let paddingValid = padded.withBytes { buffer in
            sodium_unpad(&unpaddedLength, buffer.u8, buffer.count, paddingBlock) == 0
        }
        guard paddingValid else { throw .badPadding }
        return SecretBytes(count: unpaddedLength) { out in
            padded.withBytes { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<unpaddedLength])) }
        }
    }

    private static func pad(_ plaintext: [UInt8]) -> [UInt8] {
        var buffer = plaintext + [UInt8](repeating: 0, count: paddingBlock)
        var paddedLength = 0
        _ = buffer.withUnsafeMutableBytes { out in
            sodium_pad(&paddedLength, out.u8, plaintext.count, paddingBlock, out.count)
        }
        let result = Array(buffer[0..<paddedLength])
        zeroize(&buffer)
        return result
    }
}
