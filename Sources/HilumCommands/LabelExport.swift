import Foundation
import HilumCore
import HilumLedger

/// `hilum labels export`: the AI-label dataset from the ledger, one record
/// per label a reading radiologist gave, with its reviews.
enum LabelExport {
    static let export = Command(
        path: ["labels", "export"], summary: "write the AI-label dataset as JSON Lines or CSV",
        help: """
        Usage: hilum labels export [--format jsonl|csv] [--out FILE] [--peer HOST:PORT] [--offline] [--home DIR]

        Writes one record per AI finding labelled by a reading radiologist: the
        label id, the case id, the study instance UID (only for cases this
        client posted, from its own client.sqlite; empty otherwise), the finding
        code, whether the AI reported it and its score in thousandths, the
        label, when it was given, and how many peer reviewers confirmed or
        disputed it (with the labels the disputes proposed). No patient name,
        patient ID or accession number is written.

          --format F   jsonl (default, one JSON object a line) or csv (RFC 4180,
                       with a header line)
          --out FILE   write to FILE instead of standard output
        \(Participant.syncHelp)
        """,
        flags: ["offline"], options: ["format", "out"] + Participant.syncOptions, run: runExport)

    /// One labelled finding with its reviews.
    struct Record {
        var labelID: EventID
        var caseID: EventID
        var studyUID: String?
        var findingCode: String
        var aiScorePerMille: UInt16?
        var label: AILabelValue
        var labelledAt: Int64
        var confirmations = 0
        var disputes = 0
        var disputedAs: [AILabelValue] = []

        var json: [String: Any] {
            [
                "label_id": labelID.hex, "case": caseID.hex, "study_uid": studyUID ?? NSNull(), "finding": findingCode,
                "ai_reported": aiScorePerMille != nil, "ai_score_per_mille": aiScorePerMille.map { Int($0) } ?? NSNull(),
                "label": label.name, "labelled_at": labelledAt, "confirmations": confirmations, "disputes": disputes,
                "disputed_as": disputedAs.map(\.name),
            ]
        }

        static let csvHeader = ["label_id", "case", "study_uid", "finding", "ai_reported", "ai_score_per_mille", "label",
                                "labelled_at", "confirmations", "disputes", "disputed_as"]

        var csvFields: [String] {
            [labelID.hex, caseID.hex, studyUID ?? "", findingCode, aiScorePerMille == nil ? "false" : "true",
             aiScorePerMille.map { String($0) } ?? "", label.name, String(labelledAt), String(confirmations), String(disputes),
             disputedAs.map(\.name).joined(separator: ";")]
        }
    }

    static func runExport(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let format = arguments.option("format") ?? "jsonl"
        guard format == "jsonl" || format == "csv" else { throw UsageError("--format '\(format)' is not a dataset format; use jsonl or csv") }
        let outPath = arguments.option("out")
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: export.options)
        let participant = try Participant(environment, roles: [.client, .radiologist], command: "labels export", sync: choice)
        participant.sync()

        let records = try dataset(participant)
        var output = ""
        if format == "csv" {
            output = csvLine(Record.csvHeader)
            for record in records { output += csvLine(record.csvFields) }
        } else {
            for record in records {
                let data = try JSONSerialization.data(withJSONObject: record.json, options: [.sortedKeys, .withoutEscapingSlashes])
                output += String(decoding: data, as: UTF8.self) + "\n"
            }
        }
        if let outPath {
            guard FileManager.default.createFile(atPath: outPath, contents: Data(output.utf8)) else {
                throw CommandError("cannot write \(outPath); check the folder exists and is writable")
            }
            FileHandle.standardError.write(Data("wrote \(records.count) labelled findings to \(outPath)\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(output.utf8))
        }
        return 0
    }

    /// Builds the records from the replica, oldest label first.
    static func dataset(_ participant: Participant) throws -> [Record] {
        let database = participant.replica.database
        let store = participant.record.role == .client ? try ClientCommands.openStore(participant) : nil
        let labels = try database.prepare("""
            SELECT l.id, l.case_id, l.finding_code, l.label, l.labelled_at, c.client, c.ai_findings
            FROM ai_labels l JOIN cases c ON c.id = l.case_id WHERE l.review_of IS NULL ORDER BY l.labelled_at, l.id
            """)
        var records: [Record] = []
        while try labels.step() {
            let caseID = EventID(unchecked: labels.blob(1))
            let code = labels.text(2)
            // Only the posting client stores the study UID, so everyone else gets the case id alone.
            var studyUID: String?
            if let store, labels.blob(5) == participant.identity.bytes { studyUID = try store.entry(caseID)?.studyUID }
            let claim = LabelCommands.aiFindings(labels.text(6)).first { $0.code == code }
            records.append(Record(labelID: EventID(unchecked: labels.blob(0)), caseID: caseID, studyUID: studyUID, findingCode: code,
                                  aiScorePerMille: claim?.scorePerMille,
                                  label: AILabelValue(rawValue: UInt8(clamping: labels.int64(3))) ?? .truePositive,
                                  labelledAt: labels.int64(4)))
        }

        let reviews = try database.prepare("SELECT review_of, label, agrees FROM ai_labels WHERE review_of IS NOT NULL ORDER BY labelled_at, id")
        let index = Dictionary(uniqueKeysWithValues: records.enumerated().map { ($0.element.labelID, $0.offset) })
        while try reviews.step() {
            guard let position = index[EventID(unchecked: reviews.blob(0))] else { continue }
            if reviews.int64(2) == 1 {
                records[position].confirmations += 1
            } else {
                records[position].disputes += 1
                if let proposed = AILabelValue(rawValue: UInt8(clamping: reviews.int64(1))) { records[position].disputedAs.append(proposed) }
            }
        }
        return records
    }

    /// Formats one CSV line as RFC 4180 does: a field with a comma, a double
    /// quote or a line break is quoted, with its quotes doubled. Lines end in CRLF.
    static func csvLine(_ fields: [String]) -> String {
        fields.map { field in
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\r\n"
    }
}
