/// Turns template text into the words a radiologist says: lowercase, hyphens
/// and slashes as spaces, other punctuation dropped.
enum SpokenPhrase {
    static func words(_ text: String) -> [String] {
        var cleaned = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "'" {
                cleaned.append(character)
            } else if character == "-" || character == "/" || character.isWhitespace {
                cleaned.append(" ")
            }
        }
        return cleaned.split(separator: " ").map(String.init)
    }

    /// The phrase of `text` when every word is in the dictionary and none is
    /// a numeral, else nil.
    static func speakable(_ text: String, knows: (String) -> Bool) -> String? {
        let words = words(text)
        guard !words.isEmpty, words.allSatisfy({ knows($0) && !$0.contains(where: \.isNumber) }) else { return nil }
        return words.joined(separator: " ")
    }
}
