/// One terminal cell of the screen model.
///
/// A wide character occupies its own cell plus the next, which holds a
/// `continuation` cell with an empty `text`. Cells carry a semantic `role`,
/// and the theme decides how each role looks. Only image cells (a preview
/// drawn in symbols) also carry `colors`, which override the role's colours
/// on a terminal with colour.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn here, in `DisplayWidth.displayForm(of:)` form; empty for a continuation.
    public var text: String
    /// 1 or 2 for a drawn cell, 0 for the right half of a wide character.
    public var width: UInt8
    public var role: Role
    /// Palette colours of an image cell, drawn instead of the role's colours; nil for text.
    public var colors: CellColors?

    public init(text: String, width: UInt8, role: Role, colors: CellColors? = nil) {
        self.text = text
        self.width = width
        self.role = role
        self.colors = colors
    }

    public static func blank(_ role: Role) -> Cell { Cell(text: " ", width: 1, role: role) }

    static func continuation(_ role: Role) -> Cell { Cell(text: "", width: 0, role: role) }

    public var isContinuation: Bool { width == 0 }
}

/// The foreground and background of an image cell as xterm palette indexes
/// (nil for the terminal's default). Backends map them to the nearest
/// colour the terminal has and ignore them without colour.
public struct CellColors: Hashable, Sendable {
    public var foreground: UInt8?
    public var background: UInt8?

    public init(foreground: UInt8?, background: UInt8?) {
        self.foreground = foreground
        self.background = background
    }
}
