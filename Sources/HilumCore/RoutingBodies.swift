/// The public figure or rule that decided a routing choice.
public enum RoutingFigure: UInt8, Sendable, CaseIterable {
    case licence = 1
    case subspecialty = 2
    case price = 3
    /// The turnaround the bid commits to.
    case turnaround = 4
    /// Mean clinician rating over the last 90 days.
    case rating = 5
    /// Share of reports signed by the posting's deadline.
    case onTime = 6
    /// The policy's weighted score of price, turnaround and rating.
    case score = 7
    /// Equal on every figure the policy weighs; the earlier bid wins.
    case bidTime = 8

    public var name: String {
        switch self {
        case .licence: "licence"
        case .subspecialty: "subspecialty"
        case .price: "price"
        case .turnaround: "turnaround"
        case .rating: "rating"
        case .onTime: "on-time"
        case .score: "score"
        case .bidTime: "bid-time"
        }
    }
}

/// The kind of rule by which a passed-over bid lost.
public enum RoutingRule: UInt8, Sendable, CaseIterable {
    /// The bid broke one of the policy's requirements (a ceiling, a minimum, eligibility).
    case requirement = 1
    /// The policy asks for a figure that the radiologist has over too few cases.
    case tooFewCases = 2
    /// The bid met every requirement, and another ranked higher on the figure.
    case outranked = 3

    public var name: String {
        switch self {
        case .requirement: "requirement"
        case .tooFewCases: "too-few-cases"
        case .outranked: "outranked"
        }
    }
}

/// One bid a routing policy did not pick, with the figure that decided.
public struct PassedOverBid: Sendable, Equatable {
    public var bid: EventID
    public var figure: RoutingFigure
    public var rule: RoutingRule

    public init(bid: EventID, figure: RoutingFigure, rule: RoutingRule) {
        self.bid = bid
        self.figure = figure
        self.rule = rule
    }
}

/// The posting client's routing policy picked one bid on a case and passed
/// over the others. Published before the assignment, so every radiologist
/// can count how often they were picked or passed over and for which public
/// figure. It names bids only, never anything about the patient.
public struct RoutingDecisionBody: EventBody {
    public static let kind = EventKind.routingDecision
    public static let maxPassedOver = 64

    public var posting: EventID
    public var chosenBid: EventID
    public var passedOver: [PassedOverBid]

    public init(posting: EventID, chosenBid: EventID, passedOver: [PassedOverBid]) {
        self.posting = posting
        self.chosenBid = chosenBid
        self.passedOver = passedOver
    }

    public func encodeFields(to writer: inout ByteWriter) {
        writer.writeFixed(posting)
        writer.writeFixed(chosenBid)
        writer.write(UInt8(passedOver.count))
        for entry in passedOver {
            writer.writeFixed(entry.bid)
            writer.write(entry.figure.rawValue)
            writer.write(entry.rule.rawValue)
        }
    }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        posting = try reader.readKey("routingDecision.posting")
        chosenBid = try reader.readKey("routingDecision.chosenBid")
        let count = Int(try reader.readUInt8("routingDecision.passedOver"))
        guard count <= Self.maxPassedOver else {
            throw .tooLong(field: "routingDecision.passedOver", length: count, maximum: Self.maxPassedOver)
        }
        passedOver = []
        for _ in 0..<count {
            let bid = try reader.readKey("routingDecision.passedOver.bid")
            let figure = try reader.readEnum(RoutingFigure.self, "routingDecision.passedOver.figure")
            passedOver.append(PassedOverBid(bid: bid, figure: figure, rule: try reader.readEnum(RoutingRule.self, "routingDecision.passedOver.rule")))
        }
    }

    public func validate() throws(DecodeError) {
        try FieldRules.check(passedOver.count <= Self.maxPassedOver, "routingDecision.passedOver",
                             "\(passedOver.count) bids exceed the maximum of \(Self.maxPassedOver)")
        let bids = passedOver.map(\.bid)
        try FieldRules.check(Set(bids).count == bids.count, "routingDecision.passedOver", "names one bid twice")
        try FieldRules.check(!bids.contains(chosenBid), "routingDecision.passedOver", "names the chosen bid as passed over")
    }
}
