import Foundation
import HilumCore
import HilumLedger

/// Bidding from the command line, as the worklist's `b` key does.
enum BidCommands {
    static let bid = Command(
        path: ["bid"], summary: "bid on an open case as a radiologist",
        help: """
        Usage: hilum bid CASE --price AMOUNT --within DURATION [--peer HOST:PORT] [--offline] [--home DIR]

        Offers to read CASE (an id or a prefix of 6+ hex digits) for AMOUNT in
        the posting's currency (e.g. 55 or 54.50), committing to sign the
        report within DURATION (e.g. 45m, 4h; 1 minute to 30 days). A new bid
        replaces your earlier one on the same case. The ledger rejects a bid
        without a valid licence for the case's jurisdiction.

          --price AMOUNT       your price
          --within DURATION    the turnaround you commit to
        \(Participant.syncHelp)
        """,
        flags: ["offline"], options: ["price", "within"] + Participant.syncOptions, run: runBid)

    static func runBid(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let caseText = try positional(&arguments, "CASE", usage: "hilum bid CASE --price AMOUNT --within DURATION")
        let price = try parseAmount(try arguments.required("price", hint: "e.g. 55 or 54.50"), option: "--price")
        let withinText = try arguments.required("within", hint: "e.g. 45m or 4h")
        let seconds = try parseDuration(withinText, option: "--within")
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: bid.options)
        guard seconds % 60 == 0, (1...43_200).contains(seconds / 60) else {
            throw UsageError("invalid --within '\(withinText)'; give whole minutes from 1m to 30d, such as 45m or 4h")
        }
        let participant = try Participant(environment, role: .radiologist, command: "bid", sync: choice)
        participant.sync()
        let caseID = try participant.resolveCase(caseText)
        let row = try participant.replica.database.prepare("SELECT currency, status FROM cases WHERE substr(id, 1, 8) = substr(?1, 1, 8) AND id = ?1")
            .bind(1, caseID.bytes)
        guard try row.step() else { throw CommandError("no case \(caseText)") }
        guard row.text(1) == "open" else { throw CommandError("case \(caseID.short) is \(row.text(1)); bids are closed") }
        let currency = row.text(0)
        let event = try participant.publish(BidBody(posting: caseID, price: price, currency: currency, turnaroundMinutes: UInt32(seconds / 60)))
        participant.sync()
        participant.noteIfUnsynced()
        print("bid \(event.id.short) on case \(caseID.short): \(formatAmount(price, currency)) within \(seconds / 60) min")
        return 0
    }
}
