/// Turns the characters a terminal sends into `Key`s: escape sequences for
/// arrows, Home/End, PgUp/PgDn, F1-F12 and shift-tab (CSI and SS3 forms),
/// Alt as an Esc prefix, control characters, and bracketed paste
/// (`ESC [200~` ... `ESC [201~`).
///
/// ncurses decodes the sequences its terminfo entry lists before they reach
/// this decoder; this handles the rest and every sequence in tests. Input may
/// arrive split anywhere: an unfinished sequence waits for the next `feed`,
/// and `flush()` (after the Esc delay passes with no more input) turns a lone
/// Esc into `.escape`.
public struct KeyDecoder: Sendable {
    private var pending: [Unicode.Scalar] = []
    private var paste: String?

    /// Pastes longer than this many scalars are cut, so a runaway paste cannot exhaust memory.
    public static let maximumPaste = 1 << 20

    public init() {}

    public mutating func feed(_ scalars: some Sequence<Unicode.Scalar>) -> [Key] {
        pending.append(contentsOf: scalars)
        return decode(final: false)
    }

    public mutating func feed(_ text: String) -> [Key] {
        feed(text.unicodeScalars)
    }

    /// Decodes what is pending as if no more input will follow it soon.
    public mutating func flush() -> [Key] {
        decode(final: true)
    }

    private mutating func decode(final: Bool) -> [Key] {
        var keys: [Key] = []
        var index = 0
        while index < pending.count {
            if paste != nil {
                let (next, waiting) = consumePaste(from: index, into: &keys)
                index = next
                if waiting { break }
                continue
            }
            let scalar = pending[index]
            guard scalar == "\u{1B}" else {
                if let key = KeyDecoder.plainKey(scalar) { keys.append(key) }
                index += 1
                continue
            }
            switch escapeSequence(at: index) {
            case .incomplete where !final:
                pending.removeFirst(index)
                return keys
            case .incomplete:
                keys.append(.escape)
                index += 1
            case .complete(let key, let length):
                if let key { keys.append(key) }
                index += length
            case .pasteStart(let length):
                paste = ""
                index += length
            }
        }
        pending.removeFirst(min(index, pending.count))
        return keys
    }

    /// Moves pasted text into the paste buffer and returns the next index.
    /// `waiting` is true when the input ends in a possible start of the end marker.
    private mutating func consumePaste(from start: Int, into keys: inout [Key]) -> (next: Int, waiting: Bool) {
        let end: [Unicode.Scalar] = ["\u{1B}", "[", "2", "0", "1", "~"]
        var index = start
        while index < pending.count {
            if pending[index] == "\u{1B}" {
                let available = min(end.count, pending.count - index)
                if Array(pending[index..<index + available]) == Array(end[0..<available]) {
                    guard available == end.count else { return (index, true) }
                    keys.append(.paste(paste ?? ""))
                    paste = nil
                    return (index + end.count, false)
                }
            }
            if (paste?.unicodeScalars.count ?? 0) < KeyDecoder.maximumPaste {
                paste?.unicodeScalars.append(pending[index] == "\r" ? "\n" : pending[index])
            }
            index += 1
        }
        return (index, false)
    }

    private enum Escape {
        case incomplete
        case complete(Key?, length: Int)
        case pasteStart(length: Int)
    }

    private func escapeSequence(at start: Int) -> Escape {
        guard start + 1 < pending.count else { return .incomplete }
        let next = pending[start + 1]
        switch next {
        case "[":
            return controlSequence(at: start)
        case "O":
            guard start + 2 < pending.count else { return .incomplete }
            let key: Key? = switch pending[start + 2] {
            case "A": .up
            case "B": .down
            case "C": .right
            case "D": .left
            case "H": .home
            case "F": .end
            case "P": .function(1)
            case "Q": .function(2)
            case "R": .function(3)
            case "S": .function(4)
            default: nil
            }
            return .complete(key, length: 3)
        case "\u{1B}":
            return .complete(.escape, length: 1)
        default:
            if let key = KeyDecoder.plainKey(next), case .character(let character) = key {
                return .complete(.alt(character), length: 2)
            }
            return .complete(.escape, length: 1)
        }
    }

    /// Decodes `ESC [ parameters intermediates final` as ECMA-48 frames it:
    /// parameter bytes 0x30-0x3F, intermediate bytes 0x20-0x2F, a final
    /// byte 0x40-0x7E. Only sequences with plain digit parameters are keys.
    /// The rest, such as a terminal's late reply to a device-attributes
    /// query (`ESC [ ? 63 ; 1 ; 4 c`), are dropped whole, so their digits
    /// never arrive as keystrokes.
    private func controlSequence(at start: Int) -> Escape {
        var index = start + 2
        var parameters = ""
        var intermediates = 0
        while index < pending.count {
            let scalar = pending[index]
            let length = index - start + 1
            switch scalar.value {
            case 0x40...0x7E:
                let plain = intermediates == 0 && parameters.unicodeScalars.allSatisfy { $0 == ";" || ("0"..."9").contains($0) }
                guard plain else { return .complete(nil, length: length) }
                let number = Int(parameters.split(separator: ";").first ?? "") ?? 1
                if scalar == "~", number == 200 { return .pasteStart(length: length) }
                return .complete(KeyDecoder.csiKey(final: scalar, number: number), length: length)
            case 0x30...0x3F where intermediates == 0 && parameters.unicodeScalars.count < KeyDecoder.maxParameterBytes:
                parameters.unicodeScalars.append(scalar)
            case 0x20...0x2F where intermediates < 2:
                intermediates += 1
            default:
                // Not a well-formed sequence: drop what was read, and decode the rest as keys.
                return .complete(nil, length: length - 1)
            }
            index += 1
        }
        return .incomplete
    }

    /// The maximum length of a parameter string; a longer one makes the sequence malformed.
    static let maxParameterBytes = 64

    private static func csiKey(final: Unicode.Scalar, number: Int) -> Key? {
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "Z": return .backTab
        case "~":
            let tilde: [Int: Key] = [
                1: .home, 7: .home, 2: .insert, 3: .delete, 4: .end, 8: .end, 5: .pageUp, 6: .pageDown,
                11: .function(1), 12: .function(2), 13: .function(3), 14: .function(4), 15: .function(5),
                17: .function(6), 18: .function(7), 19: .function(8), 20: .function(9), 21: .function(10),
                23: .function(11), 24: .function(12),
            ]
            return tilde[number]
        default:
            return nil
        }
    }

    /// The key for one scalar outside an escape sequence; nil for control characters with no key.
    static func plainKey(_ scalar: Unicode.Scalar) -> Key? {
        switch scalar.value {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x7F, 0x08: return .backspace
        case 0x01...0x1A: return .control(Character(Unicode.Scalar(scalar.value + 0x60)!))
        case 0x00...0x1F, 0x80...0x9F: return nil
        default: return .character(Character(scalar))
        }
    }
}
