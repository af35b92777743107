/// The first event of every device feed: it binds the device key (the
/// event's author) to a person's identity key, and carries the identity's
/// signature over that binding. The identity's secret is the recovery key,
/// kept offline, so only its holder can add a device.
public struct DeviceBody: EventBody {
    public static let kind = EventKind.device
    public static let maxNameLength = 128

    public var identity: PublicKey
    public var role: Role
    public var displayName: String
    /// The identity's X25519 key; sealed content for this person is addressed to it.
    public var encryptionKey: PublicKey
    public var issuedAt: Int64
    public var identitySignature: [UInt8]

    public init(identity: PublicKey, role: Role, displayName: String, encryptionKey: PublicKey,
                issuedAt: Int64, identitySignature: [UInt8]) {
        self.identity = identity
        self.role = role
        self.displayName = displayName
        self.encryptionKey = encryptionKey
        self.issuedAt = issuedAt
        self.identitySignature = identitySignature
    }

    /// Encodes the statement the identity key signs to authorise `device`.
    public static func certificate(device: PublicKey, identity: PublicKey, role: Role, displayName: String,
                                   encryptionKey: PublicKey, issuedAt: Int64) -> [UInt8] {
        var writer = ByteWriter()
        writer.writeFixed(Array("hilum device certificate v1".utf8))
        writer.writeFixed(device)
        writer.writeFixed(identity)
        writer.write(role.rawValue)
        writer.write(displayName)
        writer.writeFixed(encryptionKey)
        writer.write(issuedAt)
        return writer.bytes
    }

    public func certificate(device: PublicKey) -> [UInt8] {
        DeviceBody.certificate(device: device, identity: identity, role: role, displayName: displayName,
                               encryptionKey: encryptionKey, issuedAt: issuedAt)
    }

    public func encodeFields(to writer: inout ByteWriter) {
        writer.writeFixed(identity)
        writer.write(role.rawValue)
        writer.write(displayName)
        writer.writeFixed(encryptionKey)
        writer.write(issuedAt)
        writer.writeFixed(identitySignature)
    }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        identity = try reader.readKey("device.identity")
        role = try reader.readEnum(Role.self, "device.role")
        displayName = try reader.readString("device.displayName", maxLength: 4 * DeviceBody.maxNameLength)
        encryptionKey = try reader.readKey("device.encryptionKey")
        issuedAt = try reader.readInt64("device.issuedAt")
        identitySignature = try reader.readFixed(64, "device.identitySignature")
    }

    public func validate() throws(DecodeError) {
        try FieldRules.text(displayName, "device.displayName", maxLength: DeviceBody.maxNameLength)
        try FieldRules.time(issuedAt, "device.issuedAt")
        try FieldRules.check(identitySignature.count == 64, "device.identitySignature", "must be 64 bytes")
    }
}

/// A price for one modality, in minor units of the profile's currency.
public struct PriceEntry: Sendable, Equatable {
    public var modality: String
    public var amount: UInt64

    public init(modality: String, amount: UInt64) {
        self.modality = modality
        self.amount = amount
    }
}

/// A radiologist's public offer: subspecialties, prices and usual turnaround.
public struct ProfileBody: EventBody {
    public static let kind = EventKind.profile

    public var subspecialties: [String]
    public var prices: [PriceEntry]
    public var currency: String
    public var turnaroundMinutes: UInt32

    public init(subspecialties: [String], prices: [PriceEntry], currency: String, turnaroundMinutes: UInt32) {
        self.subspecialties = subspecialties
        self.prices = prices
        self.currency = currency
        self.turnaroundMinutes = turnaroundMinutes
    }

    public func encodeFields(to writer: inout ByteWriter) {
        writer.write(subspecialties)
        writer.write(UInt32(prices.count))
        for price in prices {
            writer.write(price.modality)
            writer.write(price.amount)
        }
        writer.write(currency)
        writer.write(turnaroundMinutes)
    }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        subspecialties = try reader.readStrings("profile.subspecialties", maxCount: 16, maxLength: 32)
        let count = Int(try reader.readUInt32("profile.prices"))
        guard count <= 32 else { throw .tooLong(field: "profile.prices", length: count, maximum: 32) }
        prices = []
        for _ in 0..<count {
            let modality = try reader.readString("profile.prices.modality", maxLength: 4)
            prices.append(PriceEntry(modality: modality, amount: try reader.readUInt64("profile.prices.amount")))
        }
        currency = try reader.readString("profile.currency", maxLength: 3)
        turnaroundMinutes = try reader.readUInt32("profile.turnaroundMinutes")
    }

    public func validate() throws(DecodeError) {
        for subspecialty in subspecialties { try FieldRules.code(subspecialty, "profile.subspecialties") }
        for price in prices {
            try FieldRules.code(price.modality, "profile.prices.modality", maxLength: 4)
            try FieldRules.amount(price.amount, "profile.prices.amount")
        }
        try FieldRules.currency(currency, "profile.currency")
    }
}

/// The kind of qualification a credentialer attests.
public enum CredentialKind: UInt8, Sendable, CaseIterable {
    case licence = 1
    case subspecialty = 2

    public var name: String { self == .licence ? "licence" : "subspecialty" }
}

/// A credentialer's attestation that an identity holds a licence for a
/// jurisdiction (or a subspecialty qualification) between two times, or the
/// revocation of an earlier attestation.
public struct CredentialBody: EventBody {
    public static let kind = EventKind.credential

    public var subject: PublicKey
    public var credentialKind: CredentialKind
    public var jurisdiction: String
    public var subspecialty: String?
    public var validFrom: Int64
    public var validUntil: Int64
    /// The credential event this one revokes, if it is a revocation.
    public var revokes: EventID?
    /// The board or authority that issued the licence or qualification, when
    /// the credentialer attests on its behalf (for example a state board).
    public var board: String?

