import HilumCore

/// A line of a routing policy file that could not be read, with what to write instead.
public struct RoutingPolicyError: Error, Equatable, CustomStringConvertible {
    public let line: Int
    public let message: String

    public var description: String { "routing policy line \(line): \(message)" }
}

extension RoutingPolicy {
    /// Every key the file format accepts, with what its value must look like.
    public static let keys: [(key: String, value: String)] = [
        ("prefer", "cheapest, fastest, best-rated or weighted"),
        ("subspecialty", "a subspecialty code such as NEURO"),
        ("max-price", "an amount in the case's currency, such as 120 or 119.50"),
        ("min-rating", "a mean rating from 1 to 5, such as 4.2"),
        ("min-on-time", "a share such as 90%"),
        ("too-few-cases", "accept or reject"),
        ("max-turnaround-stat", "a duration such as 45m, 2h or 1d"),
        ("max-turnaround-urgent", "a duration such as 45m, 2h or 1d"),
        ("max-turnaround-routine", "a duration such as 45m, 2h or 1d"),
        ("weight-price", "a number from 0 to 100"),
        ("weight-turnaround", "a number from 0 to 100"),
        ("weight-rating", "a number from 0 to 100"),
        ("review-share", "a share of signed cases from 0% to 100%, such as 10% or 12.5%"),
        ("reviewers", "radiologists' names or key prefixes, separated by commas"),
    ]

