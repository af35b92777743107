/// The in-memory screen every widget draws into. Backends (ncurses, the
/// snapshot renderer) only read it, so whole screens can be tested as text.
public struct ScreenBuffer: Sendable, Equatable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal cursor shows, or nil to hide it (set by text inputs).
    public var cursor: Point?
    /// Images the backend draws with an escape sequence (sixel or kitty)
    /// after the cells; the cells under each are left blank by whoever adds it.
    public var graphics: [TerminalGraphic] = []

    public init(size: Size, role: Role = .text) {
        self.size = size
        cells = Array(repeating: .blank(role), count: max(0, size.width * size.height))
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * size.width + x]
    }

    /// Fills `rect` (clipped to the screen) with blanks of `role`.
    public mutating func fill(_ rect: Rect, role: Role) {
        for y in max(0, rect.y)..<min(size.height, rect.maxY) {
            for x in max(0, rect.x)..<min(size.width, rect.maxX) {
                cells[y * size.width + x] = .blank(role)
            }
        }
        repairWideCharacters(in: rect)
    }

    /// Sets the role of every cell in `rect` without changing the text.
    public mutating func setRole(_ role: Role, in rect: Rect) {
        for y in max(0, rect.y)..<min(size.height, rect.maxY) {
            for x in max(0, rect.x)..<min(size.width, rect.maxX) {
                cells[y * size.width + x].role = role
            }
        }
    }

    /// Writes `text` from `point` on one row, stopping at `limit` cells or the
    /// right edge, whichever comes first; returns the cells written. A wide
    /// character that does not fit entirely is replaced by a space, and the
    /// text never wraps to the next row.
    @discardableResult
    public mutating func write(_ text: String, at point: Point, role: Role, limit: Int = Int.max) -> Int {
        guard point.y >= 0, point.y < size.height, point.x < size.width else { return 0 }
        let end = limit >= size.width - point.x ? size.width : point.x + max(0, limit)
        var x = point.x
        for character in text {
            let form = DisplayWidth.displayForm(of: character)
            let cells = DisplayWidth.width(of: character)
            if cells == 0 { continue }
            if x + cells > end {
                if x < end, x >= 0 { place(Cell.blank(role), at: x, y: point.y) }
                x = min(end, x + 1)
                break
            }
            if x >= 0 {
                place(Cell(text: form, width: UInt8(cells), role: role), at: x, y: point.y)
                if cells == 2 { place(.continuation(role), at: x + 1, y: point.y) }
            }
            x += cells
        }
        return max(0, x - point.x)
    }

    /// Writes styled spans one after another on one row; returns the cells written.
    @discardableResult
    public mutating func write(_ spans: [Span], at point: Point, limit: Int = Int.max) -> Int {
        var written = 0
        for span in spans where written < limit {
            written += write(span.text, at: Point(x: point.x + written, y: point.y), role: span.role, limit: limit - written)
        }
        return written
    }

    private mutating func place(_ cell: Cell, at x: Int, y: Int) {
        let index = y * size.width + x
        // Overwriting either half of a wide character blanks the other half.
        if cells[index].isContinuation, x > 0 {
            cells[index - 1] = .blank(cells[index - 1].role)
        }
        if cells[index].width == 2, x + 1 < size.width, cell.width != 2 {
            cells[index + 1] = .blank(cells[index + 1].role)
        }
        cells[index] = cell
    }

    /// Blanks wide characters cut in half by the edges of `rect`.
    private mutating func repairWideCharacters(in rect: Rect) {
        for y in max(0, rect.y)..<min(size.height, rect.maxY) {
            let left = rect.x - 1
            if left >= 0, left < size.width, cells[y * size.width + left].width == 2 {
                cells[y * size.width + left] = .blank(cells[y * size.width + left].role)
            }
            let right = rect.maxX
            if right >= 0, right < size.width, cells[y * size.width + right].isContinuation {
                cells[y * size.width + right] = .blank(cells[y * size.width + right].role)
            }
        }
    }

    /// Writes one single-width image symbol with its own colours at (`x`, `y`), if on screen.
    public mutating func putImageCell(_ symbol: Character, colors: CellColors?, at point: Point, role: Role) {
        guard point.x >= 0, point.y >= 0, point.x < size.width, point.y < size.height,
              DisplayWidth.width(of: symbol) == 1 else { return }
        place(Cell(text: DisplayWidth.displayForm(of: symbol), width: 1, role: role, colors: colors), at: point.x, y: point.y)
    }

    /// Row `y` as text, continuation cells skipped, trailing spaces kept.
    public func line(_ y: Int) -> String {
        var text = ""
        for x in 0..<size.width where !self[x, y].isContinuation {
            text += self[x, y].text
        }
        return text
    }

    /// Display width of row `y`: always `size.width` unless the model is broken.
    public func lineWidth(_ y: Int) -> Int {
        (0..<size.width).reduce(0) { $0 + Int(self[$1, y].width) }
    }
}

/// An image drawn by an escape sequence over `size` cells from `origin`.
/// `id` changes whenever the image does, so the backend redraws it only then.
public struct TerminalGraphic: Hashable, Sendable {
    public var origin: Point
    public var size: Size
    public var sequence: String
    public var id: Int

    public init(origin: Point, size: Size, sequence: String, id: Int) {
        self.origin = origin
        self.size = size
        self.sequence = sequence
        self.id = id
    }
}

/// A run of text with one role.
public struct Span: Hashable, Sendable {
    public var text: String
    public var role: Role

    public init(_ text: String, _ role: Role) {
        self.text = text
        self.role = role
    }
}
