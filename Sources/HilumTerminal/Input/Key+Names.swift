extension Key {
    /// Names of keys that are not a single printable character, as keymap files spell them.
    static let namedKeys: [(name: String, key: Key)] = [
        ("enter", .enter), ("esc", .escape), ("tab", .tab), ("shift-tab", .backTab),
        ("backspace", .backspace), ("delete", .delete), ("insert", .insert),
        ("up", .up), ("down", .down), ("left", .left), ("right", .right),
        ("home", .home), ("end", .end), ("pgup", .pageUp), ("pgdn", .pageDown),
        ("space", .character(" ")),
    ]

    /// Every name `init(name:)` accepts apart from single characters, for suggestions.
    public static var allNames: [String] {
        namedKeys.map(\.name) + (1...12).map { "f\($0)" }
            + "abcdefghijklmnopqrstuvwxyz".map { "ctrl-\($0)" } + ["alt-KEY"]
    }

    /// Parses a key name: a printable character (`j`, `G`, `?`), a named key
    /// (`enter`, `pgdn`, `space`, `shift-tab`), `f1` ... `f24`, `ctrl-a` ...
    /// `ctrl-z` or `alt-` plus a printable character.
    public init?(name: String) {
        if name.count == 1, let character = name.first, DisplayWidth.width(of: character) > 0, character != " " {
            self = .character(character)
            return
        }
        let lowered = name.lowercased()
        if let named = Key.namedKeys.first(where: { $0.name == lowered }) {
            self = named.key
        } else if lowered.hasPrefix("f"), let number = Int(lowered.dropFirst()), (1...24).contains(number) {
            self = .function(number)
        } else if lowered.hasPrefix("ctrl-"), lowered.count == 6, let letter = lowered.last, letter.isASCII, letter.isLetter {
            self = .control(letter)
        } else if name.lowercased().hasPrefix("alt-"), name.count == 5, let character = name.last {
            self = .alt(character)
        } else {
            return nil
        }
    }

    /// The name keymap files and the help screen use for this key.
    public var name: String {
        switch self {
        case .character(" "): return "space"
        case .character(let character): return String(character)
        case .control(let letter): return "ctrl-\(letter)"
        case .alt(let character): return "alt-\(character)"
        case .function(let number): return "f\(number)"
        case .mouse(let event): return "mouse-\(event.kind)"
        case .paste: return "paste"
        default: return Key.namedKeys.first { $0.key == self }?.name ?? "?"
        }
    }

    /// A short label for hint lines: arrows as glyphs, the rest as `name`.
    public var label: String {
        switch self {
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .control(let letter): return "^" + letter.uppercased()
        default: return name
        }
    }
}
