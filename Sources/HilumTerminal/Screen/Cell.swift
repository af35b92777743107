/// One terminal cell of the screen model.
///
/// A wide character occupies its own cell plus the next, which holds a
/// `continuation` cell with an empty `text`. Cells carry a semantic `role`,
/// never a colour: the theme decides how each role looks.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn here, in `DisplayWidth.displayForm(of:)` form; empty for a continuation.
    public var text: String
    /// 1 or 2 for a drawn cell, 0 for the right half of a wide character.
    public var width: UInt8
    public var role: Role

    public init(text: String, width: UInt8, role: Role) {
        self.text = text
        self.width = width
        self.role = role
    }

    public static func blank(_ role: Role) -> Cell { Cell(text: " ", width: 1, role: role) }

    static func continuation(_ role: Role) -> Cell { Cell(text: "", width: 0, role: role) }

    public var isContinuation: Bool { width == 0 }
}
