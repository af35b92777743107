import Foundation

/// A terminal colour as a theme names it.
public enum Color: Hashable, Sendable, CustomStringConvertible {
    /// The terminal's own foreground or background (ncurses colour -1).
    case terminalDefault
    /// An xterm palette index, 0...255; 0...15 are the ANSI colours.
    case indexed(Int)
    /// A 24-bit colour, drawn as the nearest palette index the terminal has.
    case rgb(UInt8, UInt8, UInt8)

    /// ANSI colour names as themes spell them, in index order.
    public static let ansiNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Parses `default`, an ANSI name, an index 0...255 or `#rrggbb`.
    public init?(parsing text: String) {
        if text == "default" {
            self = .terminalDefault
        } else if let index = Color.ansiNames.firstIndex(of: text) {
            self = .indexed(index)
        } else if let index = Int(text), (0...255).contains(index) {
            self = .indexed(index)
        } else if text.hasPrefix("#"), text.count == 7, let value = UInt32(text.dropFirst(), radix: 16) {
            self = .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .terminalDefault: return "default"
        case .indexed(let index): return index < 16 ? Color.ansiNames[index] : String(index)
        case .rgb(let r, let g, let b):
            return "#" + [r, g, b].map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        }
    }

    /// The colour's RGB value, using xterm's default palette for indexes; nil for `terminalDefault`.
    public var rgbValue: RGB? {
        switch self {
        case .terminalDefault: return nil
        case .indexed(let index): return RGB.xterm(index)
        case .rgb(let r, let g, let b): return RGB(r: Int(r), g: Int(g), b: Int(b))
        }
    }

    /// The ncurses colour number for a terminal with `count` colours: -1 for
    /// the default, else the nearest index below `count`. Clamping keeps an
    /// 8-colour terminal from drawing index 200 as black on black.
    public func cursesNumber(colors count: Int) -> Int {
        switch self {
        case .terminalDefault:
            return -1
        case .indexed(let index) where index < count:
            return index
        default:
            guard count >= 8, let value = rgbValue else { return -1 }
            let candidates = count >= 256 ? Array(16..<256) : Array(0..<min(count, 16))
            return candidates.min { RGB.xterm($0).distance(to: value) < RGB.xterm($1).distance(to: value) } ?? -1
        }
    }
}

/// A colour's red, green and blue values, 0...255.
public struct RGB: Hashable, Sendable {
    public var r: Int
    public var g: Int
    public var b: Int

    /// xterm's default RGB for palette index `index` (0...255).
    public static func xterm(_ index: Int) -> RGB {
        let ansi: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        if index < 16 { return RGB(r: ansi[index].0, g: ansi[index].1, b: ansi[index].2) }
        if index >= 232 {
            let level = 8 + 10 * (index - 232)
            return RGB(r: level, g: level, b: level)
        }
        let levels = [0, 95, 135, 175, 215, 255]
        let cube = index - 16
        return RGB(r: levels[cube / 36], g: levels[cube / 6 % 6], b: levels[cube % 6])
    }

    func distance(to other: RGB) -> Int {
        let dr = r - other.r, dg = g - other.g, db = b - other.b
        return dr * dr + dg * dg + db * db
    }

    /// WCAG 2 relative luminance, 0 (black) to 1 (white).
    public var luminance: Double {
        func channel(_ value: Int) -> Double {
            let c = Double(value) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// WCAG 2 contrast ratio between two colours, 1 (none) to 21 (black on white).
    public func contrast(with other: RGB) -> Double {
        let lighter = max(luminance, other.luminance), darker = min(luminance, other.luminance)
        return (lighter + 0.05) / (darker + 0.05)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
