import Foundation

/// Terminal cell widths of scalars, grapheme clusters and strings, in the way
/// a wcwidth-based terminal (xterm, tmux, VTE) lays them out.
///
/// Clusters are reduced to what every such terminal draws alike (see
/// `displayForm(of:)`), so the width the model computes is the width the
/// terminal uses.
public enum DisplayWidth {
    /// Cells taken by one scalar: 0 for combining marks and format characters,
    /// 2 for East Asian Wide/Fullwidth and emoji-presentation characters, else 1.
    /// Control characters count 1 because `displayForm(of:)` replaces them.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return 1 }
        if isZeroWidth(scalar) { return 0 }
        if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Cells taken by one grapheme cluster as drawn: the width of its base scalar.
    public static func width(of character: Character) -> Int {
        guard let base = character.unicodeScalars.first else { return 0 }
        if character.unicodeScalars.count == 1 { return width(of: base) }
        return width(of: displayForm(of: character).unicodeScalars.first ?? base)
    }

    /// Cells taken by a string.
    public static func width(of text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += width(of: character) }
        return total
    }

    /// The form of a cluster that goes into a cell: NFC-composed, control
    /// characters replaced by U+FFFD (so data can never inject escape
    /// sequences), and only the base scalar plus up to four combining marks
    /// kept. Variation selectors, emoji modifiers and everything after a
    /// zero-width joiner are dropped, because terminals disagree on their
    /// widths; `⚠️` becomes the one-cell `⚠` and a ZWJ family becomes its first
    /// person.
    public static func displayForm(of character: Character) -> String {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return " " }
        if scalars.count == 1 {
            return isControl(first) ? "\u{FFFD}" : String(character)
        }
        let composed = String(character).precomposedStringWithCanonicalMapping.unicodeScalars
        guard let base = composed.first else { return " " }
        if isControl(base) { return "\u{FFFD}" }
        var kept = String.UnicodeScalarView()
        kept.append(base)
        var marks = 0
        for scalar in composed.dropFirst() {
            if scalar.value == 0x200D { break }
            let category = scalar.properties.generalCategory
            guard category == .nonspacingMark || category == .enclosingMark else { continue }
            if (0xFE00...0xFE0F).contains(scalar.value) { continue }
            guard marks < 4 else { break }
            kept.append(scalar)
            marks += 1
        }
        return String(kept)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        if (0x1160...0x11FF).contains(scalar.value) { return true }  // Hangul medial vowels and final consonants
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        case .format: return scalar.value != 0x00AD
        default: return false
        }
    }

    /// East Asian Width W and F ranges (Unicode 15 EastAsianWidth.txt, outside
    /// the emoji ranges that `isEmojiPresentation` covers).
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF,
        0x1B000...0x1B2FF, 0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248,
        0x1F250...0x1F251, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    private static func isWide(_ value: UInt32) -> Bool {
        if value < 0x1100 { return false }
        for range in wideRanges where range.contains(value) { return true }
        return false
    }
}
