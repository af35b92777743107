import HilumCore
import HilumTerminal
import HilumWorklist

/// The Market screen: open postings this radiologist may read, STAT first
/// and then by time to deadline, with this radiologist's own bid.
enum MarketScreen {
    static func makeList() -> RowList<MarketRow> {
        RowList<MarketRow>(
            columns: [
                TableColumn("Pri", width: .fixed(5)),
                TableColumn("Mod", width: .fixed(3)),
                TableColumn("Region", width: .fixed(10)),
                TableColumn("Description", width: .flex(minimum: 12, weight: 1)),
                TableColumn("Juris", width: .fixed(5)),
                TableColumn("Price", width: .fixed(10), alignment: .right),
                TableColumn("Due", width: .fixed(7), alignment: .right),
                TableColumn("Bids", width: .fixed(4), alignment: .right),
                TableColumn("My bid", width: .fixed(7), alignment: .right),
            ],
            orders: [
                nil,
                { $0.modality < $1.modality },
                { $0.region < $1.region },
                { $0.procedure < $1.procedure },
                { $0.jurisdiction < $1.jurisdiction },
                { $0.price < $1.price },
                { $0.deadlineAt < $1.deadlineAt },
                { $0.bidCount < $1.bidCount },
                { ($0.myBid?.price ?? 0) < ($1.myBid?.price ?? 0) },
            ],
            caseID: \.caseID, searchFields: \.searchFields,
            emptyMessage: "No open postings for your licences and subspecialties.")
    }

    static func cell(_ row: MarketRow, column: Int, now: Int64) -> Span {
        switch column {
        case 0: Span(row.priority.label, .priority(row.priority))
        case 1: Span(row.modality, .row)
        case 2: Span(row.region, .row)
        case 3: Span(row.procedure, .row)
        case 4: Span(row.jurisdiction, .row)
        case 5: Span(Formatting.amount(row.price, row.currency), .row)
        case 6: Span(countdown(until: row.deadlineAt, now: now), .deadline(row.deadlineAt, now: now))
        case 7: Span(String(row.bidCount), .row)
        default: Span(row.myBid.map { Formatting.number($0.price) } ?? "", .rowMarked)
        }
    }
}
