import Foundation
import HilumCore
import HilumLedger

/// One of this client's signed cases, with its draw and how far its peer review has come.
struct ReviewShareRow {
    let caseID: EventID
    let reportID: EventID
    let author: PublicKey
    let signedAt: Int64
    let draw: UInt32
    let selected: Bool
    /// Recipients of review grants (anyone but the author), oldest first.
    var granted: [PublicKey] = []
    var reviews: [(reviewer: PublicKey, score: Int64, significance: Significance)] = []

    /// "reviewed" once scored, "waiting" with a review grant and no score yet, else "not granted".
    var state: String {
        if !reviews.isEmpty { return "reviewed" }
        return granted.isEmpty ? "not granted" : "waiting"
    }
}

extension ClientCommands {
    static let reviews = Command(
        path: ["client", "reviews"], summary: "the required share of peer-reviewed cases, and grant it",
        help: """
        Usage: hilum client reviews [--apply] [--json] [--token-secret FILE] [--access DURATION]
                                    [--peer HOST:PORT] [--offline] [--home DIR]

        Lists this client's signed cases, oldest signature first, with each draw
        and whether the routing policy's 'review-share' selects it, and for
        each selected case who holds a review grant and the RADPEER score
        once reviewed. A case is selected when the first 4 bytes of
        BLAKE2b-256(case id || report id), read as a big-endian integer, are
        below share x 2^32, so anyone can check the selection from the ledger
        (see docs/ROUTING.md). The last line sums it up.

          --apply              grant review access for every selected case without
                               a review grant to the volunteer in 'reviewers' with the
                               fewest open reviews, never the reading radiologist
          --token-secret FILE  issue an expiring token for each study (see
                               'hilum client assign --help')
          --access DURATION    how long review access lasts (default 72h)
        \(Participant.syncHelp)
        """,
        flags: ["apply", "json", "offline"], options: ["apply", "json", "token-secret", "access"] + Participant.syncOptions,
        run: runReviews)

    static func runReviews(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let apply = arguments.flag("apply")
        let json = arguments.flag("json")
        let tokenSecret = arguments.option("token-secret")
        let access = try parseDuration(arguments.option("access") ?? "72h", option: "--access")
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: reviews.options)

