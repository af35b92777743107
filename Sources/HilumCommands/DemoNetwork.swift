import Foundation
import HilumCore
import HilumCrypto
import HilumHistory
import HilumLedger
import HilumReporting
import HilumWorklist

/// The demo network: every participant's home with keys, identity and a
/// replica holding the whole demo ledger, the clients' local case details,
/// and a node to start. Events are signed here, by each participant's own
/// device key, with times in the recent past.
struct DemoNetwork {
    static let passphrase = "hilum-demo"

    /// One participant of the demo.
    final class Member {
        let role: Role
        let name: String
        let home: String
        let record: IdentityRecord
        let secrets: DeviceSecrets
        let certificate: VerifiedEvent
        var head: (sequence: UInt64, id: EventID, timestamp: Int64)?

        init(role: Role, name: String, home: String, at time: Int64) throws {
            self.role = role
            self.name = name
            self.home = home
            let created = try IdentityFactory.create(role: role, displayName: name, recoverySeed: SecretBytes.random(32), at: time)
            record = created.record
            secrets = created.secrets
            certificate = created.deviceEvent
            head = (1, certificate.id, certificate.event.timestamp)
        }

        var identity: PublicKey { record.identity }
        var recipient: SealRecipient { SealRecipient(identity: record.identity, encryptionKey: record.encryptionKey) }

        func sign(_ body: some EventBody, at time: Int64) throws -> VerifiedEvent {
            let event = try FeedWriter(device: secrets.device).sign(body, after: head, at: time)
            head = (event.event.sequence, event.id, event.event.timestamp)
            return event
        }
    }

    /// A study the demo posts: what goes on the ledger and what the client keeps.
    struct Study {
        let modality: String
        let region: String
        let procedure: String
        let contrast: Bool?
        let series: UInt32
        let instances: UInt32
    }

    static let studies: [Study] = [
        Study(modality: "CT", region: "CHEST", procedure: "CT CHEST WITH CONTRAST", contrast: true, series: 4, instances: 612),
        Study(modality: "CT", region: "HEAD", procedure: "CT HEAD WITHOUT CONTRAST", contrast: false, series: 3, instances: 180),
        Study(modality: "CR", region: "CHEST", procedure: "XR CHEST", contrast: nil, series: 2, instances: 2),
        Study(modality: "MR", region: "HEAD", procedure: "MR BRAIN WITH AND WITHOUT CONTRAST", contrast: true, series: 9, instances: 1450),
        Study(modality: "CT", region: "ABDOMEN-PELVIS", procedure: "CT ABDOMEN PELVIS WITH CONTRAST", contrast: true, series: 5, instances: 980),
        Study(modality: "US", region: "ABDOMEN", procedure: "US ABDOMEN", contrast: nil, series: 1, instances: 46),
        Study(modality: "MR", region: "SPINE", procedure: "MR SPINE WITHOUT CONTRAST", contrast: false, series: 6, instances: 520),
        Study(modality: "CT", region: "CHEST", procedure: "CT CHEST WITHOUT CONTRAST", contrast: false, series: 3, instances: 410),
    ]

    static let patients: [GrantPayload.Patient] = [
        .init(name: "Okafor, Grace", patientID: "NSI-300121", birthDate: "1957-03-14", sex: "F"),
        .init(name: "Lindqvist, Erik", patientID: "NSI-300188", birthDate: "1950-11-02", sex: "M"),
        .init(name: "Tanaka, Hanako", patientID: "HVH-77120", birthDate: "1982-06-30", sex: "F"),
        .init(name: "Moreau, Julien", patientID: "HVH-77321", birthDate: "1969-01-21", sex: "M"),
        .init(name: "Wójcik, Ewa", patientID: "KS-55012", birthDate: "1946-09-09", sex: "F"),
        .init(name: "Adeyemi, Tunde", patientID: "KS-55190", birthDate: "1978-12-12", sex: "M"),
        .init(name: "Hernández, Lucía", patientID: "NSI-300402", birthDate: "1991-04-05", sex: "F"),
        .init(name: "Novak, Petr", patientID: "HVH-77544", birthDate: "1961-07-17", sex: "M"),
    ]

