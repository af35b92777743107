import Foundation
import HilumCore
import HilumCrypto
import HilumLedger
import HilumReporting
import HilumWorklist

/// The client's side of follow-ups and critical results: listing the
/// recommendations on its cases, reporting what became of them, and the
/// acknowledgment state of critical results shown by `client cases`.
extension ClientCommands {
    static let followUps = Command(
        path: ["client", "follow-ups"], summary: "follow-up recommendations on your cases, with their status",
        help: """
        Usage: hilum client follow-ups [--json] [--peer HOST:PORT] [--offline] [--home DIR]

        Lists the follow-up recommendations radiologists made on the cases this
        client posted, by due date: id, case, modality, interval, guideline,
        due date, status and the finding, decrypted. Report what became of one
        with 'hilum client follow-up ID --status ...'.
        \(Participant.syncHelp)
        """,
        flags: ["offline", "json"], options: ["json"] + Participant.syncOptions, run: runFollowUps)

    static let followUpStatus = Command(
        path: ["client", "follow-up"], summary: "report that a follow-up was scheduled, completed or declined",
        help: """
        Usage: hilum client follow-up ID --status scheduled|completed|declined|not-indicated [--at YYYY-MM-DD]
                                      [--peer HOST:PORT] [--offline] [--home DIR]

        Publishes the status of the follow-up recommendation ID (an id or a
        prefix of 6+ hex digits from 'hilum client follow-ups') on one of your
        cases. The recommending radiologist sees it on the Follow-ups screen.
        The referring clinician may report it too ('hilum clinician follow-up').

          --status STATE  scheduled, completed, declined or not-indicated
          --at DATE       the day it was scheduled for or done (UTC; default now)
        \(Participant.syncHelp)
        """,
        flags: ["offline"], options: ["status", "at"] + Participant.syncOptions, run: runFollowUpStatus)

    static func runFollowUps(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let json = arguments.flag("json")
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: followUps.options)
        let participant = try Participant(environment, role: .client, command: "client follow-ups", sync: choice)
        participant.sync()

        let statement = try participant.replica.database.prepare("""
            SELECT f.id, f.case_id, f.modality, f.interval_days, f.guideline, f.due_at, f.status, f.status_at, e.encoded,
                coalesce(i.display_name, '')
            FROM follow_ups f JOIN cases c ON substr(c.id, 1, 8) = substr(f.case_id, 1, 8) AND c.id = f.case_id
            JOIN events e ON e.id = f.id LEFT JOIN identities i ON i.identity = f.radiologist
            WHERE c.client = ? ORDER BY f.due_at IS NULL, f.due_at, f.id
            """).bind(1, participant.identity.bytes)
        var rows: [[String: Any]] = []
        while try statement.step() {
            var row: [String: Any] = ["id": Key32(unchecked: statement.blob(0)).hex, "case": Key32(unchecked: statement.blob(1)).hex,
                                      "radiologist": statement.text(9), "recommended_modality": statement.optionalText(2) ?? "",
                                      "status": statusName(statement.isNull(6) ? nil : statement.int64(6))]
            if !statement.isNull(3) { row["interval_days"] = statement.int64(3) }
            if let guideline = statement.optionalText(4) { row["guideline"] = guideline }
            if !statement.isNull(5) { row["due_at"] = statement.int64(5) }
            if !statement.isNull(7) { row["status_at"] = statement.int64(7) }
            if let details = openDetails(statement.blob(8), participant) {
                row["finding"] = details.finding
                row["recommendation"] = details.text
            }
            rows.append(row)
        }