        let policy = try requirePolicy(environment)
        guard let share = policy.reviewShare else {
            throw CommandError("the routing policy in \(environment.home)/\(policyFile) has no review-share; "
                               + "add 'review-share = 10%' and 'reviewers = NAME, NAME' and set it with 'hilum client policy --set FILE'")
        }
        let participant = try Participant(environment, role: .client, command: "client reviews", sync: choice)
        participant.sync()
        var failures = 0
        if apply {
            let outcome = try applyReviewShare(policy, tokenSecret: tokenSecret, access: access, store: try openStore(participant),
                                               participant: participant, notes: true)
            failures = outcome.failures
            if outcome.granted > 0 {
                participant.sync()
                participant.noteIfUnsynced()
            }
        }
        let rows = try reviewShareRows(participant, share: share)
        if json {
            printJSON(try reviewShareJSON(rows, share: share, participant))
        } else {
            for row in rows { print(try reviewShareLine(row, participant)) }
            print(reviewShareSummary(rows, share: share))
        }
        return failures == 0 ? 0 : 1
    }

    /// This client's signed cases from the replica, oldest signature first, with grants and reviews.
    static func reviewShareRows(_ participant: Participant, share: Int) throws -> [ReviewShareRow] {
        let database = participant.replica.database
        let signed = try database.prepare("""
            SELECT c.id, r.id, r.radiologist, r.signed_at FROM cases c JOIN reports r ON r.case_id = c.id
            WHERE c.client = ? ORDER BY r.signed_at, c.id
            """).bind(1, participant.identity.bytes)
        var rows: [ReviewShareRow] = []
        while try signed.step() {
            let caseID = EventID(unchecked: signed.blob(0))
            let reportID = EventID(unchecked: signed.blob(1))
            rows.append(ReviewShareRow(caseID: caseID, reportID: reportID, author: PublicKey(unchecked: signed.blob(2)),
                                       signedAt: signed.int64(3), draw: ReviewShare.draw(caseID: caseID, reportID: reportID),
                                       selected: ReviewShare.isSelected(caseID: caseID, reportID: reportID, hundredths: share)))
        }
        var recipients: [EventID: [PublicKey]] = [:]
        let grants = try database.prepare("SELECT case_id, recipient FROM grants WHERE client = ? ORDER BY granted_at, id")
            .bind(1, participant.identity.bytes)
        while try grants.step() { recipients[EventID(unchecked: grants.blob(0)), default: []].append(PublicKey(unchecked: grants.blob(1))) }
        let reviews = try database.prepare("SELECT reviewer, score, significance FROM peer_reviews WHERE report_id = ? ORDER BY reviewed_at, id")
        for index in rows.indices {
            let author = rows[index].author
            rows[index].granted = (recipients[rows[index].caseID] ?? []).filter { $0 != author }
            reviews.reset()
            reviews.bind(1, rows[index].reportID.bytes)
            while try reviews.step() {
                rows[index].reviews.append((PublicKey(unchecked: reviews.blob(0)), reviews.int64(1),
                                            Significance(rawValue: UInt8(clamping: reviews.int64(2))) ?? .none))
            }
        }
        return rows
    }

    /// Grants review access for every selected case that has neither a
    /// review grant nor a review. Each goes to the volunteer with the fewest
    /// open reviews (granted, not yet scored) who is not the case's author,
    /// and ties go to the one listed first. Prints each grant, and with
    /// `notes` each case skipped for want of an eligible volunteer. Does not sync.
    static func applyReviewShare(_ policy: RoutingPolicy, tokenSecret: String?, access: Int64, store: ClientCaseStore,
                                 participant: Participant, notes: Bool) throws -> (granted: Int, failures: Int) {
        guard let share = policy.reviewShare else { return (0, 0) }
        var volunteers: [(key: PublicKey, text: String)] = []
        for text in policy.reviewers {
            do {
                let key = try participant.resolveIdentity(text, role: .radiologist)
                if !volunteers.contains(where: { $0.key == key }) { volunteers.append((key, text)) }
            } catch {
                if notes { print("reviewer '\(text)' in the routing policy is skipped: \(error)") }
            }
        }
        let rows = try reviewShareRows(participant, share: share)
        var open: [PublicKey: Int] = [:]
        for row in rows {
            for reviewer in Set(row.granted) where !row.reviews.contains(where: { $0.reviewer == reviewer }) { open[reviewer, default: 0] += 1 }
        }
        var granted = 0
        var failures = 0
        for row in rows where row.selected && row.granted.isEmpty && row.reviews.isEmpty {
            let eligible = volunteers.enumerated().filter { $0.element.key != row.author }
            guard let pick = eligible.min(by: { (open[$0.element.key] ?? 0, $0.offset) < (open[$1.element.key] ?? 0, $1.offset) })?.element else {
                if notes {
                    let reason = policy.reviewers.isEmpty ? "the routing policy lists no reviewers"
                        : volunteers.isEmpty ? "no reviewer in the routing policy is known in this replica"
                        : "the only volunteer is its reading radiologist, \(try participant.name(of: row.author))"
                    print("case \(row.caseID.short) is selected for review but nobody can review it: \(reason); "
                          + "add another radiologist to 'reviewers = NAME, NAME' and set the policy again")
                }
                continue
            }
            do {
                print(try grantReviewAccess(row.caseID, caseText: row.caseID.hex, to: pick.key, reviewerText: pick.text,
                                            tokenSecret: tokenSecret, access: access, store: store, participant: participant))
                open[pick.key, default: 0] += 1
                granted += 1
            } catch {
                printError("case \(row.caseID.short) was not granted for review: \(error)")
                failures += 1
            }
        }
        return (granted, failures)
    }

    /// "required N of M signed cases (share %), reviewed R, granted G, waiting W".
    static func reviewShareSummary(_ rows: [ReviewShareRow], share: Int) -> String {
        let selected = rows.filter(\.selected)
        return "required \(selected.count) of \(rows.count) signed cases (\(ReviewShare.percent(share))), "
            + "reviewed \(selected.filter { $0.state == "reviewed" }.count), granted \(selected.filter { !$0.granted.isEmpty }.count), "
            + "waiting \(selected.filter { $0.state == "waiting" }.count)"
    }

    static func reviewShareLine(_ row: ReviewShareRow, _ participant: Participant) throws -> String {
        var line = "case \(row.caseID.short)  report \(row.reportID.short)  draw \(String(format: "%08x", row.draw))  "
            + "\(formatTime(row.signedAt))  by \(try participant.name(of: row.author))"
        line += row.selected ? "  selected  \(row.state)" : "  not selected"
        if !row.granted.isEmpty { line += "  granted to " + (try row.granted.map { try participant.name(of: $0) }.joined(separator: ", ")) }
        for review in row.reviews {
            line += "  score \(review.score)\(review.significance.letter) by \(try participant.name(of: review.reviewer))"
        }
        return line
    }

    static func reviewShareJSON(_ rows: [ReviewShareRow], share: Int, _ participant: Participant) throws -> [String: Any] {
        let selected = rows.filter(\.selected)
        return [
            "share": ReviewShare.percent(share), "signed": rows.count, "required": selected.count,
            "reviewed": selected.filter { $0.state == "reviewed" }.count, "granted": selected.filter { !$0.granted.isEmpty }.count,
            "waiting": selected.filter { $0.state == "waiting" }.count, "summary": reviewShareSummary(rows, share: share),
            "cases": try rows.map { row -> [String: Any] in
                var object: [String: Any] = [
                    "case": row.caseID.hex, "report": row.reportID.hex, "author": try participant.name(of: row.author),
                    "signed_at": row.signedAt, "draw": Int(row.draw), "selected": row.selected,
                ]
                if row.selected { object["state"] = row.state }
                object["granted_to"] = try row.granted.map { try participant.name(of: $0) }
                object["reviews"] = try row.reviews.map {
                    ["reviewer": try participant.name(of: $0.reviewer), "score": $0.score, "significance": $0.significance.letter] as [String: Any]
                }
                return object
            },
        ]
    }
}
