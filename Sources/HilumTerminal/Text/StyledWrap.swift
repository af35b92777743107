/// Word wrapping for styled text at display width: like `TextLayout.wrap`,
/// but each character keeps the role of the span it came from, and spaces
/// inside a line are kept (so aligned columns survive). Spaces where a line
/// breaks are dropped.
enum StyledWrap {
    private typealias Styled = [(character: Character, role: Role)]

    static func wrap(_ spans: [Span], width: Int, hangingIndent: Int = 0) -> [[Span]] {
        guard width > 0 else { return [] }
        let indent = min(max(0, hangingIndent), width - 1)
        var lines: [Styled] = []
        var line: Styled = []
        var lineWidth = 0
        var lineStart: Int { lines.isEmpty ? 0 : indent }

        func startLine(role: Role) {
            lines.append(line)
            line = Array(repeating: (" ", role), count: indent)
            lineWidth = indent
        }

        for token in tokens(spans) {
            let isSpace = token.first?.character == " "
            let tokenWidth = token.reduce(0) { $0 + DisplayWidth.width(of: $1.character) }
            if isSpace {
                if lineWidth + tokenWidth > width {
                    startLine(role: token[0].role)
                } else if lineWidth > lineStart || lines.isEmpty {
                    line += token
                    lineWidth += tokenWidth
                }
                continue
            }
            if lineWidth + tokenWidth > width, lineWidth > lineStart {
                while line.last?.character == " ", line.count > lineStart {
                    line.removeLast()
                }
                startLine(role: token[0].role)
            }
            for item in token {
                let cells = DisplayWidth.width(of: item.character)
                if lineWidth + cells > width, lineWidth > lineStart { startLine(role: item.role) }
                line.append(item)
                lineWidth += cells
            }
        }
        lines.append(line)
        return lines.map(merge)
    }

    /// Splits styled text into runs of spaces and runs of other characters.
    private static func tokens(_ spans: [Span]) -> [Styled] {
        var tokens: [Styled] = []
        var current: Styled = []
        for span in spans {
            for character in span.text {
                if let last = current.last, (last.character == " ") != (character == " ") {
                    tokens.append(current)
                    current = []
                }
                current.append((character, span.role))
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    private static func merge(_ characters: Styled) -> [Span] {
        var spans: [Span] = []
        for (character, role) in characters {
            if let last = spans.last, last.role == role {
                spans[spans.count - 1].text.append(character)
            } else {
                spans.append(Span(String(character), role))
            }
        }
        return spans
    }
}
