import Foundation
import HilumCore
import HilumCrypto
import HilumDICOMweb
import HilumHistory
import HilumLedger
import HilumReporting
import HilumWorklist
import HilumSQLite

enum ClientCommands {
    static let cases = Command(
        path: ["client", "cases"], summary: "your posted cases with their local details",
        help: """
        Usage: hilum client cases [--json] [--peer HOST:PORT] [--offline] [--home DIR]

        Lists the cases this client posted, newest first: the ledger's state
        (open, assigned, reported, settled), bids, assignee, critical results
        with their acknowledgment state (unacknowledged ones with the time
        left, overdue ones marked OVERDUE), and the details kept only here
        (patient, accession, study), decrypted.
        \(Participant.syncHelp)
        """,
        flags: ["offline", "json"], options: ["json"] + Participant.syncOptions, run: runCases)

    static let bids = Command(
        path: ["client", "bids"], summary: "bids on one of your cases, with each radiologist's figures",
        help: """
        Usage: hilum client bids CASE [--json] [--peer HOST:PORT] [--offline] [--home DIR]

        Lists the bids on CASE (an id or a prefix of 6+ hex digits), cheapest
        first: radiologist, price, committed turnaround, licences valid now, and
        public quality figures from the ledger.
        \(Participant.syncHelp)
        """,
        flags: ["offline", "json"], options: ["json"] + Participant.syncOptions, run: runBids)

    static func openStore(_ participant: Participant) throws -> ClientCaseStore {
        try ClientCaseStore(path: participant.environment.home + "/client.sqlite",
                            key: participant.secrets.encryption.localKey(.clientCases))
    }

