import HilumCore
import HilumCrypto

/// Generates a valid ledger of signed events from many authors for
/// benchmarks: a credentialer licensing radiologists, clients posting
/// cases, radiologists bidding. Events average about 300 bytes, every one
/// passes the ledger rules, and timestamps rise by 1 ms per event.
public struct SyntheticLedger {
    public let clients: Int
    public let radiologists: Int

    /// The first event's timestamp unless `generate` is given another:
    /// 2026-01-01 00:00 UTC in milliseconds.
    public static let defaultStart: Int64 = 1_767_225_600_000

    /// One round in this many posts a case; the others bid.
    public let postingEvery: Int

    public init(clients: Int = 50, radiologists: Int = 200, postingEvery: Int = 5) {
        precondition(postingEvery >= 1, "postingEvery must be at least 1")
        self.clients = clients
        self.radiologists = radiologists
        self.postingEvery = postingEvery
    }

    private final class Member {
        let writer: FeedWriter
        let identity: PublicKey
        var head: (sequence: UInt64, id: EventID, timestamp: Int64)?

        init(writer: FeedWriter, identity: PublicKey) {
            self.writer = writer
            self.identity = identity
        }

        func sign(_ body: some EventBody, at time: Int64) throws -> [UInt8] {
            let verified = try writer.sign(body, after: head, at: time)
            head = (verified.event.sequence, verified.id, verified.event.timestamp)
            return verified.event.encoded
        }
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
            let member = Member(writer: FeedWriter(device: created.secrets.device), identity: created.record.identity)
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
        var openPostings: [EventID] = []
        var round = 0
        while emitted < count {
            round += 1
            if round % postingEvery == 1 % postingEvery || openPostings.isEmpty {
                let client = clientMembers[round % clientMembers.count]
                let posting = PostingBody(modality: "CT", bodyRegion: "CHEST", procedure: procedures[(round / 5) % procedures.count],
                                          priority: round % 7 == 0 ? .stat : .routine, deadlineSeconds: 86_400,
                                          price: 4500, currency: "USD", jurisdiction: "US-CA", seriesCount: 4,
                                          instanceCount: 612, aiFindings: [AIFinding(code: "PULMONARY-NODULE", scorePerMille: 870)])
                let bytes = try client.sign(posting, at: time)
                try next(bytes)
                openPostings.append(Hash.blake2b256(bytes))
                if openPostings.count > 64 { openPostings.removeFirst() }
            } else {
                let radiologist = radiologistMembers[round % radiologistMembers.count]
                let target = openPostings[round % openPostings.count]
                try next(try radiologist.sign(BidBody(posting: target, price: 4000 + UInt64(round % 900), currency: "USD",
                                                      turnaroundMinutes: 240), at: time))
            }
        }
        return first
    }
}
