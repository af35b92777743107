import CSodium

/// HMAC-SHA256 (RFC 2104) through libsodium's `crypto_auth_hmacsha256`
/// streaming API, which accepts a key of any length, so the result matches
/// any standard implementation (Python's `hmac`, OpenSSL) for the same key.
public enum HMACSHA256 {
    public static let byteCount = 32

    public static func authenticate(_ message: [UInt8], key: SecretBytes) -> [UInt8] {
        _ = Sodium.ready
        var state = crypto_auth_hmacsha256_state()
        var mac = [UInt8](repeating: 0, count: byteCount)
        key.withBytes { keyBytes in
            _ = crypto_auth_hmacsha256_init(&state, keyBytes.u8, keyBytes.count)
        }
        message.withUnsafeBytes { bytes in
            _ = crypto_auth_hmacsha256_update(&state, bytes.u8, UInt64(bytes.count))
        }
        _ = crypto_auth_hmacsha256_final(&state, &mac)
        sodium_memzero(&state, MemoryLayout<crypto_auth_hmacsha256_state>.size)
        return mac
    }
}

public enum ConstantTime {
    /// Compares two byte strings in time that depends only on their length (`sodium_memcmp`).
    public static func equal(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        _ = Sodium.ready
        return left.withUnsafeBytes { l in
            right.withUnsafeBytes { r in sodium_memcmp(l.u8, r.u8, l.count) == 0 }
        }
    }
}

/// Base64 with the URL and filename alphabet and no padding (RFC 4648 section 5).
public enum Base64URL {
    public static func encode(_ bytes: [UInt8]) -> String {
        LibsodiumBase64.encode(bytes, variant: sodium_base64_VARIANT_URLSAFE_NO_PADDING)
    }

    /// Decodes strictly: padding, whitespace and trailing characters make it return nil.
    public static func decode(_ text: String) -> [UInt8]? {
        LibsodiumBase64.decode(text, variant: sodium_base64_VARIANT_URLSAFE_NO_PADDING)
    }
}
