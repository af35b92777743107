import HilumCore

/// A follow-up this radiologist recommended, as the Follow-ups screen shows it.
public struct FollowUpRow: Sendable, Equatable {
    /// The recommendation's state, `recommended` until the client reports another.
    public enum Status: String, Sendable {
        case recommended, scheduled, completed, declined, notIndicated = "not indicated"

        init(_ state: FollowUpState?) {
            switch state {
            case nil: self = .recommended
            case .scheduled?: self = .scheduled
            case .completed?: self = .completed
            case .declined?: self = .declined
            case .notIndicated?: self = .notIndicated
            }
        }
    }

    /// The recommendation event's id.
    public let id: EventID
    public let caseID: EventID
    /// The case's procedure, e.g. "CT CHEST WITHOUT CONTRAST".
    public let procedure: String
    /// The recommended study's DICOM modality, clear on the ledger.
    public let modality: String?
    public let intervalDays: Int?
    /// The guideline code, e.g. "FLEISCHNER-2017"; nil for expert opinion.
    public let guideline: String?
    /// Milliseconds since 1970: signing time plus the interval; nil without an interval.
    public let dueAt: Int64?
    public let status: Status
    /// When the client reported the status, in milliseconds since 1970.
    public let statusAt: Int64?
    /// The finding from the sealed details, or why they could not be opened.
    public let finding: String

    /// Returns whether the due date has passed while the follow-up is neither done nor closed.
    public func isOverdue(now: Int64) -> Bool {
        guard let dueAt, dueAt <= now else { return false }
        return status == .recommended || status == .scheduled
    }
}

/// A critical result this radiologist flagged, with the clinician's acknowledgment.
public struct CriticalResultRow: Sendable, Equatable {
    public let id: EventID
    public let caseID: EventID
    public let procedure: String
    public let category: CriticalCategory
    /// The notified clinician's display name.
    public let clinician: String
    public let flaggedAt: Int64
    /// The acknowledgment deadline, in milliseconds since 1970.
    public let dueAt: Int64
    public let acknowledgedAt: Int64?
    /// The message sealed to the clinician, or why it could not be opened.
    public let message: String

    public var isAcknowledged: Bool { acknowledgedAt != nil }

    /// Returns whether the deadline has passed without an acknowledgment.
    public func isOverdue(now: Int64) -> Bool { acknowledgedAt == nil && dueAt <= now }
}

extension CriticalCategory {
    /// The level a radiologist names: red is critical, orange urgent, yellow significant.
    public var level: String {
        switch self {
        case .red: "critical"
        case .orange: "urgent"
        case .yellow: "significant"
        }
    }
}
