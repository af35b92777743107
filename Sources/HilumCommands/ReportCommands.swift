import Foundation
import HilumCore
import HilumCrypto
import HilumLedger
import HilumReporting
import HilumWorklist

/// `hilum report sign` and `hilum report addendum`: the assigned
/// radiologist signs a structured report, sealed to the client, the
/// referring clinician and themselves.
enum ReportCommands {
    static let sign = Command(
        path: ["report", "sign"], summary: "check and sign a structured report on a case assigned to you",
        help: """
        Usage: hilum report sign CASE --fill FILE.json [--template ID] [--override CHECK:REASON]...
                                 [--critical red|orange|yellow --critical-message TEXT [--acknowledge-within MINUTES]]
                                 [--age YEARS] [--risk low|high] [--peer HOST:PORT] [--offline] [--home DIR]

        Fills the template chosen by the case's modality and body region (or
        --template, an identifier or title from 'hilum template list') from
        FILE.json, an object of field id to value, for example
        {"ct_chest_nodule_long_axis": 7, "ct_chest_impression": "..."}.
        A CT chest nodule gets a Fleischner 2017 recommendation: age and risk
        come from the grant's history, else from --age and --risk.

        The checks below run first. A blocking problem stops signing (exit 1);
        a warning stops it until overridden with --override CHECK:REASON, and
        the reason is kept in the sealed report.
        \(checkList)

        The report is sealed to the client, the clinician and you. Follow-up
        recommendations are published with modality and interval in clear and
        their details sealed; --critical also publishes a critical result that
        the clinician must acknowledge within --acknowledge-within minutes
        (default: red 60, orange 360, yellow 4320).

          --fill FILE          JSON object of field id (or name) to value
          --template ID        template identifier or title instead of the catalog's choice
          --override ID:WHY    sign despite warning ID, giving the reason (repeatable)
          --critical CATEGORY  flag a critical result: red, orange or yellow
          --critical-message   what the clinician is told
          --acknowledge-within minutes the clinician has to acknowledge, 1 to 20160
          --age YEARS          patient age when the grant has no history
          --risk low|high      Fleischner patient risk when neither template nor history gives it
        \(Participant.syncHelp)
        """,
        flags: ["offline"],
        options: ["fill", "template", "override", "critical", "critical-message", "acknowledge-within", "age", "risk"]
            + Participant.syncOptions,
        run: runSign)

    static let addendum = Command(
        path: ["report", "addendum"], summary: "add an addendum to a report you signed",
        help: """
        Usage: hilum report addendum CASE --text TEXT [--peer HOST:PORT] [--offline] [--home DIR]

        Seals TEXT as an addendum to your signed report on CASE, to the
        client, the clinician and you. Exports then show the report as amended.
        \(Participant.syncHelp)
        """,
        flags: ["offline"], options: ["text"] + Participant.syncOptions, run: runAddendum)

    static var checkList: String {
        ReportChecks.all.map { "  \($0.id.padding(toLength: 30, withPad: " ", startingAt: 0)) \($0.severity.rawValue): \($0.summary)" }
            .joined(separator: "\n")
    }

    static func runSign(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let caseText = try positional(&arguments, "CASE", usage: "hilum report sign CASE --fill FILE.json")
        let fillPath = try arguments.required("fill", hint: "give a JSON file of field id to value")
        let templateName = arguments.option("template")
        let overrides = try parseOverrides(arguments.optionList("override"))
        let critical = try CriticalRequest(&arguments)
        let age = arguments.option("age") == nil ? nil : try arguments.integer("age", default: 0, range: 0...130)
        let risk = try arguments.option("risk").map { text in
            guard let risk = Fleischner.Risk(rawValue: text.lowercased()) else {
                throw UsageError("--risk '\(text)' is not a risk; use low or high")
            }
            return risk
        }
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: sign.options)

        let participant = try Participant(environment, role: .radiologist, command: "report sign", sync: choice)
        participant.sync()
        let caseID = try participant.resolveCase(caseText)
        let facts = try ReportInputs.caseFacts(participant, caseID)
        guard facts.assignee == participant.identity else {
            throw CommandError("case \(caseID.short) is not assigned to you; only the assigned radiologist signs its report")
        }
        guard facts.status == "assigned" else {
            throw CommandError("case \(caseID.short) is \(facts.status), so it takes no new report; "
                               + "use 'hilum report addendum' to amend a signed one")
        }
        if critical != nil && facts.clinician == nil {
            throw CommandError("case \(caseID.short) names no referring clinician to notify of a critical result; "
                               + "call the client and record the call in the report instead")
        }

        let template = try ReportInputs.template(environment, named: templateName, for: facts)
        var filled = try ReportInputs.fill(template, fromFile: fillPath)
        let grant = try? ReportInputs.grant(participant, caseID)
        var patient = ReportSigning.patientFactors(history: (grant ?? nil)?.history)
        if let age { patient.age = age }
        if let risk { patient.risk = risk }

        let now = Clock.nowMilliseconds()
        let radiologistName = try participant.name(of: participant.identity)
        let clinicianName = try facts.clinician.map { try participant.name(of: $0) }
        let (recommendations, note) = try ReportSigning.recommend(&filled, patient: patient, at: now)
        if let note { printError(note) }
        let flag = critical.map { CriticalFlag(category: $0.category, message: $0.message, acknowledgeWithinMinutes: $0.minutes) }
        let communications = flag.map { [$0.communication(recipientName: clinicianName ?? "-", at: now)] } ?? []

