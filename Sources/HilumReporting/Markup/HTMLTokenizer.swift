/// A token of an HTML or XML document with the 1-based line it starts on.
struct MarkupToken: Equatable {
    enum Kind: Equatable {
        case startTag(name: String, attributes: [MarkupAttribute], selfClosing: Bool)
        case endTag(name: String)
        case text(String)
        case comment(String)
        case declaration(String)
    }

    var kind: Kind
    var line: Int
}

/// A lenient tokenizer for HTML5 as report templates write it: void and
/// self-closing tags, quoted and unquoted attribute values, character
/// references, comments, and raw text inside `<script>`, `<style>`,
/// `<textarea>` and `<title>`. It never fails: input it cannot read as markup
/// becomes text, and each repair is recorded in `notes`.
struct HTMLTokenizer {
    /// HTML lowercases tag and attribute names and has raw-text elements.
    /// XML keeps names as written and has no raw-text elements.
    enum Dialect { case html, xml }

    private let scalars: [Unicode.Scalar]
    private let dialect: Dialect
    private var index = 0
    private var line = 1
    private var lineCountedUpTo = 0
    private(set) var notes: [MarkupNote] = []

    init(_ text: String, dialect: Dialect = .html) {
        self.scalars = Array(text.unicodeScalars)
        self.dialect = dialect
    }

    /// Returns every token of the input.
    mutating func tokenize() -> [MarkupToken] {
        var tokens: [MarkupToken] = []
        while index < scalars.count {
            let start = index
            let startLine = currentLine(at: start)
            if scalars[index] == "<", let token = readMarkup() {
                tokens.append(MarkupToken(kind: token, line: startLine))
                if case .startTag(let name, _, let selfClosing) = token, !selfClosing, dialect == .html,
                   let rawText = readRawText(after: name) {
                    tokens.append(MarkupToken(kind: .text(rawText), line: startLine))
                }
            } else {
                index = start
                tokens.append(MarkupToken(kind: .text(readText()), line: startLine))
            }
        }
        return tokens
    }

    private mutating func currentLine(at position: Int) -> Int {
        while lineCountedUpTo < position {
            if scalars[lineCountedUpTo] == "\n" { line += 1 }
            lineCountedUpTo += 1
        }
        return line
    }

    private func hasPrefix(_ prefix: String, at position: Int, ignoringCase: Bool = false) -> Bool {
        var offset = position
        for expected in prefix.unicodeScalars {
            guard offset < scalars.count else { return false }
            let actual = scalars[offset]
            if ignoringCase {
                guard String(actual).lowercased() == String(expected).lowercased() else { return false }
            } else {
                guard actual == expected else { return false }
            }
            offset += 1
        }
        return true
    }

