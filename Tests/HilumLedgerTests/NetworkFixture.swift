import Foundation
import HilumCore
import HilumCrypto
import HilumLedger
import HilumSQLite
import XCTest

/// One person in a test network: identity, first device, and the head of
/// that device's feed as the fixture has signed it.
final class Person {
    let name: String
    let role: Role
    let recoverySeed: SecretBytes
    let record: IdentityRecord
    let secrets: DeviceSecrets
    let writer: FeedWriter
    let deviceEvent: VerifiedEvent
    var head: (sequence: UInt64, id: EventID, timestamp: Int64)?

    init(name: String, role: Role, recoverySeed: SecretBytes, record: IdentityRecord, secrets: DeviceSecrets,
         deviceEvent: VerifiedEvent) {
        self.name = name
        self.role = role
        self.recoverySeed = recoverySeed
        self.record = record
        self.secrets = secrets
        self.writer = FeedWriter(device: secrets.device)
        self.deviceEvent = deviceEvent
        head = (deviceEvent.event.sequence, deviceEvent.id, deviceEvent.event.timestamp)
    }

    var identity: PublicKey { record.identity }
    var device: PublicKey { record.device }
    var recipient: SealRecipient { SealRecipient(identity: record.identity, encryptionKey: record.encryptionKey) }
}

/// A sealed payload planted by the fixture, with the plaintext and the
/// people it was sealed to, so tests can open it and search for it.
struct PlantedSecret {
    let label: String
    let event: VerifiedEvent
    let sealed: Sealed
    let plaintext: String
    let recipients: [Person]
}

/// Builds identities and signed events with explicit, increasing
/// timestamps, so every run signs the same kinds of events in the same order.
/// Keys, signatures and sealed boxes are random and differ between runs.
final class NetworkFixture {
    /// 2023-11-14T22:13:20Z, in milliseconds since 1970.
    static let epoch: Int64 = 1_700_000_000_000
    static let jurisdiction = "US-CA"
    static let day: Int64 = 86_400_000

    private(set) var clock: Int64
    /// Every event signed through the fixture, in signing order.
    private(set) var events: [VerifiedEvent] = []
    private(set) var people: [Person] = []
    private(set) var secrets: [PlantedSecret] = []

    init(startingAt time: Int64 = NetworkFixture.epoch) {
        clock = time
    }

    /// Advances the clock by `milliseconds` and returns the new time.
    @discardableResult
    func tick(_ milliseconds: Int64 = 1_000) -> Int64 {
        clock += milliseconds
        return clock
    }

    var encodedEvents: [[UInt8]] { events.map(\.event.encoded) }

    // MARK: - People

    func person(_ role: Role, _ name: String) throws -> Person {
        let seed = SecretBytes.random(32)
        let created = try IdentityFactory.create(role: role, displayName: name, recoverySeed: seed, at: tick())
        let person = Person(name: name, role: role, recoverySeed: seed, record: created.record, secrets: created.secrets,
                            deviceEvent: created.deviceEvent)
        people.append(person)
        events.append(created.deviceEvent)
        return person
    }

    /// Creates a second device of `person`'s identity, authorised with the same recovery seed.
    func secondDevice(of person: Person) throws -> Person {
        let created = try IdentityFactory.create(role: person.role, displayName: person.name,
                                                 recoverySeed: person.recoverySeed, at: tick())
        let device = Person(name: person.name + " (second device)", role: person.role, recoverySeed: person.recoverySeed,
                            record: created.record, secrets: created.secrets, deviceEvent: created.deviceEvent)
        events.append(created.deviceEvent)
        return device
    }

    // MARK: - Signing

    /// Signs the next event of `author`'s feed at the next tick (or `time`)
    /// and records it in `events`.
    @discardableResult
    func sign(_ author: Person, _ body: some EventBody, at time: Int64? = nil) throws -> VerifiedEvent {
        let event = try author.writer.sign(body, after: author.head, at: time ?? tick())
        clock = max(clock, event.event.timestamp)
        author.head = (event.event.sequence, event.id, event.event.timestamp)
        events.append(event)
        return event
    }

