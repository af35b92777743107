import Foundation
import HilumCore
import HilumLedger

/// Payment for read cases: `hilum client settle` for the posting client and
/// `hilum earnings` for the radiologist.
///
/// The settlement rule: the amount is the price agreed in the assignment.
/// A report is late when it was signed after the posting's deadline, the
/// same test the "signed on time" quality figure uses. Only for a late
/// report may the client deduct `--adjust-late PERCENT` of the price
/// (rounded down to the cent); without the option nothing is deducted.
enum SettlementCommands {
    // NOTE: postings carry no late-penalty term, so the percent is the client's
    // statement at settlement. The ledger checks the payee and the case state, not the amount.
    static let settle = Command(
        path: ["client", "settle"], summary: "record payment of the agreed price for a reported case",
        help: """
        Usage: hilum client settle CASE [--adjust-late PERCENT] [--peer HOST:PORT] [--offline] [--home DIR]

        Signs the settlement of CASE (an id or a prefix of 6+ hex digits): the
        price agreed in the assignment, paid to the reading radiologist, which
        closes the case. The ledger accepts it only from the posting client and
        only after the report is signed.

          --adjust-late PERCENT  deduct PERCENT (1 to 100) of the price because the
                                 report was signed after the posting's deadline;
                                 rejected when the report was on time. Without it
                                 the full price is paid.
        \(Participant.syncHelp)
        """,
        flags: ["offline"], options: ["adjust-late"] + Participant.syncOptions, run: runSettle)

    static let earnings = Command(
        path: ["earnings"], summary: "your settled payments by month or week, and those pending",
        help: """
        Usage: hilum earnings [--by month|week] [--json] [--peer HOST:PORT] [--offline] [--home DIR]

        As a radiologist, totals the settlements paid to you on the ledger by
        period of the settlement time in UTC (month as 2026-12, week as ISO
        2026-W49), per currency, then lists your signed reports whose cases
        are not settled yet (pending, at the agreed price).
        \(Participant.syncHelp)
        """,
        flags: ["offline", "json"], options: ["by", "json"] + Participant.syncOptions, run: runEarnings)

    static func runSettle(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let caseText = try positional(&arguments, "CASE", usage: "hilum client settle CASE")
        let percent = try arguments.integer("adjust-late", default: 0, range: 1...100)
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: settle.options)

        let participant = try Participant(environment, role: .client, command: "client settle", sync: choice)
        participant.sync()
        let caseID = try participant.resolveCase(caseText)
        let database = participant.replica.database
        let row = try database.prepare("""
            SELECT c.client, c.status, c.deadline_at, a.radiologist, a.price, a.currency, r.signed_at
            FROM cases c LEFT JOIN assignments a ON a.case_id = c.id LEFT JOIN reports r ON r.case_id = c.id
            WHERE c.id = ? ORDER BY a.assigned_at DESC LIMIT 1
            """).bind(1, caseID.bytes)
        guard try row.step() else { throw CommandError("no case \(caseText)") }
        guard row.blob(0) == participant.identity.bytes else { throw CommandError("case \(caseID.short) was posted by another client") }
        guard row.text(1) != "closed" else { throw CommandError("case \(caseID.short) is already settled; see 'hilum client cases'") }
        guard let payee = row.optionalBlob(3).map(PublicKey.init(unchecked:)) else {
            throw CommandError("case \(caseID.short) is \(row.text(1)) and has no assignee to pay; assign it and wait for the signed report")
        }
        let price = UInt64(row.int64(4))
        let currency = row.text(5)
        let signedAt = row.isNull(6) ? nil : row.int64(6)
        let deadline = row.int64(2)
        let amount = try settledAmount(price: price, latePercent: percent, signedAt: signedAt, deadline: deadline, currency: currency)
        let late = signedAt.map { $0 > deadline } ?? false

