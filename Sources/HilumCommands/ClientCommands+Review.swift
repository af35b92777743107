import Foundation
import HilumCore
import HilumCrypto
import HilumLedger

extension ClientCommands {
    static let grantReview = Command(
        path: ["client", "grant-review"], summary: "give a peer reviewer sealed access to a reported case",
        help: """
        Usage: hilum client grant-review CASE --to RADIOLOGIST [--token-secret FILE] [--access DURATION]
                                         [--peer HOST:PORT] [--offline] [--home DIR]

        Publishes an access grant for CASE sealed to RADIOLOGIST (a key, a prefix
        of 6+ hex digits, or an exact display name), so that they can open the
        study for a peer review with 'hilum case access'. The ledger accepts such
        a grant only once the case's report is signed. The grant carries the
        study's DICOMweb URL, an access credential, the study date, the
        procedure and the signed report's text; it leaves out the patient's name, ID, birth date and
        accession number, and the history summary.

          --token-secret FILE  issue an expiring token for this study only (see
                               'hilum client assign --help')
          --access DURATION    how long access lasts (default 72h)
        \(Participant.syncHelp)
        """,
        flags: ["offline"], options: ["to", "token-secret", "access"] + Participant.syncOptions, run: runGrantReview)

    static func runGrantReview(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let caseText = try positional(&arguments, "CASE", usage: "hilum client grant-review CASE --to RADIOLOGIST")
        let reviewerText = try arguments.required("to", hint: "the reviewer's key, key prefix or display name")
        let tokenSecret = arguments.option("token-secret")
        let access = try parseDuration(arguments.option("access") ?? "72h", option: "--access")
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: grantReview.options)

        let participant = try Participant(environment, role: .client, command: "client grant-review", sync: choice)
        participant.sync()
        let caseID = try participant.resolveCase(caseText)
        let reviewer = try participant.resolveIdentity(reviewerText, role: .radiologist)
        let line = try grantReviewAccess(caseID, caseText: caseText, to: reviewer, reviewerText: reviewerText, tokenSecret: tokenSecret,
                                         access: access, store: try openStore(participant), participant: participant)
        participant.sync()
        participant.noteIfUnsynced()
        print(line)
        return 0
    }

    /// Publishes an access grant for a peer review of `caseID` sealed to
    /// `reviewer`, as 'client grant-review' and 'client reviews --apply' do.
    /// Refuses another client's case and the case's reading radiologist.
    /// Does not sync. Returns the line to print.
    static func grantReviewAccess(_ caseID: EventID, caseText: String, to reviewer: PublicKey, reviewerText: String, tokenSecret: String?,
                                  access: Int64, store: ClientCaseStore, participant: Participant) throws -> String {
        let row = try participant.replica.database.prepare("SELECT client, status, assignee FROM cases WHERE substr(id, 1, 8) = substr(?1, 1, 8) AND id = ?1").bind(1, caseID.bytes)
        guard try row.step() else { throw CommandError("no case \(caseText)") }
        guard row.blob(0) == participant.identity.bytes else { throw CommandError("case \(caseID.short) was posted by another client") }
        if row.optionalBlob(2) == reviewer.bytes {
            throw CommandError("\(reviewerText) is the reading radiologist of case \(caseID.short) and cannot review it; choose another radiologist")
        }
        guard let entry = try store.entry(caseID) else {
            throw CommandError("case \(caseID.short) has no local details in \(participant.environment.home)/client.sqlite; grant from the home that posted it")
        }

        let expiresAt = Clock.nowMilliseconds() + access * 1000
        let credential = try accessCredential(for: entry, tokenSecret: tokenSecret, expiresAt: expiresAt)
        let patient = GrantPayload.Patient(studyDate: entry.patient.studyDate, studyDescription: entry.patient.studyDescription)
        var payload = GrantPayload(studyUID: entry.studyUID, dicomwebURL: entry.dicomwebURL, credential: credential,
                                   patient: patient, expiresAt: expiresAt)
        // The report is sealed to its client, clinician and author, so the reviewer reads it through this grant.
        payload.reportText = try ReportCommands.openReport(participant, caseID).1.text
        let sealed = try Sealer.seal(try payload.encoded(), to: [try participant.sealRecipient(reviewer), participant.recipient])
        let grant = try participant.publish(AccessGrantBody(posting: caseID, recipient: reviewer, expiresAt: expiresAt, sealed: sealed))
        return "granted \(try participant.name(of: reviewer)) review access to case \(caseID.short) until \(formatTime(expiresAt)); "
            + "access grant \(grant.id.short)"
    }
}
