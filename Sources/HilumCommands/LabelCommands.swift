import Foundation
import HilumCore
import HilumLedger

/// `hilum label`: the reading radiologist's judgement of a case's AI
/// findings, and a peer reviewer's confirmation or dispute of it.
enum LabelCommands {
    static let label = Command(
        path: ["label"], summary: "label an AI finding, or confirm or dispute a label",
        help: """
        Usage: hilum label CASE --finding CODE --as true-positive|false-positive|false-negative
               hilum label CASE --confirm LABEL_ID
               hilum label CASE --dispute LABEL_ID [--as LABEL]
                          [--peer HOST:PORT] [--offline] [--home DIR]

        As the reading radiologist of CASE, labels the AI finding CODE (as listed
        on the posting): true-positive or false-positive for a finding the AI
        reported, false-negative for a finding it missed (a code of your own in
        capitals, such as PNEUMOTHORAX). The ledger rejects labels from anyone
        but the reading radiologist.

        As a peer reviewer of CASE (you scored its report, or its client granted
        you review access), confirms or disputes another radiologist's label;
        --as with --dispute gives the label you would have given. Label ids are
        in 'hilum labels export'.
        \(Participant.syncHelp)
        """,
        flags: ["offline"], options: ["finding", "as", "confirm", "dispute"] + Participant.syncOptions, run: runLabel)

    static func runLabel(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let caseText = try positional(&arguments, "CASE", usage: "hilum label CASE --finding CODE --as LABEL")
        let finding = arguments.option("finding")
        let value = try arguments.option("as").map(parseLabel)
        let confirm = arguments.option("confirm")
        let dispute = arguments.option("dispute")
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: label.options)
        let chosen = [finding != nil, confirm != nil, dispute != nil].filter { $0 }.count
        guard chosen == 1 else { throw UsageError("give exactly one of --finding CODE, --confirm LABEL_ID or --dispute LABEL_ID") }
        if confirm != nil, value != nil { throw UsageError("--confirm takes no --as; use --dispute LABEL_ID --as LABEL to disagree") }

        let participant = try Participant(environment, role: .radiologist, command: "label", sync: choice)
        participant.sync()
        let caseID = try participant.resolveCase(caseText)
        let body: AILabelBody
        if let finding {
            guard let value else { throw UsageError("--finding \(finding) needs --as true-positive, false-positive or false-negative") }
            try checkAgainstAI(finding: finding, value: value, caseID: caseID, participant)
            body = AILabelBody(posting: caseID, findingCode: finding, label: value)
        } else {
            let reviewed = try resolveLabel(confirm ?? dispute!, caseID: caseID, participant)
            // The ledger rejects a review of one's own label with its own reason.
            if reviewed.labeller != participant.identity { try requireReviewer(of: caseID, participant) }
            body = AILabelBody(posting: caseID, findingCode: reviewed.findingCode, label: value ?? reviewed.label,
                               reviewOf: reviewed.id, agrees: confirm != nil)
        }
        let event = try participant.publish(body)
        participant.sync()
        participant.noteIfUnsynced()
        var action = "labelled"
        if body.reviewOf != nil { action = body.agrees ? "confirmed" : "disputed" }
        print("\(action) \(body.findingCode) as \(body.label.name) on case \(caseID.short); label \(event.id.short)")
        return 0
    }

    static func parseLabel(_ text: String) throws -> AILabelValue {
        guard let value = AILabelValue.allCases.first(where: { $0.name == text.lowercased() }) else {
            throw UsageError("--as '\(text)' is not a label; use true-positive, false-positive or false-negative")
        }
        return value
    }

    /// Decodes the AI findings of a posting from `cases.ai_findings` ("CODE=SCORE,...").
    static func aiFindings(_ stored: String) -> [AIFinding] {
        stored.split(separator: ",").compactMap { item in
            let parts = item.split(separator: "=")
            guard parts.count == 2, let score = UInt16(parts[1]) else { return nil }
            return AIFinding(code: String(parts[0]), scorePerMille: score)
        }
    }

    /// Checks that a true or false positive names a finding the AI reported
    /// and that a false negative names one it did not.
    private static func checkAgainstAI(finding: String, value: AILabelValue, caseID: EventID, _ participant: Participant) throws {
        let statement = try participant.replica.database.prepare("SELECT ai_findings FROM cases WHERE substr(id, 1, 8) = substr(?1, 1, 8) AND id = ?1").bind(1, caseID.bytes)
        guard try statement.step() else { throw CommandError("no case \(caseID.short) in this replica; sync first") }
        let codes = aiFindings(statement.text(0)).map(\.code)
        let claimed = codes.contains(finding)
        let listed = codes.isEmpty ? "the AI reported no findings" : "the AI reported " + codes.joined(separator: ", ")
        if value == .falseNegative, claimed {
            throw CommandError("--finding \(finding) was reported by the AI on case \(caseID.short), so it is not a false negative; "
                               + "use --as true-positive or false-positive")
        }
        if value != .falseNegative, !claimed {
            throw CommandError("--finding \(finding) is not an AI finding on case \(caseID.short) (\(listed)); "
                               + "label a finding the AI missed with --as false-negative")
        }
    }

    struct LabelReference {
        let id: EventID
        let findingCode: String
        let label: AILabelValue
        let labeller: PublicKey
    }

    private static func resolveLabel(_ text: String, caseID: EventID, _ participant: Participant) throws -> LabelReference {
        let hex = text.lowercased()
        guard hex.count >= 6, hex.count <= 64, hex.allSatisfy(\.isHexDigit) else {
            throw CommandError("'\(text)' is not a label id: give at least 6 hex digits (see 'hilum labels export')")
        }
        let statement = try participant.replica.database.prepare("""
            SELECT id, finding_code, label, radiologist FROM ai_labels WHERE case_id = ? AND lower(hex(id)) LIKE ? LIMIT 2
            """).bind(1, caseID.bytes).bind(2, hex + "%")
        guard try statement.step() else {
            throw CommandError("no label \(text) on case \(caseID.short) in this replica; sync first or check the id (see 'hilum labels export')")
        }
        let reference = LabelReference(id: EventID(unchecked: statement.blob(0)), findingCode: statement.text(1),
                                       label: AILabelValue(rawValue: UInt8(clamping: statement.int64(2))) ?? .truePositive,
                                       labeller: PublicKey(unchecked: statement.blob(3)))
        guard try !statement.step() else { throw CommandError("label id \(text) is ambiguous; give more digits") }
        return reference
    }

    /// Requires that the caller scored the case's report or received a review
    /// grant for it. The ledger itself checks only that nobody reviews their own label.
    private static func requireReviewer(of caseID: EventID, _ participant: Participant) throws {
        let statement = try participant.replica.database.prepare("""
            SELECT EXISTS(SELECT 1 FROM peer_reviews p JOIN reports r ON r.id = p.report_id WHERE r.case_id = ?1 AND p.reviewer = ?2)
                OR EXISTS(SELECT 1 FROM grants g JOIN cases c ON c.id = g.case_id
                          WHERE g.case_id = ?1 AND g.recipient = ?2 AND c.assignee IS NOT ?2)
            """).bind(1, caseID.bytes).bind(2, participant.identity.bytes)
        guard try statement.step(), statement.int64(0) == 1 else {
            throw CommandError("you are not a peer reviewer of case \(caseID.short); score its report first with "
                               + "'hilum review score \(caseID.short) --score N' or ask its client for 'hilum client grant-review'")
        }
    }
}