    public static let maxBoardLength = 128

    public init(subject: PublicKey, credentialKind: CredentialKind, jurisdiction: String, subspecialty: String?,
                validFrom: Int64, validUntil: Int64, revokes: EventID? = nil, board: String? = nil) {
        self.subject = subject
        self.credentialKind = credentialKind
        self.jurisdiction = jurisdiction
        self.subspecialty = subspecialty
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.revokes = revokes
        self.board = board
    }

    public func encodeFields(to writer: inout ByteWriter) {
        writer.writeFixed(subject)
        writer.write(credentialKind.rawValue)
        writer.write(jurisdiction)
        writer.write(subspecialty)
        writer.write(validFrom)
        writer.write(validUntil)
        writer.write(revokes)
        writer.write(board)
    }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        subject = try reader.readKey("credential.subject")
        credentialKind = try reader.readEnum(CredentialKind.self, "credential.kind")
        jurisdiction = try reader.readString("credential.jurisdiction", maxLength: 6)
        subspecialty = try reader.readOptionalString("credential.subspecialty", maxLength: 32)
        validFrom = try reader.readInt64("credential.validFrom")
        validUntil = try reader.readInt64("credential.validUntil")
        revokes = try reader.readOptionalKey("credential.revokes")
        board = try reader.readOptionalString("credential.board", maxLength: Self.maxBoardLength)
    }

    public func validate() throws(DecodeError) {
        try FieldRules.jurisdiction(jurisdiction, "credential.jurisdiction")
        if let subspecialty { try FieldRules.code(subspecialty, "credential.subspecialty") }
        try FieldRules.check(credentialKind == .licence || subspecialty != nil, "credential.subspecialty",
                             "a subspecialty credential must name its subspecialty")
        if let board { try FieldRules.text(board, "credential.board", maxLength: Self.maxBoardLength) }
        try FieldRules.time(validFrom, "credential.validFrom")
        try FieldRules.check(validUntil > validFrom, "credential.validUntil", "must be after validFrom")
    }
}

/// Revokes device keys of an identity, signed by the identity's recovery
/// key. It ends a fork: the forked device stays frozen and the identity
/// continues on the rotation's author device.
public struct KeyRotationBody: EventBody {
    public static let kind = EventKind.keyRotation

    public var identity: PublicKey
    public var revokedDevices: [PublicKey]
    public var issuedAt: Int64
    public var recoverySignature: [UInt8]

    public init(identity: PublicKey, revokedDevices: [PublicKey], issuedAt: Int64, recoverySignature: [UInt8]) {
        self.identity = identity
        self.revokedDevices = revokedDevices
        self.issuedAt = issuedAt
        self.recoverySignature = recoverySignature
    }

    /// Encodes the statement the recovery (identity) key signs.
    public static func statement(author: PublicKey, identity: PublicKey, revokedDevices: [PublicKey], issuedAt: Int64) -> [UInt8] {
        var writer = ByteWriter()
        writer.writeFixed(Array("hilum key rotation v1".utf8))
        writer.writeFixed(author)
        writer.writeFixed(identity)
        writer.write(revokedDevices)
        writer.write(issuedAt)
        return writer.bytes
    }

    public func encodeFields(to writer: inout ByteWriter) {
        writer.writeFixed(identity)
        writer.write(revokedDevices)
        writer.write(issuedAt)
        writer.writeFixed(recoverySignature)
    }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        identity = try reader.readKey("keyRotation.identity")
        revokedDevices = try reader.readKeys("keyRotation.revokedDevices", maxCount: 16)
        issuedAt = try reader.readInt64("keyRotation.issuedAt")
        recoverySignature = try reader.readFixed(64, "keyRotation.recoverySignature")
    }

    public func validate() throws(DecodeError) {
        try FieldRules.check(!revokedDevices.isEmpty, "keyRotation.revokedDevices", "must name at least one device")
        try FieldRules.time(issuedAt, "keyRotation.issuedAt")
    }
}

/// Two events by one author at one sequence number: proof that the device
/// key signed two histories.
public struct ForkProofBody: EventBody {
    public static let kind = EventKind.forkProof

    public var first: [UInt8]
    public var second: [UInt8]

    public init(first: [UInt8], second: [UInt8]) {
        // Order the pair so that the same fork always gives the same proof.
        if first.lexicographicallyPrecedes(second) {
            self.first = first
            self.second = second
        } else {
            self.first = second
            self.second = first
        }
    }

    public func encodeFields(to writer: inout ByteWriter) {
        writer.write(bytes: first)
        writer.write(bytes: second)
    }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        first = try reader.readBytes("forkProof.first", maxLength: Event.maxEncodedSize)
        second = try reader.readBytes("forkProof.second", maxLength: Event.maxEncodedSize)
    }

    public func validate() throws(DecodeError) {
        try FieldRules.check(first.lexicographicallyPrecedes(second), "forkProof", "the two events must differ and be in byte order")
        // A fork proof inside a fork proof is rejected before it is decoded, so
        // nesting cannot recurse deeper than one level.
        for inner in [first, second] where inner.count >= 3 && inner[1] == 0 && UInt16(inner[2]) == EventKind.forkProof.rawValue {
            throw .invalidValue(field: "forkProof", reason: "a fork proof cannot contain another fork proof")
        }
        let one = try Event(decoding: first)
        let two = try Event(decoding: second)
        try FieldRules.check(one.author == two.author && one.sequence == two.sequence, "forkProof",
                             "the two events must share author and sequence")
    }
}