    let directory: String
    let caseCount: Int
    /// Whether the demo radiologist has the reads of the past days (see
    /// `signEarlierReads`). Test fixtures that add their own reports leave them out.
    let earlierReads: Bool
    let now: Int64
    private(set) var members: [Member] = []
    private(set) var events: [VerifiedEvent] = []
    /// Client local details per case, by the client's home.
    private(set) var clientCases: [String: [(EventID, ClientCaseStore.Entry)]] = [:]

    init(directory: String, caseCount: Int, now: Int64 = Clock.nowMilliseconds(), earlierReads: Bool = true) {
        self.directory = directory
        self.caseCount = caseCount
        self.now = now
        self.earlierReads = earlierReads
    }

    /// Creates the participants and signs the demo's events.
    mutating func generate() throws {
        // A week back, so the demo radiologist's own earlier reads fit before today's postings.
        let start = now - (earlierReads ? 7 * 86_400_000 : 12 * 3_600_000)
        var time = start
        func tick(_ milliseconds: Int64 = 1000) -> Int64 {
            time += milliseconds
            return time
        }
        func member(_ role: Role, _ name: String, _ folder: String) throws -> Member {
            let member = try Member(role: role, name: name, home: directory + "/" + folder, at: tick())
            members.append(member)
            events.append(member.certificate)
            return member
        }
        _ = try member(.node, "Demo Node", "node")
        let boardCA = try member(.credentialer, "Medical Board of California", "board-ca")
        let boardNY = try member(.credentialer, "New York State Education Department", "board-ny")
        let demo = try member(.radiologist, "Dr Demo Radiologist", "radiologist")
        let colleagues = [try member(.radiologist, "Dr Amara Nwosu", "radiologist-nwosu"),
                          try member(.radiologist, "Dr Lars Eriksen", "radiologist-eriksen"),
                          try member(.radiologist, "Dr Mei Chen", "radiologist-chen")]
        let clients = [(try member(.client, "Northside Imaging", "client-northside"), "US-CA"),
                       (try member(.client, "Hudson Valley Hospital", "client-hudson"), "US-NY"),
                       (try member(.client, "Klinikum Süd", "client-klinikum"), "DE-BY")]
        let clinicians = [try member(.clinician, "Dr Priya Raman", "clinician-raman"),
                          try member(.clinician, "Dr Tomás Ortega", "clinician-ortega")]

        let year: Int64 = 365 * 86_400_000
        func license(_ subject: Member, _ board: Member, _ jurisdiction: String) throws {
            events.append(try board.sign(CredentialBody(subject: subject.identity, credentialKind: .licence, jurisdiction: jurisdiction,
                                                        subspecialty: nil, validFrom: start - year, validUntil: now + year), at: tick()))
        }
        // The demo radiologist may read California and New York cases, not Bavarian ones.
        try license(demo, boardCA, "US-CA")
        try license(demo, boardNY, "US-NY")
        for colleague in colleagues { try license(colleague, boardCA, "US-CA") }
        try license(colleagues[1], boardNY, "US-NY")
        for radiologist in [demo] + colleagues {
            events.append(try radiologist.sign(ProfileBody(subspecialties: radiologist === demo ? ["CHEST", "NEURO"] : ["BODY"],
                                                           prices: [PriceEntry(modality: "CT", amount: 6500), PriceEntry(modality: "MR", amount: 9000)],
                                                           currency: "USD", turnaroundMinutes: 120), at: tick()))
        }

        if earlierReads {
            try signEarlierReads(by: demo, clients: clients, clinicians: clinicians, tick: tick, setTime: { time = $0 })
        }

        var assignedToDemo = 0
        var reportedByColleagues = 0
        for index in 0..<caseCount {
            let (client, jurisdiction) = clients[index % clients.count]
            let study = Self.studies[index % Self.studies.count]
            var priority = Priority.routine
            var deadline: UInt32 = 36 * 3600
            if index % 5 == 0 {
                priority = .stat
                deadline = 90 * 60
            } else if index % 3 == 0 {
                priority = .urgent
                deadline = 6 * 3600
            }
            // Postings spread over the last ten hours; each case's events follow its posting.
            time = now - 10 * 3_600_000 + Int64(index) * (9 * 3_600_000 / Int64(max(caseCount, 1)))
            let posting = try client.sign(PostingBody(modality: study.modality, bodyRegion: study.region, procedure: study.procedure,
                                                      priority: priority, deadlineSeconds: deadline, price: study.modality == "MR" ? 9500 : 6000,
                                                      currency: "USD", jurisdiction: jurisdiction, seriesCount: study.series,
                                                      instanceCount: study.instances,
                                                      aiFindings: study.region == "HEAD" && study.modality == "CT"
                                                          ? [AIFinding(code: "INTRACRANIAL-HEMORRHAGE", scorePerMille: 930)] : []),
                                          at: tick())
            events.append(posting)
            let details = Self.clientDetails(of: posting, study: study, patientIndex: index, accession: 20_261_000 + index,
                                              uidSuffix: index)
            var patient = details.patient
            let studyUID = details.studyUID
            recordClientCase(posting, of: client, study: study, patient: patient, studyUID: studyUID)

            let licensed = colleagues.filter { _ in jurisdiction == "US-CA" } + (jurisdiction == "US-NY" ? [colleagues[1]] : [])
            var bids: [(Member, VerifiedEvent)] = []
            for (offset, colleague) in licensed.enumerated() where (index + offset) % 2 == 0 {
                let bid = try colleague.sign(BidBody(posting: posting.id, price: 5200 + UInt64(offset) * 300, currency: "USD",
                                                     turnaroundMinutes: priority == .stat ? 45 : 180), at: tick(60_000))
                events.append(bid)
                bids.append((colleague, bid))
            }
            guard jurisdiction != "DE-BY" else { continue }
            let clinician = clinicians[index % clinicians.count]
            if index % 4 == 1 && assignedToDemo < max(3, caseCount / 6) {
                // Assigned to the demo radiologist, with sealed access and a history.
                assignedToDemo += 1
                events.append(try client.sign(AssignmentBody(posting: posting.id, radiologist: demo.identity, bid: nil,
                                                             clinician: clinician.identity, price: 6000, currency: "USD"), at: tick(120_000)))
                _ = try grantAccess(posting, to: demo, from: client, clinician: clinician, study: study, seed: UInt64(index),
                                    patient: &patient, studyUID: studyUID, at: tick())
                if var cases = clientCases[client.home], !cases.isEmpty {
                    cases[cases.count - 1].1.patient = patient
                    clientCases[client.home] = cases
                }
            } else if let (colleague, bid) = bids.first, index % 4 == 2, reportedByColleagues < 4 {
                // Read by a colleague: report, feedback, and one critical result awaiting acknowledgment.
                reportedByColleagues += 1
                events.append(try client.sign(AssignmentBody(posting: posting.id, radiologist: colleague.identity, bid: bid.id,
                                                             clinician: clinician.identity, price: 5200, currency: "USD"), at: tick(120_000)))
                let text = "FINDINGS\nNo acute abnormality of the \(study.region.lowercased()).\n\nIMPRESSION\nNo acute findings.\n"
                let signedAt = tick(900_000)
                let payload = ReportPayload(signedAt: signedAt, radiologistName: colleague.name, text: text, document: nil, sections: [
                    ReportSection(name: "Findings", codes: [], lines: ["No acute abnormality of the \(study.region.lowercased())."]),
                    ReportSection(name: "Impression", codes: [], lines: ["No acute findings."]),
                ])
                let plaintext = try payload.encoded()
                let report = try colleague.sign(ReportBody(posting: posting.id, contentHash: Hash.blake2b256(plaintext),
                                                           sealed: try Sealer.seal(plaintext, to: [clinician.recipient, client.recipient, colleague.recipient])),
                                                at: signedAt)
                events.append(report)
                if reportedByColleagues == 1 {
                    events.append(try colleague.sign(CriticalResultBody(posting: posting.id, category: .orange, acknowledgeWithinMinutes: 60,
                                                                        sealed: try Sealer.seal("Unexpected finding: please call the reading room.",
                                                                                                to: [clinician.recipient, colleague.recipient])),
                                                     at: tick()))
                } else {
                    events.append(try clinician.sign(FeedbackBody(report: report.id, rating: UInt8(3 + reportedByColleagues % 3), isQuestion: false,
                                                                  sealed: nil), at: tick(600_000)))
                }
            }
        }
    }

