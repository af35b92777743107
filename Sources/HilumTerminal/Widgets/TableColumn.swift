/// A column of a `TableView`.
public struct TableColumn: Sendable {
    public enum Width: Sendable, Equatable {
        /// Always this many cells.
        case fixed(Int)
        /// At least `minimum` cells, plus a share of the spare width by `weight`.
        case flex(minimum: Int, weight: Int)
    }

    public var title: String
    public var width: Width
    public var alignment: Alignment

    public init(_ title: String, width: Width, alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }

    /// Widths in cells for `columns` across `total` cells with `gap` cells
    /// between columns. Fixed columns get their width; flex columns share what
    /// is left by weight, the remainder going to the leftmost. When even the
    /// minimums do not fit, flex columns get their minimum and the table is
    /// clipped at the right edge.
    public static func layout(_ columns: [TableColumn], total: Int, gap: Int = 1) -> [Int] {
        var widths = columns.map { column -> Int in
            switch column.width {
            case .fixed(let cells): return cells
            case .flex(let minimum, _): return minimum
            }
        }
        let used = widths.reduce(0, +) + gap * max(0, columns.count - 1)
        var spare = total - used
        let weights = columns.map { column -> Int in
            if case .flex(_, let weight) = column.width { return max(0, weight) }
            return 0
        }
        let totalWeight = weights.reduce(0, +)
        guard spare > 0, totalWeight > 0 else { return widths }
        let share = spare
        for index in columns.indices where weights[index] > 0 {
            let extra = share * weights[index] / totalWeight
            widths[index] += extra
            spare -= extra
        }
        for index in columns.indices where weights[index] > 0 && spare > 0 {
            widths[index] += 1
            spare -= 1
        }
        return widths
    }
}
