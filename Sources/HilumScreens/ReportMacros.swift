import Foundation

/// Text shortcuts for the report editor: a shortcut of two or more
/// characters typed at the end of a text field, followed by space or Tab,
/// is replaced by its text. User macros come from the `macros` file in the
/// home, one `shortcut = text` per line (`#` starts a comment line), and
/// override the built-in ones.
public struct ReportMacros: Sendable, Equatable {
    public static let builtIn: [String: String] = [
        "nad": "No acute abnormality.",
        "nlc": "The lungs are clear. No pleural effusion or pneumothorax. The heart and mediastinum are normal in size and contour.",
        "nfd": "No focal abnormality detected.",
        "ncp": "No change from the prior study.",
    ]

    public private(set) var expansions: [String: String]

    public init(user: [String: String] = [:]) {
        expansions = Self.builtIn.merging(user) { _, mine in mine }
    }

    /// Parses a `macros` file; `file` names it in errors.
    public init(text: String, file: String) throws(ConfigError) {
        var user: [String: String] = [:]
        for (offset, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw ConfigError(file: file, line: offset + 1, message: "expected SHORTCUT = TEXT, as in \"nad = No acute abnormality.\"")
            }
            let shortcut = line[..<equals].trimmingCharacters(in: .whitespaces)
            let expansion = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard shortcut.count >= 2, !shortcut.contains(where: \.isWhitespace) else {
                throw ConfigError(file: file, line: offset + 1,
                                  message: "shortcut \"\(shortcut)\" must be two or more characters without spaces")
            }
            guard !expansion.isEmpty else {
                throw ConfigError(file: file, line: offset + 1, message: "shortcut \"\(shortcut)\" has no text after \"=\"")
            }
            guard user[shortcut] == nil else {
                throw ConfigError(file: file, line: offset + 1, message: "shortcut \"\(shortcut)\" is defined twice")
            }
            user[shortcut] = expansion
        }
        self.init(user: user)
    }

    /// Replaces a shortcut ending `text` with its expansion; nil when `text`
    /// does not end in a shortcut.
    public func expand(_ text: String) -> String? {
        let word = text.reversed().prefix { !$0.isWhitespace }
        guard word.count >= 2, let expansion = expansions[String(word.reversed())] else { return nil }
        return String(text.dropLast(word.count)) + expansion
    }
}
