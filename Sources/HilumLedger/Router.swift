import HilumCore
import HilumSQLite

/// A case as routing reads it: the posting's clear fields that the policy rules use.
public struct RoutingCase: Sendable, Equatable {
    public let id: EventID
    public let client: PublicKey
    public let status: String
    public let priority: Priority
    public let currency: String
    public let jurisdiction: String
    public let subspecialty: String?

    public init(id: EventID, client: PublicKey, status: String, priority: Priority, currency: String, jurisdiction: String,
                subspecialty: String?) {
        self.id = id
        self.client = client
        self.status = status
        self.priority = priority
        self.currency = currency
        self.jurisdiction = jurisdiction
        self.subspecialty = subspecialty
    }
}

/// One active bid with the public figures a policy weighs.
public struct RoutingCandidate: Sendable, Equatable {
    public let bid: EventID
    public let radiologist: PublicKey
    public let price: UInt64
    public let turnaroundMinutes: Int
    public let bidAt: Int64
    /// A licence valid now for the case's jurisdiction (or its country).
    public let licensed: Bool
    /// Subspecialty credentials valid now, upper-case.
    public let subspecialties: Set<String>
    /// Mean clinician rating over the last 90 days.
    public let rating: QualityFigure
    public let onTime: QualityFigure

    public init(bid: EventID, radiologist: PublicKey, price: UInt64, turnaroundMinutes: Int, bidAt: Int64, licensed: Bool,
                subspecialties: Set<String>, rating: QualityFigure, onTime: QualityFigure) {
        self.bid = bid
        self.radiologist = radiologist
        self.price = price
        self.turnaroundMinutes = turnaroundMinutes
        self.bidAt = bidAt
        self.licensed = licensed
        self.subspecialties = subspecialties
        self.rating = rating
        self.onTime = onTime
    }
}

/// The outcome of a policy on a case's bids: the pick with its reason, and
/// for every other bid the figure and rule that passed it over, in plain words.
public struct RoutingDecision: Sendable {
    public struct Pass: Sendable {
        public let candidate: RoutingCandidate
        public let figure: RoutingFigure
        public let rule: RoutingRule
        public let reason: String
    }

    public let routingCase: RoutingCase
    public let chosen: RoutingCandidate?
    /// The reason the chosen bid won, or the reason none could be chosen.
    public let explanation: String
    public let passedOver: [Pass]

    /// The ledger event recording the decision, or nil when no bid was chosen.
    public var body: RoutingDecisionBody? {
        chosen.map { chosen in
            RoutingDecisionBody(posting: routingCase.id, chosenBid: chosen.bid,
                                passedOver: passedOver.prefix(RoutingDecisionBody.maxPassedOver).map {
                                    PassedOverBid(bid: $0.candidate.bid, figure: $0.figure, rule: $0.rule)
                                })
        }
    }
}

/// Applies a `RoutingPolicy` to the active bids on a case.
public enum Router {
    /// Reads the case and its active bids, with each bidder's credentials
    /// and quality figures as of `now`. Returns nil when the case is unknown.
    public static func load(_ caseID: EventID, database: Database, at now: Int64) throws -> (RoutingCase, [RoutingCandidate])? {
        let row = try database.prepare("""
            SELECT client, status, priority, currency, jurisdiction, subspecialty FROM cases WHERE \(Schema.idMatches("id", parameter: 1))
            """).bind(1, caseID)
        guard try row.step() else { return nil }
        let routingCase = RoutingCase(id: caseID, client: PublicKey(unchecked: row.blob(0)), status: row.text(1),
                                      priority: Priority(rawValue: UInt8(clamping: row.int64(2))) ?? .routine,
                                      currency: row.text(3), jurisdiction: row.text(4), subspecialty: row.optionalText(5))
        let bids = try database.prepare("""
            SELECT id, radiologist, price, turnaround_minutes, bid_at FROM bids
            WHERE substr(case_id, 1, 8) = substr(?1, 1, 8) AND case_id = ?1 AND withdrawn_at IS NULL ORDER BY bid_at, id
            """).bind(1, caseID)
        var candidates: [RoutingCandidate] = []
        while try bids.step() {
            let radiologist = PublicKey(unchecked: bids.blob(1))
            let credentials = try database.prepare("""
                SELECT kind, upper(jurisdiction), upper(subspecialty) FROM credentials WHERE subject = ?1
                AND valid_from <= ?2 AND valid_until > ?2 AND (revoked_at IS NULL OR revoked_at > ?2)
                """).bind(1, radiologist).bind(2, now)
            var licensed = false
            var subspecialties: Set<String> = []
            let required = routingCase.jurisdiction.uppercased()
            while try credentials.step() {
                if credentials.int64(0) == Int64(CredentialKind.licence.rawValue) {
                    let licenceJurisdiction = credentials.text(1)
                    if licenceJurisdiction == required || licenceJurisdiction == String(required.prefix(2)) { licensed = true }
                } else if let subspecialty = credentials.optionalText(2) {
                    subspecialties.insert(subspecialty)
                }
            }
            let metrics = try QualityMetrics(radiologist: radiologist, database: database, asOf: now)
            candidates.append(RoutingCandidate(bid: EventID(unchecked: bids.blob(0)), radiologist: radiologist,
                                               price: UInt64(bids.int64(2)), turnaroundMinutes: Int(bids.int64(3)),
                                               bidAt: bids.int64(4), licensed: licensed, subspecialties: subspecialties,
                                               rating: metrics.ratingRecent, onTime: metrics.signedOnTime))
        }
        return (routingCase, candidates)
    }