    /// Signs the next event of `author`'s feed without recording it in
    /// `events` or moving the head: for an event a test offers on its own.
    func signDetached(_ author: Person, _ body: some EventBody, at time: Int64? = nil) throws -> VerifiedEvent {
        try author.writer.sign(body, after: author.head, at: time ?? tick())
    }

    /// Seals `text` to `recipients` without recording it. Use `signSealed` to
    /// record the payload as a planted secret.
    func seal(_ text: String, to recipients: [Person]) throws -> Sealed {
        try Sealer.seal(text, to: recipients.map(\.recipient))
    }

    @discardableResult
    func signSealed<Body: EventBody>(_ author: Person, label: String, plaintext: String, recipients: [Person],
                                     _ makeBody: (Sealed) -> Body) throws -> VerifiedEvent {
        let sealed = try seal(plaintext, to: recipients)
        let event = try sign(author, makeBody(sealed))
        secrets.append(PlantedSecret(label: label, event: event, sealed: sealed, plaintext: plaintext, recipients: recipients))
        return event
    }

    // MARK: - Domain steps

    @discardableResult
    func licence(_ subject: Person, by credentialer: Person, jurisdiction: String = NetworkFixture.jurisdiction,
                 validFrom: Int64? = nil, validUntil: Int64? = nil) throws -> VerifiedEvent {
        let from = validFrom ?? (NetworkFixture.epoch - 30 * NetworkFixture.day)
        let until = validUntil ?? (NetworkFixture.epoch + 365 * NetworkFixture.day)
        return try sign(credentialer, CredentialBody(subject: subject.identity, credentialKind: .licence, jurisdiction: jurisdiction,
                                                     subspecialty: nil, validFrom: from, validUntil: until))
    }

    static func chestCT(deadlineSeconds: UInt32 = 4 * 3600, aiFindings: [AIFinding] = [AIFinding(code: "LUNG-NODULE", scorePerMille: 930)])
        -> PostingBody {
        PostingBody(modality: "CT", bodyRegion: "CHEST", procedure: "CT CHEST WO CONTRAST", priority: .stat,
                    deadlineSeconds: deadlineSeconds, price: 12_000, currency: "USD", jurisdiction: jurisdiction,
                    seriesCount: 3, instanceCount: 412, aiFindings: aiFindings)
    }

    @discardableResult
    func post(_ client: Person, _ body: PostingBody = NetworkFixture.chestCT()) throws -> VerifiedEvent {
        try sign(client, body)
    }

    @discardableResult
    func bid(_ radiologist: Person, on posting: VerifiedEvent, price: UInt64 = 11_000, at time: Int64? = nil) throws -> VerifiedEvent {
        try sign(radiologist, BidBody(posting: posting.id, price: price, currency: "USD", turnaroundMinutes: 60), at: time)
    }

    @discardableResult
    func assign(_ client: Person, _ posting: VerifiedEvent, to radiologist: Person, bid: VerifiedEvent?,
                clinician: Person?) throws -> VerifiedEvent {
        try sign(client, AssignmentBody(posting: posting.id, radiologist: radiologist.identity, bid: bid?.id,
                                        clinician: clinician?.identity, price: 11_000, currency: "USD"))
    }

    @discardableResult
    func grant(_ client: Person, _ posting: VerifiedEvent, to radiologist: Person,
               plaintext: String = "study link and history") throws -> VerifiedEvent {
        try signSealed(client, label: "access grant", plaintext: plaintext, recipients: [radiologist]) { sealed in
            AccessGrantBody(posting: posting.id, recipient: radiologist.identity, expiresAt: clock + 7 * NetworkFixture.day,
                            sealed: sealed)
        }
    }

