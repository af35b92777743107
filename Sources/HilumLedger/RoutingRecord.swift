import HilumCore
import HilumSQLite

/// How often clients' routing policies picked a radiologist's bid or passed
/// it over, and for which public figure, from the ledger's routing decisions.
public struct RoutingRecord: Sendable, Equatable {
    public let picked: Int
    public let passedOver: Int
    /// Passed-over bids by the figure that decided, each split by rule.
    public let passedOverBy: [RoutingFigure: [RoutingRule: Int]]

    public init(picked: Int, passedOver: Int, passedOverBy: [RoutingFigure: [RoutingRule: Int]]) {
        self.picked = picked
        self.passedOver = passedOver
        self.passedOverBy = passedOverBy
    }

    public init(radiologist: PublicKey, database: Database) throws {
        let picks = try database.prepare("SELECT count(*) FROM routing_decisions WHERE radiologist = ?").bind(1, radiologist)
        _ = try picks.step()
        picked = Int(picks.int64(0))
        let passes = try database.prepare("SELECT figure, rule, count(*) FROM routing_passes WHERE radiologist = ? GROUP BY figure, rule")
            .bind(1, radiologist)
        var byFigure: [RoutingFigure: [RoutingRule: Int]] = [:]
        var total = 0
        while try passes.step() {
            let count = Int(passes.int64(2))
            total += count
            guard let figure = RoutingFigure(rawValue: UInt8(clamping: passes.int64(0))),
                  let rule = RoutingRule(rawValue: UInt8(clamping: passes.int64(1))) else { continue }
            byFigure[figure, default: [:]][rule, default: 0] += count
        }
        passedOver = total
        passedOverBy = byFigure
    }

    /// The passed-over counts in words, figures in their declared order:
    /// "price 3 (failed the requirement 2, outranked 1), rating 1 (too few cases 1)".
    public var breakdown: String {
        RoutingFigure.allCases.compactMap { figure -> String? in
            guard let rules = passedOverBy[figure] else { return nil }
            let total = rules.values.reduce(0, +)
            let parts = RoutingRule.allCases.compactMap { rule in rules[rule].map { "\(Self.phrase(rule)) \($0)" } }
            return "\(figure.name) \(total) (\(parts.joined(separator: ", ")))"
        }.joined(separator: ", ")
    }

    /// Returns the rule in the words the routing explanations use.
    public static func phrase(_ rule: RoutingRule) -> String {
        switch rule {
        case .requirement: "failed the requirement"
        case .tooFewCases: "too few cases"
        case .outranked: "outranked"
        }
    }
}