        if json {
            printJSON(rows)
            return 0
        }
        if rows.isEmpty { print("No follow-up recommendations on your cases yet.") }
        let now = Clock.nowMilliseconds()
        for row in rows {
            let due = (row["due_at"] as? Int64).map { String(formatTime($0).prefix(10)) + ($0 <= now ? " (past)" : "") } ?? "-"
            print("\((row["id"] as! String).prefix(16))  case \((row["case"] as! String).prefix(16))  "
                  + "\(row["recommended_modality"] as! String) due \(due)  \(row["status"]!)"
                  + "  \(row["guideline"] ?? "")  \((row["finding"] as? String).map(printable) ?? "(details cannot be opened)")")
        }
        return 0
    }

    static func runFollowUpStatus(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        try publishFollowUpStatus(&arguments, environment, role: .client, command: followUpStatus)
    }

    /// Publishes a follow-up's status as the case's client or its referring clinician.
    static func publishFollowUpStatus(_ arguments: inout Arguments, _ environment: Environment, role: Role, command: Command) throws -> Int32 {
        let commandName = command.path.joined(separator: " ")
        let idText = try positional(&arguments, "ID", usage: "hilum \(commandName) ID --status scheduled|completed|declined|not-indicated")
        let stateText = try arguments.required("status", hint: "scheduled, completed, declined or not-indicated")
        let names = FollowUpState.allCases.map(\.name)
        guard let state = FollowUpState.allCases.first(where: { $0.name == stateText.lowercased() }) else {
            let near = names.filter { editDistance(stateText.lowercased(), $0) <= 3 }
                .min { editDistance(stateText.lowercased(), $0) < editDistance(stateText.lowercased(), $1) }
            throw UsageError("--status '\(stateText)' is not a follow-up status; use \(names.joined(separator: ", "))"
                             + (near.map { " (did you mean '\($0)'?)" } ?? ""))
        }
        let atText = arguments.option("at")
        let at = try atText.map { try CredentialCommands.parseDate($0, option: "--at", endOfDay: false) }
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: command.options)

        let participant = try Participant(environment, role: role, command: commandName, sync: choice)
        participant.sync()
        let id = try participant.resolve(idText, table: "follow_ups", column: "id", what: "follow-up recommendation",
                                         listHint: role == .client ? "hilum client follow-ups" : "hilum clinician inbox")
        let owner = try participant.replica.database.prepare("""
            SELECT c.client, c.clinician FROM follow_ups f JOIN cases c ON substr(c.id, 1, 8) = substr(f.case_id, 1, 8) AND c.id = f.case_id
            WHERE f.id = ?
            """).bind(1, id.bytes)
        guard try owner.step() else { throw CommandError("follow-up \(id.short) is not in the replica yet; sync and try again") }
        let allowed = role == .client ? owner.blob(0) : owner.optionalBlob(1)
        guard allowed == participant.identity.bytes else {
            throw CommandError("follow-up \(id.short) is on a case you neither posted nor referred; "
                               + "only the case's client or referring clinician reports its status")
        }

        if let at, let atText { try checkStatusDay(at, atText, state: state, of: id, participant) }
        let event = try participant.publish(FollowUpStatusBody(recommendation: id, state: state, at: at ?? Clock.nowMilliseconds()))
        participant.sync()
        participant.noteIfUnsynced()
        print("follow-up \(id.short) is \(state.name) (\(event.id.short))")
        return 0
    }

    /// Rejects a status day before the day the recommendation was made, and a
    /// completion day after today, because either would count in the public
    /// "follow-ups done by due date" figure as something that did not happen.
    private static func checkStatusDay(_ at: Int64, _ atText: String, state: FollowUpState, of id: EventID,
                                       _ participant: Participant) throws {
        let day: Int64 = 86_400_000
        let made = try participant.replica.database.prepare("SELECT timestamp FROM events WHERE id = ?").bind(1, id.bytes)
        if try made.step(), at < made.int64(0) / day * day {
            throw CommandError("--at \(atText) is before the recommendation was made on \(formatTime(made.int64(0)).prefix(10)); "
                               + "give the day the follow-up was scheduled for or done")
        }
        if state == .completed, at > Clock.nowMilliseconds() {
            throw CommandError("--at \(atText) is in the future; give the day the follow-up was done, "
                               + "or report a planned day with --status scheduled")
        }
    }

    /// Returns the critical results on a case as the client sees them. The
    /// category, deadline and acknowledgment are clear, and the message is sealed to the clinician.
    static func criticalResults(_ caseID: EventID, _ participant: Participant, now: Int64) throws -> [[String: Any]] {
        let statement = try participant.replica.database.prepare("""
            SELECT id, category, due_at, acknowledged_at FROM critical_results WHERE case_id = ? ORDER BY flagged_at
            """).bind(1, caseID.bytes)
        var results: [[String: Any]] = []
        while try statement.step() {
            let dueAt = statement.int64(2)
            var result: [String: Any] = ["id": Key32(unchecked: statement.blob(0)).hex, "due_at": dueAt,
                                         "category": CriticalCategory(rawValue: UInt8(clamping: statement.int64(1)))?.name ?? "?"]
            if statement.isNull(3) {
                result["state"] = dueAt <= now ? "overdue" : "unacknowledged"
            } else {
                result["state"] = "acknowledged"
                result["acknowledged_at"] = statement.int64(3)
            }
            results.append(result)
        }
        return results
    }

    /// Formats a critical result for the `client cases` line: "critical red unacknowledged, 42m left" or "critical red OVERDUE by 12m".
    static func criticalText(_ result: [String: Any], now: Int64) -> String {
        let dueAt = result["due_at"] as! Int64
        let head = "critical \(result["category"]!)"
        switch result["state"] as! String {
        case "overdue": return "\(head) OVERDUE by \(countdown(until: now, now: dueAt)), not acknowledged"
        case "unacknowledged": return "\(head) unacknowledged, \(countdown(until: dueAt, now: now)) left"
        default: return "\(head) acknowledged"
        }
    }

    private static func statusName(_ raw: Int64?) -> String {
        guard let raw else { return "recommended" }
        return FollowUpState(rawValue: UInt8(clamping: raw))?.name ?? "unknown (\(raw))"
    }

    private static func openDetails(_ encoded: [UInt8], _ participant: Participant) -> FollowUpRecommendation? {
        guard case let .followUpRecommendation(body)? = try? Event(decoding: encoded).content,
              let plain = try? Sealer.open(body.sealed, as: participant.identity, key: participant.secrets.encryption) else { return nil }
        return plain.withBytes { try? JSONDecoder().decode(FollowUpRecommendation.self, from: Data($0)) }
    }
}