    @discardableResult
    func report(_ radiologist: Person, _ posting: VerifiedEvent, sealedTo readers: [Person],
                plaintext: String = "FINDINGS: unremarkable. IMPRESSION: no acute abnormality.") throws -> VerifiedEvent {
        try signSealed(radiologist, label: "report", plaintext: plaintext, recipients: readers) { sealed in
            ReportBody(posting: posting.id, contentHash: Hash.blake2b256(Array(plaintext.utf8)), sealed: sealed)
        }
    }

    @discardableResult
    func settle(_ client: Person, _ posting: VerifiedEvent, paying radiologist: Person) throws -> VerifiedEvent {
        try sign(client, SettlementBody(posting: posting.id, radiologist: radiologist.identity, amount: 11_000, currency: "USD"))
    }

    /// Creates a credentialer, a client, a radiologist with a US-CA licence
    /// and a clinician: the usual opening of an authority test.
    func basicCast() throws -> (credentialer: Person, client: Person, radiologist: Person, clinician: Person) {
        let credentialer = try person(.credentialer, "Medical Board of California")
        let client = try person(.client, "Bayview Imaging Center")
        let radiologist = try person(.radiologist, "Dr. Ana Ruiz")
        let clinician = try person(.clinician, "Dr. Lee Park")
        try licence(radiologist, by: credentialer)
        return (credentialer, client, radiologist, clinician)
    }

    /// Signs a case through to its report: posting, bid, assignment naming
    /// `clinician`, access grant, and a report sealed to client and clinician.
    func reportedCase(client: Person, radiologist: Person, clinician: Person)
        throws -> (posting: VerifiedEvent, bid: VerifiedEvent, assignment: VerifiedEvent, report: VerifiedEvent) {
        let posting = try post(client)
        let bid = try bid(radiologist, on: posting)
        let assignment = try assign(client, posting, to: radiologist, bid: bid, clinician: clinician)
        try grant(client, posting, to: radiologist)
        let report = try report(radiologist, posting, sealedTo: [client, clinician])
        return (posting, bid, assignment, report)
    }
}

/// Distinctive identifying strings the privacy tests plant in sealed
/// payloads and then search for in everything stored in clear.
enum PatientData {
    static let name = "Zebedee Quaxley-Thornbury"
    static let mrn = "MRN-7734-99812"
    static let birthDate = "1957-03-14"
    static let studyLink = "https://pacs.example-hospital.org/studies/1.2.840.113619"
    static let reportPhrase = "spiculated mass in the right upper lobe"

    static let all = [name, mrn, birthDate, studyLink, reportPhrase]
}

/// A realistic network: one credentialer, two clients, three radiologists,
/// two clinicians, and every kind of market, reporting and feedback event.
struct StandardNetwork {
    let fixture: NetworkFixture
    let board: Person
    let hospital: Person
    let imagingCenter: Person
    let chestReader: Person
    let neuroReader: Person
    let generalReader: Person
    let pulmonologist: Person
    let oncologist: Person
    let chestCase: VerifiedEvent
    let brainCase: VerifiedEvent
    let spineCase: VerifiedEvent
    let chestReport: VerifiedEvent
    let spineReport: VerifiedEvent

    var events: [VerifiedEvent] { fixture.events }
    var encodedEvents: [[UInt8]] { fixture.encodedEvents }

