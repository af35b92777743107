/// The JSGF grammar of spoken commands, with one `insert macro NAME`
/// alternative per macro, and the reverse mapping from recognised words to
/// a command.
public struct CommandGrammar: Sendable {
    public let jsgf: String
    /// Spoken name of each macro shortcut that can be said.
    public let macroNames: [String: String]
    /// Shortcuts left out because a word of their spoken name is not in the
    /// dictionary.
    public let unspeakableMacros: [String]

    /// Builds the grammar for the macro `shortcuts`; `knows` reports whether
    /// the decoder's dictionary has a word.
    public init(macroShortcuts: [String], knows: (String) -> Bool) {
        var names: [String: String] = [:]
        var unspeakable: [String] = []
        var taken: Set<String> = []
        for shortcut in macroShortcuts.sorted() {
            guard let name = Self.spokenName(shortcut, knows: knows), !taken.contains(name) else {
                unspeakable.append(shortcut)
                continue
            }
            names[shortcut] = name
            taken.insert(name)
        }
        macroNames = names
        unspeakableMacros = unspeakable

        var rules = "#JSGF V1.0;\ngrammar commands;\npublic <command> = "
            + VoiceCommand.fixedPhrases.map(\.phrase).joined(separator: " | ")
        if !names.isEmpty {
            rules += " | insert macro <macro>;\n<macro> = " + names.values.sorted().joined(separator: " | ")
        }
        jsgf = rules + ";\n"
    }

    /// The command for recognised `text`, or nil when it is none of them.
    public func command(for text: String) -> VoiceCommand? {
        if let fixed = VoiceCommand.fixedPhrases.first(where: { $0.phrase == text }) { return fixed.command }
        let prefix = "insert macro "
        guard text.hasPrefix(prefix) else { return nil }
        let name = String(text.dropFirst(prefix.count))
        return macroNames.first { $0.value == name }.map { .insertMacro($0.key) }
    }

    /// Every phrase the grammar accepts, for tests and the benchmark.
    public var phrases: [String] {
        VoiceCommand.fixedPhrases.map(\.phrase) + macroNames.values.sorted().map { "insert macro " + $0 }
    }

    /// A shortcut said as a word when the dictionary has it ("normal"),
    /// else letter by letter with digits as numbers ("n a d").
    static func spokenName(_ shortcut: String, knows: (String) -> Bool) -> String? {
        let lower = shortcut.lowercased()
        if lower.allSatisfy(\.isLetter), lower.count > 3, knows(lower) { return lower }
        var words: [String] = []
        for character in lower {
            if let digit = character.wholeNumberValue {
                words.append(SpokenNumbers.words(digit))
            } else if character.isASCII && character.isLetter {
                words.append(String(character))
            } else {
                return nil
            }
        }
        return words.allSatisfy(knows) ? words.joined(separator: " ") : nil
    }
}
