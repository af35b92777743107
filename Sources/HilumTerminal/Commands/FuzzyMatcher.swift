/// Subsequence matching for the command palette: every query character must
/// appear in order in the candidate, case-insensitively. Matches at word
/// starts and in runs score higher, so "sel dn" ranks "Move the selection
/// down" above a description that merely contains those letters.
public enum FuzzyMatcher {
    public struct Match: Sendable, Equatable {
        public let score: Int
        /// Character offsets in the candidate that matched, for highlighting.
        public let positions: [Int]
    }

    /// Matches `query` (spaces ignored) against `candidate`; nil when some query character is missing.
    public static func match(_ query: String, in candidate: String) -> Match? {
        let needle = Array(query.lowercased().filter { $0 != " " })
        guard !needle.isEmpty else { return Match(score: 0, positions: []) }
        let haystack = Array(candidate.lowercased())
        var positions: [Int] = []
        var score = 0
        var searchFrom = 0
        for character in needle {
            guard let found = (searchFrom..<haystack.count).first(where: { haystack[$0] == character }) else { return nil }
            let atWordStart = found == 0 || !haystack[found - 1].isLetter
            let consecutive = positions.last.map { $0 + 1 == found } ?? false
            score += 1 + (atWordStart ? 8 : 0) + (consecutive ? 5 : 0) - min(found - searchFrom, 10) / 3
            positions.append(found)
            searchFrom = found + 1
        }
        return Match(score: score, positions: positions)
    }
}
