/// Every kind of event on the ledger. Raw values are part of the wire
/// format: never renumber a kind, only add new ones.
public enum EventKind: UInt16, CaseIterable, Sendable, Comparable {
    case device = 1
    case profile = 2
    case credential = 3
    case keyRotation = 4
    case forkProof = 5
    case posting = 10
    case bid = 11
    case withdrawal = 12
    case assignment = 13
    case accessGrant = 14
    case settlement = 15
    case routingDecision = 16
    case report = 20
    case addendum = 21
    case followUpRecommendation = 22
    case followUpStatus = 23
    case criticalResult = 24
    case acknowledgment = 25
    case measureOutcomes = 26
    case feedback = 30
    case reply = 31
    case peerReview = 32
    case aiLabel = 33

    /// The name used on the command line, in logs and in JSON.
    public var name: String {
        switch self {
        case .device: "device"
        case .profile: "profile"
        case .credential: "credential"
        case .keyRotation: "key-rotation"
        case .forkProof: "fork-proof"
        case .posting: "posting"
        case .bid: "bid"
        case .withdrawal: "withdrawal"
        case .assignment: "assignment"
        case .accessGrant: "access-grant"
        case .settlement: "settlement"
        case .routingDecision: "routing-decision"
        case .report: "report"
        case .addendum: "addendum"
        case .followUpRecommendation: "follow-up-recommendation"
        case .followUpStatus: "follow-up-status"
        case .criticalResult: "critical-result"
        case .acknowledgment: "acknowledgment"
        case .measureOutcomes: "measure-outcomes"
        case .feedback: "feedback"
        case .reply: "reply"
        case .peerReview: "peer-review"
        case .aiLabel: "ai-label"
        }
    }

    public init?(name: String) {
        guard let kind = EventKind.allCases.first(where: { $0.name == name }) else { return nil }
        self = kind
    }

    /// The roles whose devices may sign this kind. Device, profile, key
    /// rotation and fork proofs are open to every role.
    public var authorRoles: Set<Role> {
        switch self {
        case .device, .profile, .keyRotation, .forkProof:
            Set(Role.allCases)
        case .credential:
            [.credentialer]
        case .posting, .assignment, .accessGrant, .settlement, .routingDecision:
            [.client]
        case .followUpStatus:
            [.client, .clinician]
        case .withdrawal:
            [.client, .radiologist]
        case .bid, .report, .addendum, .followUpRecommendation, .criticalResult, .reply, .peerReview, .aiLabel, .measureOutcomes:
            [.radiologist]
        case .acknowledgment, .feedback:
            [.clinician]
        }
    }

    public static func < (lhs: EventKind, rhs: EventKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The part a person plays in the network; fixed for an identity.
public enum Role: UInt8, CaseIterable, Sendable, Hashable {
    case radiologist = 1
    case client = 2
    case clinician = 3
    case credentialer = 4
    /// The operator of a peer node: authenticates to peers, signs no market events.
    case node = 5

    public var name: String {
        switch self {
        case .radiologist: "radiologist"
        case .client: "client"
        case .clinician: "clinician"
        case .credentialer: "credentialer"
        case .node: "node"
        }
    }

    public init?(name: String) {
        guard let role = Role.allCases.first(where: { $0.name == name }) else { return nil }
        self = role
    }
}