    /// Applies `policy` to `candidates`: first the requirements, then the
    /// preference order. Ties on the preferred figure fall to price, then
    /// turnaround, then rating, then the earlier bid, so the decision is
    /// the same on every run.
    public static func decide(_ routingCase: RoutingCase, candidates: [RoutingCandidate], policy: RoutingPolicy) -> RoutingDecision {
        var passes: [RoutingDecision.Pass] = []
        var eligible: [RoutingCandidate] = []
        for candidate in candidates {
            if let (figure, rule, reason) = requirementFailure(candidate, routingCase, policy) {
                passes.append(RoutingDecision.Pass(candidate: candidate, figure: figure, rule: rule, reason: reason))
            } else {
                eligible.append(candidate)
            }
        }
        guard !eligible.isEmpty else {
            let explanation = candidates.isEmpty ? "no active bids on the case yet" : "no bid meets the policy's requirements"
            return RoutingDecision(routingCase: routingCase, chosen: nil, explanation: explanation, passedOver: passes)
        }

        let scores = weightedScores(eligible, policy)
        let order = rankingKeys(policy.preference)
        let ranked = eligible.sorted { lhs, rhs in
            for key in order {
                let comparison = compare(lhs, rhs, on: key, scores: scores)
                if comparison != 0 { return comparison < 0 }
            }
            return lhs.bid.bytes.lexicographicallyPrecedes(rhs.bid.bytes)
        }
        let winner = ranked[0]
        var outranked: [RoutingDecision.Pass] = []
        for loser in ranked.dropFirst() {
            let key = order.first { compare(winner, loser, on: $0, scores: scores) != 0 } ?? .bidTime
            outranked.append(RoutingDecision.Pass(candidate: loser, figure: key, rule: .outranked,
                                                  reason: describe(loser, against: winner, on: key, scores: scores, currency: routingCase.currency)))
        }
        let explanation = chosenExplanation(winner, policy, scores, routingCase.currency, rivals: ranked.count - 1)
        return RoutingDecision(routingCase: routingCase, chosen: winner, explanation: explanation, passedOver: outranked + passes)
    }

    private static func requirementFailure(_ candidate: RoutingCandidate, _ routingCase: RoutingCase, _ policy: RoutingPolicy)
        -> (RoutingFigure, RoutingRule, String)? {
        if !candidate.licensed {
            return (.licence, .requirement, "no valid licence for \(routingCase.jurisdiction)")
        }
        for subspecialty in [routingCase.subspecialty, policy.subspecialty].compactMap({ $0?.uppercased() })
            where !candidate.subspecialties.contains(subspecialty) {
            return (.subspecialty, .requirement, "no valid \(subspecialty) credential")
        }
        if let ceiling = policy.maxPrice, candidate.price > ceiling {
            return (.price, .requirement, "price \(amount(candidate.price, routingCase.currency)) is over the ceiling "
                        + amount(ceiling, routingCase.currency))
        }
        if let limit = policy.maxTurnaround[routingCase.priority], candidate.turnaroundMinutes > limit {
            return (.turnaround, .requirement, "turnaround \(minutes(candidate.turnaroundMinutes)) is over the "
                        + "\(routingCase.priority.name) maximum \(minutes(limit))")
        }
        if let minimum = policy.minRating {
            if let value = candidate.rating.value {
                if value < minimum { return (.rating, .requirement, "90-day rating \(rating(value)) is below \(rating(minimum))") }
            } else if policy.tooFewCases == .reject {
                return (.rating, .tooFewCases, "90-day rating rests on \(candidate.rating.count) rating\(candidate.rating.count == 1 ? "" : "s"), fewer than \(QualityMetrics.minimumCount)")
            }
        }
        if let minimum = policy.minOnTime {
            if let value = candidate.onTime.value {
                if value < minimum { return (.onTime, .requirement, "on time \(percent(value)) is below \(percent(minimum))") }
            } else if policy.tooFewCases == .reject {
                return (.onTime, .tooFewCases, "on-time share rests on \(candidate.onTime.count) report\(candidate.onTime.count == 1 ? "" : "s"), fewer than \(QualityMetrics.minimumCount)")
            }
        }
        return nil
    }

