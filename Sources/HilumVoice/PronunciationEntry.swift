/// One word of a CMU-format pronunciation dictionary: the word in lowercase
/// and its phones from the CMU phone set (39 phones, stress marks dropped,
/// as PocketSphinx's en-us model uses them).
public struct PronunciationEntry: Sendable, Equatable {
    public var word: String
    public var phones: [String]

    public init(word: String, phones: [String]) {
        self.word = word
        self.phones = phones
    }

    /// The phones of the en-us acoustic model (its `mdef` lists the same
    /// 39, plus SIL).
    public static let phoneSet: Set<String> = [
        "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH", "IH", "IY", "JH", "K", "L", "M",
        "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH",
    ]

    /// Parses dictionary text, one `word PH PH …` per line; `;;;` starts a
    /// comment line. `name` identifies the source in errors.
    public static func parse(_ text: String, name: String) throws(VoiceError) -> [PronunciationEntry] {
        var entries: [PronunciationEntry] = []
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let fields = line.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let word = fields.first, !word.hasPrefix(";;;") else { continue }
            let phones = Array(fields.dropFirst())
            guard !phones.isEmpty else { throw VoiceError("\(name) line \(offset + 1): \"\(word)\" has no phones") }
            if let unknown = phones.first(where: { !phoneSet.contains($0) }) {
                throw VoiceError("\(name) line \(offset + 1): \"\(unknown)\" is not a CMU phone; use one of \(phoneSet.sorted().joined(separator: " "))")
            }
            guard word == word.lowercased() else { throw VoiceError("\(name) line \(offset + 1): write \"\(word)\" in lowercase") }
            entries.append(PronunciationEntry(word: word, phones: phones))
        }
        return entries
    }
}
