/// One key press, a mouse event or a paste, whatever the terminal sent.
public enum Key: Hashable, Sendable {
    /// A printable character, space included; `G` is shift-g.
    case character(Character)
    /// Ctrl plus a lowercase letter, `[`-less: ctrl-a ... ctrl-z.
    case control(Character)
    /// Alt (meta) plus a printable character, sent as Esc then the character.
    case alt(Character)
    case enter, escape, tab, backTab, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    /// F1 ... F24.
    case function(Int)
    case mouse(MouseEvent)
    /// Text pasted while bracketed paste was on; never runs commands.
    case paste(String)

    /// True for keys a keymap can bind (not mouse events or pastes).
    public var isBindable: Bool {
        switch self {
        case .mouse, .paste: return false
        default: return true
        }
    }
}

/// A mouse click or wheel step at a cell.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case leftClick, doubleClick, middleClick, rightClick, wheelUp, wheelDown
    }

    public var kind: Kind
    public var position: Point

    public init(kind: Kind, position: Point) {
        self.kind = kind
        self.position = position
    }
}