    static func build() throws -> StandardNetwork {
        let fixture = NetworkFixture()
        let board = try fixture.person(.credentialer, "Medical Board of California")
        let hospital = try fixture.person(.client, "St. Elsewhere General Hospital")
        let imagingCenter = try fixture.person(.client, "Bayview Imaging Center")
        let chestReader = try fixture.person(.radiologist, "Dr. Ana Ruiz")
        let neuroReader = try fixture.person(.radiologist, "Dr. Kofi Mensah")
        let generalReader = try fixture.person(.radiologist, "Dr. Ingrid Holm")
        let pulmonologist = try fixture.person(.clinician, "Dr. Lee Park")
        let oncologist = try fixture.person(.clinician, "Dr. Sara Cohen")

        // Licences: two for US-CA, one country-wide US licence, which covers US-CA.
        try fixture.licence(chestReader, by: board)
        try fixture.licence(neuroReader, by: board)
        try fixture.licence(generalReader, by: board, jurisdiction: "US")
        try fixture.sign(board, CredentialBody(subject: neuroReader.identity, credentialKind: .subspecialty,
                                               jurisdiction: NetworkFixture.jurisdiction, subspecialty: "NEURO",
                                               validFrom: NetworkFixture.epoch - NetworkFixture.day,
                                               validUntil: NetworkFixture.epoch + 365 * NetworkFixture.day))

        try fixture.sign(chestReader, ProfileBody(subspecialties: ["CHEST"], prices: [PriceEntry(modality: "CT", amount: 11_000)],
                                                  currency: "USD", turnaroundMinutes: 60))
        try fixture.sign(neuroReader, ProfileBody(subspecialties: ["NEURO"], prices: [PriceEntry(modality: "MR", amount: 15_000)],
                                                  currency: "USD", turnaroundMinutes: 120))
        try fixture.sign(generalReader, ProfileBody(subspecialties: [], prices: [PriceEntry(modality: "CT", amount: 9_000),
                                                                                 PriceEntry(modality: "MR", amount: 13_000)],
                                                    currency: "USD", turnaroundMinutes: 240))

        // Postings.
        let chestCase = try fixture.post(hospital)
        let brainCase = try fixture.post(hospital, PostingBody(
            modality: "MR", bodyRegion: "BRAIN", procedure: "MR BRAIN W WO CONTRAST", priority: .routine,
            deadlineSeconds: 2 * 24 * 3600, price: 16_000, currency: "USD", jurisdiction: NetworkFixture.jurisdiction,
            subspecialty: "NEURO", seriesCount: 8, instanceCount: 1_200))
        let spineCase = try fixture.post(imagingCenter, PostingBody(
            modality: "CT", bodyRegion: "SPINE", procedure: "CT LUMBAR SPINE WO CONTRAST", priority: .urgent,
            deadlineSeconds: 12 * 3600, price: 9_500, currency: "USD", jurisdiction: NetworkFixture.jurisdiction,
            seriesCount: 2, instanceCount: 300))

        // Bids, one replaced and one withdrawn.
        let chestBid = try fixture.bid(chestReader, on: chestCase, price: 11_000)
        try fixture.bid(generalReader, on: chestCase, price: 9_000)
        try fixture.bid(neuroReader, on: brainCase, price: 16_000)
        try fixture.bid(neuroReader, on: brainCase, price: 15_000)
        let spineBid = try fixture.bid(generalReader, on: spineCase, price: 9_000)
        let withdrawnBid = try fixture.bid(chestReader, on: spineCase, price: 9_400)
        try fixture.sign(chestReader, WithdrawalBody(target: withdrawnBid.id))

        // Chest case: assignment, access grant, report, follow-up, critical result.
        try fixture.assign(hospital, chestCase, to: chestReader, bid: chestBid, clinician: pulmonologist)
        try fixture.grant(hospital, chestCase, to: chestReader, plaintext: """
            Patient: \(PatientData.name); DOB \(PatientData.birthDate); \(PatientData.mrn).
            Images: \(PatientData.studyLink)
            History: 40 pack-years, prior chest CT 2021, eGFR 72.
            """)
        let chestReport = try fixture.report(chestReader, chestCase, sealedTo: [hospital, pulmonologist], plaintext: """
            Patient \(PatientData.name), \(PatientData.mrn).
            FINDINGS: 2.8 cm \(PatientData.reportPhrase). No pleural effusion.
            IMPRESSION: suspicious for primary lung malignancy.
            """)
        let followUp = try fixture.signSealed(chestReader, label: "follow-up recommendation",
                                              plaintext: "PET-CT for the \(PatientData.reportPhrase) of \(PatientData.mrn)",
                                              recipients: [hospital, pulmonologist]) { sealed in
            FollowUpRecommendationBody(report: chestReport.id, modality: "PT", intervalDays: 14, guideline: "FLEISCHNER-2017",
                                       sealed: sealed)
        }
        let critical = try fixture.signSealed(chestReader, label: "critical result",
                                              plaintext: "\(PatientData.name): \(PatientData.reportPhrase), call back",
                                              recipients: [pulmonologist, hospital]) { sealed in
            CriticalResultBody(posting: chestCase.id, category: .orange, acknowledgeWithinMinutes: 60, sealed: sealed)
        }
        try fixture.sign(pulmonologist, AcknowledgmentBody(criticalResult: critical.id))
        try fixture.sign(hospital, FollowUpStatusBody(recommendation: followUp.id, state: .scheduled, at: fixture.clock))

        // Feedback thread, addendum and reply.
        let feedback = try fixture.signSealed(pulmonologist, label: "feedback",
                                              plaintext: "Is the \(PatientData.reportPhrase) of \(PatientData.name) resectable?",
                                              recipients: [chestReader]) { sealed in
            FeedbackBody(report: chestReport.id, rating: 5, isQuestion: true, sealed: sealed)
        }
        let addendumText = "ADDENDUM for \(PatientData.mrn): no chest wall invasion."
        let addendum = try fixture.signSealed(chestReader, label: "addendum", plaintext: addendumText,
                                              recipients: [hospital, pulmonologist]) { sealed in
            AddendumBody(report: chestReport.id, contentHash: Hash.blake2b256(Array(addendumText.utf8)), sealed: sealed)
        }
        try fixture.signSealed(chestReader, label: "reply",
                               plaintext: "Likely resectable; born \(PatientData.birthDate), see addendum.",
                               recipients: [pulmonologist]) { sealed in
            ReplyBody(feedback: feedback.id, addendum: addendum.id, sealed: sealed)
        }

        // AI label by the reader, confirmed by a reviewer.
        let label = try fixture.sign(chestReader, AILabelBody(posting: chestCase.id, findingCode: "LUNG-NODULE", label: .truePositive))

        // Peer review: the hospital grants the reviewer access, the reviewer scores.
        try fixture.grant(hospital, chestCase, to: generalReader,
                          plaintext: "Peer review access: \(PatientData.studyLink) for \(PatientData.name)")
        try fixture.signSealed(generalReader, label: "peer review comment",
                               plaintext: "Agree with the \(PatientData.reportPhrase); size 2.6 cm, not 2.8.",
                               recipients: [chestReader]) { sealed in
            PeerReviewBody(report: chestReport.id, score: 2, significance: .unlikely, sealed: sealed)
        }
        try fixture.sign(generalReader, AILabelBody(posting: chestCase.id, findingCode: "LUNG-NODULE", label: .truePositive,
                                                    reviewOf: label.id, agrees: true))
        try fixture.settle(hospital, chestCase, paying: chestReader)

        // Spine case at the imaging centre, read by the general radiologist.
        try fixture.assign(imagingCenter, spineCase, to: generalReader, bid: spineBid, clinician: oncologist)
        try fixture.grant(imagingCenter, spineCase, to: generalReader,
                          plaintext: "Images: \(PatientData.studyLink)/lumbar; \(PatientData.mrn)")
        let spineReport = try fixture.report(generalReader, spineCase, sealedTo: [imagingCenter, oncologist],
                                             plaintext: "No fracture. Known \(PatientData.reportPhrase) on prior imaging.")
        try fixture.sign(oncologist, FeedbackBody(report: spineReport.id, rating: 4, isQuestion: false, sealed: nil))
        try fixture.settle(imagingCenter, spineCase, paying: generalReader)

        // A later profile update.
        try fixture.sign(chestReader, ProfileBody(subspecialties: ["CHEST", "ONCO"],
                                                  prices: [PriceEntry(modality: "CT", amount: 11_500)],
                                                  currency: "USD", turnaroundMinutes: 45))

        return StandardNetwork(fixture: fixture, board: board, hospital: hospital, imagingCenter: imagingCenter,
                               chestReader: chestReader, neuroReader: neuroReader, generalReader: generalReader,
                               pulmonologist: pulmonologist, oncologist: oncologist, chestCase: chestCase,
                               brainCase: brainCase, spineCase: spineCase, chestReport: chestReport, spineReport: spineReport)
    }
}

