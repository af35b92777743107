/// Splits report text into lower-case words and clauses for the term checks.
enum TextWords {
    /// Lower-case runs of letters and digits; hyphens and apostrophes split words.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Words that end the scope of a negation within a sentence ("no effusion, but a pneumothorax").
    static let scopeTerminators: Set<String> = ["but", "however", "although", "though", "except", "aside", "apart", "yet"]

    /// Splits `text` into clauses: at sentence punctuation, semicolons, line
    /// breaks and the words in `scopeTerminators`. Each clause is a word list.
    static func clauses(_ text: String) -> [[String]] {
        var clauses: [[String]] = []
        for sentence in text.split(whereSeparator: { ".;:!?\n".contains($0) }) {
            var clause: [String] = []
            for word in words(String(sentence)) {
                if scopeTerminators.contains(word) {
                    if !clause.isEmpty { clauses.append(clause) }
                    clause = []
                } else {
                    clause.append(word)
                }
            }
            if !clause.isEmpty { clauses.append(clause) }
        }
        return clauses
    }
}
