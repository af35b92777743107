import HilumCore

/// A client's rules for choosing among the bids on a case, kept as a text
/// file in the client's home. Eligibility (a valid licence for the case's
/// jurisdiction, and the case's subspecialty credential) always applies,
/// because the ledger rejects an assignment without it; the policy adds a
/// required subspecialty, a price ceiling, minimum public quality figures,
/// a maximum committed turnaround by priority and the order of preference.
public struct RoutingPolicy: Sendable, Equatable {
    public enum Preference: String, Sendable, CaseIterable {
        case cheapest
        case fastest
        case bestRated = "best-rated"
        case weighted
    }

    /// What to do with a radiologist whose figure rests on fewer than
    /// `QualityMetrics.minimumCount` cases, when a minimum asks for it.
    public enum TooFewCases: String, Sendable, CaseIterable {
        case accept
        case reject
    }

    /// A subspecialty credential every picked radiologist must hold, besides the posting's own.
    public var subspecialty: String?
    /// Price ceiling in minor units of the case's currency.
    public var maxPrice: UInt64?
    /// Minimum mean clinician rating (1 to 5) over the last 90 days.
    public var minRating: Double?
    /// Minimum share (0 to 1) of reports signed by the posting's deadline.
    public var minOnTime: Double?
    public var tooFewCases: TooFewCases = .accept
    /// Maximum turnaround a bid may commit to, in minutes, by priority.
    public var maxTurnaround: [Priority: Int] = [:]
    public var preference: Preference = .cheapest
    /// Weights of price, turnaround and rating in the weighted score.
    public var weightPrice: Double = 1
    public var weightTurnaround: Double = 1
    public var weightRating: Double = 1
    /// The share of signed cases that must be peer reviewed, in hundredths of a percent (see `ReviewShare`).
    public var reviewShare: Int?
    /// Radiologists who volunteered to review, as written: names or key prefixes, resolved when applied.
    public var reviewers: [String] = []

    public init() {}

    /// The policy as the file format writes it, one key per line, keys that
    /// keep their default left out.
    public var text: String {
        var lines = ["prefer = \(preference.rawValue)"]
        if let subspecialty { lines.append("subspecialty = \(subspecialty)") }
        if let maxPrice { lines.append("max-price = \(maxPrice / 100).\(maxPrice % 100 < 10 ? "0" : "")\(maxPrice % 100)") }
        if let minRating { lines.append("min-rating = \(Self.decimal(minRating))") }
        if let minOnTime { lines.append("min-on-time = \(Self.decimal(minOnTime * 100))%") }
        if tooFewCases != .accept || minRating != nil || minOnTime != nil { lines.append("too-few-cases = \(tooFewCases.rawValue)") }
        for priority in Priority.allCases {
            if let minutes = maxTurnaround[priority] { lines.append("max-turnaround-\(priority.name) = \(Self.duration(minutes))") }
        }
        if preference == .weighted {
            lines.append("weight-price = \(Self.decimal(weightPrice))")
            lines.append("weight-turnaround = \(Self.decimal(weightTurnaround))")
            lines.append("weight-rating = \(Self.decimal(weightRating))")
        }
        if let reviewShare { lines.append("review-share = \(ReviewShare.percent(reviewShare))") }
        if !reviewers.isEmpty { lines.append("reviewers = \(reviewers.joined(separator: ", "))") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func decimal(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        if fraction == 0 { return String(hundredths / 100) }
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction % 10 == 0 ? fraction / 10 : fraction)"
    }

    /// "90m", "4h" or "2d": the largest unit that divides the minutes.
    static func duration(_ minutes: Int) -> String {
        if minutes % 1440 == 0 { return "\(minutes / 1440)d" }
        if minutes % 60 == 0 { return "\(minutes / 60)h" }
        return "\(minutes)m"
    }
}