    /// Signs the demo radiologist's reads of the past days, so that its
    /// Feedback, Follow-ups and Me screens open with something on them. The
    /// first is a CT chest with a 9 mm nodule: the client has scheduled its
    /// Fleischner follow-up and the clinician rated the report. On the second
    /// the referring clinician has asked a question not yet answered. Both
    /// go through `ReportSigning`, as in the editor.
    private mutating func signEarlierReads(by demo: Member, clients: [(Member, String)], clinicians: [Member],
                                           tick: (Int64) -> Int64, setTime: (Int64) -> Void) throws {
        guard let template = try BuiltInTemplates.all.first(where: { $0.key == "ct-chest" })?.load() else { return }
        let study = Study(modality: "CT", region: "CHEST", procedure: "CT CHEST WITHOUT CONTRAST", contrast: false, series: 3, instances: 410)
        // The nodule is in a patient without cancer: Fleischner does not apply to the
        // demo's other chest patient, who had a lobectomy for adenocarcinoma.
        let reads: [(daysAgo: Int64, record: String?, fill: [String: FieldValue], question: String?)] = [
            (5, "ct-abdomen-contrast-allergy",
             ["ct_chest_nodule_multiplicity": .choice("single"), "ct_chest_nodule_composition": .choice("solid"),
              "ct_chest_nodule_long_axis": .number(9), "ct_chest_nodule_location": .choice("LLL"),
              "ct_chest_impression": .text("Solid nodule, 9 mm, left lower lobe.")], nil),
            (2, nil, ["ct_chest_impression": .text("No acute cardiopulmonary abnormality.")],
             "The patient now has a fever of 38.6. Was there anything at the lung bases that could be early consolidation?"),
        ]
        for (number, read) in reads.enumerated() {
            let (client, jurisdiction) = clients[number % 2]
            let clinician = clinicians[number % clinicians.count]
            setTime(now - read.daysAgo * 86_400_000)
            let posting = try client.sign(PostingBody(modality: study.modality, bodyRegion: study.region, procedure: study.procedure,
                                                      priority: .routine, deadlineSeconds: 36 * 3600, price: 6000, currency: "USD",
                                                      jurisdiction: jurisdiction, seriesCount: study.series, instanceCount: study.instances,
                                                      aiFindings: []), at: tick(1000))
            events.append(posting)
            events.append(try client.sign(AssignmentBody(posting: posting.id, radiologist: demo.identity, bid: nil,
                                                         clinician: clinician.identity, price: 6000, currency: "USD"), at: tick(600_000)))
            let details = Self.clientDetails(of: posting, study: study, patientIndex: 5 + number,
                                              accession: 20_260_900 + number, uidSuffix: 900 + number)
            var patient = details.patient
            let studyUID = details.studyUID
            let history = try grantAccess(posting, to: demo, from: client, clinician: clinician, study: study, seed: UInt64(900 + number),
                                          record: read.record, patient: &patient, studyUID: studyUID, at: tick(1000))
            recordClientCase(posting, of: client, study: study, patient: patient, studyUID: studyUID)

            var filled = FilledTemplate(template: template)
            for (field, value) in read.fill { try filled.set(value, for: field) }
            var factors = ReportSigning.patientFactors(history: String(decoding: try history.encoded(), as: UTF8.self))
            // The record has no smoking status, so the radiologist set the risk, as the editor requests.
            factors.risk = factors.risk ?? .low
            let signedAt = tick(3_600_000)
            let (recommendations, _) = try ReportSigning.recommend(&filled, patient: factors, at: signedAt)
            let readers = ReportSigning.Readers(client: client.recipient, clinician: clinician.recipient, radiologist: demo.recipient)
            let signed = try ReportSigning.sign(case: posting.id, filled: filled, radiologistName: demo.name, at: signedAt,
                                                recommendations: recommendations, overrides: [], readers: readers,
                                                study: MeasureStudy(modality: study.modality, bodyRegion: study.region, patient: factors)) { body in
                let event = try demo.sign(body, at: tick(1000))
                events.append(event)
                return event
            }
            for (event, recommendation) in signed.followUps where recommendation.isFollowUpIndicated {
                // Booked a day after the report, for the date the recommendation gives.
                let appointment = signedAt + Int64(recommendation.intervalDays ?? 90) * 86_400_000
                events.append(try client.sign(FollowUpStatusBody(recommendation: event.id, state: .scheduled, at: appointment),
                                              at: tick(86_400_000)))
            }
            if let question = read.question {
                events.append(try clinician.sign(FeedbackBody(report: signed.report.id, rating: nil, isQuestion: true,
                                                              sealed: try Sealer.seal(question, to: [demo.recipient, clinician.recipient])),
                                                 at: tick(7_200_000)))
            } else {
                events.append(try clinician.sign(FeedbackBody(report: signed.report.id, rating: 5, isQuestion: false, sealed: nil),
                                                 at: tick(7_200_000)))
            }
        }
    }

