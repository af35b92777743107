/// A theme file as parsed, before palette names are resolved and before it
/// is laid over the default theme.
///
/// Format (one setting per line, `#` starts a comment line):
///
///     name = default
///     background = dark          # dark or light: what the linter assumes of the terminal
///     minimum-contrast = 4.5     # WCAG ratio every role must reach (default 3)
///     [palette]
///     accent = #5f87d7           # default, an ANSI name, 0...255 or #rrggbb
///     [roles]
///     row.selected = fg:black bg:accent bold
public struct ThemeDocument: Sendable {
    public var name: String
    public var file: String
    public var background: ThemeBackground?
    public var minimumContrast: Double?
    public var palette: [String: Color] = [:]
    public var roles: [Role: RoleStyleSpec] = [:]

    /// A role's style as written: colour words are palette names or colours.
    public struct RoleStyleSpec: Sendable {
        public var foreground: String?
        public var background: String?
        public var attributes: TextAttributes
        public var line: Int
    }

    /// Parses theme file text; `file` names the file in errors.
    public init(parsing text: String, file: String) throws(ThemeError) {
        self.file = file
        name = file
        var section = ""
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    throw ThemeError(file: file, line: lineNumber, message: "invalid section header \"\(line)\"; write [palette] or [roles]")
                }
                section = String(line.dropFirst().dropLast())
                guard section == "palette" || section == "roles" else {
                    throw ThemeError(file: file, line: lineNumber, message: "unknown section [\(section)]"
                        + Suggestion.didYouMean(section, among: ["palette", "roles"], format: { "[\($0)]" }))
                }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw ThemeError(file: file, line: lineNumber, message: "expected NAME = VALUE, found \"\(line)\"")
            }
            let key = line[..<equals].trimmingWhitespace()
            let value = line[line.index(after: equals)...].trimmingWhitespace()
            switch section {
            case "palette": try parsePaletteEntry(key, value, line: lineNumber)
            case "roles": try parseRole(key, value, line: lineNumber)
            default: try parseSetting(key, value, line: lineNumber)
            }
        }
    }

    private mutating func parseSetting(_ key: String, _ value: String, line: Int) throws(ThemeError) {
        switch key {
        case "name":
            name = value
        case "background":
            guard let parsed = ThemeBackground(rawValue: value) else {
                throw ThemeError(file: file, line: line, message: "invalid background \"\(value)\"; use dark or light")
            }
            background = parsed
        case "minimum-contrast":
            guard let ratio = Double(value), ratio >= 1, ratio <= 21 else {
                throw ThemeError(file: file, line: line, message: "invalid minimum-contrast \"\(value)\"; use a ratio from 1 to 21")
            }
            minimumContrast = ratio
        default:
            throw ThemeError(file: file, line: line, message: "unknown setting \"\(key)\""
                + Suggestion.didYouMean(key, among: ["name", "background", "minimum-contrast"]))
        }
    }

    private mutating func parsePaletteEntry(_ key: String, _ value: String, line: Int) throws(ThemeError) {
        guard !key.isEmpty, !key.contains(" "), Color(parsing: key) == nil else {
            throw ThemeError(file: file, line: line, message: "invalid palette name \"\(key)\"; use a word that is not itself a colour")
        }
        guard let color = Color(parsing: value) else {
            throw ThemeError(file: file, line: line, message: "invalid colour \"\(value)\" for \(key); use default, an ANSI name such as bright-blue, 0...255 or #rrggbb")
        }
        palette[key] = color
    }

    private mutating func parseRole(_ key: String, _ value: String, line: Int) throws(ThemeError) {
        guard let role = Role.named(key) else {
            throw ThemeError(file: file, line: line, message: "unknown role \"\(key)\""
                + Suggestion.didYouMean(key, among: Role.catalog.map(\.role.name)))
        }
        var spec = RoleStyleSpec(foreground: nil, background: nil, attributes: [], line: line)
        for token in value.split(separator: " ") {
            if token.hasPrefix("fg:") {
                spec.foreground = String(token.dropFirst(3))
            } else if token.hasPrefix("bg:") {
                spec.background = String(token.dropFirst(3))
            } else if let attribute = TextAttributes.named(String(token)) {
                spec.attributes.insert(attribute)
            } else if token != "plain" {
                throw ThemeError(file: file, line: line, message: "invalid style word \"\(token)\" for \(key); use fg:COLOUR, bg:COLOUR, plain or an attribute"
                    + Suggestion.didYouMean(String(token), among: TextAttributes.names.map(\.name)))
            }
        }
        roles[role] = spec
    }
}

/// The terminal background a theme is designed for.
public enum ThemeBackground: String, Sendable {
    case dark, light

    /// The colours the linter assumes for `default` under this background.
    var assumedDefaults: (foreground: RGB, background: RGB) {
        switch self {
        case .dark: return (RGB(r: 229, g: 229, b: 229), RGB(r: 0, g: 0, b: 0))
        case .light: return (RGB(r: 0, g: 0, b: 0), RGB(r: 255, g: 255, b: 255))
        }
    }
}

/// A theme that could not be read, with the file and line at fault.
public struct ThemeError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let message: String

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
