/// "Did you mean …?" suggestions for names typed into config files.
public enum Suggestion {
    /// The candidate closest to `input` by edit distance, if it is close
    /// enough to be a plausible typo (at most a third of its length, minimum 2).
    public static func closest(to input: String, among candidates: [String]) -> String? {
        let lowered = input.lowercased()
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best, best.distance <= max(2, input.count / 3) else { return nil }
        return best.name
    }

    /// "; did you mean "x"?" for appending to an error message, or "" when nothing is close.
    public static func didYouMean(_ input: String, among candidates: [String], format: (String) -> String = { "\"\($0)\"" }) -> String {
        guard let name = closest(to: input, among: candidates) else { return "" }
        return "; did you mean \(format(name))?"
    }

    /// Levenshtein distance over characters.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
