import HilumCore
import HilumTerminal
import HilumWorklist

/// The To read screen: cases assigned to this radiologist with a live
/// countdown, STAT first, signed cases last.
enum ReadingScreen {
    static func makeList() -> RowList<ReadingRow> {
        RowList<ReadingRow>(
            columns: [
                TableColumn("Pri", width: .fixed(5)),
                TableColumn("Mod", width: .fixed(3)),
                TableColumn("Region", width: .fixed(10)),
                TableColumn("Description", width: .flex(minimum: 12, weight: 2)),
                TableColumn("Client", width: .flex(minimum: 10, weight: 1)),
                TableColumn("Due", width: .fixed(8), alignment: .right),
                TableColumn("Status", width: .fixed(11)),
            ],
            orders: [
                nil,
                { $0.modality < $1.modality },
                { $0.region < $1.region },
                { $0.procedure < $1.procedure },
                { $0.client < $1.client },
                { $0.deadlineAt < $1.deadlineAt },
                { $0.status.rawValue < $1.status.rawValue },
            ],
            caseID: \.caseID, searchFields: \.searchFields,
            emptyMessage: "No cases assigned to you. Bid on the Market (1) to get work.")
    }

    static func cell(_ row: ReadingRow, column: Int, now: Int64) -> Span {
        let signed = row.status == .signed
        switch column {
        case 0: return Span(row.priority.label, signed ? .studyReported : .priority(row.priority))
        case 1: return Span(row.modality, .row)
        case 2: return Span(row.region, .row)
        case 3: return Span(row.procedure, .row)
        case 4: return Span(row.client, .textMuted)
        case 5:
            guard !signed else { return Span("", .row) }
            return Span(countdown(until: row.deadlineAt, now: now), .deadline(row.deadlineAt, now: now))
        default:
            let role: Role = switch row.status {
            case .new: .studyNew
            case .inProgress: .studyAssigned
            case .draft: .syncPending
            case .signed: .studyReported
            }
            return Span(row.status.rawValue, role)
        }
    }

    /// Rows still to read that are STAT, and rows past their deadline.
    static func counts(_ rows: [ReadingRow], now: Int64) -> (stat: Int, overdue: Int) {
        let open = rows.filter { $0.status != .signed }
        return (open.count { $0.priority == .stat }, open.count { $0.deadlineAt <= now })
    }
}
