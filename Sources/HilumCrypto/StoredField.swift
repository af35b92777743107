import CSodium

/// One encrypted value at rest in a local table (drafts, cached history):
/// `base64(nonce 24 | crypto_secretbox ciphertext with its 16-byte tag)`.
/// Opening checks the format before libsodium sees a byte, so legacy
/// plain text, truncated rows and wrong-length nonces fail with a reason.
public enum StoredField {
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case notEncrypted
        case tooShort(Int)
        case authenticationFailed

        public var description: String {
            switch self {
            case .empty: "the stored value is empty"
            case .notEncrypted: "the stored value is not base64, so it is not an encrypted value (written before encryption?)"
            case let .tooShort(count): "the stored value is too short: \(count) bytes, fewer than the 24-byte nonce and 16-byte tag"
            case .authenticationFailed: "authentication failed: the stored value was altered, truncated or encrypted with another key"
            }
        }
    }

    static let nonceSize = Int(crypto_secretbox_noncebytes())
    static let tagSize = Int(crypto_secretbox_macbytes())

    public static func seal(_ plaintext: [UInt8], key: SecretBytes) -> String {
        precondition(key.count == Int(crypto_secretbox_keybytes()), "a secretbox key is 32 bytes")
        let nonce = Random.bytes(nonceSize)
        var box = [UInt8](repeating: 0, count: plaintext.count + tagSize)
        key.withBytes { keyBytes in
            _ = crypto_secretbox_easy(&box, plaintext, UInt64(plaintext.count), nonce, keyBytes.u8)
        }
        return Base64.encode(nonce + box)
    }

    public static func open(_ stored: String, key: SecretBytes) throws(Failure) -> SecretBytes {
        precondition(key.count == Int(crypto_secretbox_keybytes()), "a secretbox key is 32 bytes")
        guard !stored.isEmpty else { throw .empty }
        guard let raw = Base64.decode(stored) else { throw .notEncrypted }
        guard raw.count >= nonceSize + tagSize else { throw .tooShort(raw.count) }
        let nonce = Array(raw[0..<nonceSize])
        let box = Array(raw[nonceSize...])
        var opened = true
        let plain = SecretBytes(count: box.count - tagSize) { out in
            key.withBytes { keyBytes in
                opened = crypto_secretbox_open_easy(out.u8, box, UInt64(box.count), nonce, keyBytes.u8) == 0
            }
        }
        guard opened else { throw .authenticationFailed }
        return plain
    }
}

/// Strict standard base64 (RFC 4648 section 4, with padding) through libsodium.
public enum Base64 {
    public static func encode(_ bytes: [UInt8]) -> String { LibsodiumBase64.encode(bytes, variant: sodium_base64_VARIANT_ORIGINAL) }

    public static func decode(_ text: String) -> [UInt8]? { LibsodiumBase64.decode(text, variant: sodium_base64_VARIANT_ORIGINAL) }
}

/// libsodium's base64 for one of its variants, shared by `Base64` and `Base64URL`.
enum LibsodiumBase64 {
    static func encode(_ bytes: [UInt8], variant: Int32) -> String {
        _ = Sodium.ready
        let length = sodium_base64_encoded_len(bytes.count, variant)
        var out = [CChar](repeating: 0, count: length)
        bytes.withUnsafeBytes { input in
            _ = sodium_bin2base64(&out, length, input.u8, input.count, variant)
        }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Decodes strictly: padding errors, whitespace and trailing characters give nil.
    static func decode(_ text: String, variant: Int32) -> [UInt8]? {
        _ = Sodium.ready
        let input = Array(text.utf8)
        var out = [UInt8](repeating: 0, count: input.count * 3 / 4 + 3)
        var length = 0
        var end: UnsafePointer<CChar>? = nil
        let result = input.withUnsafeBytes { raw in
            sodium_base642bin(&out, out.count, raw.baseAddress?.assumingMemoryBound(to: CChar.self), input.count,
                              nil, &length, &end, variant)
        }
        // Reject trailing characters that libsodium stopped before.
        guard result == 0, let end,
              input.withUnsafeBytes({ end == $0.baseAddress?.assumingMemoryBound(to: CChar.self).advanced(by: input.count) })
        else { return nil }
        return Array(out[0..<length])
    }
}