    private func string(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range])
        return String(view)
    }

    /// Index of the first occurrence of `terminator` at or after `position`.
    private func find(_ terminator: String, from position: Int, ignoringCase: Bool = false) -> Int? {
        var offset = position
        while offset < scalars.count {
            if hasPrefix(terminator, at: offset, ignoringCase: ignoringCase) { return offset }
            offset += 1
        }
        return nil
    }

    private mutating func readText() -> String {
        let start = index
        index += 1
        while index < scalars.count, scalars[index] != "<" { index += 1 }
        return HTMLEntities.decode(string(start..<index))
    }

    private static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar == "_" || scalar == ":"
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            || scalar == "-" || scalar == "_" || scalar == ":" || scalar == "."
    }

    /// Reads a comment, declaration or tag at `index` ("<"), or returns nil
    /// (leaving `index` unchanged) when the "<" starts no markup.
    private mutating func readMarkup() -> MarkupToken.Kind? {
        if hasPrefix("<!--", at: index) {
            let bodyStart = index + 4
            guard let end = find("-->", from: bodyStart) else {
                notes.append(MarkupNote(line: currentLine(at: index), message: "comment is not closed; add \"-->\""))
                let body = string(bodyStart..<scalars.count)
                index = scalars.count
                return .comment(body)
            }
            index = end + 3
            return .comment(string(bodyStart..<end))
        }
        if hasPrefix("<![CDATA[", at: index) {
            let bodyStart = index + 9
            let end = find("]]>", from: bodyStart) ?? scalars.count
            index = min(end + 3, scalars.count)
            return .text(string(bodyStart..<end))
        }
        if hasPrefix("<!", at: index) || hasPrefix("<?", at: index) {
            let end = find(">", from: index + 2) ?? scalars.count
            let body = string((index + 2)..<end)
            index = min(end + 1, scalars.count)
            return .declaration(body)
        }
        if hasPrefix("</", at: index), index + 2 < scalars.count, Self.isNameStart(scalars[index + 2]) {
            var offset = index + 2
            while offset < scalars.count, Self.isNameCharacter(scalars[offset]) { offset += 1 }
            let name = normalized(string((index + 2)..<offset))
            let end = find(">", from: offset) ?? scalars.count
            index = min(end + 1, scalars.count)
            return .endTag(name: name)
        }
        if index + 1 < scalars.count, Self.isNameStart(scalars[index + 1]) {
            return readStartTag()
        }
        return nil
    }

    private func normalized(_ name: String) -> String {
        dialect == .html ? name.lowercased() : name
    }

    private mutating func readStartTag() -> MarkupToken.Kind {
        let tagLine = currentLine(at: index)
        var offset = index + 1
        while offset < scalars.count, Self.isNameCharacter(scalars[offset]) { offset += 1 }
        let name = normalized(string((index + 1)..<offset))
        var attributes: [MarkupAttribute] = []
        var selfClosing = false
        while true {
            while offset < scalars.count, scalars[offset].properties.isWhitespace { offset += 1 }
            guard offset < scalars.count else {
                notes.append(MarkupNote(line: tagLine, message: "<\(name)> tag is not closed; add \">\""))
                break
            }
            let scalar = scalars[offset]
            if scalar == ">" { offset += 1; break }
            if scalar == "/" {
                offset += 1
                if offset < scalars.count, scalars[offset] == ">" { selfClosing = true; offset += 1; break }
                continue
            }
            if scalar == "<" {
                notes.append(MarkupNote(line: tagLine, message: "<\(name)> tag is not closed before the next tag; add \">\""))
                break
            }
            let nameStart = offset
            while offset < scalars.count {
                let character = scalars[offset]
                if character.properties.isWhitespace || character == "=" || character == ">" || character == "/"
                    || character == "<" { break }
                offset += 1
            }
            if offset == nameStart { offset += 1; continue }
            let attributeName = normalized(string(nameStart..<offset))
            var lookahead = offset
            while lookahead < scalars.count, scalars[lookahead].properties.isWhitespace { lookahead += 1 }
            var value = ""
            if lookahead < scalars.count, scalars[lookahead] == "=" {
                offset = lookahead + 1
                while offset < scalars.count, scalars[offset].properties.isWhitespace { offset += 1 }
                if offset < scalars.count, scalars[offset] == "\"" || scalars[offset] == "'" {
                    let quote = scalars[offset]
                    let valueStart = offset + 1
                    var valueEnd = valueStart
                    while valueEnd < scalars.count, scalars[valueEnd] != quote { valueEnd += 1 }
                    if valueEnd >= scalars.count {
                        notes.append(MarkupNote(line: tagLine,
                                                message: "value of attribute \(attributeName) on <\(name)> has no closing quote"))
                    }
                    value = string(valueStart..<valueEnd)
                    offset = min(valueEnd + 1, scalars.count)
                } else {
                    let valueStart = offset
                    while offset < scalars.count, !scalars[offset].properties.isWhitespace, scalars[offset] != ">" {
                        offset += 1
                    }
                    value = string(valueStart..<offset)
                }
            }
            attributes.append(MarkupAttribute(name: attributeName, value: HTMLEntities.decode(value)))
        }
        index = offset
        return .startTag(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    /// Reads the raw text of `<script>` and `<style>` (kept as written) and
    /// of `<textarea>` and `<title>` (references decoded) up to the matching
    /// end tag, which is left for the next token. Returns nil for other tags.
    private mutating func readRawText(after name: String) -> String? {
        let decodes: Bool
        switch name {
        case "script", "style": decodes = false
        case "textarea", "title": decodes = true
        default: return nil
        }
        let start = index
        guard let end = find("</\(name)", from: start, ignoringCase: true) else {
            notes.append(MarkupNote(line: currentLine(at: start), message: "<\(name)> is not closed; add </\(name)>"))
            index = scalars.count
            let body = string(start..<scalars.count)
            return decodes ? HTMLEntities.decode(body) : body
        }
        index = end
        let body = string(start..<end)
        return decodes ? HTMLEntities.decode(body) : body
    }
}

/// A repair the parser made to malformed input, with the line it is on.
public struct MarkupNote: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public var description: String { "line \(line): \(message)" }
}
