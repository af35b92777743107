/// The kind-specific part of an event. A body encodes as its version byte
/// followed by its fields; decoding rejects other versions, trailing bytes
/// and values out of range.
public protocol EventBody: Sendable, Equatable {
    static var kind: EventKind { get }
    func encodeFields(to writer: inout ByteWriter)
    init(decodingFields reader: inout ByteReader) throws(DecodeError)
    /// Checks ranges and formats; called on decode and before signing.
    func validate() throws(DecodeError)
}

extension EventBody {
    public static var bodyVersion: UInt8 { 1 }

    public func validate() throws(DecodeError) {}

    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.write(Self.bodyVersion)
        encodeFields(to: &writer)
        return writer.bytes
    }

    public static func decode(_ bytes: [UInt8]) throws(DecodeError) -> Self {
        var reader = ByteReader(bytes)
        let version = try reader.readUInt8("\(kind.name).version")
        guard version == bodyVersion else {
            throw .unsupportedVersion(what: "\(kind.name) body", version: version, supported: bodyVersion)
        }
        let body = try Self(decodingFields: &reader)
        try reader.expectEnd("\(kind.name) body")
        try body.validate()
        return body
    }
}

/// An event's body decoded according to its kind.
public enum EventContent: Sendable, Equatable {
    case device(DeviceBody)
    case profile(ProfileBody)
    case credential(CredentialBody)
    case keyRotation(KeyRotationBody)
    case forkProof(ForkProofBody)
    case posting(PostingBody)
    case bid(BidBody)
    case withdrawal(WithdrawalBody)
    case assignment(AssignmentBody)
    case accessGrant(AccessGrantBody)
    case settlement(SettlementBody)
    case routingDecision(RoutingDecisionBody)
    case report(ReportBody)
    case addendum(AddendumBody)
    case followUpRecommendation(FollowUpRecommendationBody)
    case followUpStatus(FollowUpStatusBody)
    case criticalResult(CriticalResultBody)
    case acknowledgment(AcknowledgmentBody)
    case measureOutcomes(MeasureOutcomesBody)
    case feedback(FeedbackBody)
    case reply(ReplyBody)
    case peerReview(PeerReviewBody)
    case aiLabel(AILabelBody)

    public init(kind: EventKind, body: [UInt8]) throws(DecodeError) {
        switch kind {
        case .device: self = .device(try .decode(body))
        case .profile: self = .profile(try .decode(body))
        case .credential: self = .credential(try .decode(body))
        case .keyRotation: self = .keyRotation(try .decode(body))
        case .forkProof: self = .forkProof(try .decode(body))
        case .posting: self = .posting(try .decode(body))
        case .bid: self = .bid(try .decode(body))
        case .withdrawal: self = .withdrawal(try .decode(body))
        case .assignment: self = .assignment(try .decode(body))
        case .accessGrant: self = .accessGrant(try .decode(body))
        case .settlement: self = .settlement(try .decode(body))
        case .routingDecision: self = .routingDecision(try .decode(body))
        case .report: self = .report(try .decode(body))
        case .addendum: self = .addendum(try .decode(body))
        case .followUpRecommendation: self = .followUpRecommendation(try .decode(body))
        case .followUpStatus: self = .followUpStatus(try .decode(body))
        case .criticalResult: self = .criticalResult(try .decode(body))
        case .acknowledgment: self = .acknowledgment(try .decode(body))
        case .measureOutcomes: self = .measureOutcomes(try .decode(body))
        case .feedback: self = .feedback(try .decode(body))
        case .reply: self = .reply(try .decode(body))
        case .peerReview: self = .peerReview(try .decode(body))
        case .aiLabel: self = .aiLabel(try .decode(body))
        }
    }

    /// Every sealed payload the body carries.
    public var sealedPayloads: [Sealed] {
        switch self {
        case let .accessGrant(body): [body.sealed]
        case let .report(body): [body.sealed]
        case let .addendum(body): [body.sealed]
        case let .followUpRecommendation(body): [body.sealed]
        case let .criticalResult(body): [body.sealed]
        case let .feedback(body): body.sealed.map { [$0] } ?? []
        case let .reply(body): [body.sealed]
        case let .peerReview(body): body.sealed.map { [$0] } ?? []
        default: []
        }
    }
}
