public enum Priority: UInt8, Sendable, CaseIterable, Comparable {
    case stat = 1
    case urgent = 2
    case routine = 3

    public var name: String {
        switch self {
        case .stat: "stat"
        case .urgent: "urgent"
        case .routine: "routine"
        }
    }

    public init?(name: String) {
        guard let priority = Priority.allCases.first(where: { $0.name == name }) else { return nil }
        self = priority
    }

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A finding an AI product reported on the study, with its score in
/// thousandths (930 = 0.93).
public struct AIFinding: Sendable, Equatable {
    public var code: String
    public var scorePerMille: UInt16

    public init(code: String, scorePerMille: UInt16) {
        self.code = code
        self.scorePerMille = scorePerMille
    }
}

/// A study offered for reading. Every field is clear text on the ledger, so
/// it holds only what the market needs; the client keeps the identifying
/// details in its own store. The case is identified by this event's id.
public struct PostingBody: EventBody {
    public static let kind = EventKind.posting
    public static let maxDeadlineSeconds: UInt32 = 30 * 24 * 3600

    public var modality: String
    public var bodyRegion: String
    /// A procedure name from the client's catalogue ("CT CHEST WO CONTRAST"), never free text about the patient.
    public var procedure: String
    public var priority: Priority
    public var deadlineSeconds: UInt32
    public var price: UInt64
    public var currency: String
    public var jurisdiction: String
    public var subspecialty: String?
    public var seriesCount: UInt32
    public var instanceCount: UInt32
    public var aiFindings: [AIFinding]

    public init(modality: String, bodyRegion: String, procedure: String, priority: Priority, deadlineSeconds: UInt32,
                price: UInt64, currency: String, jurisdiction: String, subspecialty: String? = nil,
                seriesCount: UInt32, instanceCount: UInt32, aiFindings: [AIFinding] = []) {
        self.modality = modality
        self.bodyRegion = bodyRegion
        self.procedure = procedure
        self.priority = priority
        self.deadlineSeconds = deadlineSeconds
        self.price = price
        self.currency = currency
        self.jurisdiction = jurisdiction
        self.subspecialty = subspecialty
        self.seriesCount = seriesCount
        self.instanceCount = instanceCount
        self.aiFindings = aiFindings
    }

    public func encodeFields(to writer: inout ByteWriter) {
        writer.write(modality)
        writer.write(bodyRegion)
        writer.write(procedure)
        writer.write(priority.rawValue)
        writer.write(deadlineSeconds)
        writer.write(price)
        writer.write(currency)
        writer.write(jurisdiction)
        writer.write(subspecialty)
        writer.write(seriesCount)
        writer.write(instanceCount)
        writer.write(UInt8(aiFindings.count))
        for finding in aiFindings {
            writer.write(finding.code)
            writer.write(finding.scorePerMille)
        }
    }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        modality = try reader.readString("posting.modality", maxLength: 4)
        bodyRegion = try reader.readString("posting.bodyRegion", maxLength: 32)
        procedure = try reader.readString("posting.procedure", maxLength: 320)
        priority = try reader.readEnum(Priority.self, "posting.priority")
        deadlineSeconds = try reader.readUInt32("posting.deadlineSeconds")
        price = try reader.readUInt64("posting.price")
        currency = try reader.readString("posting.currency", maxLength: 3)
        jurisdiction = try reader.readString("posting.jurisdiction", maxLength: 6)
        subspecialty = try reader.readOptionalString("posting.subspecialty", maxLength: 32)
        seriesCount = try reader.readUInt32("posting.seriesCount")
        instanceCount = try reader.readUInt32("posting.instanceCount")
        let count = Int(try reader.readUInt8("posting.aiFindings"))
        guard count <= 8 else { throw .tooLong(field: "posting.aiFindings", length: count, maximum: 8) }
        aiFindings = []
        for _ in 0..<count {
            let code = try reader.readString("posting.aiFindings.code", maxLength: 32)
            aiFindings.append(AIFinding(code: code, scorePerMille: try reader.readUInt16("posting.aiFindings.score")))
        }
    }

    public func validate() throws(DecodeError) {
        try FieldRules.code(modality, "posting.modality", maxLength: 4)
        try FieldRules.code(bodyRegion, "posting.bodyRegion")
        try FieldRules.text(procedure, "posting.procedure", maxLength: 80)
        try FieldRules.check((60...PostingBody.maxDeadlineSeconds).contains(deadlineSeconds), "posting.deadlineSeconds",
                             "\(deadlineSeconds) s is outside 1 minute to 30 days")
        try FieldRules.amount(price, "posting.price")
        try FieldRules.currency(currency, "posting.currency")
        try FieldRules.jurisdiction(jurisdiction, "posting.jurisdiction")
        if let subspecialty { try FieldRules.code(subspecialty, "posting.subspecialty") }
        try FieldRules.check(seriesCount <= instanceCount, "posting.seriesCount", "more series than instances")
        for finding in aiFindings {
            try FieldRules.code(finding.code, "posting.aiFindings.code")
            try FieldRules.check(finding.scorePerMille <= 1000, "posting.aiFindings.score", "\(finding.scorePerMille) exceeds 1000")
        }
    }
}

