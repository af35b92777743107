/// Truncation, padding and wrapping at display width. Cuts fall only between
/// grapheme clusters, so a wide character, a base letter and its combining
/// mark, or an emoji and its selector are never split.
public enum TextLayout {
    /// The marker that ends truncated text. U+2026 is East Asian ambiguous:
    /// terminals set to draw ambiguous characters wide need `asciiEllipsis`.
    public static let ellipsis: Character = "…"
    public static let asciiEllipsis: Character = "~"

    /// `text` cut to at most `width` cells, ending in `ellipsis` when cut. When
    /// a wide character would straddle the cut, the gap is filled with a space
    /// before the ellipsis, so the result is exactly as wide as asked.
    public static func truncate(_ text: String, to width: Int, ellipsis: Character = ellipsis) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.width(of: text) <= width { return text }
        let markWidth = DisplayWidth.width(of: ellipsis)
        guard width >= markWidth else { return String(repeating: " ", count: width) }
        let budget = width - markWidth
        var result = ""
        var used = 0
        for character in text {
            let cells = DisplayWidth.width(of: character)
            if used + cells > budget { break }
            result.append(character)
            used += cells
        }
        result += String(repeating: " ", count: budget - used)
        result.append(ellipsis)
        return result
    }

    /// `text` truncated if needed, then padded with spaces to exactly `width` cells.
    public static func fit(_ text: String, to width: Int, alignment: Alignment = .left, ellipsis: Character = ellipsis) -> String {
        let cut = truncate(text, to: width, ellipsis: ellipsis)
        let padding = String(repeating: " ", count: max(0, width - DisplayWidth.width(of: cut)))
        switch alignment {
        case .left: return cut + padding
        case .right: return padding + cut
        case .center:
            let left = padding.count / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: padding.count - left)
        }
    }

    /// `text` broken into lines of at most `width` cells: at spaces where
    /// possible, inside a word only when the word alone is too wide. Newlines
    /// in `text` start new lines; a blank line stays blank.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines += wrapParagraph(String(paragraph), width: width)
        }
        return lines
    }

    private static func wrapParagraph(_ paragraph: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
            let wordWidth = DisplayWidth.width(of: word)
            let separator = line.isEmpty ? 0 : 1
            if lineWidth + separator + wordWidth <= width {
                if separator == 1 { line += " " }
                line += word
                lineWidth += separator + wordWidth
                continue
            }
            if !line.isEmpty {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            for character in word {
                let cells = DisplayWidth.width(of: character)
                if lineWidth + cells > width && !line.isEmpty {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                line.append(character)
                lineWidth += cells
            }
        }
        lines.append(line)
        return lines
    }
}

/// Horizontal placement of text inside a field.
public enum Alignment: Sendable {
    case left, right, center
}
