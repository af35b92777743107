import Foundation
import HilumCore
import HilumCrypto
import HilumLedger
import HilumReporting

enum ClinicianCommands {
    static let feedback = Command(
        path: ["clinician", "feedback"], summary: "rate a report on a case you referred",
        help: """
        Usage: hilum clinician feedback CASE --rating 1..5 [--message TEXT] [--peer HOST:PORT] [--offline] [--home DIR]

        Signs a rating of the report on CASE (an id or a prefix of 6+ hex digits).
        The rating is public (it counts in the radiologist's quality figures); the
        message is sealed to the radiologist and you.
        \(Participant.syncHelp)
        """,
        flags: ["offline"], options: ["rating", "message"] + Participant.syncOptions, run: runFeedback)

    static let ask = Command(
        path: ["clinician", "ask"], summary: "ask the radiologist a question about a report",
        help: """
        Usage: hilum clinician ask CASE --message TEXT [--peer HOST:PORT] [--offline] [--home DIR]

        Sends a question about the report on CASE, sealed to the radiologist and you.
        The radiologist answers in the worklist; read replies with 'hilum clinician inbox'.
        \(Participant.syncHelp)
        """,
        flags: ["offline"], options: ["message"] + Participant.syncOptions, run: runAsk)

    static let acknowledge = Command(
        path: ["clinician", "ack"], summary: "acknowledge a critical result",
        help: """
        Usage: hilum clinician ack CRITICAL_ID [--peer HOST:PORT] [--offline] [--home DIR]

        Signs the read receipt for a critical result sent to you (ids in 'hilum clinician inbox').
        \(Participant.syncHelp)
        """,
        flags: ["offline"], options: Participant.syncOptions, run: runAcknowledge)

    static let followUpStatus = Command(
        path: ["clinician", "follow-up"], summary: "report that a recommended follow-up was scheduled, completed or declined",
        help: """
        Usage: hilum clinician follow-up ID --status scheduled|completed|declined|not-indicated [--at YYYY-MM-DD]
                                         [--peer HOST:PORT] [--offline] [--home DIR]

        Publishes the status of the follow-up recommendation ID (an id or a
        prefix of 6+ hex digits, as 'hilum clinician inbox' shows it) on a case
        you referred. The recommending radiologist sees it on the Follow-ups
        screen and the client in 'hilum client follow-ups'.

          --status STATE  scheduled, completed, declined or not-indicated
          --at DATE       the day it was scheduled for or done (UTC; default now)
        \(Participant.syncHelp)
        """,
        flags: ["offline"], options: ["status", "at"] + Participant.syncOptions, run: runFollowUpStatus)

    static func runFollowUpStatus(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        try ClientCommands.publishFollowUpStatus(&arguments, environment, role: .clinician, command: followUpStatus)
    }

    static let inbox = Command(
        path: ["clinician", "inbox"], summary: "reports, replies, critical results and follow-ups sent to you",
        help: """
        Usage: hilum clinician inbox [--json] [--peer HOST:PORT] [--offline] [--home DIR]

        Syncs, then lists, newest first, the reports on cases you referred, the
        radiologists' replies to your questions and comments with the text of any
        addendum a reply names (a thread shows as answered once replied to),
        critical results with their acknowledgment state, decrypted, and the
        follow-ups recommended on those cases with their status.
        \(Participant.syncHelp)
        """,
        flags: ["offline", "json"], options: ["json"] + Participant.syncOptions, run: runInbox)