    /// Seals access to `posting`, with a generated patient history that
    /// fits `study` (or the synthetic `record` named), to `radiologist` and
    /// the client, and returns the history. `patient` takes the history's
    /// birth date and sex.
    private mutating func grantAccess(_ posting: VerifiedEvent, to radiologist: Member, from client: Member, clinician: Member,
                                      study: Study, seed: UInt64, record: String? = nil, patient: inout GrantPayload.Patient,
                                      studyUID: String, at time: Int64) throws -> HistorySummary {
        // The record's dates and sex, the demo's name for the patient.
        var history = try Self.history(for: study, seed: seed, now: now, patient: record)
        history.patientName = patient.name
        patient.birthDate = history.birthDate ?? patient.birthDate
        patient.sex = history.sex.map { $0.hasPrefix("f") ? "F" : $0.hasPrefix("m") ? "M" : $0 } ?? patient.sex
        let payload = GrantPayload(studyUID: studyUID, dicomwebURL: "http://127.0.0.1:8042/dicom-web",
                                   credential: .init(kind: "none"), viewerURL: nil, clinician: clinician.identity,
                                   clinicianName: clinician.name, patient: patient,
                                   history: String(decoding: try history.encoded(), as: UTF8.self), expiresAt: now + 3 * 86_400_000)
        let sealed = try Sealer.seal(try payload.encoded(), to: [radiologist.recipient, client.recipient])
        events.append(try client.sign(AccessGrantBody(posting: posting.id, recipient: radiologist.identity, expiresAt: payload.expiresAt,
                                                      sealed: sealed), at: time))
        return history
    }

