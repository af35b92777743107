import Foundation
import HilumCore
import HilumCrypto
import HilumDICOMweb
import HilumHistory
import HilumLedger
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
            rows.append([
                "bid": Key32(unchecked: statement.blob(0)).hex, "radiologist": radiologist.hex,
                "name": try participant.name(of: radiologist), "price": formatAmount(UInt64(statement.int64(2)), statement.text(3)),
                "turnaround_minutes": statement.int64(4), "bid_at": statement.int64(5),
                "licences": try licences(of: radiologist, at: now, database: participant.replica),
                "quality": qualityJSON(figures),
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
    static func qualityJSON(_ metrics: QualityMetrics) -> [String: Any] {
        func figure(_ figure: QualityFigure) -> [String: Any] {
            var object: [String: Any] = ["count": figure.count, "definition": figure.definition]
            if let value = figure.value { object["value"] = value }
            return object
        }
        let shown = [metrics.signedOnTime, metrics.turnaroundMedian[.stat]!, metrics.turnaroundMedian[.routine]!, metrics.ratingRecent,
                     metrics.addendumRate, metrics.followUpComplete, metrics.criticalAckOnTime]
        var object: [String: Any] = ["summary": qualitySummary(metrics), "radpeer": metrics.radpeer]
        for item in shown { object[item.name] = figure(item) }
        return object
    }

    static func qualitySummary(_ metrics: QualityMetrics) -> String {
        let percent = { (value: Double) in "\(Int((value * 100).rounded()))%" }
        let duration = { (value: Double) in countdown(until: Int64(value), now: 0) }
        return "on time \(metrics.signedOnTime.formatted(percent)), STAT median \(metrics.turnaroundMedian[.stat]!.formatted(duration)), "
            + "rating \(metrics.ratingRecent.formatted { String(format: "%.1f", $0) })"
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

extension ClientCommands {
    static let assign = Command(
        path: ["client", "assign"], summary: "assign a case and hand the radiologist sealed access",
        help: """
        Usage: hilum client assign CASE --to RADIOLOGIST [--clinician CLINICIAN] [--fhir BUNDLE.json]
                                   [--viewer URL] [--token-secret FILE] [--access DURATION]
                                   [--peer HOST:PORT] [--offline] [--home DIR]

        Assigns CASE to RADIOLOGIST (a key, a prefix of 6+ hex digits, or an
        exact display name) at their bid's price, or at the posted price when
        they did not bid, and in the same step publishes the access grant sealed
        to them (and to you): the study's DICOMweb URL, an access credential, the
        viewer URL, the referring clinician and the patient-history summary.

          --clinician C        the referring clinician, who may then give feedback
          --fhir FILE          FHIR R4 bundle with the patient's record, summarised
          --viewer URL         a viewer link for the study
          --token-secret FILE  issue an expiring token for this study only, from the
                               secret the archive's request filter shares
                               (docs/STUDY-TOKENS.md); without it, the secret
                               given to 'client post --token-secret' is used,
                               else the archive credentials given at posting
                               are handed over
          --access DURATION    how long access lasts (default 72h)
        \(Participant.syncHelp)
        """,
        flags: ["offline"], options: ["to", "clinician", "fhir", "viewer", "token-secret", "access"] + Participant.syncOptions,
        run: runAssign)

    static func runAssign(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let caseText = try positional(&arguments, "CASE", usage: "hilum client assign CASE --to RADIOLOGIST")
        let radiologistText = try arguments.required("to", hint: "the radiologist's key, key prefix or display name")
        let clinicianText = arguments.option("clinician")
        let fhirPath = arguments.option("fhir")
        let viewer = arguments.option("viewer")
        let tokenSecret = arguments.option("token-secret")
        let access = try parseDuration(arguments.option("access") ?? "72h", option: "--access")
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: assign.options)
        if let viewer, URL(string: viewer)?.scheme == nil { throw UsageError("--viewer '\(viewer)' is not a URL") }

        let participant = try Participant(environment, role: .client, command: "client assign", sync: choice)
        participant.sync()
        let caseID = try participant.resolveCase(caseText)
        let database = participant.replica.database
        let row = try database.prepare("SELECT client, status, price, currency, modality, body_region FROM cases WHERE substr(id, 1, 8) = substr(?1, 1, 8) AND id = ?1")
            .bind(1, caseID.bytes)
        guard try row.step() else { throw CommandError("no case \(caseText)") }
        guard row.blob(0) == participant.identity.bytes else { throw CommandError("case \(caseID.short) was posted by another client") }
        guard row.text(1) == "open" else { throw CommandError("case \(caseID.short) is \(row.text(1)), not open; it cannot be assigned again") }
        let radiologist = try participant.resolveIdentity(radiologistText, role: .radiologist)
        let clinician = try clinicianText.map { try participant.resolveIdentity($0, role: .clinician) }
        guard let entry = try openStore(participant).entry(caseID) else {
            throw CommandError("case \(caseID.short) has no local details in \(environment.home)/client.sqlite; assign it from the home that posted it")
        }

        let bid = try database.prepare("""
            SELECT id, price, currency FROM bids WHERE substr(case_id, 1, 8) = substr(?1, 1, 8) AND case_id = ?1 AND radiologist = ?2
                AND withdrawn_at IS NULL ORDER BY bid_at DESC LIMIT 1
            """).bind(1, caseID.bytes).bind(2, radiologist.bytes)
        let hasBid = try bid.step()
        let bidID = hasBid ? EventID(unchecked: bid.blob(0)) : nil
        let price = hasBid ? UInt64(bid.int64(1)) : UInt64(row.int64(2))
        let currency = hasBid ? bid.text(2) : row.text(3)

        let expiresAt = Clock.nowMilliseconds() + access * 1000
        let credential = try accessCredential(for: entry, tokenSecret: tokenSecret, expiresAt: expiresAt)
        let procedure = try database.prepare("SELECT procedure FROM cases WHERE substr(id, 1, 8) = substr(?1, 1, 8) AND id = ?1").bind(1, caseID.bytes)
        let procedureName = try procedure.step() ? procedure.text(0) : ""
        let history = try fhirPath.map {
            try historySummary($0, home: environment.home, modality: row.text(4), region: row.text(5), procedure: procedureName)
        }
        let payload = GrantPayload(studyUID: entry.studyUID, dicomwebURL: entry.dicomwebURL, credential: credential, viewerURL: viewer,
                                   clinician: clinician, clinicianName: try clinician.map { try participant.name(of: $0) },
                                   patient: entry.patient, history: history, expiresAt: expiresAt)
        let sealed = try Sealer.seal(try payload.encoded(), to: [try participant.sealRecipient(radiologist), participant.recipient])

        let assignment = try participant.publish(AssignmentBody(posting: caseID, radiologist: radiologist, bid: bidID,
                                                                clinician: clinician, price: price, currency: currency))
        let grant = try participant.publish(AccessGrantBody(posting: caseID, recipient: radiologist, expiresAt: expiresAt, sealed: sealed))
        participant.sync()
        participant.noteIfUnsynced()
        print("assigned case \(caseID.short) to \(try participant.name(of: radiologist)) at \(formatAmount(price, currency))"
              + (bidID == nil ? " (posted price)" : " (their bid)") + "; assignment \(assignment.id.short), access grant \(grant.id.short) until \(formatTime(expiresAt))")
        return 0
    }

    /// Builds the credential handed over in the grant: a study-scoped token
    /// when a token secret is given or was used at posting, else the archive
    /// credentials used at posting.
    static func accessCredential(for entry: ClientCaseStore.Entry, tokenSecret: String?, expiresAt: Int64) throws -> GrantPayload.Credential {
        let postedSecret = entry.auth.flatMap { $0.hasPrefix(tokenSecretPrefix) ? String($0.dropFirst(tokenSecretPrefix.count)) : nil }
        if let tokenSecret = tokenSecret ?? postedSecret {
            do {
                let secret = try StudyToken.loadSecret(path: tokenSecret)
                let token = try StudyToken.issue(secret: secret, studyUID: entry.studyUID,
                                                 expiresAt: Date(timeIntervalSince1970: Double(expiresAt) / 1000))
                return GrantPayload.Credential(kind: "study-token", token: token)
            } catch {
                throw CommandError("--token-secret: \(error)")
            }
        }
        guard let auth = entry.auth else { return GrantPayload.Credential(kind: "none") }
        let parts = auth.split(separator: ":", maxSplits: 2).map(String.init)
        func secret(_ path: String) throws -> String {
            guard let data = FileManager.default.contents(atPath: path),
                  let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                throw CommandError("cannot read the archive secret file \(path) recorded when the case was posted; restore it or pass --token-secret")
            }
            return text
        }
        switch parts.first {
        case "basic" where parts.count == 3: return GrantPayload.Credential(kind: "basic", user: parts[1], password: try secret(parts[2]))
        case "bearer" where parts.count == 2: return GrantPayload.Credential(kind: "bearer", token: try secret(parts[1]))
        default: return GrantPayload.Credential(kind: "none")
        }
    }

    /// The largest summary a grant carries; a sealed event body has room for 192 KiB.
    static let maxHistoryBytes = 150 * 1024

    /// Reads the FHIR bundle at `path` and summarises it for this study, with
    /// the home's `history-rules.txt` (if any) overriding the built-in rules.
    static func historySummary(_ path: String, home: String, modality: String, region: String, procedure: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              FileManager.default.isReadableFile(atPath: path) else {
            throw CommandError("cannot read --fhir \(path); give the path of a FHIR R4 Bundle JSON file")
        }
        let record: FHIRRecord
        do {
            record = try FHIRReader.read(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CommandError("--fhir \(path): \(error)")
        }
        let rulesPath = home + "/history-rules.txt"
        let rules: HistoryRules
        if FileManager.default.fileExists(atPath: rulesPath) {
            do {
                rules = try HistoryRules.builtIn(overriddenBy: URL(fileURLWithPath: rulesPath))
            } catch {
                throw CommandError("\(error)")
            }
        } else {
            rules = .builtIn
        }
        let summary = HistorySummarizer.summarize(record, for: StudyContext(modality: modality, bodyRegion: region, procedure: procedure),
                                                  rules: rules)
        let encoded = try summary.encoded()
        guard encoded.count <= maxHistoryBytes else {
            throw CommandError("the history summary of \(path) is \(encoded.count / 1024) KiB, over the \(maxHistoryBytes / 1024) KiB a grant carries; "
                               + "lower the rules' limits in \(rulesPath)")
        }
        for note in summary.notes.prefix(5) { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
        return String(decoding: encoded, as: UTF8.self)
    }
}