    static func runFeedback(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let caseText = try positional(&arguments, "CASE", usage: "hilum clinician feedback CASE --rating 1..5")
        let rating = try arguments.integer("rating", default: 0, range: 1...5)
        let message = arguments.option("message")
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: feedback.options)
        let participant = try Participant(environment, role: .clinician, command: "clinician feedback", sync: choice)
        participant.sync()
        let report = try reportOn(try participant.resolveCase(caseText), participant)
        let sealed = try message.map { try Sealer.seal($0, to: [try participant.sealRecipient(report.radiologist), participant.recipient]) }
        let event = try participant.publish(FeedbackBody(report: report.id, rating: UInt8(rating), isQuestion: false, sealed: sealed))
        participant.sync()
        participant.noteIfUnsynced()
        print("feedback \(event.id.short) on report \(report.id.short): rating \(rating)" + (message == nil ? "" : ", with a sealed message"))
        return 0
    }

    static func runAsk(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let caseText = try positional(&arguments, "CASE", usage: "hilum clinician ask CASE --message TEXT")
        let message = try arguments.required("message", hint: "the question, in quotes")
        guard !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw UsageError("--message is empty") }
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: ask.options)
        let participant = try Participant(environment, role: .clinician, command: "clinician ask", sync: choice)
        participant.sync()
        let report = try reportOn(try participant.resolveCase(caseText), participant)
        let sealed = try Sealer.seal(message, to: [try participant.sealRecipient(report.radiologist), participant.recipient])
        let event = try participant.publish(FeedbackBody(report: report.id, rating: nil, isQuestion: true, sealed: sealed))
        participant.sync()
        participant.noteIfUnsynced()
        print("question \(event.id.short) for \(try participant.name(of: report.radiologist))")
        return 0
    }

    static func runAcknowledge(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let idText = try positional(&arguments, "CRITICAL_ID", usage: "hilum clinician ack CRITICAL_ID")
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: acknowledge.options)
        let participant = try Participant(environment, role: .clinician, command: "clinician ack", sync: choice)
        participant.sync()
        let statement = try participant.replica.database.prepare("""
            SELECT id, acknowledged_at FROM critical_results WHERE lower(hex(id)) LIKE ? AND clinician = ?
            """)
        statement.bind(1, idText.lowercased() + "%").bind(2, participant.identity.bytes)
        guard idText.count >= 6, try statement.step() else {
            throw CommandError("no critical result \(idText) addressed to you; see 'hilum clinician inbox'")
        }
        let id = EventID(unchecked: statement.blob(0))
        guard statement.isNull(1) else {
            print("critical result \(id.short) was already acknowledged at \(formatTime(statement.int64(1)))")
            return 0
        }
        let event = try participant.publish(AcknowledgmentBody(criticalResult: id))
        participant.sync()
        participant.noteIfUnsynced()
        print("acknowledged critical result \(id.short) (\(event.id.short))")
        return 0
    }

    static func runInbox(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let json = arguments.flag("json")
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: inbox.options)
        let participant = try Participant(environment, role: .clinician, command: "clinician inbox", sync: choice)
        participant.sync()
        let entries = try inboxEntries(participant)
        if json {
            printJSON(entries.map(\.json))
        } else if entries.isEmpty {
            print("Nothing sent to you yet.")
        } else {
            for entry in entries { print(entry.text + "\n") }
        }
        return 0
    }

    struct InboxEntry {
        let time: Int64
        let kind: String
        let id: EventID
        let fields: [String: Any]
        let text: String
        var json: [String: Any] { fields.merging(["kind": kind, "id": id.hex, "time": time]) { first, _ in first } }
    }

    static func inboxEntries(_ participant: Participant) throws -> [InboxEntry] {
        let database = participant.replica.database
        var entries: [InboxEntry] = []
        func opened(_ id: EventID) -> String {
            guard let event = try? participant.event(id) else { return "(event missing)" }
            let sealed: Sealed?
            switch event.content {
            case let .report(body): sealed = body.sealed
            case let .reply(body): sealed = body.sealed
            case let .criticalResult(body): sealed = body.sealed
            case let .feedback(body): sealed = body.sealed
            case let .addendum(body): sealed = body.sealed
            default: sealed = nil
            }
            guard let sealed else { return "" }
            guard let plaintext = try? participant.openBytes(sealed) else { return "(sealed, not addressed to you)" }
            return ReportPayload.readableText(of: plaintext)
        }
        let reports = try database.prepare("""
            SELECT r.id, r.case_id, r.radiologist, r.signed_at, c.modality, c.body_region FROM reports r
            JOIN cases c ON c.id = r.case_id WHERE c.clinician = ? ORDER BY r.signed_at DESC
            """).bind(1, participant.identity.bytes)
        while try reports.step() {
            let id = EventID(unchecked: reports.blob(0))
            let radiologist = try participant.name(of: PublicKey(unchecked: reports.blob(2)))
            let text = opened(id)
            let header = "REPORT \(id.short)  case \(Key32(unchecked: reports.blob(1)).short)  \(reports.text(4)) \(reports.text(5))  by \(radiologist)  \(formatTime(reports.int64(3)))"
            entries.append(InboxEntry(time: reports.int64(3), kind: "report", id: id,
                                      fields: ["case": Key32(unchecked: reports.blob(1)).hex, "radiologist": radiologist, "text": text],
                                      text: header + "\n" + indent(text)))
        }
        let questions = try database.prepare("""
            SELECT f.id, f.case_id, f.radiologist, f.given_at, f.replied_at, f.is_question, f.rating FROM feedback f
            WHERE f.clinician = ? ORDER BY f.given_at DESC
            """).bind(1, participant.identity.bytes)
        while try questions.step() {
            let id = EventID(unchecked: questions.blob(0))
            let answered = !questions.isNull(4)
            let isQuestion = questions.int64(5) == 1
            var state: String
            if isQuestion {
                state = answered ? "answered" : "awaiting reply"
            } else {
                state = "rating " + (questions.isNull(6) ? "-" : String(questions.int64(6)))
                if answered { state += ", answered" }
            }
            var text = (isQuestion ? "QUESTION " : "FEEDBACK ") + "\(id.short)  case \(Key32(unchecked: questions.blob(1)).short)  " + state
            let message = opened(id)
            if !message.isEmpty { text += "\n" + indent(message) }
            var fields: [String: Any] = ["case": Key32(unchecked: questions.blob(1)).hex, "answered": answered, "question": isQuestion]
            let replies = try database.prepare("SELECT id, replied_at, addendum_id FROM replies WHERE feedback_id = ? ORDER BY replied_at")
                .bind(1, id.bytes)
            var replyTexts: [String] = []
            var addendumTexts: [String] = []
            while try replies.step() {
                let reply = EventID(unchecked: replies.blob(0))
                let body = opened(reply)
                replyTexts.append(body)
                text += "\n  REPLY \(reply.short) \(formatTime(replies.int64(1)))"
                    + (replies.isNull(2) ? "" : " (addendum \(Key32(unchecked: replies.blob(2)).short))") + "\n" + indent(body, by: 4)
                if let addendum = replies.optionalBlob(2).map(EventID.init(unchecked:)) {
                    // The addendum is sealed to the clinician as well, so its text shows under the reply that names it.
                    let addendumText = opened(addendum)
                    addendumTexts.append(addendumText)
                    text += "\n    ADDENDUM \(addendum.short)\n" + indent(addendumText, by: 6)
                }
            }
            fields["replies"] = replyTexts
            fields["addenda"] = addendumTexts
            entries.append(InboxEntry(time: questions.int64(3), kind: isQuestion ? "question" : "feedback", id: id, fields: fields, text: text))
        }
        let criticals = try database.prepare("""
            SELECT id, case_id, radiologist, flagged_at, due_at, acknowledged_at FROM critical_results WHERE clinician = ?
            ORDER BY flagged_at DESC
            """).bind(1, participant.identity.bytes)
        while try criticals.step() {
            let id = EventID(unchecked: criticals.blob(0))
            let dueAt = criticals.int64(4)
            let overdue = dueAt < Clock.nowMilliseconds() ? "OVERDUE, was due" : "due"
            let state = criticals.isNull(5) ? "NOT ACKNOWLEDGED, \(overdue) \(formatTime(dueAt))"
                : "acknowledged \(formatTime(criticals.int64(5)))" + (criticals.int64(5) > dueAt ? " (after its deadline)" : "")
            let body = opened(id)
            entries.append(InboxEntry(time: criticals.int64(3), kind: "critical-result", id: id,
                                      fields: ["case": Key32(unchecked: criticals.blob(1)).hex, "acknowledged": !criticals.isNull(5), "text": body],
                                      text: "CRITICAL \(id.short)  case \(Key32(unchecked: criticals.blob(1)).short)  \(state)\n" + indent(body)))
        }
        let followUps = try database.prepare("""
            SELECT f.id, f.case_id, f.modality, f.interval_days, f.guideline, f.recommended_at, f.due_at, f.status FROM follow_ups f
            JOIN cases c ON substr(c.id, 1, 8) = substr(f.case_id, 1, 8) AND c.id = f.case_id WHERE c.clinician = ?
            ORDER BY f.recommended_at DESC
            """).bind(1, participant.identity.bytes)
        while try followUps.step() {
            let id = EventID(unchecked: followUps.blob(0))
            let status = followUps.isNull(7) ? "recommended" : FollowUpState(rawValue: UInt8(clamping: followUps.int64(7)))?.name ?? "unknown"
            let due = followUps.isNull(6) ? "no due date" : "due \(formatTime(followUps.int64(6)))"
            let interval = followUps.isNull(3) ? "" : " in \(followUps.int64(3)) days"
            let header = "FOLLOW-UP \(id.short)  case \(Key32(unchecked: followUps.blob(1)).short)  "
                + "\(followUps.isNull(2) ? "-" : followUps.text(2))\(interval)  \(due)  \(status)"
                + (followUps.isNull(4) ? "" : "  (\(followUps.text(4)))")
            entries.append(InboxEntry(time: followUps.int64(5), kind: "follow-up", id: id,
                                      fields: ["case": Key32(unchecked: followUps.blob(1)).hex, "status": status],
                                      text: header + "\n  report its status with 'hilum clinician follow-up \(id.short) --status scheduled|completed|declined'"))
        }
        return entries.sorted { $0.time > $1.time }
    }

    struct ReportRef {
        let id: EventID
        let radiologist: PublicKey
    }

    static func reportOn(_ caseID: EventID, _ participant: Participant) throws -> ReportRef {
        let statement = try participant.replica.database.prepare("""
            SELECT r.id, r.radiologist, c.clinician FROM cases c LEFT JOIN reports r ON r.case_id = c.id WHERE substr(c.id, 1, 8) = substr(?1, 1, 8) AND c.id = ?1
            """).bind(1, caseID.bytes)
        guard try statement.step() else { throw CommandError("no case \(caseID.short) in this replica; sync first") }
        guard statement.optionalBlob(2) == participant.identity.bytes else {
            throw CommandError("case \(caseID.short) was not referred by you; only the referring clinician may rate its report or ask about it")
        }
        guard !statement.isNull(0) else { throw CommandError("case \(caseID.short) has no signed report yet") }
        return ReportRef(id: EventID(unchecked: statement.blob(0)), radiologist: PublicKey(unchecked: statement.blob(1)))
    }
}

/// Takes the first positional argument, or fails naming what is missing.
func positional(_ arguments: inout Arguments, _ name: String, usage: String) throws -> String {
    guard let value = arguments.takePositional() else { throw UsageError("missing \(name); usage: \(usage)") }
    return value
}

/// Indents each line of text another person wrote, shown as `printable` does.
func indent(_ text: String, by spaces: Int = 2) -> String {
    let pad = String(repeating: " ", count: spaces)
    return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { pad + printable($0) }
        .joined(separator: "\n")
}

/// Returns one line of text another person wrote with control characters
/// other than tab as U+FFFD, so that printing it cannot drive the terminal.
func printable(_ line: some StringProtocol) -> String {
    String(String.UnicodeScalarView(line.unicodeScalars.map { scalar in
        scalar != "\t" && scalar.properties.generalCategory == .control ? "\u{FFFD}" : scalar
    }))
}
