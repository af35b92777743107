/// A signed report on an assigned case, sealed to the client and the clinician.
public struct ReportBody: EventBody {
    public static let kind = EventKind.report

    public var posting: EventID
    /// BLAKE2b-256 of the sealed plaintext. Only a reader can check it: after
    /// opening, the hash proves every recipient read the same bytes, which
    /// the AEAD alone does not (it commits to no key). The plaintext carries
    /// a random salt, so the hash cannot confirm a guessed report.
    public var contentHash: Key32
    public var sealed: Sealed

    public init(posting: EventID, contentHash: Key32, sealed: Sealed) {
        self.posting = posting
        self.contentHash = contentHash
        self.sealed = sealed
    }

    public func encodeFields(to writer: inout ByteWriter) {
        writer.writeFixed(posting)
        writer.writeFixed(contentHash)
        sealed.encode(to: &writer)
    }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        posting = try reader.readKey("report.posting")
        contentHash = try reader.readKey("report.contentHash")
        sealed = try Sealed(decoding: &reader, field: "report.sealed")
    }
}

/// A later amendment to a signed report by its author.
public struct AddendumBody: EventBody {
    public static let kind = EventKind.addendum

    public var report: EventID
    /// BLAKE2b-256 of the sealed plaintext, as in `ReportBody.contentHash`.
    public var contentHash: Key32
    public var sealed: Sealed

    public init(report: EventID, contentHash: Key32, sealed: Sealed) {
        self.report = report
        self.contentHash = contentHash
        self.sealed = sealed
    }

    public func encodeFields(to writer: inout ByteWriter) {
        writer.writeFixed(report)
        writer.writeFixed(contentHash)
        sealed.encode(to: &writer)
    }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        report = try reader.readKey("addendum.report")
        contentHash = try reader.readKey("addendum.contentHash")
        sealed = try Sealed(decoding: &reader, field: "addendum.sealed")
    }
}

/// A follow-up recommendation attached to a report. Modality and interval
/// are clear so that completeness can be measured in public; they are
/// optional because an incomplete recommendation is exactly what the
/// metric counts.
public struct FollowUpRecommendationBody: EventBody {
    public static let kind = EventKind.followUpRecommendation

    public var report: EventID
    public var modality: String?
    public var intervalDays: UInt32?
    /// The guideline the recommendation follows, e.g. "FLEISCHNER-2017".
    public var guideline: String?
    public var sealed: Sealed

    public init(report: EventID, modality: String?, intervalDays: UInt32?, guideline: String?, sealed: Sealed) {
        self.report = report
        self.modality = modality
        self.intervalDays = intervalDays
        self.guideline = guideline
        self.sealed = sealed
    }

    public func encodeFields(to writer: inout ByteWriter) {
        writer.writeFixed(report)
        writer.write(modality)
        writer.write(intervalDays != nil)
        if let intervalDays { writer.write(intervalDays) }
        writer.write(guideline)
        sealed.encode(to: &writer)
    }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        report = try reader.readKey("followUpRecommendation.report")
        modality = try reader.readOptionalString("followUpRecommendation.modality", maxLength: 4)
        intervalDays = try reader.readBool("followUpRecommendation.intervalDays")
            ? try reader.readUInt32("followUpRecommendation.intervalDays") : nil
        guideline = try reader.readOptionalString("followUpRecommendation.guideline", maxLength: 32)
        sealed = try Sealed(decoding: &reader, field: "followUpRecommendation.sealed")
    }

    public func validate() throws(DecodeError) {
        if let modality { try FieldRules.code(modality, "followUpRecommendation.modality", maxLength: 4) }
        if let intervalDays {
            try FieldRules.check((1...3650).contains(intervalDays), "followUpRecommendation.intervalDays",
                                 "\(intervalDays) is outside 1 day to 10 years")
        }
        if let guideline { try FieldRules.code(guideline, "followUpRecommendation.guideline") }
    }
}

public enum FollowUpState: UInt8, Sendable, CaseIterable {
    case scheduled = 1
    case completed = 2
    case declined = 3
    case notIndicated = 4

    public var name: String {
        switch self {
        case .scheduled: "scheduled"
        case .completed: "completed"
        case .declined: "declined"
        case .notIndicated: "not-indicated"
        }
    }
}

/// The client reports what became of a follow-up recommendation.
public struct FollowUpStatusBody: EventBody {
    public static let kind = EventKind.followUpStatus

    public var recommendation: EventID
    public var state: FollowUpState
    public var at: Int64

    public init(recommendation: EventID, state: FollowUpState, at: Int64) {
        self.recommendation = recommendation
        self.state = state
        self.at = at
    }

    public func encodeFields(to writer: inout ByteWriter) {
        writer.writeFixed(recommendation)
        writer.write(state.rawValue)
        writer.write(at)
    }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        recommendation = try reader.readKey("followUpStatus.recommendation")
        state = try reader.readEnum(FollowUpState.self, "followUpStatus.state")
        at = try reader.readInt64("followUpStatus.at")
    }

    public func validate() throws(DecodeError) {
        try FieldRules.time(at, "followUpStatus.at")
    }
}

/// Urgency of a critical result, after the ACR practice parameter on
/// communication: red within minutes, orange within hours, yellow within days.
public enum CriticalCategory: UInt8, Sendable, CaseIterable {
    case red = 1
    case orange = 2
    case yellow = 3

    public var name: String {
        switch self {
        case .red: "red"
        case .orange: "orange"
        case .yellow: "yellow"
        }
    }
}

/// A critical finding that the clinician must acknowledge within a deadline.
public struct CriticalResultBody: EventBody {
    public static let kind = EventKind.criticalResult

    public var posting: EventID
    public var category: CriticalCategory
    public var acknowledgeWithinMinutes: UInt32
    public var sealed: Sealed

    public init(posting: EventID, category: CriticalCategory, acknowledgeWithinMinutes: UInt32, sealed: Sealed) {
        self.posting = posting
        self.category = category
        self.acknowledgeWithinMinutes = acknowledgeWithinMinutes
        self.sealed = sealed
    }

    public func encodeFields(to writer: inout ByteWriter) {
        writer.writeFixed(posting)
        writer.write(category.rawValue)
        writer.write(acknowledgeWithinMinutes)
        sealed.encode(to: &writer)
    }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        posting = try reader.readKey("criticalResult.posting")
        category = try reader.readEnum(CriticalCategory.self, "criticalResult.category")
        acknowledgeWithinMinutes = try reader.readUInt32("criticalResult.acknowledgeWithinMinutes")
        sealed = try Sealed(decoding: &reader, field: "criticalResult.sealed")
    }

    public func validate() throws(DecodeError) {
        try FieldRules.check((1...20_160).contains(acknowledgeWithinMinutes), "criticalResult.acknowledgeWithinMinutes",
                             "\(acknowledgeWithinMinutes) is outside 1 minute to 14 days")
    }
}

/// The clinician confirms receipt of a critical result.
public struct AcknowledgmentBody: EventBody {
    public static let kind = EventKind.acknowledgment

    public var criticalResult: EventID

    public init(criticalResult: EventID) { self.criticalResult = criticalResult }

    public func encodeFields(to writer: inout ByteWriter) { writer.writeFixed(criticalResult) }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        criticalResult = try reader.readKey("acknowledgment.criticalResult")
    }
}
