import Foundation

/// Builds a bigram language model in ARPA format from sentences, for free
/// dictation. Bigrams use absolute discounting (D = 0.5) with Katz-style
/// backoff to unigram frequencies, so every word of the corpus can follow
/// any other. Sentences with a word the dictionary lacks are left out.
public struct LanguageModelBuilder: Sendable {
    public private(set) var sentences: [[String]] = []
    public private(set) var skippedSentences = 0
    private let discount = 0.5

    public init() {}

    /// Adds `text` split into sentences at full stops; `knows` reports
    /// whether the dictionary has a word.
    public mutating func add(_ text: String, knows: (String) -> Bool) {
        for sentence in text.split(whereSeparator: { ".;:\n".contains($0) }) {
            let words = SpokenPhrase.words(String(sentence))
            guard !words.isEmpty else { continue }
            if words.allSatisfy({ knows($0) && !$0.contains(where: \.isNumber) }) {
                sentences.append(words)
            } else {
                skippedSentences += 1
            }
        }
    }

    /// The model as ARPA text.
    public func arpa() -> String {
        var unigramCounts: [String: Int] = [:]
        var bigramCounts: [String: [String: Int]] = [:]
        for sentence in sentences {
            let tokens = ["<s>"] + sentence + ["</s>"]
            for token in tokens.dropFirst() { unigramCounts[token, default: 0] += 1 }
            for (previous, next) in zip(tokens, tokens.dropFirst()) { bigramCounts[previous, default: [:]][next, default: 0] += 1 }
        }
        let total = Double(unigramCounts.values.reduce(0, +))
        var unigram: [String: Double] = unigramCounts.mapValues { Double($0) / total }

        var bigramLines: [String] = []
        var backoff: [String: Double] = [:]
        for history in bigramCounts.keys.sorted() {
            let followers = bigramCounts[history]!
            let historyCount = Double(followers.values.reduce(0, +))
            let leftover = discount * Double(followers.count) / historyCount
            let seenMass = followers.keys.reduce(0.0) { $0 + (unigram[$1] ?? 0) }
            backoff[history] = seenMass < 1 ? leftover / (1 - seenMass) : 1e-9
            for next in followers.keys.sorted() {
                let probability = (Double(followers[next]!) - discount) / historyCount
                bigramLines.append(String(format: "%.6f %@ %@", log10(probability), history, next))
            }
        }
        unigram["<s>"] = nil
        var lines = ["\\data\\", "ngram 1=\(unigram.count + 1)", "ngram 2=\(bigramLines.count)", "", "\\1-grams:"]
        lines.append(String(format: "-99.000000 <s> %.6f", log10(backoff["<s>"] ?? 1)))
        for word in unigram.keys.sorted() {
            let probability = String(format: "%.6f", log10(unigram[word]!))
            lines.append(word == "</s>" ? "\(probability) \(word)" : "\(probability) \(word) " + String(format: "%.6f", log10(backoff[word] ?? 1)))
        }
        lines += ["", "\\2-grams:"] + bigramLines + ["", "\\end\\", ""]
        return lines.joined(separator: "\n")
    }
}
