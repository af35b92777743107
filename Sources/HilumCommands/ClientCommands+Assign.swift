import Foundation
import HilumCore
import HilumCrypto
import HilumDICOMweb
import HilumHistory
import HilumLedger

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
        let radiologist = try participant.resolveIdentity(radiologistText, role: .radiologist)
        let clinician = try clinicianText.map { try participant.resolveIdentity($0, role: .clinician) }
        let request = AssignmentRequest(radiologist: radiologist, clinician: clinician, fhirPath: fhirPath, viewer: viewer,
                                     tokenSecret: tokenSecret, accessSeconds: access)
        let assigned = try assign(caseID, caseText: caseText, request, participant: participant)
        participant.sync()
        participant.noteIfUnsynced()
        print(assigned.line)
        return 0
    }

    /// The assignee of a case and the contents of its access grant.
    struct AssignmentRequest {
        var radiologist: PublicKey
        var clinician: PublicKey?
        var fhirPath: String?
        var viewer: String?
        var tokenSecret: String?
        var accessSeconds: Int64
    }

    /// The published assignment and grant, with the line that reports them.
    struct Assigned {
        let assignment: VerifiedEvent
        let grant: VerifiedEvent
        let line: String
    }

    /// Assigns an open case of this client to `request.radiologist` at their
    /// bid's price (else the posted price) and publishes the sealed access
    /// grant: the step `client assign`, `client route --apply` and
    /// `client autoassign` share. Does not sync.
    static func assign(_ caseID: EventID, caseText: String, _ request: AssignmentRequest, participant: Participant) throws -> Assigned {
        let environment = participant.environment
        let radiologist = request.radiologist
        let clinician = request.clinician
        let database = participant.replica.database
        let row = try database.prepare("SELECT client, status, price, currency, modality, body_region FROM cases WHERE substr(id, 1, 8) = substr(?1, 1, 8) AND id = ?1")
            .bind(1, caseID.bytes)
        guard try row.step() else { throw CommandError("no case \(caseText)") }
        guard row.blob(0) == participant.identity.bytes else { throw CommandError("case \(caseID.short) was posted by another client") }
        guard row.text(1) == "open" else { throw CommandError("case \(caseID.short) is \(row.text(1)), not open; it cannot be assigned again") }
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

        let expiresAt = Clock.nowMilliseconds() + request.accessSeconds * 1000
        let credential = try accessCredential(for: entry, tokenSecret: request.tokenSecret, expiresAt: expiresAt)
        let procedure = try database.prepare("SELECT procedure FROM cases WHERE substr(id, 1, 8) = substr(?1, 1, 8) AND id = ?1").bind(1, caseID.bytes)
        let procedureName = try procedure.step() ? procedure.text(0) : ""
        let history = try request.fhirPath.map {
            try historySummary($0, home: environment.home, modality: row.text(4), region: row.text(5), procedure: procedureName)
        }
        let payload = GrantPayload(studyUID: entry.studyUID, dicomwebURL: entry.dicomwebURL, credential: credential, viewerURL: request.viewer,
                                   clinician: clinician, clinicianName: try clinician.map { try participant.name(of: $0) },
                                   patient: entry.patient, history: history, expiresAt: expiresAt)
        let sealed = try Sealer.seal(try payload.encoded(), to: [try participant.sealRecipient(radiologist), participant.recipient])

        let assignment = try participant.publish(AssignmentBody(posting: caseID, radiologist: radiologist, bid: bidID,
                                                                clinician: clinician, price: price, currency: currency))
        let grant = try participant.publish(AccessGrantBody(posting: caseID, recipient: radiologist, expiresAt: expiresAt, sealed: sealed))
        let line = "assigned case \(caseID.short) to \(try participant.name(of: radiologist)) at \(formatAmount(price, currency))"
            + (bidID == nil ? " (posted price)" : " (their bid)") + "; assignment \(assignment.id.short), access grant \(grant.id.short) until \(formatTime(expiresAt))"
        return Assigned(assignment: assignment, grant: grant, line: line)
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
