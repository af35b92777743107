import Foundation
import HilumCore
import HilumCrypto
import HilumLedger

/// RADPEER-style peer review of signed reports: `hilum review score` and
/// `hilum review list`.
enum ReviewCommands {
    static let score = Command(
        path: ["review", "score"], summary: "score another radiologist's report (RADPEER 1 to 4)",
        help: """
        Usage: hilum review score CASE --score 1..4 [--significance a|b] [--comment TEXT]
                                  [--peer HOST:PORT] [--offline] [--home DIR]

        Signs a RADPEER peer review of the signed report on CASE (an id or a
        prefix of 6+ hex digits). The ledger rejects a review of your own report
        and a second review of the same report by you.

          --score N            1 concur, 2 discrepancy in interpretation not ordinarily
                               expected to be made, 3 should be made most of the time,
                               4 should be made almost every time
          --significance a|b   for scores 2 to 4: a unlikely, b likely to be clinically
                               significant
          --comment TEXT       sealed to the report's author and you; the score and
                               significance are public and count in the author's
                               quality figures
        \(Participant.syncHelp)
        """,
        flags: ["offline"], options: ["score", "significance", "comment"] + Participant.syncOptions, run: runScore)

    static let list = Command(
        path: ["review", "list"], summary: "peer reviews you gave and received, with comments",
        help: """
        Usage: hilum review list [--json] [--peer HOST:PORT] [--offline] [--home DIR]

        Syncs, then lists, newest first, the peer reviews you gave and those of
        your reports, with each sealed comment decrypted.
        \(Participant.syncHelp)
        """,
        flags: ["offline", "json"], options: ["json"] + Participant.syncOptions, run: runList)

    static func runScore(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let caseText = try positional(&arguments, "CASE", usage: "hilum review score CASE --score 1..4")
        let scoreValue = try arguments.integer("score", default: 0, range: 1...4)
        guard scoreValue != 0 else { throw UsageError("missing --score: give 1 (concur) to 4") }
        let significance = try parseSignificance(arguments.option("significance"), score: scoreValue)
        let comment = arguments.option("comment")
        if let comment, comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw UsageError("--comment is empty") }
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: score.options)

        let participant = try Participant(environment, role: .radiologist, command: "review score", sync: choice)
        participant.sync()
        let caseID = try participant.resolveCase(caseText)
        let report = try signedReport(on: caseID, participant)
        let sealed = try comment.map {
            try Sealer.seal($0, to: [try participant.sealRecipient(report.author), participant.recipient])
        }
        let event = try participant.publish(PeerReviewBody(report: report.id, score: UInt8(scoreValue),
                                                           significance: significance, sealed: sealed))
        participant.sync()
        participant.noteIfUnsynced()
        print("peer review \(event.id.short) of report \(report.id.short) by \(try participant.name(of: report.author)): "
              + "score \(scoreValue)\(significance.letter)" + (comment == nil ? "" : ", with a sealed comment"))
        return 0
    }

    /// Maps `--significance a|b` to RADPEER significance; score 1 takes none, 2 to 4 need one.
    static func parseSignificance(_ text: String?, score: Int) throws -> Significance {
        guard let text else {
            guard score == 1 else { throw UsageError("--score \(score) needs --significance a (unlikely) or b (likely significant)") }
            return .none
        }
        guard score != 1 else { throw UsageError("--significance '\(text)' applies to scores 2 to 4; drop it for --score 1") }
        switch text.lowercased() {
        case "a": return .unlikely
        case "b": return .likely
        default: throw UsageError("--significance '\(text)' is not a RADPEER significance; use a (unlikely) or b (likely)")
        }
    }

    struct ReportReference {
        let id: EventID
        let author: PublicKey
    }

    /// Looks up the signed report on `caseID`; throws when the case has none yet.
    static func signedReport(on caseID: EventID, _ participant: Participant) throws -> ReportReference {
        let statement = try participant.replica.database.prepare("SELECT id, radiologist FROM reports WHERE case_id = ?")
            .bind(1, caseID.bytes)
        guard try statement.step() else {
            throw CommandError("case \(caseID.short) has no signed report in this replica; sync, or wait until the report is signed")
        }
        return ReportReference(id: EventID(unchecked: statement.blob(0)), author: PublicKey(unchecked: statement.blob(1)))
    }

    static func runList(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let json = arguments.flag("json")
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: list.options)
        let participant = try Participant(environment, role: .radiologist, command: "review list", sync: choice)
        participant.sync()

        let statement = try participant.replica.database.prepare("""
            SELECT p.id, p.report_id, r.case_id, p.reviewer, p.author, p.score, p.significance, p.reviewed_at
            FROM peer_reviews p JOIN reports r ON r.id = p.report_id
            WHERE p.reviewer = ?1 OR p.author = ?1 ORDER BY p.reviewed_at DESC
            """).bind(1, participant.identity.bytes)
        var rows: [[String: Any]] = []
        while try statement.step() {
            let id = EventID(unchecked: statement.blob(0))
            let reviewer = PublicKey(unchecked: statement.blob(3))
            let author = PublicKey(unchecked: statement.blob(4))
            let significance = Significance(rawValue: UInt8(clamping: statement.int64(6))) ?? .none
            var row: [String: Any] = [
                "review": id.hex, "report": Key32(unchecked: statement.blob(1)).hex, "case": Key32(unchecked: statement.blob(2)).hex,
                "direction": reviewer == participant.identity ? "given" : "received",
                "reviewer": try participant.name(of: reviewer), "author": try participant.name(of: author),
                "score": statement.int64(5), "significance": significance.letter, "reviewed_at": statement.int64(7),
            ]
            if let comment = try comment(of: id, participant) { row["comment"] = comment }
            rows.append(row)
        }

        if json {
            printJSON(rows)
            return 0
        }
        if rows.isEmpty { print("No peer reviews given or received yet; see 'hilum review score --help'.") }
        for row in rows {
            let given = row["direction"] as! String == "given"
            let counterpart = given ? "to \(row["author"]!)" : "from \(row["reviewer"]!)"
            print("\(formatTime(row["reviewed_at"] as! Int64))  \(given ? "given   " : "received")  case \((row["case"] as! String).prefix(16))"
                  + "  score \(row["score"]!)\(row["significance"]!)  \(counterpart)"
                  + ((row["comment"] as? String).map { "\n    \($0)" } ?? ""))
        }
        return 0
    }

    /// Decrypts a review's comment. Returns nil when it has none, and a note
    /// when it is not sealed to this identity.
    private static func comment(of review: EventID, _ participant: Participant) throws -> String? {
        guard let event = try participant.event(review), case let .peerReview(body) = event.content,
              let sealed = body.sealed else { return nil }
        guard sealed.isAddressed(to: participant.identity) else { return "(comment sealed to others)" }
        do {
            return try participant.open(sealed)
        } catch {
            return "(comment cannot be opened: \(error))"
        }
    }
}