    static func runCases(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let json = arguments.flag("json")
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: cases.options)
        let participant = try Participant(environment, role: .client, command: "client cases", sync: choice)
        participant.sync()
        let store = try openStore(participant)
        let now = Clock.nowMilliseconds()
        var rows: [[String: Any]] = []
        for entry in try store.entries() {
            guard let id = EventID(hex: entry.caseID) else { continue }
            var row: [String: Any] = ["case": entry.caseID, "posted_at": entry.postedAt, "modality": entry.modality,
                                      "region": entry.region, "study_uid": entry.studyUID]
            if let name = entry.patient.name { row["patient"] = name }
            if let accession = entry.patient.accessionNumber { row["accession"] = accession }
            let ledger = try participant.replica.database.prepare("""
                SELECT status, bid_count, assignee, priority, deadline_at, price, currency FROM cases WHERE substr(id, 1, 8) = substr(?1, 1, 8) AND id = ?1
                """).bind(1, id.bytes)
            if try ledger.step() {
                row["status"] = ledger.text(0)
                row["bids"] = ledger.int64(1)
                if let assignee = ledger.optionalBlob(2) { row["assignee"] = try participant.name(of: PublicKey(unchecked: assignee)) }
                row["priority"] = (Priority(rawValue: UInt8(clamping: ledger.int64(3)))?.name) ?? "?"
                row["deadline_at"] = ledger.int64(4)
                row["price"] = formatAmount(UInt64(ledger.int64(5)), ledger.text(6))
            } else {
                row["status"] = "not on the ledger yet"
            }
            let critical = try criticalResults(id, participant, now: now)
            if !critical.isEmpty { row["critical"] = critical }
            rows.append(row)
        }
        if json {
            printJSON(rows)
            return 0
        }
        if rows.isEmpty { print("No cases posted from this home yet; see 'hilum client post --help'.") }
        for row in rows {
            let id = (row["case"] as! String).prefix(16)
            print("\(id)  \(row["priority"] ?? "")  \(row["modality"]!) \(row["region"]!)  \(row["status"]!)"
                  + "  bids \(row["bids"] ?? 0)" + ((row["assignee"] as? String).map { "  -> \($0)" } ?? "")
                  + "  \(row["patient"] ?? "")" + ((row["accession"] as? String).map { " acc \($0)" } ?? ""))
            for result in row["critical"] as? [[String: Any]] ?? [] {
                print("    \(criticalText(result, now: now))  (\((result["id"] as! String).prefix(16)))")
            }
        }
        return 0
    }

    static func runBids(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let caseText = try positional(&arguments, "CASE", usage: "hilum client bids CASE")
        let json = arguments.flag("json")
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: bids.options)
        let participant = try Participant(environment, role: .client, command: "client bids", sync: choice)
        participant.sync()
        let caseID = try participant.resolveCase(caseText)
        let database = participant.replica.database
        let caseRow = try database.prepare("SELECT client, jurisdiction FROM cases WHERE substr(id, 1, 8) = substr(?1, 1, 8) AND id = ?1").bind(1, caseID.bytes)
        guard try caseRow.step() else { throw CommandError("no case \(caseText)") }
        guard caseRow.blob(0) == participant.identity.bytes else { throw CommandError("case \(caseID.short) was posted by another client") }
        let statement = try database.prepare("""
            SELECT id, radiologist, price, currency, turnaround_minutes, bid_at FROM bids
            WHERE substr(case_id, 1, 8) = substr(?1, 1, 8) AND case_id = ?1 AND withdrawn_at IS NULL ORDER BY price, bid_at
            """).bind(1, caseID.bytes)
        var rows: [[String: Any]] = []
        let now = Clock.nowMilliseconds()
        while try statement.step() {
            let radiologist = PublicKey(unchecked: statement.blob(1))
            let figures = try QualityMetrics(radiologist: radiologist, database: database, asOf: now)
            let measures = try MeasureTally.all(radiologist: radiologist, database: database)
            rows.append([
                "bid": Key32(unchecked: statement.blob(0)).hex, "radiologist": radiologist.hex,
                "name": try participant.name(of: radiologist), "price": formatAmount(UInt64(statement.int64(2)), statement.text(3)),
                "turnaround_minutes": statement.int64(4), "bid_at": statement.int64(5),
                "licences": try licences(of: radiologist, at: now, database: participant.replica),
                "quality": qualityJSON(figures, measures: measures),
            ])
        }
        if json {
            printJSON(rows)
            return 0
        }
        if rows.isEmpty { print("No open bids on case \(caseID.short) yet.") }
        for row in rows {
            let quality = row["quality"] as! [String: Any]
            print("\((row["bid"] as! String).prefix(16))  \(row["name"]!)  \(row["price"]!)  within \(row["turnaround_minutes"]!) min"
                  + "  licences \((row["licences"] as! [String]).joined(separator: ","))"
                  + "  \(quality["summary"] as! String)")
        }
        return 0
    }

    /// The figures a client weighs when comparing bids, each with its definition.
    static func qualityJSON(_ metrics: QualityMetrics, measures: [MeasureTally] = []) -> [String: Any] {
        func figure(_ figure: QualityFigure) -> [String: Any] {
            var object: [String: Any] = ["count": figure.count, "definition": figure.definition]
            if let value = figure.value { object["value"] = value }
            return object
        }
        let shown = [metrics.signedOnTime, metrics.turnaroundMedian[.stat]!, metrics.turnaroundMedian[.routine]!, metrics.ratingRecent,
                     metrics.addendumRate, metrics.followUpComplete, metrics.criticalAckOnTime]
        let measureFigures = MeasureFigures.figures(measures)
        var object: [String: Any] = ["summary": qualitySummary(metrics) + ", " + measureSummary(measureFigures), "radpeer": metrics.radpeer]
        for item in shown { object[item.name] = figure(item) }
        var byCode: [String: Any] = [:]
        for (measure, item) in zip(QualityMeasures.all, measureFigures) {
            var entry = figure(item)
            entry["title"] = measure.title
            entry["excluded"] = measures.first { $0.measure == measure.code }?.excluded ?? 0
            byCode[measure.code] = entry
        }
        object["measures"] = byCode
        return object
    }

    static func qualitySummary(_ metrics: QualityMetrics) -> String {
        let percent = { (value: Double) in "\(Int((value * 100).rounded()))%" }
        let duration = { (value: Double) in countdown(until: Int64(value), now: 0) }
        return "on time \(metrics.signedOnTime.formatted(percent)), STAT median \(metrics.turnaroundMedian[.stat]!.formatted(duration)), "
            + "rating \(metrics.ratingRecent.formatted { String(format: "%.1f", $0) })"
    }

    /// "MIPS 364 90% (n=12), 405 too few (n=2), ..." in the order of `QualityMeasures.all`.
    static func measureSummary(_ figures: [QualityFigure]) -> String {
        let parts = zip(QualityMeasures.all, figures).map { measure, figure in
            let number = measure.code.replacingOccurrences(of: "MIPS-", with: "")
            return figure.value.map { "\(number) \(Int(($0 * 100).rounded()))% (n=\(figure.count))" } ?? "\(number) too few (n=\(figure.count))"
        }
        return "MIPS " + parts.joined(separator: ", ")
    }

    static func licences(of radiologist: PublicKey, at time: Int64, database replica: Replica) throws -> [String] {
        let statement = try replica.database.prepare("""
            SELECT DISTINCT jurisdiction FROM credentials WHERE subject = ? AND kind = 1 AND revoked_at IS NULL
            AND valid_from <= ? AND valid_until > ? ORDER BY jurisdiction
            """).bind(1, radiologist.bytes).bind(2, time).bind(3, time)
        var jurisdictions: [String] = []
        while try statement.step() { jurisdictions.append(statement.text(0)) }
        return jurisdictions
    }
}