    /// Returns the demo patient at `patientIndex` with the study's accession
    /// number, date and description, and a new study instance UID ending in `uidSuffix`.
    static func clientDetails(of posting: VerifiedEvent, study: Study, patientIndex: Int, accession: Int,
                              uidSuffix: Int) -> (patient: GrantPayload.Patient, studyUID: String) {
        var patient = patients[patientIndex % patients.count]
        patient.accessionNumber = "ACC-\(accession)"
        patient.studyDate = day(of: posting.event.timestamp)
        patient.studyDescription = study.procedure
        return (patient, "2.25.\(UInt64.random(in: 1_000_000_000...9_999_999_999))\(uidSuffix)")
    }

    /// Keeps the client's local details of `posting`, as `client post` does.
    private mutating func recordClientCase(_ posting: VerifiedEvent, of client: Member, study: Study,
                                           patient: GrantPayload.Patient, studyUID: String) {
        clientCases[client.home, default: []].append((posting.id, ClientCaseStore.Entry(
            caseID: posting.id.hex, postedAt: posting.event.timestamp, studyUID: studyUID,
            dicomwebURL: "http://127.0.0.1:8042/dicom-web", auth: nil, patient: patient,
            modality: study.modality, region: study.region)))
    }

    /// Formats the UTC day of `milliseconds` as yyyy-MM-dd.
    static func day(of milliseconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    var node: Member { members.first { $0.role == .node }! }

    /// A generated FHIR record for a patient fitting `study`, summarised by the
    /// same code that summarises a client's EMR export. Dates count back from
    /// `now`, so a network built for a fixed time is the same on every day.
    static func history(for study: Study, seed: UInt64, now: Int64, patient: String? = nil) throws -> HistorySummary {
        var key: String
        switch (study.modality, study.region) {
        case ("CT", "CHEST"), ("CR", "CHEST"): key = "chest-ct-ex-smoker"
        case ("CT", "HEAD"): key = "head-ct-fall-apixaban"
        case ("MR", _): key = "mr-head-pacemaker"
        case ("US", _): key = "abdomen-us-gallstones"
        default: key = "ct-abdomen-contrast-allergy"
        }
        if let patient { key = patient }
        let today = day(of: now)
        let record = try FHIRReader.read(try SyntheticHistory.bundle(for: key, seed: seed, referenceDay: today))
        return HistorySummarizer.summarize(record, for: StudyContext(modality: study.modality, bodyRegion: study.region, procedure: study.procedure),
                                           referenceDay: today)
    }
}