    /// Computes the weighted score of each eligible bid, from 0 to 1. The
    /// price and turnaround parts are the best eligible value divided by this
    /// bid's, and the rating part is the rating over 5 (0 over too few cases).
    /// The parts are averaged with the policy's weights.
    static func weightedScores(_ eligible: [RoutingCandidate], _ policy: RoutingPolicy) -> [EventID: Double] {
        let cheapest = Double(eligible.map(\.price).min() ?? 0)
        let fastest = Double(eligible.map(\.turnaroundMinutes).min() ?? 1)
        let total = policy.weightPrice + policy.weightTurnaround + policy.weightRating
        var scores: [EventID: Double] = [:]
        for candidate in eligible {
            let priceScore = candidate.price == 0 ? 1 : cheapest / Double(candidate.price)
            let turnaroundScore = fastest / Double(max(candidate.turnaroundMinutes, 1))
            let ratingScore = (candidate.rating.value ?? 0) / 5
            let weighted = policy.weightPrice * priceScore + policy.weightTurnaround * turnaroundScore + policy.weightRating * ratingScore
            // Rounded to 6 places so that equal inputs compare equal whatever the order of the arithmetic.
            scores[candidate.bid] = total > 0 ? (weighted / total * 1_000_000).rounded() / 1_000_000 : 0
        }
        return scores
    }

    static func rankingKeys(_ preference: RoutingPolicy.Preference) -> [RoutingFigure] {
        switch preference {
        case .cheapest: [.price, .turnaround, .rating, .bidTime]
        case .fastest: [.turnaround, .price, .rating, .bidTime]
        case .bestRated: [.rating, .price, .turnaround, .bidTime]
        case .weighted: [.score, .price, .turnaround, .rating, .bidTime]
        }
    }

    /// Negative when `lhs` ranks ahead of `rhs` on `key`, 0 when equal.
    private static func compare(_ lhs: RoutingCandidate, _ rhs: RoutingCandidate, on key: RoutingFigure, scores: [EventID: Double]) -> Int {
        func order<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a > b ? 1 : 0) }
        switch key {
        case .price: return order(lhs.price, rhs.price)
        case .turnaround: return order(lhs.turnaroundMinutes, rhs.turnaroundMinutes)
        // Higher ranks first; a rating over too few cases ranks after every rating.
        case .rating: return order(rhs.rating.value ?? -1, lhs.rating.value ?? -1)
        case .score: return order(scores[rhs.bid] ?? 0, scores[lhs.bid] ?? 0)
        case .bidTime: return order(lhs.bidAt, rhs.bidAt)
        case .licence, .subspecialty, .onTime: return 0
        }
    }

    private static func describe(_ loser: RoutingCandidate, against winner: RoutingCandidate, on key: RoutingFigure,
                                 scores: [EventID: Double], currency: String) -> String {
        switch key {
        case .price: "price \(amount(loser.price, currency)) against \(amount(winner.price, currency))"
        case .turnaround: "turnaround \(minutes(loser.turnaroundMinutes)) against \(minutes(winner.turnaroundMinutes))"
        case .rating: "90-day rating \(figure(loser.rating)) against \(figure(winner.rating))"
        case .score: "weighted score \(score(scores[loser.bid] ?? 0)) against \(score(scores[winner.bid] ?? 0))"
        default: "equal on every figure the policy weighs, and bid later"
        }
    }

    private static func chosenExplanation(_ winner: RoutingCandidate, _ policy: RoutingPolicy, _ scores: [EventID: Double],
                                          _ currency: String, rivals: Int) -> String {
        let lead = switch policy.preference {
        case .cheapest: "cheapest eligible bid at \(amount(winner.price, currency))"
        case .fastest: "fastest committed turnaround among eligible bids, \(minutes(winner.turnaroundMinutes))"
        case .bestRated: "best 90-day rating among eligible bids, \(figure(winner.rating))"
        case .weighted: "highest weighted score among eligible bids, \(score(scores[winner.bid] ?? 0))"
        }
        return lead + (rivals == 0 ? " (the only eligible bid)" : "")
    }

    static func amount(_ cents: UInt64, _ currency: String) -> String {
        "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100) \(currency)"
    }

    static func minutes(_ value: Int) -> String {
        value < 60 ? "\(value) min" : (value % 60 == 0 ? "\(value / 60) h" : "\(value / 60) h \(value % 60) min")
    }

    static func rating(_ value: Double) -> String { RoutingPolicy.decimal(value) }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    static func score(_ value: Double) -> String { RoutingPolicy.decimal(value) }

    static func figure(_ figure: QualityFigure) -> String { figure.formatted { rating($0) } }
}
