/// How the terminal shows a preview.
public enum PreviewMode: Hashable, Sendable, CustomStringConvertible {
    /// Unicode block and shade symbols in character cells: works in every
    /// terminal, tmux included, and the text stays readable by capture-pane.
    case symbols(SymbolColors)
    /// DEC sixel graphics, for terminals that draw them and are not inside tmux.
    case sixel
    /// The kitty graphics protocol, for kitty and terminals that copy it.
    case kitty

    public var description: String {
        switch self {
        case .symbols(.none): "text symbols"
        case .symbols(.palette16): "symbols, 16 colours"
        case .symbols(.palette256): "symbols, 256 colours"
        case .sixel: "sixel"
        case .kitty: "kitty graphics"
        }
    }
}

/// The colours a symbol preview may use.
public enum SymbolColors: Hashable, Sendable {
    /// No colour: the terminal's foreground and background, shades from the symbols alone.
    case none
    /// The 16 ANSI colours.
    case palette16
    /// The xterm 256-colour palette (chafa uses indexes 16 to 255).
    case palette256
}

/// One character cell of a symbol preview, with xterm palette colours
/// (nil for the terminal's own foreground or background).
public struct PreviewCell: Hashable, Sendable {
    public var symbol: Character
    public var foreground: UInt8?
    public var background: UInt8?

    public init(symbol: Character, foreground: UInt8? = nil, background: UInt8? = nil) {
        self.symbol = symbol
        self.foreground = foreground
        self.background = background
    }
}

/// A rendered preview, `columns` by `rows` cells.
public enum PreviewPicture: Hashable, Sendable {
    /// Cells row by row, `columns * rows` of them.
    case cells(columns: Int, rows: Int, [PreviewCell])
    /// A terminal escape sequence (sixel or kitty) that draws the image from
    /// the cursor position over `columns` by `rows` cells.
    case sequence(String, columns: Int, rows: Int)

    public var columns: Int {
        switch self {
        case let .cells(columns, _, _), let .sequence(_, columns, _): columns
        }
    }

    public var rows: Int {
        switch self {
        case let .cells(_, rows, _), let .sequence(_, _, rows): rows
        }
    }
}

/// The size of one character cell in pixels, as the terminal reports it.
public struct CellPixelSize: Hashable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The usual 1:2 cell of a terminal that does not report pixel sizes (tmux, most multiplexers).
    public static let fallback = CellPixelSize(width: 8, height: 16)
}