        let findings = ReportChecks.run(ReportCheckInput(filled: filled, recommendations: recommendations, criticalResults: communications))
        let accepted = try reviewChecks(findings, overrides: overrides)

        let readers = ReportSigning.Readers(client: try participant.sealRecipient(facts.client),
                                            clinician: try facts.clinician.map { try participant.sealRecipient($0) },
                                            radiologist: participant.recipient)
        let signed = try ReportSigning.sign(case: caseID, filled: filled, radiologistName: radiologistName, at: now,
                                            recommendations: recommendations, critical: flag, clinicianName: clinicianName,
                                            overrides: accepted, readers: readers,
                                            study: MeasureStudy(modality: facts.modality, bodyRegion: facts.bodyRegion, patient: patient)) {
            try participant.publish($0)
        }
        print("signed report \(signed.report.id.hex) on case \(caseID.hex) with template \"\(template.title)\"")
        for measure in signed.measures { print("  \(measure.measure): \(measure.result.name)") }
        for override in accepted { print("  overrode \(override.checkID): \(override.reason)") }
        for (event, recommendation) in signed.followUps {
            print("recommended follow-up \(event.id.short): \(recommendation.modality ?? "-") due \(recommendation.dueDate ?? "-")")
        }
        if let event = signed.critical, let flag, let clinician = facts.clinician {
            print("flagged critical result \(event.id.short) (\(flag.category.name)) for \(clinicianName ?? clinician.short)")
        }
        participant.sync()
        participant.noteIfUnsynced()
        return 0
    }

    static func runAddendum(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let caseText = try positional(&arguments, "CASE", usage: "hilum report addendum CASE --text TEXT")
        let text = try arguments.required("text", hint: "give the addendum's text")
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw UsageError("--text is empty; write what the addendum adds")
        }
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: addendum.options)
        let participant = try Participant(environment, role: .radiologist, command: "report addendum", sync: choice)
        participant.sync()
        let caseID = try participant.resolveCase(caseText)
        let facts = try ReportInputs.caseFacts(participant, caseID)
        let reports = try participant.replica.database.prepare("SELECT id, radiologist FROM reports WHERE case_id = ?")
            .bind(1, caseID.bytes)
        guard try reports.step() else { throw CommandError("case \(caseID.short) has no signed report to amend; sign one with 'hilum report sign'") }
        let reportID = EventID(unchecked: reports.blob(0))
        guard PublicKey(unchecked: reports.blob(1)) == participant.identity else {
            throw CommandError("the report on case \(caseID.short) is another radiologist's; only its author files addenda")
        }
        let payload = AddendumPayload(signedAt: Clock.nowMilliseconds(), radiologistName: try participant.name(of: participant.identity),
                                      text: text)
        let plaintext = try payload.encoded()
        var readers = [try participant.sealRecipient(facts.client), participant.recipient]
        if let clinician = facts.clinician { readers.append(try participant.sealRecipient(clinician)) }
        let event = try participant.publish(AddendumBody(report: reportID, contentHash: Hash.blake2b256(plaintext),
                                                         sealed: try Sealer.seal(plaintext, to: readers)))
        print("filed addendum \(event.id.hex) to report \(reportID.hex)")
        participant.sync()
        participant.noteIfUnsynced()
        return 0
    }

    /// Parses `CHECK:REASON` pairs, rejecting unknown checks and blocking ones.
    static func parseOverrides(_ texts: [String]) throws -> [String: String] {
        var overrides: [String: String] = [:]
        for text in texts {
            guard let colon = text.firstIndex(of: ":") else {
                throw UsageError("--override '\(text)' needs CHECK:REASON, for example critical-finding:known, chest drain in place")
            }
            let id = String(text[..<colon])
            let reason = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard let check = ReportChecks.check(id) else {
                let ids = ReportChecks.all.map(\.id)
                let near = ids.min { editDistance(id, $0) < editDistance(id, $1) }
                throw UsageError("--override names no check '\(id)'" + (near.map { "; did you mean '\($0)'?" } ?? "")
                                 + " Checks: \(ids.joined(separator: ", "))")
            }
            guard check.severity == .warn else {
                throw UsageError("--override \(id): this check blocks signing and cannot be overridden; fix the report")
            }
            guard !reason.isEmpty else { throw UsageError("--override \(id): give a reason after the colon") }
            overrides[id] = reason
        }
        return overrides
    }

    /// Prints every problem; throws exit status 1 when one blocks or a
    /// warning has no override. Returns the overrides that were used.
    static func reviewChecks(_ findings: [ReportCheckFinding], overrides: [String: String]) throws -> [CheckOverride] {
        var stop = false
        var accepted: [CheckOverride] = []
        for finding in findings {
            switch finding.severity {
            case .block:
                stop = true
                printError("blocked by \(finding.checkID): \(finding.message)")
            case .warn:
                if let reason = overrides[finding.checkID] {
                    accepted.append(CheckOverride(checkID: finding.checkID, message: finding.message, reason: reason))
                } else {
                    stop = true
                    printError("warning \(finding.checkID): \(finding.message); fix it or pass --override \(finding.checkID):REASON")
                }
            }
        }
        let fired = Set(findings.map(\.checkID))
        for id in overrides.keys.sorted() where !fired.contains(id) {
            printError("note: --override \(id) was not needed; check \(id) found nothing")
        }
        if stop {
            printError("the report was not signed")
            throw ExitStatus(code: 1)
        }
        return accepted
    }
}
