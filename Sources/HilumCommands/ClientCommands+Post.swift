import Foundation
import HilumCore
import HilumCrypto
import HilumDICOMweb
import HilumHistory
import HilumLedger
import HilumSQLite

extension ClientCommands {
    static let post = Command(
        path: ["client", "post"], summary: "post a study from your archive to the market",
        help: """
        Usage: hilum client post --dicomweb URL --study STUDY_UID --priority stat|urgent|routine
                                 --deadline DURATION --price AMOUNT --jurisdiction CODE
                                 [--subspecialty S] [--currency USD]
                                 [--auth basic:USER:PASSFILE | --auth bearer:TOKENFILE | --token-secret FILE]
                                 [--peer HOST:PORT] [--offline] [--home DIR]

        Reads the study from the archive with QIDO-RS (modality, body part,
        description, series and instance counts) and posts only what the ledger
        allows in clear: modality, body region, a procedure name built from coded
        values, priority, deadline, price, jurisdiction, subspecialty and counts.
        Patient, accession and study details stay in this home's client.sqlite
        ('hilum client cases').

          --deadline DURATION  time to read it, e.g. 1h, 6h, 2d
          --price AMOUNT       e.g. 60 or 59.50, in --currency (default USD)
          --auth FORM          archive credentials; the secret is read from the file
          --token-secret FILE  for an archive behind the study-token filter
                               (docs/STUDY-TOKENS.md): read the study with a token
                               for it alone, valid for 5 minutes, issued from the
                               secret the filter shares. 'hilum client assign'
                               issues the radiologist's token from the same file
                               unless given another --token-secret.
        \(Participant.syncHelp)
        """,
        flags: ["offline"], options: ["dicomweb", "study", "priority", "deadline", "price", "jurisdiction", "subspecialty", "currency",
                                      "auth", "token-secret"] + Participant.syncOptions, run: runPost)

    /// How long the token that `client post --token-secret` issues for its own QIDO-RS request is valid.
    static let postingTokenLifetime: TimeInterval = 300

    /// The prefix of `ClientCaseStore.Entry.auth` for a case posted with `--token-secret`, followed by the secret file's path.
    static let tokenSecretPrefix = "study-token:"

    static func runPost(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let base = try arguments.required("dicomweb", hint: "the archive's DICOMweb root, e.g. http://127.0.0.1:8042/dicom-web")
        guard let baseURL = URL(string: base), ["http", "https"].contains(baseURL.scheme ?? "") else {
            throw UsageError("--dicomweb '\(base)' is not an http or https URL")
        }
        let studyUID = try arguments.required("study", hint: "the StudyInstanceUID, e.g. 1.2.840.113619.2.55.3")
        let priorityText = try arguments.required("priority", hint: "stat, urgent or routine")
        guard let priority = Priority.allCases.first(where: { $0.name == priorityText.lowercased() }) else {
            throw UsageError("--priority '\(priorityText)' is not a priority; choose stat, urgent or routine")
        }
        let deadline = try parseDuration(try arguments.required("deadline", hint: "e.g. 1h or 2d"), option: "--deadline")
        let price = try parseAmount(try arguments.required("price", hint: "e.g. 60 or 59.50"), option: "--price")
        let jurisdiction = try arguments.required("jurisdiction", hint: "e.g. US-CA").uppercased()
        let subspecialty = arguments.option("subspecialty")?.uppercased()
        let currency = (arguments.option("currency") ?? "USD").uppercased()
        let authForm = arguments.option("auth")
        let tokenSecret = arguments.option("token-secret")
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: post.options)
        if authForm != nil && tokenSecret != nil {
            throw UsageError("--auth and --token-secret both give the archive credentials; pass only one")
        }
        let auth: ArchiveAuth?
        if let tokenSecret {
            do {
                let secret = try StudyToken.loadSecret(path: tokenSecret)
                auth = .studyToken(try StudyToken.issue(secret: secret, studyUID: studyUID,
                                                        expiresAt: Date().addingTimeInterval(postingTokenLifetime)))
            } catch {
                throw CommandError("--token-secret: \(error)")
            }
        } else {
            do {
                auth = try authForm.map { try ArchiveAuth.parse($0) }
            } catch {
                throw UsageError("--auth: \(error)")
            }
        }

        let participant = try Participant(environment, role: .client, command: "client post", sync: choice)
        let study: StudyInfo
        do {
            study = try DICOMwebClient(baseURL: baseURL, auth: auth).study(studyUID)
        } catch {
            throw CommandError("\(error)")
        }
        guard let modality = study.orderedModalities.first else {
            throw CommandError("study \(studyUID) names no modality in the archive; it cannot be posted")
        }
        let body = PostingBody(modality: modality, bodyRegion: study.region.rawValue, procedure: study.procedureName, priority: priority,
                               deadlineSeconds: UInt32(deadline), price: price, currency: currency, jurisdiction: jurisdiction,
                               subspecialty: subspecialty, seriesCount: UInt32(clamping: study.seriesCount ?? 0),
                               instanceCount: UInt32(clamping: study.instanceCount ?? 0), aiFindings: [])
        let posting = try participant.publish(body)
        let patient = GrantPayload.Patient(name: study.patientName?.formatted, patientID: study.patientID, birthDate: study.patientBirthDate,
                                           sex: study.patientSex, accessionNumber: study.accessionNumber, studyDate: study.studyDate,
                                           studyDescription: study.studyDescription)
        try openStore(participant).insert(ClientCaseStore.Entry(caseID: posting.id.hex, postedAt: posting.event.timestamp, studyUID: studyUID,
                                                                dicomwebURL: baseURL.absoluteString,
                                                                auth: tokenSecret.map { tokenSecretPrefix + $0 } ?? authForm, patient: patient,
                                                                modality: modality, region: study.region.rawValue), caseID: posting.id)
        participant.sync()
        participant.noteIfUnsynced()
        print("posted case \(posting.id.hex): \(body.procedure), \(priority.name), \(formatAmount(price, currency)), \(jurisdiction), "
              + "\(body.seriesCount) series / \(body.instanceCount) images")
        for warning in study.warnings { FileHandle.standardError.write(Data("note: \(warning)\n".utf8)) }
        return 0
    }
}