/// A radiologist's offer to read a posted case at a price within a committed turnaround.
public struct BidBody: EventBody {
    public static let kind = EventKind.bid

    public var posting: EventID
    public var price: UInt64
    public var currency: String
    public var turnaroundMinutes: UInt32

    public init(posting: EventID, price: UInt64, currency: String, turnaroundMinutes: UInt32) {
        self.posting = posting
        self.price = price
        self.currency = currency
        self.turnaroundMinutes = turnaroundMinutes
    }

    public func encodeFields(to writer: inout ByteWriter) {
        writer.writeFixed(posting)
        writer.write(price)
        writer.write(currency)
        writer.write(turnaroundMinutes)
    }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        posting = try reader.readKey("bid.posting")
        price = try reader.readUInt64("bid.price")
        currency = try reader.readString("bid.currency", maxLength: 3)
        turnaroundMinutes = try reader.readUInt32("bid.turnaroundMinutes")
    }

    public func validate() throws(DecodeError) {
        try FieldRules.amount(price, "bid.price")
        try FieldRules.currency(currency, "bid.currency")
        try FieldRules.check((1...43_200).contains(turnaroundMinutes), "bid.turnaroundMinutes",
                             "\(turnaroundMinutes) is outside 1 minute to 30 days")
    }
}

/// Withdraws the author's own bid, or the author's own posting before it is assigned.
public struct WithdrawalBody: EventBody {
    public static let kind = EventKind.withdrawal

    public var target: EventID

    public init(target: EventID) { self.target = target }

    public func encodeFields(to writer: inout ByteWriter) { writer.writeFixed(target) }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        target = try reader.readKey("withdrawal.target")
    }
}

/// The posting client gives the case to one radiologist, and names the
/// referring clinician who may send feedback and receives the report.
public struct AssignmentBody: EventBody {
    public static let kind = EventKind.assignment

    public var posting: EventID
    public var radiologist: PublicKey
    public var bid: EventID?
    public var clinician: PublicKey?
    public var price: UInt64
    public var currency: String

    public init(posting: EventID, radiologist: PublicKey, bid: EventID?, clinician: PublicKey?, price: UInt64, currency: String) {
        self.posting = posting
        self.radiologist = radiologist
        self.bid = bid
        self.clinician = clinician
        self.price = price
        self.currency = currency
    }

    public func encodeFields(to writer: inout ByteWriter) {
        writer.writeFixed(posting)
        writer.writeFixed(radiologist)
        writer.write(bid)
        writer.write(clinician)
        writer.write(price)
        writer.write(currency)
    }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        posting = try reader.readKey("assignment.posting")
        radiologist = try reader.readKey("assignment.radiologist")
        bid = try reader.readOptionalKey("assignment.bid")
        clinician = try reader.readOptionalKey("assignment.clinician")
        price = try reader.readUInt64("assignment.price")
        currency = try reader.readString("assignment.currency", maxLength: 3)
    }

    public func validate() throws(DecodeError) {
        try FieldRules.amount(price, "assignment.price")
        try FieldRules.currency(currency, "assignment.currency")
    }
}

/// The sealed hand-over to the assignee: study link, access credential,
/// viewer link and the patient-history summary.
public struct AccessGrantBody: EventBody {
    public static let kind = EventKind.accessGrant

    public var posting: EventID
    public var recipient: PublicKey
    public var expiresAt: Int64
    public var sealed: Sealed

    public init(posting: EventID, recipient: PublicKey, expiresAt: Int64, sealed: Sealed) {
        self.posting = posting
        self.recipient = recipient
        self.expiresAt = expiresAt
        self.sealed = sealed
    }

    public func encodeFields(to writer: inout ByteWriter) {
        writer.writeFixed(posting)
        writer.writeFixed(recipient)
        writer.write(expiresAt)
        sealed.encode(to: &writer)
    }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        posting = try reader.readKey("accessGrant.posting")
        recipient = try reader.readKey("accessGrant.recipient")
        expiresAt = try reader.readInt64("accessGrant.expiresAt")
        sealed = try Sealed(decoding: &reader, field: "accessGrant.sealed")
    }

    public func validate() throws(DecodeError) {
        try FieldRules.time(expiresAt, "accessGrant.expiresAt")
    }
}

/// The client records payment for a read case.
public struct SettlementBody: EventBody {
    public static let kind = EventKind.settlement

    public var posting: EventID
    public var radiologist: PublicKey
    public var amount: UInt64
    public var currency: String

    public init(posting: EventID, radiologist: PublicKey, amount: UInt64, currency: String) {
        self.posting = posting
        self.radiologist = radiologist
        self.amount = amount
        self.currency = currency
    }

    public func encodeFields(to writer: inout ByteWriter) {
        writer.writeFixed(posting)
        writer.writeFixed(radiologist)
        writer.write(amount)
        writer.write(currency)
    }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        posting = try reader.readKey("settlement.posting")
        radiologist = try reader.readKey("settlement.radiologist")
        amount = try reader.readUInt64("settlement.amount")
        currency = try reader.readString("settlement.currency", maxLength: 3)
    }

    public func validate() throws(DecodeError) {
        try FieldRules.amount(amount, "settlement.amount")
        try FieldRules.currency(currency, "settlement.currency")
    }
}
