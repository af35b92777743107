/// A one-line text input with a cursor: the editing model under the filter
/// line, prompts and the palette. Keys: printable characters insert, Left,
/// Right, Home/ctrl-a, End/ctrl-e move, Backspace and Delete erase, ctrl-u
/// erases to the start, ctrl-k to the end, ctrl-w the word before the cursor.
public struct TextField: Sendable, Equatable {
    public private(set) var characters: [Character] = []
    /// Cursor position as a character offset, 0...characters.count.
    public private(set) var cursor = 0
    /// Characters beyond this are not accepted.
    public var maximumLength: Int

    public enum Edit: Sendable, Equatable {
        case changed, moved, ignored
    }

    public init(_ text: String = "", maximumLength: Int = 256) {
        self.maximumLength = maximumLength
        characters = Array(text.prefix(maximumLength))
        cursor = characters.count
    }

    public var text: String { String(characters) }

    public mutating func setText(_ text: String) {
        characters = Array(text.prefix(maximumLength))
        cursor = characters.count
    }

    public mutating func handle(_ key: Key) -> Edit {
        switch key {
        case .character(let character):
            return insert(String(character))
        case .paste(let text):
            return insert(text.replacingNewlines())
        case .backspace, .control("h"):
            guard cursor > 0 else { return .ignored }
            cursor -= 1
            characters.remove(at: cursor)
            return .changed
        case .delete, .control("d"):
            guard cursor < characters.count else { return .ignored }
            characters.remove(at: cursor)
            return .changed
        case .left, .control("b"):
            return move(to: cursor - 1)
        case .right, .control("f"):
            return move(to: cursor + 1)
        case .home, .control("a"):
            return move(to: 0)
        case .end, .control("e"):
            return move(to: characters.count)
        case .control("u"):
            guard cursor > 0 else { return .ignored }
            characters.removeSubrange(0..<cursor)
            cursor = 0
            return .changed
        case .control("k"):
            guard cursor < characters.count else { return .ignored }
            characters.removeSubrange(cursor...)
            return .changed
        case .control("w"):
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            guard start < cursor else { return .ignored }
            characters.removeSubrange(start..<cursor)
            cursor = start
            return .changed
        default:
            return .ignored
        }
    }

    private mutating func insert(_ text: String) -> Edit {
        let room = maximumLength - characters.count
        let accepted = text.filter { DisplayWidth.width(of: $0) > 0 || $0 == " " }.prefix(room)
        guard !accepted.isEmpty else { return .ignored }
        characters.insert(contentsOf: accepted, at: cursor)
        cursor += accepted.count
        return .changed
    }

    private mutating func move(to position: Int) -> Edit {
        let clamped = max(0, min(characters.count, position))
        guard clamped != cursor else { return .ignored }
        cursor = clamped
        return .moved
    }

    /// Draws the text in `rect`'s first row, scrolled so the cursor stays
    /// visible, and places the screen cursor. `mask` replaces every character
    /// (for passphrases).
    public func render(into screen: inout ScreenBuffer, in rect: Rect, role: Role, mask: Character? = nil) {
        guard rect.width > 0, rect.height > 0 else { return }
        screen.fill(rect.row(0), role: role)
        let shown = mask.map { Array(repeating: $0, count: characters.count) } ?? characters
        var start = 0
        while start < cursor, DisplayWidth.width(of: String(shown[start..<cursor])) > rect.width - 1 {
            start += 1
        }
        screen.write(String(shown[start...]), at: Point(x: rect.x, y: rect.y), role: role, limit: rect.width)
        screen.cursor = Point(x: rect.x + DisplayWidth.width(of: String(shown[start..<cursor])), y: rect.y)
    }
}

extension String {
    func replacingNewlines() -> String {
        String(map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
