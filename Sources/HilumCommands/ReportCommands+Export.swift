import Foundation
import HilumCore
import HilumCrypto
import HilumLedger
import HilumReporting

extension ReportCommands {
    static let export = Command(
        path: ["report", "export"], summary: "export a signed report as text, FHIR R4 or HL7 v2.5",
        help: """
        Usage: hilum report export CASE --format text|fhir|hl7v2 [--out FILE] [--mllp HOST:PORT]
                                   [--peer HOST:PORT] [--offline] [--home DIR]

        For whoever the report is sealed to (the client, the clinician or the
        radiologist): opens the report on CASE, checks it against the hash its
        event carries, and writes it with its addenda.

          --format text    the report text with a header and addenda
          --format fhir    a FHIR R4 DiagnosticReport (JSON): LOINC-coded sections,
                           the impression as conclusion, the text as presentedForm
          --format hl7v2   an HL7 v2.5 ORU^R01 message, one OBX per report line
          --out FILE       write to FILE instead of standard output
          --mllp HOST:PORT send the HL7 message over MLLP and check the ACK
                           (implies --format hl7v2; exit 1 on AE or AR)

        The patient is named when this home knows them: the client's own case
        store, or the radiologist's access grant.
        \(Participant.syncHelp)
        """,
        flags: ["offline"], options: ["format", "out", "mllp"] + Participant.syncOptions, run: runExport)

    static func runExport(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let caseText = try positional(&arguments, "CASE", usage: "hilum report export CASE --format text|fhir|hl7v2")
        let mllp = try arguments.option("mllp").map { try SyncCommands.address($0, option: "--mllp") }
        let format = arguments.option("format") ?? (mllp != nil ? "hl7v2" : nil)
        guard let format else { throw UsageError("missing --format: give text, fhir or hl7v2") }
        guard ["text", "fhir", "hl7v2"].contains(format) else {
            throw UsageError("--format '\(format)' is not a format; use text, fhir or hl7v2")
        }
        if mllp != nil && format != "hl7v2" { throw UsageError("--mllp sends HL7 v2 only; use --format hl7v2 or leave --format out") }
        let outPath = arguments.option("out")
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: export.options)

        let participant = try Participant(environment, roles: [.client, .clinician, .radiologist], command: "report export", sync: choice)
        participant.sync()
        let caseID = try participant.resolveCase(caseText)
        let facts = try ReportInputs.caseFacts(participant, caseID)
        let (reportID, payload) = try openReport(participant, caseID)
        let context = ReportExportContext(reportID: reportID.hex, caseID: caseID.hex, patient: nil, studyUID: nil,
                                          accessionNumber: nil, modality: facts.modality, procedure: facts.procedure,
                                          addenda: try openAddenda(participant, reportID))
        let known = try knownStudy(participant, caseID)
        var full = context
        full.patient = known.patient
        full.studyUID = known.studyUID
        full.accessionNumber = known.accession

        let output: String
        switch format {
        case "text": output = PlainTextExport.render(payload, context: full)
        case "fhir": output = String(decoding: try FHIRDiagnosticReportExport.json(payload, context: full), as: UTF8.self) + "\n"
        default: output = HL7v2Export.message(payload, context: full)
        }

        if let mllp {
            let acknowledgment = try MLLPClient(address: mllp).send(output)
            guard acknowledgment.isAccepted else {
                throw CommandError("\(mllp) rejected the HL7 message with \(acknowledgment.code)"
                                   + (acknowledgment.text.map { ": \($0)" } ?? "") + "; fix the receiver's complaint and send again")
            }
            FileHandle.standardError.write(Data("sent to \(mllp): \(acknowledgment.code) for message \(acknowledgment.controlID)\n".utf8))
        }
        if let outPath {
            guard FileManager.default.createFile(atPath: outPath, contents: Data(output.utf8)) else {
                throw CommandError("cannot write \(outPath); check the folder exists and is writable")
            }
        } else if mllp == nil {
            FileHandle.standardOutput.write(Data(output.utf8))
        }
        return 0
    }

    /// Opens the case's report and checks its content hash.
    static func openReport(_ participant: Participant, _ caseID: EventID) throws -> (EventID, ReportPayload) {
        let reports = try participant.replica.database.prepare("SELECT id FROM reports WHERE case_id = ?").bind(1, caseID.bytes)
        guard try reports.step() else { throw CommandError("case \(caseID.short) has no signed report in this replica; sync first or wait for it") }
        let reportID = EventID(unchecked: reports.blob(0))
        guard let event = try participant.event(reportID), case let .report(body) = event.content else {
            throw CommandError("the report event \(reportID.short) is missing from the replica; run 'hilum ledger verify'")
        }
        guard body.sealed.isAddressed(to: participant.identity) else {
            throw CommandError("the report on case \(caseID.short) is not sealed to you; ask its client or clinician for a copy")
        }
        let plaintext = try participant.openBytes(body.sealed)
        guard Hash.blake2b256(plaintext) == body.contentHash else {
            throw CommandError("the report \(reportID.short) does not match the hash its event carries; it was sealed differently "
                               + "for other readers, so do not rely on it and tell the radiologist")
        }
        do {
            return (reportID, try ReportPayload.decode(plaintext))
        } catch {
            throw CommandError("the report \(reportID.short) is not a structured report this build reads (\(error))")
        }
    }

    /// Opens the addenda to `reportID` sealed to this participant, in filing order.
    static func openAddenda(_ participant: Participant, _ reportID: EventID) throws -> [AddendumPayload] {
        let rows = try participant.replica.database.prepare("SELECT id FROM addenda WHERE report_id = ? ORDER BY filed_at")
            .bind(1, reportID.bytes)
        var addenda: [AddendumPayload] = []
        while try rows.step() {
            let id = EventID(unchecked: rows.blob(0))
            guard let event = try participant.event(id), case let .addendum(body) = event.content,
                  body.sealed.isAddressed(to: participant.identity) else { continue }
            let plaintext = try participant.openBytes(body.sealed)
            guard Hash.blake2b256(plaintext) == body.contentHash else {
                throw CommandError("the addendum \(id.short) does not match the hash its event carries; tell the radiologist")
            }
            addenda.append(try AddendumPayload.decode(plaintext))
        }
        return addenda
    }

    /// Returns the patient and study from the client's case store, else from
    /// the radiologist's grant, else nothing (a clinician has neither).
    static func knownStudy(_ participant: Participant, _ caseID: EventID)
        throws -> (patient: ReportExportContext.Patient?, studyUID: String?, accession: String?) {
        var details: GrantPayload.Patient?
        var studyUID: String?
        switch participant.record.role {
        case .client:
            if let entry = try ClientCommands.openStore(participant).entry(caseID) {
                details = entry.patient
                studyUID = entry.studyUID
            }
        case .radiologist:
            if let grant = try ReportInputs.grant(participant, caseID) {
                details = grant.patient
                studyUID = grant.studyUID
            }
        default:
            break
        }
        let patient = details.map {
            ReportExportContext.Patient(name: $0.name, identifier: $0.patientID, birthDate: $0.birthDate, sex: $0.sex)
        }
        return (patient, studyUID, details?.accessionNumber)
    }
}
