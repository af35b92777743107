import CSodium

/// Secret-key storage: the payload is encrypted with
/// XChaCha20-Poly1305 under a key derived from the passphrase by Argon2id
/// (libsodium's MODERATE limits: 3 passes, 256 MiB). The header (magic,
/// salt, limits) is bound as additional data, so editing it fails the tag.
///
/// Layout: `"HILUMKEY" | version u8 | salt 16 | opslimit u64 | memlimit u64 | nonce 24 | ciphertext`.
public enum KeyFile {
    public static let magic = Array("HILUMKEY".utf8)
    public static let version: UInt8 = 1

    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case notAKeyFile
        case unsupportedVersion(UInt8)
        case wrongPassphrase
        case derivationFailed
        case limitsOutOfRange

        public var description: String {
            switch self {
            case .notAKeyFile: "the file is not a Hilum key file (bad magic or too short)"
            case let .unsupportedVersion(version): "key file version \(version) is newer than this build of hilum reads"
            case .wrongPassphrase: "wrong passphrase, or the key file was altered"
            case .derivationFailed: "Argon2id key derivation failed; not enough memory for 256 MiB?"
            case .limitsOutOfRange: "the key file asks for Argon2id limits outside the accepted range"
            }
        }
    }

    /// The Argon2id limits new key files use; tests may pass the interactive ones.
    public struct Limits: Sendable {
        public let opsLimit: UInt64
        public let memLimit: UInt64

        public static let moderate = Limits(opsLimit: UInt64(crypto_pwhash_opslimit_moderate()),
                                            memLimit: UInt64(crypto_pwhash_memlimit_moderate()))
        public static let interactive = Limits(opsLimit: UInt64(crypto_pwhash_opslimit_interactive()),
                                               memLimit: UInt64(crypto_pwhash_memlimit_interactive()))
    }

    private static let headerSize = magic.count + 1 + 16 + 8 + 8

    public static func seal(_ payload: SecretBytes, passphrase: SecretBytes, limits: Limits = .moderate) throws(Failure) -> [UInt8] {
        _ = Sodium.ready
        let salt = Random.bytes(Int(crypto_pwhash_saltbytes()))
        var header = magic + [version] + salt
        header += bigEndian(limits.opsLimit) + bigEndian(limits.memLimit)
        let key = try derive(passphrase: passphrase, salt: salt, limits: limits)
        let nonce = Random.bytes(Int(crypto_aead_xchacha20poly1305_ietf_npubbytes()))
        var ciphertext = [UInt8](repeating: 0, count: payload.count + Int(crypto_aead_xchacha20poly1305_ietf_abytes()))
        var length: UInt64 = 0
        payload.withBytes { plain in
            key.withBytes { keyBytes in
                _ = crypto_aead_xchacha20poly1305_ietf_encrypt(&ciphertext, &length, plain.u8, UInt64(plain.count),
                                                               header, UInt64(header.count), nil, nonce, keyBytes.u8)
            }
        }
        return header + nonce + ciphertext
    }

    public static func open(_ file: [UInt8], passphrase: SecretBytes) throws(Failure) -> SecretBytes {
        _ = Sodium.ready
        let nonceSize = Int(crypto_aead_xchacha20poly1305_ietf_npubbytes())
        let tagSize = Int(crypto_aead_xchacha20poly1305_ietf_abytes())
        guard file.count >= headerSize + nonceSize + tagSize, Array(file[0..<magic.count]) == magic else { throw .notAKeyFile }
        guard file[magic.count] == version else { throw .unsupportedVersion(file[magic.count]) }
        let saltStart = magic.count + 1
        let salt = Array(file[saltStart..<(saltStart + 16)])
        let limits = Limits(opsLimit: readBigEndian(file[(saltStart + 16)..<(saltStart + 24)]),
                            memLimit: readBigEndian(file[(saltStart + 24)..<(saltStart + 32)]))
        // An attacker who can edit the file could otherwise demand terabytes of memory before the tag check.
        guard (1...10).contains(limits.opsLimit),
              (UInt64(crypto_pwhash_memlimit_min())...UInt64(1 << 30)).contains(limits.memLimit) else { throw .limitsOutOfRange }
        let header = Array(file[0..<headerSize])
        let nonce = Array(file[headerSize..<(headerSize + nonceSize)])
        let ciphertext = Array(file[(headerSize + nonceSize)...])
        let key = try derive(passphrase: passphrase, salt: salt, limits: limits)
        var opened = true
        var length: UInt64 = 0
        let plain = SecretBytes(count: ciphertext.count - tagSize) { out in
            key.withBytes { keyBytes in
                opened = crypto_aead_xchacha20poly1305_ietf_decrypt(out.u8, &length, nil, ciphertext, UInt64(ciphertext.count),
                                                                    header, UInt64(header.count), nonce, keyBytes.u8) == 0
            }
        }
        guard opened else { throw .wrongPassphrase }
        return plain
    }

    private static func derive(passphrase: SecretBytes, salt: [UInt8], limits: Limits) throws(Failure) -> SecretBytes {
        var ok = true
        let key = SecretBytes(count: Int(crypto_aead_xchacha20poly1305_ietf_keybytes())) { out in
            passphrase.withBytes { pass in
                ok = crypto_pwhash(out.u8, UInt64(out.count), UnsafeRawPointer(pass.u8).assumingMemoryBound(to: CChar.self),
                                   UInt64(pass.count), salt, limits.opsLimit, Int(limits.memLimit),
                                   crypto_pwhash_alg_argon2id13()) == 0
            }
        }
        guard ok else { throw .derivationFailed }
        return key
    }

    private static func bigEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * UInt64($0))) }
    }

    private static func readBigEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
