import HilumCore
import HilumCrypto

/// Generates a valid ledger of signed events from many authors for
/// benchmarks: a credentialer licensing radiologists, clients posting
/// cases, radiologists bidding, and clients assigning some cases, granting
/// access and receiving the report. Every event passes the ledger rules,
/// and timestamps rise by 1 ms per event. With the default mix, events
/// average about 300 bytes: most are bids of about 200 bytes, and the
/// sealed access grants and reports are 700 to 1,000.
public struct SyntheticLedger {
    public let clients: Int
    public let radiologists: Int

    /// The first event's timestamp unless `generate` is given another:
    /// 2026-01-01 00:00 UTC in milliseconds.
    public static let defaultStart: Int64 = 1_767_225_600_000

    /// One round in this many posts a case; the others bid.
    public let postingEvery: Int

    /// One round in this many takes a case one step towards its report:
    /// assignment to its newest bidder, then an access grant, then the
    /// report. Zero leaves every case open for bidding.
    public let completingEvery: Int

    public init(clients: Int = 50, radiologists: Int = 200, postingEvery: Int = 8, completingEvery: Int = 6) {
        precondition(postingEvery >= 1, "postingEvery must be at least 1")
        precondition(completingEvery >= 0, "completingEvery must not be negative")
        self.clients = clients
        self.radiologists = radiologists
        self.postingEvery = postingEvery
        self.completingEvery = completingEvery
    }

    private final class Member {
        let writer: FeedWriter
        let recipient: SealRecipient
        var head: (sequence: UInt64, id: EventID, timestamp: Int64)?

        var identity: PublicKey { recipient.identity }

        init(writer: FeedWriter, recipient: SealRecipient) {
            self.writer = writer
            self.recipient = recipient
        }

        func sign(_ body: some EventBody, at time: Int64) throws -> [UInt8] {
            let verified = try writer.sign(body, after: head, at: time)
            head = (verified.event.sequence, verified.id, verified.event.timestamp)
            return verified.event.encoded
        }
    }

    /// A posted case on its way to a report.
    private struct OpenCase {
        let posting: EventID
        let client: Member
        /// The newest bid: an earlier one may have been replaced by its bidder's next.
        var latestBid: (id: EventID, radiologist: Member, price: UInt64)?
    }

