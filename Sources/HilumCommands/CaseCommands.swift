import Foundation
import HilumCore
import HilumCrypto
import HilumDICOMweb
import HilumHistory
import HilumLedger

enum CaseCommands {
    static let access = Command(
        path: ["case", "access"], summary: "open the sealed access grant of a case assigned to you",
        help: """
        Usage: hilum case access CASE [--series] [--json] [--peer HOST:PORT] [--offline] [--home DIR]

        As the assigned radiologist or a peer reviewer, decrypts the newest
        access grant for CASE and prints the study's DICOMweb URL, the
        credential kind and expiry, the viewer URL, the referring clinician and
        the patient-history summary. A grant for a peer review carries the
        signed report's text in place of the clinician and the history.
        With --series it also lists the study's series from the archive, using
        the credential from the grant. Decrypted data is printed, never stored.
        \(Participant.syncHelp)
        """,
        flags: ["offline", "series", "json"], options: ["series", "json"] + Participant.syncOptions, run: runAccess)

    static func runAccess(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let caseText = try positional(&arguments, "CASE", usage: "hilum case access CASE")
        let listSeries = arguments.flag("series")
        let json = arguments.flag("json")
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: access.options)
        let participant = try Participant(environment, role: .radiologist, command: "case access", sync: choice)
        participant.sync()
        let caseID = try participant.resolveCase(caseText)
        let grants = try participant.replica.database.prepare("""
            SELECT id, expires_at FROM grants WHERE case_id = ? AND recipient = ? ORDER BY granted_at DESC LIMIT 1
            """).bind(1, caseID.bytes).bind(2, participant.identity.bytes)
        guard try grants.step() else { throw CommandError("no access grant for you on case \(caseID.short); is it assigned to you?") }
        let grantID = EventID(unchecked: grants.blob(0))
        guard let event = try participant.event(grantID), case let .accessGrant(body) = event.content else {
            throw CommandError("the grant event \(grantID.short) is missing from the replica; run 'hilum ledger verify'")
        }
        let plain = try Sealer.open(body.sealed, as: participant.identity, key: participant.secrets.encryption)
        let payload = try plain.withBytes { try GrantPayload(decoding: Array($0)) }
        let expired = body.expiresAt <= Clock.nowMilliseconds()

        var series: [[String: Any]] = []
        if listSeries {
            guard !expired else { throw CommandError("the access grant expired at \(formatTime(body.expiresAt)); ask the client for a new one") }
            guard let url = URL(string: payload.dicomwebURL) else { throw CommandError("the grant's DICOMweb URL is not a URL") }
            let auth: ArchiveAuth?
            switch payload.credential.kind {
            case "study-token": auth = payload.credential.token.map { .studyToken($0) }
            case "bearer": auth = payload.credential.token.map { .bearer($0) }
            case "basic": auth = payload.credential.user.map { .basic(user: $0, password: payload.credential.password ?? "") }
            default: auth = nil
            }
            do {
                for dataset in try DICOMwebClient(baseURL: url, auth: auth).series(payload.studyUID) {
                    var row: [String: Any] = [:]
                    if let uid = dataset.string(.seriesInstanceUID) { row["series_uid"] = uid }
                    if let modality = dataset.codeStrings(.modality).first { row["modality"] = modality }
                    if let description = dataset.string(.seriesDescription) { row["description"] = description }
                    if let count = (try? dataset.integer(.numberOfSeriesRelatedInstances)) ?? nil { row["instances"] = count }
                    series.append(row)
                }
            } catch {
                throw CommandError("\(error)")
            }
        }

        if json {
            var object: [String: Any] = ["case": caseID.hex, "study_uid": payload.studyUID, "dicomweb_url": payload.dicomwebURL,
                                         "credential": payload.credential.kind, "expires_at": body.expiresAt, "expired": expired]
            if let viewer = payload.viewerURL { object["viewer_url"] = viewer }
            if let clinician = payload.clinicianName { object["clinician"] = clinician }
            if let name = payload.patient.name { object["patient"] = name }
            if let history = payload.history { object["history"] = history }
            if let reportText = payload.reportText { object["report_text"] = reportText }
            if listSeries { object["series"] = series }
            printJSON(object)
            return 0
        }
        print("Case \(caseID.hex)")
        print("  patient     \(payload.patient.name ?? "-")  \(payload.patient.sex ?? "")  born \(payload.patient.birthDate ?? "-")  MRN \(payload.patient.patientID ?? "-")")
        print("  study       \(payload.studyUID)  accession \(payload.patient.accessionNumber ?? "-")")
        print("  DICOMweb    \(payload.dicomwebURL)  (" + (payload.credential.kind == "none" ? "no credential" : "\(payload.credential.kind) credential") + ")")
        if let viewer = payload.viewerURL { print("  viewer      \(viewer)") }
        print("  clinician   \(payload.clinicianName ?? "-")")
        print("  access      " + (expired ? "EXPIRED at " : "until ") + formatTime(body.expiresAt))
        if let history = payload.history {
            do {
                let summary = try HistorySummary.decode(Data(history.utf8))
                print("\nHistory (ranked for this study)")
                for line in SummaryRenderer.render(summary, width: 100) { print("  " + line) }
            } catch {
                print("\nHistory: cannot be read by this build (\(error))")
            }
        }
        if let reportText = payload.reportText {
            print("\nSigned report (for peer review)")
            for line in reportText.split(separator: "\n", omittingEmptySubsequences: false) { print("  " + line) }
        }
        for row in series {
            print("  series \(row["series_uid"] ?? "?")  \(row["modality"] ?? "")  \(row["description"] ?? "")  \(row["instances"].map { "\($0) images" } ?? "")")
        }
        return 0
    }
}
