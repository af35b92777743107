import HilumCore

/// One open posting in the Market screen.
public struct MarketRow: Sendable, Equatable {
    public let caseID: EventID
    public let priority: Priority
    public let modality: String
    public let region: String
    public let procedure: String
    public let jurisdiction: String
    public let subspecialty: String?
    public let price: UInt64
    public let currency: String
    public let postedAt: Int64
    public let deadlineAt: Int64
    public let bidCount: Int
    /// This radiologist's standing bid: its id, price and committed turnaround.
    public let myBid: (id: EventID, price: UInt64, turnaroundMinutes: Int)?
    public let aiFindings: String

    public static func == (lhs: MarketRow, rhs: MarketRow) -> Bool {
        lhs.caseID == rhs.caseID && lhs.bidCount == rhs.bidCount && lhs.myBid?.id == rhs.myBid?.id
    }

    /// The fields the filter line matches against, in any case.
    public var searchFields: [String] {
        [priority.name, modality, region, procedure, jurisdiction, subspecialty ?? "", aiFindings]
    }
}

/// A case assigned to this radiologist, in the To read screen.
public struct ReadingRow: Sendable, Equatable {
    /// new: not opened yet; in progress: opened; draft: a report draft is saved; signed.
    public enum Status: String, Sendable {
        case new, inProgress = "in progress", draft, signed
    }

    public let caseID: EventID
    public let priority: Priority
    public let modality: String
    public let region: String
    public let procedure: String
    public let jurisdiction: String
    public let client: String
    public let assignedAt: Int64
    public let deadlineAt: Int64
    public let status: Status

    /// The fields the filter line matches against, in any case.
    public var searchFields: [String] {
        [priority.name, modality, region, procedure, jurisdiction, client, status.rawValue]
    }
}

/// How much time is left, as a worklist shows it: "45m", "3h 10m",
/// "2d 4h", or "-12m" once overdue.
public func countdown(until deadline: Int64, now: Int64) -> String {
    let seconds = (deadline - now) / 1000
    let sign = seconds < 0 ? "-" : ""
    let minutes = abs(seconds) / 60
    if minutes < 60 { return "\(sign)\(minutes)m" }
    if minutes < 24 * 60 { return "\(sign)\(minutes / 60)h \(minutes % 60)m" }
    return "\(sign)\(minutes / (24 * 60))d \((minutes / 60) % 24)h"
}

extension ReadingRow {
    /// This row with another status, such as "in progress" for a case opened in this session.
    public func with(status: Status) -> ReadingRow {
        ReadingRow(caseID: caseID, priority: priority, modality: modality, region: region, procedure: procedure,
                   jurisdiction: jurisdiction, client: client, assignedAt: assignedAt, deadlineAt: deadlineAt, status: status)
    }
}