    /// Calls `emit` with each encoded event, `count` in all, in feed order.
    /// Returns the first radiologist's identity and keys, licensed for every
    /// posting (the worklist benchmark signs in as them); nil when `count`
    /// ends before that radiologist is created.
    @discardableResult
    public func generate(count: Int, start: Int64 = SyntheticLedger.defaultStart,
                         emit: ([UInt8]) throws -> Void) throws -> (record: IdentityRecord, secrets: DeviceSecrets)? {
        var time = start
        var emitted = 0
        func next(_ bytes: [UInt8]) throws {
            guard emitted < count else { return }
            try emit(bytes)
            emitted += 1
            time += 1
        }
        var first: (record: IdentityRecord, secrets: DeviceSecrets)?
        func member(_ role: Role, _ name: String) throws -> Member {
            let created = try IdentityFactory.create(role: role, displayName: name, recoverySeed: SecretBytes.random(32), at: time)
            if role == .radiologist, first == nil, emitted < count { first = (created.record, created.secrets) }
            let member = Member(writer: FeedWriter(device: created.secrets.device),
                                recipient: SealRecipient(identity: created.record.identity, encryptionKey: created.record.encryptionKey))
            member.head = (1, created.deviceEvent.id, created.deviceEvent.event.timestamp)
            try next(created.deviceEvent.event.encoded)
            return member
        }
        let credentialer = try member(.credentialer, "State Medical Board")
        var radiologistMembers: [Member] = []
        for index in 0..<radiologists {
            let radiologist = try member(.radiologist, "Radiologist \(index)")
            radiologistMembers.append(radiologist)
            try next(try credentialer.sign(CredentialBody(subject: radiologist.identity, credentialKind: .licence, jurisdiction: "US-CA",
                                                          subspecialty: nil, validFrom: start - 1,
                                                          validUntil: start + 10 * 365 * 86_400_000), at: time))
        }
        var clientMembers: [Member] = []
        for index in 0..<clients { clientMembers.append(try member(.client, "Imaging Centre \(index)")) }

        let procedures = ["CT CHEST WITHOUT CONTRAST", "CT HEAD WITHOUT CONTRAST", "MR BRAIN WITH AND WITHOUT CONTRAST",
                          "CT ABDOMEN AND PELVIS WITH CONTRAST", "XR CHEST PA AND LATERAL"]
        // Cases open for bids, oldest first. Bids go to the newest 64.
        var openCases: [OpenCase] = []
        var assigned: [(posting: EventID, client: Member, radiologist: Member)] = []
        var granted: [(posting: EventID, client: Member, radiologist: Member)] = []
        var round = 0
        while emitted < count {
            round += 1
            if round % postingEvery == 1 % postingEvery || openCases.isEmpty {
                let client = clientMembers[round % clientMembers.count]
                let posting = PostingBody(modality: "CT", bodyRegion: "CHEST", procedure: procedures[(round / 5) % procedures.count],
                                          priority: round % 7 == 0 ? .stat : .routine, deadlineSeconds: 86_400,
                                          price: 4500, currency: "USD", jurisdiction: "US-CA", seriesCount: 4,
                                          instanceCount: 612, aiFindings: [AIFinding(code: "PULMONARY-NODULE", scorePerMille: 870)])
                let bytes = try client.sign(posting, at: time)
                try next(bytes)
                openCases.append(OpenCase(posting: Hash.blake2b256(bytes), client: client))
                if openCases.count > 256 { openCases.removeFirst() }
                continue
            }
            if completingEvery > 0, round % completingEvery == 0 {
                if !granted.isEmpty {
                    let step = granted.removeFirst()
                    try next(try report(step.posting, by: step.radiologist, to: step.client, round: round, at: time))
                    continue
                }
                if !assigned.isEmpty {
                    let step = assigned.removeFirst()
                    try next(try grant(step.posting, by: step.client, to: step.radiologist, round: round, at: time))
                    granted.append(step)
                    continue
                }
                if let index = openCases.firstIndex(where: { $0.latestBid != nil }), let bid = openCases[index].latestBid {
                    let chosen = openCases.remove(at: index)
                    try next(try chosen.client.sign(AssignmentBody(posting: chosen.posting, radiologist: bid.radiologist.identity, bid: bid.id,
                                                                   clinician: nil, price: bid.price, currency: "USD"), at: time))
                    assigned.append((chosen.posting, chosen.client, bid.radiologist))
                    continue
                }
            }
            let radiologist = radiologistMembers[round % radiologistMembers.count]
            let recent = min(openCases.count, 64)
            let index = openCases.count - recent + round % recent
            let price = 4000 + UInt64(round % 900)
            let bytes = try radiologist.sign(BidBody(posting: openCases[index].posting, price: price, currency: "USD",
                                                     turnaroundMinutes: 240), at: time)
            try next(bytes)
            openCases[index].latestBid = (Hash.blake2b256(bytes), radiologist, price)
        }
        return first
    }

    /// Signs the client's access grant: a study link, an archive token and a
    /// short history, sealed to the radiologist and the client.
    private func grant(_ posting: EventID, by client: Member, to radiologist: Member, round: Int, at time: Int64) throws -> [UInt8] {
        let access = """
            {"study":"1.2.826.0.1.3680043.8.498.\(round)","dicomweb":"https://archive.example.org/dicom-web",\
            "token":"\(Hex.encode(Array(posting.bytes.prefix(20))))","history":"Cough for three weeks, former smoker, \
            prior CT chest with a 6 mm nodule in the right upper lobe."}
            """
        let sealed = try Sealer.seal(access, to: [radiologist.recipient, client.recipient])
        return try client.sign(AccessGrantBody(posting: posting, recipient: radiologist.identity, expiresAt: time + 7 * 86_400_000,
                                               sealed: sealed), at: time)
    }

    /// Signs the radiologist's report, sealed to the client and its author.
    private func report(_ posting: EventID, by radiologist: Member, to client: Member, round: Int, at time: Int64) throws -> [UInt8] {
        let text = """
            FINDINGS: Lungs: a \(4 + round % 6) mm solid nodule in the right upper lobe, unchanged from the prior \
            study. No consolidation, effusion or pneumothorax. Heart and mediastinum: normal size, no lymphadenopathy. \
            Upper abdomen: unremarkable. IMPRESSION: Stable right upper lobe nodule, benign by stability. \
            No acute cardiopulmonary abnormality.
            """
        let plaintext = Array(text.utf8)
        let sealed = try Sealer.seal(plaintext, to: [client.recipient, radiologist.recipient])
        return try radiologist.sign(ReportBody(posting: posting, contentHash: Hash.blake2b256(plaintext), sealed: sealed), at: time)
    }
}
