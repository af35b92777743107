import HilumCore
import HilumCrypto

/// The public description of this device's identity, stored in `identity.json`.
public struct IdentityRecord: Sendable, Equatable {
    public var identity: PublicKey
    public var device: PublicKey
    public var encryptionKey: PublicKey
    public var role: Role
    public var displayName: String
    public var createdAt: Int64

    public init(identity: PublicKey, device: PublicKey, encryptionKey: PublicKey, role: Role, displayName: String, createdAt: Int64) {
        self.identity = identity
        self.device = device
        self.encryptionKey = encryptionKey
        self.role = role
        self.displayName = displayName
        self.createdAt = createdAt
    }
}

/// The unlocked secrets of this device: its signing key and the identity's
/// encryption key. Both are zeroed when released.
public struct DeviceSecrets: Sendable {
    public let device: SigningKey
    public let encryption: EncryptionKey

    /// Serialised as device seed (32) followed by encryption secret (32).
    public func packed() -> SecretBytes {
        let seed = device.seed
        let encryptionSecret = encryption.seedForStorage
        return SecretBytes(count: 64) { out in
            seed.withBytes { out.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: 32) }
            encryptionSecret.withBytes { (out.baseAddress! + 32).copyMemory(from: $0.baseAddress!, byteCount: 32) }
        }
    }

    public init(device: SigningKey, encryption: EncryptionKey) {
        self.device = device
        self.encryption = encryption
    }

    public init?(packed: SecretBytes) {
        guard packed.count == 64 else { return nil }
        let seed = SecretBytes(count: 32) { out in packed.withBytes { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<32])) } }
        let encryptionSecret = SecretBytes(count: 32) { out in packed.withBytes { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[32..<64])) } }
        device = SigningKey(seed: seed)
        encryption = EncryptionKey(secretKey: encryptionSecret)
    }
}

/// Creating identities and devices.
public enum IdentityFactory {
    /// A new identity: a random recovery seed (the identity key's secret),
    /// the encryption key derived from it, and a first device key. Returns
    /// the device event that opens the device's feed.
    public static func create(role: Role, displayName: String, recoverySeed: SecretBytes, at time: Int64)
        throws -> (record: IdentityRecord, secrets: DeviceSecrets, deviceEvent: VerifiedEvent) {
        let identityKey = SigningKey(seed: recoverySeed)
        let encryption = EncryptionKey.derived(fromIdentitySeed: recoverySeed)
        let device = SigningKey.generate()
        let certificate = DeviceBody.certificate(device: device.publicKey, identity: identityKey.publicKey, role: role,
                                                 displayName: displayName, encryptionKey: encryption.publicKey, issuedAt: time)
        let body = DeviceBody(identity: identityKey.publicKey, role: role, displayName: displayName,
                              encryptionKey: encryption.publicKey, issuedAt: time,
                              identitySignature: identityKey.sign(certificate))
        let event = try FeedWriter(device: device).sign(body, after: nil, at: time)
        let record = IdentityRecord(identity: identityKey.publicKey, device: device.publicKey, encryptionKey: encryption.publicKey,
                                    role: role, displayName: displayName, createdAt: time)
        return (record, DeviceSecrets(device: device, encryption: encryption), event)
    }

    /// A key rotation event revoking `devices`, signed by the recovery seed.
    public static func rotation(revoking devices: [PublicKey], recoverySeed: SecretBytes, writer: FeedWriter,
                                after head: (sequence: UInt64, id: EventID, timestamp: Int64)?, at time: Int64) throws -> VerifiedEvent {
        let identityKey = SigningKey(seed: recoverySeed)
        let statement = KeyRotationBody.statement(author: writer.device.publicKey, identity: identityKey.publicKey,
                                                  revokedDevices: devices, issuedAt: time)
        let body = KeyRotationBody(identity: identityKey.publicKey, revokedDevices: devices, issuedAt: time,
                                   recoverySignature: identityKey.sign(statement))
        return try writer.sign(body, after: head, at: time)
    }
}

/// The printed form of a recovery seed: 64 hex digits and a 4-digit
/// BLAKE2b checksum, in groups of four ("hrk1-xxxx-…").
public enum RecoveryCode {
    public static func format(_ seed: SecretBytes) -> String {
        var bytes = seed.copyBytes()
        defer { zeroize(&bytes) }
        let checksum = Array(Hash.blake2b256(bytes).bytes.prefix(2))
        let digits = Array(Hex.encode(bytes + checksum))
        var groups: [String] = []
        var index = 0
        while index < digits.count {
            groups.append(String(digits[index..<min(index + 4, digits.count)]))
            index += 4
        }
        return "hrk1-" + groups.joined(separator: "-")
    }

    public enum Failure: Error, CustomStringConvertible {
        case malformed
        case checksum

        public var description: String {
            switch self {
            case .malformed: "the recovery code is not in the form hrk1-xxxx-… with 68 hex digits"
            case .checksum: "the recovery code's checksum does not match; check for a mistyped group"
            }
        }
    }

    public static func parse(_ text: String) throws(Failure) -> SecretBytes {
        var cleaned = text.lowercased().filter { !$0.isWhitespace && $0 != "-" }
        guard cleaned.hasPrefix("hrk1") else { throw .malformed }
        cleaned.removeFirst(4)
        guard var bytes = Hex.decode(cleaned), bytes.count == 34 else { throw .malformed }
        defer { zeroize(&bytes) }
        var seed = Array(bytes[0..<32])
        guard Array(Hash.blake2b256(seed).bytes.prefix(2)) == Array(bytes[32..<34]) else {
            zeroize(&seed)
            throw .checksum
        }
        return SecretBytes(consuming: &seed)
    }
}