    /// Reads a policy from `key = value` lines. Blank lines and text after
    /// `#` are ignored. An unknown key, a repeated key or a bad value
    /// throws with the line number, the value and what to write instead.
    public init(parsing text: String) throws(RoutingPolicyError) {
        self.init()
        var seen: [String: Int] = [:]
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let number = index + 1
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = line.trimmingWhitespace
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw RoutingPolicyError(line: number, message: "'\(trimmed)' is not 'key = value'; write for example 'max-price = 120'")
            }
            let key = String(trimmed[..<equals]).trimmingWhitespace.lowercased()
            let value = String(trimmed[trimmed.index(after: equals)...]).trimmingWhitespace
            guard let expected = Self.keys.first(where: { $0.key == key })?.value else {
                let known = Self.keys.map(\.key)
                let hint = Self.closest(to: key, in: known).map { "did you mean '\($0)'?" }
                    ?? "known keys: \(known.joined(separator: ", "))"
                throw RoutingPolicyError(line: number, message: "unknown key '\(key)'; \(hint)")
            }
            if let first = seen[key] {
                throw RoutingPolicyError(line: number, message: "'\(key)' is already set on line \(first); keep one of the two lines")
            }
            seen[key] = number
            guard !value.isEmpty else {
                throw RoutingPolicyError(line: number, message: "'\(key)' has no value; give \(expected)")
            }
            func invalid(_ detail: String = "") -> RoutingPolicyError {
                RoutingPolicyError(line: number, message: "invalid \(key) '\(value)'\(detail); give \(expected)")
            }
            switch key {
            case "prefer":
                guard let preference = Preference(rawValue: value.lowercased()) else { throw invalid() }
                self.preference = preference
            case "subspecialty":
                let code = value.uppercased()
                do { try FieldRules.code(code, "subspecialty") } catch { throw invalid() }
                subspecialty = code
            case "max-price":
                guard let cents = Self.amount(value) else { throw invalid() }
                maxPrice = cents
            case "min-rating":
                guard let rating = Double(value), rating.isFinite, (1...5).contains(rating) else { throw invalid() }
                minRating = rating
            case "min-on-time":
                let digits = value.hasSuffix("%") ? String(value.dropLast()).trimmingWhitespace : value
                guard let percent = Double(digits), percent.isFinite, (0...100).contains(percent) else { throw invalid() }
                minOnTime = percent / 100
            case "too-few-cases":
                guard let choice = TooFewCases(rawValue: value.lowercased()) else { throw invalid() }
                tooFewCases = choice
            case "max-turnaround-stat", "max-turnaround-urgent", "max-turnaround-routine":
                guard let minutes = Self.minutes(value) else { throw invalid() }
                guard minutes <= 43_200 else { throw invalid(" (over 30 days, the longest turnaround a bid can commit to)") }
                let priority = Priority(name: String(key.dropFirst("max-turnaround-".count)))!
                maxTurnaround[priority] = minutes
            case "review-share":
                guard let hundredths = Self.hundredths(value) else { throw invalid() }
                reviewShare = hundredths
            case "reviewers":
                let names = value.split(separator: ",", omittingEmptySubsequences: false).map(\.trimmingWhitespace)
                if names.contains(where: \.isEmpty) { throw invalid(" (an empty name between commas)") }
                var lowered: Set<String> = []
                for name in names where !lowered.insert(name.lowercased()).inserted {
                    throw invalid(" ('\(name)' is listed twice)")
                }
                reviewers = names
            default:
                guard let weight = Double(value), weight.isFinite, (0...100).contains(weight) else { throw invalid() }
                switch key {
                case "weight-price": weightPrice = weight
                case "weight-turnaround": weightTurnaround = weight
                default: weightRating = weight
                }
            }
        }
        if preference == .weighted, weightPrice + weightTurnaround + weightRating == 0 {
            throw RoutingPolicyError(line: seen["weight-rating"] ?? seen["prefer"] ?? 1,
                                     message: "prefer = weighted needs at least one weight above 0")
        }
        if let line = seen["reviewers"], reviewShare == nil {
            throw RoutingPolicyError(line: line, message: "reviewers has no effect without a review share; add 'review-share = 10%'")
        }
    }

    /// Parses "120" or "119.50" as minor units.
    static func amount(_ text: String) -> UInt64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = UInt64(parts[0]), whole < 100_000_000 else { return nil }
        guard parts.count == 2 else { return whole * 100 }
        guard (1...2).contains(parts[1].count), let fraction = UInt64(parts[1]) else { return nil }
        return whole * 100 + (parts[1].count == 1 ? fraction * 10 : fraction)
    }

    /// Parses "10%", "12.5%" or "10" as hundredths of a percent, from 0 to 100 %.
    static func hundredths(_ text: String) -> Int? {
        let digits = text.hasSuffix("%") ? String(text.dropLast()).trimmingWhitespace : text
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts[0].count <= 3, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }), let whole = Int(parts[0]) else { return nil }
        var fraction = 0
        if parts.count == 2 {
            guard (1...2).contains(parts[1].count), parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(parts[1]) else { return nil }
            fraction = parts[1].count == 1 ? value * 10 : value
        }
        let total = whole * 100 + fraction
        return total <= ReviewShare.fullShare ? total : nil
    }

    /// Parses "45m", "2h" or "1d" as minutes; a bare number is minutes.
    static func minutes(_ text: String) -> Int? {
        let units: [Character: Int] = ["m": 1, "h": 60, "d": 1440]
        var digits = Substring(text.lowercased())
        var unit = 1
        if let last = digits.last, let factor = units[last] {
            unit = factor
            digits = digits.dropLast()
        }
        guard let count = Int(digits), count > 0, count <= 43_200 else { return nil }
        return count * unit
    }

    /// Returns the known key nearest to `key` by edit distance, if it is close enough to be a typo.
    static func closest(to key: String, in known: [String]) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var previous = Array(0...b.count)
            for (i, x) in a.enumerated() {
                var current = [i + 1]
                for (j, y) in b.enumerated() {
                    current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
                }
                previous = current
            }
            return previous[b.count]
        }
        let scored = known.map { ($0, distance(Array(key), Array($0))) }.min { $0.1 < $1.1 }
        guard let (best, score) = scored, score <= max(2, key.count / 3) else { return nil }
        return best
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0.properties.isWhitespace }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isSpace($0) })!
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}
