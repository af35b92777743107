/// Word accuracy of a hypothesis against a reference: 1 minus the word
/// error rate (substitutions, deletions and insertions over the reference
/// length, by Levenshtein distance on words), floored at 0.
public enum WordAccuracy {
    /// Word errors of `hypothesis` against `reference`.
    public static func errors(reference: [String], hypothesis: [String]) -> Int {
        var previous = Array(0...hypothesis.count)
        for (row, referenceWord) in reference.enumerated() {
            var current = [row + 1] + Array(repeating: 0, count: hypothesis.count)
            for (column, hypothesisWord) in hypothesis.enumerated() {
                current[column + 1] = min(previous[column + 1] + 1, current[column] + 1,
                                          previous[column] + (referenceWord == hypothesisWord ? 0 : 1))
            }
            previous = current
        }
        return previous[hypothesis.count]
    }

    /// Accuracy over several utterances: total errors over total reference words.
    public static func accuracy(_ pairs: [(reference: String, hypothesis: String)]) -> Double {
        var errors = 0
        var words = 0
        for pair in pairs {
            let reference = pair.reference.split(separator: " ").map(String.init)
            errors += self.errors(reference: reference, hypothesis: pair.hypothesis.split(separator: " ").map(String.init))
            words += reference.count
        }
        return words == 0 ? 0 : max(0, 1 - Double(errors) / Double(words))
    }
}