/// A replica in a fresh temporary directory, removed when released.
final class TemporaryReplica {
    let directory: URL
    let path: String
    private(set) var replica: Replica?

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hilum-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("ledger.sqlite").path
        replica = try Replica(path: path)
    }

    var store: Replica { replica! }

    /// Closes the connection (SQLite checkpoints the WAL into the main file on the last close).
    func close() { replica = nil }

    func reopen() throws { replica = try Replica(path: path) }

    deinit {
        replica = nil
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Seeded SplitMix64, so shuffles and batch sizes repeat from run to run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Reads the projection straight from SQLite.
extension Replica {
    func scalar(_ sql: String, _ blob: [UInt8]? = nil) throws -> Int64? {
        let statement = try database.prepare(sql)
        if let blob { statement.bind(1, blob) }
        guard try statement.step(), !statement.isNull(0) else { return nil }
        return statement.int64(0)
    }

    func text(_ sql: String, _ blob: [UInt8]? = nil) throws -> String? {
        let statement = try database.prepare(sql)
        if let blob { statement.bind(1, blob) }
        return try statement.step() ? statement.optionalText(0) : nil
    }

    func caseStatus(_ posting: VerifiedEvent) throws -> String? {
        try text("SELECT status FROM cases WHERE id = ?", posting.id.bytes)
    }

    func isLinked(_ event: VerifiedEvent) throws -> Bool {
        try scalar("SELECT linked FROM events WHERE id = ?", event.id.bytes) == 1
    }

    func isStored(_ event: VerifiedEvent) throws -> Bool {
        try scalar("SELECT count(*) FROM events WHERE id = ?", event.id.bytes) == 1
    }

    /// Reads every row of every projection table as canonical text, except
    /// `quarantine` and `feeds`, which change whenever any event is stored.
    /// A rejected event must leave this snapshot unchanged.
    func projectionSnapshot() throws -> [String: [String]] {
        let excluded: Set<String> = ["events", "forks", "meta", "quarantine", "feeds"]
        let tables = try database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        var names: [String] = []
        while try tables.step() { names.append(tables.text(0)) }
        var snapshot: [String: [String]] = [:]
        for name in names where !excluded.contains(name) && !name.hasPrefix("sqlite_") {
            let rows = try database.prepare("SELECT * FROM \(name) ORDER BY 1")
            var lines: [String] = []
            while try rows.step() {
                lines.append((0..<rows.columnCount).map { rows.canonicalValue($0) }.joined(separator: "|"))
            }
            snapshot[name] = lines
        }
        return snapshot
    }

    func quarantineCount() throws -> Int64 {
        try scalar("SELECT count(*) FROM quarantine") ?? -1
    }
}

/// Asserts two projection snapshots are equal, naming each table that differs.
func assertSameProjection(_ before: [String: [String]], _ after: [String: [String]],
                          file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(Set(before.keys), Set(after.keys), "projection tables differ", file: file, line: line)
    for (table, rows) in before {
        XCTAssertEqual(rows, after[table] ?? [], "table \(table) changed", file: file, line: line)
    }
}
