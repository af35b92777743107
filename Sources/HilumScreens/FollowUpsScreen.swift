import Foundation
import HilumCore
import HilumTerminal
import HilumWorklist

/// The Follow-ups screen: critical results still waiting for the
/// clinician's acknowledgment with a countdown, then the follow-ups this
/// radiologist recommended by due date with the status clients report,
/// then acknowledged critical results. Overdue rows show in the alarm colour.
enum FollowUpsScreen {
    /// One row: a critical result or a follow-up recommendation.
    enum Item: Sendable {
        case critical(CriticalResultRow)
        case followUp(FollowUpRow)

        var caseID: EventID {
            switch self {
            case .critical(let row): row.caseID
            case .followUp(let row): row.caseID
            }
        }

        var searchFields: [String] {
            switch self {
            case .critical(let row): ["critical", row.category.level, row.procedure, row.clinician, row.message]
            case .followUp(let row):
                [row.status.rawValue, row.modality ?? "", row.guideline ?? "", row.procedure, row.finding]
            }
        }
    }

    static func makeList() -> RowList<Item> {
        RowList<Item>(
            columns: [
                TableColumn("Due", width: .fixed(10)),
                TableColumn("Status", width: .fixed(15)),
                TableColumn("Guideline", width: .fixed(15)),
                TableColumn("Mod", width: .fixed(3)),
                TableColumn("After", width: .fixed(6), alignment: .right),
                TableColumn("Finding", width: .flex(minimum: 12, weight: 3)),
                TableColumn("Case", width: .flex(minimum: 10, weight: 2)),
            ],
            orders: [nil, nil, nil, nil, nil, nil, nil],
            caseID: \.caseID, searchFields: \.searchFields,
            emptyMessage: "No follow-ups or critical results yet; those you sign show here.")
    }

    /// Orders the rows: unacknowledged critical results, follow-ups by due date, then acknowledged critical results.
    static func items(followUps: [FollowUpRow], critical: [CriticalResultRow]) -> [Item] {
        critical.filter { !$0.isAcknowledged }.map(Item.critical) + followUps.map(Item.followUp)
            + critical.filter(\.isAcknowledged).map(Item.critical)
    }

    static func cell(_ item: Item, column: Int, now: Int64) -> Span {
        switch item {
        case .critical(let row): criticalCell(row, column: column, now: now)
        case .followUp(let row): followUpCell(row, column: column, now: now)
        }
    }

    private static func criticalCell(_ row: CriticalResultRow, column: Int, now: Int64) -> Span {
        let overdue = row.isOverdue(now: now)
        switch column {
        case 0:
            guard !row.isAcknowledged else { return Span(day(row.flaggedAt), .textMuted) }
            return Span(countdown(until: row.dueAt, now: now), .deadline(row.dueAt, now: now))
        case 1:
            if let acknowledgedAt = row.acknowledgedAt {
                return Span(acknowledgedAt <= row.dueAt ? "acknowledged" : "ack. late", .studyReported)
            }
            return Span(overdue ? "unack. overdue" : "unacknowledged", overdue ? .deadlineOverdue : .warning)
        case 2: return Span(row.category.level.uppercased(), row.isAcknowledged ? .textMuted : .error)
        case 3: return Span("", .row)
        case 4: return Span(countdown(until: row.dueAt, now: row.flaggedAt), .textMuted)
        case 5: return Span(row.message, overdue ? .deadlineOverdue : .row)
        default: return Span(row.procedure, .textMuted)
        }
    }

    private static func followUpCell(_ row: FollowUpRow, column: Int, now: Int64) -> Span {
        let overdue = row.isOverdue(now: now)
        let closed = row.status == .completed || row.status == .declined || row.status == .notIndicated
        switch column {
        case 0:
            guard let dueAt = row.dueAt else { return Span("-", .textMuted) }
            return Span(day(dueAt), overdue ? .deadlineOverdue : (closed ? .textMuted : .row))
        case 1:
            if overdue { return Span(row.status == .scheduled ? "scheduled, late" : "overdue", .deadlineOverdue) }
            let role: Role = switch row.status {
            case .recommended: .studyNew
            case .scheduled: .studyAssigned
            case .completed: .studyReported
            case .declined, .notIndicated: .textMuted
            }
            return Span(row.status.rawValue, role)
        case 2: return Span(row.guideline ?? "expert opinion", .row)
        case 3: return Span(row.modality ?? "-", .row)
        case 4: return Span(row.intervalDays.map(interval) ?? "-", .row)
        case 5: return Span(row.finding, overdue ? .deadlineOverdue : .row)
        default: return Span(row.procedure, .textMuted)
        }
    }

    /// Formats days as whole months from four weeks on ("6 mo"), else as days ("10 d").
    static func interval(_ days: Int) -> String {
        days >= 28 ? "\(Int((Double(days) / 30.44).rounded())) mo" : "\(days) d"
    }

    /// Formats milliseconds since 1970 as the UTC day, "2027-06-04".
    static func day(_ milliseconds: Int64) -> String {
        String(Formatting.time(milliseconds).prefix(10))
    }
}