        // The ledger rejects a settlement before the report with its own reason.
        let event = try participant.publish(SettlementBody(posting: caseID, radiologist: payee, amount: amount, currency: currency))
        participant.sync()
        participant.noteIfUnsynced()
        var line = "settled case \(caseID.short): paid \(formatAmount(amount, currency)) to \(try participant.name(of: payee))"
        if amount < price {
            line += " (agreed \(formatAmount(price, currency)), less \(percent)% for late delivery)"
        } else if late {
            line += " (report was late; no adjustment)"
        }
        print(line + "; status paid, settlement \(event.id.short)")
        return 0
    }

    static func runEarnings(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let by = arguments.option("by") ?? "month"
        guard by == "month" || by == "week" else { throw UsageError("--by '\(by)' is not a period; use month or week") }
        let json = arguments.flag("json")
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: earnings.options)
        let participant = try Participant(environment, role: .radiologist, command: "earnings", sync: choice)
        participant.sync()
        let database = participant.replica.database

        struct Total {
            var cases = 0
            var amount: UInt64 = 0
        }
        var totals: [String: Total] = [:]
        let settled = try database.prepare("SELECT amount, currency, settled_at FROM settlements WHERE radiologist = ?")
            .bind(1, participant.identity.bytes)
        while try settled.step() {
            let key = period(settled.int64(2), by: by) + "\t" + settled.text(1)
            totals[key, default: Total()].cases += 1
            totals[key, default: Total()].amount += UInt64(settled.int64(0))
        }

        var pending: [[String: Any]] = []
        let unsettled = try database.prepare("""
            SELECT c.id, r.signed_at, a.price, a.currency FROM reports r JOIN cases c ON c.id = r.case_id
            JOIN assignments a ON a.case_id = c.id AND a.radiologist = r.radiologist
            WHERE r.radiologist = ? AND c.status = 'reported' ORDER BY r.signed_at
            """).bind(1, participant.identity.bytes)
        while try unsettled.step() {
            pending.append(["case": Key32(unchecked: unsettled.blob(0)).hex, "signed_at": unsettled.int64(1),
                            "amount": formatAmount(UInt64(unsettled.int64(2)), unsettled.text(3)), "status": "pending"])
        }

        let periods: [[String: Any]] = totals.keys.sorted().map { key in
            let parts = key.split(separator: "\t").map(String.init)
            let total = totals[key]!
            return ["period": parts[0], "currency": parts[1], "cases": total.cases,
                    "amount": formatAmount(total.amount, parts[1]), "status": "paid"]
        }
        if json {
            printJSON(["by": by, "settled": periods, "pending": pending])
            return 0
        }
        if periods.isEmpty { print("No settlements paid to you yet.") }
        for row in periods {
            print("\(row["period"]!)  \(row["cases"]!) cases  \(row["amount"]!)  paid")
        }
        for row in pending {
            print("pending  case \((row["case"] as! String).prefix(16))  signed \(formatTime(row["signed_at"] as! Int64))  \(row["amount"]!)")
        }
        return 0
    }

    /// Applies the settlement rule: the agreed `price`, less `latePercent`
    /// of it (rounded down to the cent) when the report was signed after
    /// `deadline`. Rejects a late adjustment of a report signed on time.
    static func settledAmount(price: UInt64, latePercent: Int, signedAt: Int64?, deadline: Int64, currency: String) throws -> UInt64 {
        precondition((0...100).contains(latePercent), "the caller checks --adjust-late's range")
        if latePercent > 0, let signedAt, signedAt <= deadline {
            throw CommandError("the report was signed on time (by the deadline \(formatTime(deadline))); "
                               + "drop --adjust-late to pay the agreed \(formatAmount(price, currency))")
        }
        return price - price * UInt64(latePercent) / 100
    }

    /// "2026-12" for a month or "2026-W49" for an ISO 8601 week, in UTC.
    static func period(_ milliseconds: Int64, by: String) -> String {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        if by == "week" {
            let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
            return String(format: "%04d-W%02d", parts.yearForWeekOfYear ?? 0, parts.weekOfYear ?? 0)
        }
        let parts = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", parts.year ?? 0, parts.month ?? 0)
    }
}
