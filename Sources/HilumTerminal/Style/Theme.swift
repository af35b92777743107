import Foundation

/// A complete theme: a style for every role in `Role.catalog`.
///
/// A theme file may define only some roles and palette entries. The rest
/// come from the default theme, so a user theme can be three lines long.
public struct Theme: Sendable {
    public let name: String
    public let background: ThemeBackground
    public let minimumContrast: Double
    public let styles: [Role: Style]

    /// The built-in default theme (also shipped as `Themes/default.theme`).
    public static let standard: Theme = {
        do {
            return try Theme(document: DefaultTheme.document, base: nil)
        } catch {
            preconditionFailure("built-in default theme is invalid: \(error)")
        }
    }()

    /// Resolves `document` laid over `base`; with a nil base, `document` must define every role.
    public init(document: ThemeDocument, base: ThemeDocument?) throws(ThemeError) {
        let palette = (base?.palette ?? [:]).merging(document.palette) { $1 }
        let specs = (base?.roles ?? [:]).merging(document.roles) { $1 }
        var styles: [Role: Style] = [:]
        for info in Role.catalog {
            guard let spec = specs[info.role] else {
                throw ThemeError(file: document.file, line: nil, message: "missing role \(info.role.name) (\(info.meaning))")
            }
            func resolve(_ word: String?) throws(ThemeError) -> Color {
                guard let word else { return .terminalDefault }
                if let color = palette[word] ?? Color(parsing: word) { return color }
                let file = document.roles[info.role] != nil ? document.file : base?.file ?? document.file
                throw ThemeError(file: file, line: spec.line, message: "unknown colour or palette name \"\(word)\" in \(info.role.name)"
                    + Suggestion.didYouMean(word, among: Array(palette.keys).sorted() + Color.ansiNames))
            }
            styles[info.role] = Style(foreground: try resolve(spec.foreground), background: try resolve(spec.background), attributes: spec.attributes)
        }
        name = document.name
        background = document.background ?? base?.background ?? .dark
        minimumContrast = document.minimumContrast ?? base?.minimumContrast ?? 3
        self.styles = styles
    }

    public subscript(role: Role) -> Style {
        styles[role] ?? Style()
    }

    /// Loads the theme file at `path` over the built-in default.
    public static func load(path: String) throws(ThemeError) -> Theme {
        let file = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ThemeError(file: path, line: nil, message: "cannot read the theme file; check the path and its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(file: path, line: nil, message: "theme file is not valid UTF-8")
        }
        return try load(text: text, file: file)
    }

    /// Parses theme text and lays it over the built-in default.
    public static func load(text: String, file: String) throws(ThemeError) -> Theme {
        let document = try ThemeDocument(parsing: text, file: file)
        return try Theme(document: document, base: DefaultTheme.document)
    }
}
