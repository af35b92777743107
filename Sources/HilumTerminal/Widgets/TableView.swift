/// A scrolling table: column layout, a header row with a sort indicator,
/// truncation with an ellipsis at display width, and a selection that
/// scrolling always keeps on screen.
///
/// The table contains no row data. The app calls `setRowCount` and passes a
/// closure that returns the text and role of each cell when drawing.
public struct TableView: Sendable {
    public var columns: [TableColumn]
    public private(set) var rowCount = 0
    /// The selected row, nil only when the table is empty.
    public private(set) var selection: Int?
    /// The first row shown.
    public private(set) var scrollOffset = 0
    public var sortColumn: Int?
    public var sortAscending = true
    /// Shade every other row with `row.alternate`.
    public var striped = false
    public var emptyMessage = "Nothing to show."
    /// Rows visible at the last `render`; paging moves by this much.
    public private(set) var pageSize = 1
    private var lastRect = Rect(x: 0, y: 0, width: 0, height: 0)

    public init(columns: [TableColumn]) {
        self.columns = columns
    }

    /// Sets the number of rows, keeping the selection on the same index where it still exists.
    public mutating func setRowCount(_ count: Int) {
        rowCount = max(0, count)
        if rowCount == 0 {
            selection = nil
        } else {
            selection = min(selection ?? 0, rowCount - 1)
        }
        scrollToSelection()
    }

    public mutating func select(_ row: Int) {
        guard rowCount > 0 else { return }
        selection = max(0, min(rowCount - 1, row))
        scrollToSelection()
    }

    /// Runs a navigation command; returns false for commands the table does not handle.
    public mutating func perform(_ command: CommandID) -> Bool {
        let current = selection ?? 0
        switch command {
        case .cursorUp: select(current - 1)
        case .cursorDown: select(current + 1)
        case .pageUp: select(current - pageSize)
        case .pageDown: select(current + pageSize)
        case .top: select(0)
        case .bottom: select(rowCount - 1)
        default: return false
        }
        return true
    }

    /// Returns the data row under a screen position of the last render, for mouse clicks.
    public func row(at point: Point) -> Int? {
        let body = Rect(x: lastRect.x, y: lastRect.y + 1, width: lastRect.width, height: lastRect.height - 1)
        guard body.contains(point) else { return nil }
        let row = scrollOffset + point.y - body.y
        return row < rowCount ? row : nil
    }

    /// Applies a click or wheel step; returns whether anything changed.
    public mutating func handleMouse(_ event: MouseEvent) -> Bool {
        switch event.kind {
        case .wheelUp: return perform(.cursorUp)
        case .wheelDown: return perform(.cursorDown)
        case .leftClick, .doubleClick:
            guard let row = row(at: event.position) else { return false }
            select(row)
            return true
        default: return false
        }
    }

    private mutating func scrollToSelection() {
        let visible = max(1, pageSize)
        if let selection {
            if selection < scrollOffset { scrollOffset = selection }
            if selection >= scrollOffset + visible { scrollOffset = selection - visible + 1 }
        }
        scrollOffset = max(0, min(scrollOffset, max(0, rowCount - visible)))
    }

    /// Draws the header in `rect`'s first row and rows below it. `cell`
    /// returns a cell's text and role; `rowRole` the role for a whole row's
    /// gaps and padding (nil for `row` or `row.alternate`).
    public mutating func render(into screen: inout ScreenBuffer, in rect: Rect,
                                cell: (_ row: Int, _ column: Int) -> Span,
                                rowRole: (_ row: Int) -> Role? = { _ in nil }) {
        lastRect = rect
        pageSize = max(1, rect.height - 1)
        scrollToSelection()
        guard rect.height > 0, rect.width > 0 else { return }
        let widths = TableColumn.layout(columns, total: rect.width)
        renderHeader(into: &screen, in: rect.row(0), widths: widths)
        guard rowCount > 0 else {
            screen.fill(Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1), role: .row)
            if rect.height > 1 {
                screen.write(TextLayout.truncate(emptyMessage, to: rect.width - 1), at: Point(x: rect.x + 1, y: rect.y + 1), role: .rowEmpty)
            }
            return
        }
        for line in 0..<pageSize {
            let row = scrollOffset + line
            let lineRect = rect.row(line + 1)
            guard row < rowCount else {
                screen.fill(lineRect, role: .row)
                continue
            }
            let selected = row == selection
            let base = selected ? Role.rowSelected : rowRole(row) ?? (striped && row % 2 == 1 ? .rowAlternate : .row)
            screen.fill(lineRect, role: base)
            var x = rect.x
            for (column, width) in zip(columns.indices, widths) {
                let span = cell(row, column)
                let text = TextLayout.fit(span.text, to: width, alignment: columns[column].alignment)
                screen.write(text, at: Point(x: x, y: lineRect.y), role: selected ? .rowSelected : span.role, limit: min(width, rect.maxX - x))
                x += width + 1
                if x >= rect.maxX { break }
            }
        }
    }

    private func renderHeader(into screen: inout ScreenBuffer, in rect: Rect, widths: [Int]) {
        screen.fill(rect, role: .tableHeader)
        var x = rect.x
        for (column, width) in zip(columns.indices, widths) {
            let limit = min(width, rect.maxX - x)
            if column == sortColumn, width >= 3 {
                let indicator = sortAscending ? "▲" : "▼"
                screen.write(TextLayout.fit(columns[column].title, to: width - 2), at: Point(x: x, y: rect.y), role: .tableHeader, limit: limit)
                screen.write(indicator, at: Point(x: x + width - 1, y: rect.y), role: .tableSort, limit: max(0, rect.maxX - x - width + 1))
            } else {
                screen.write(TextLayout.fit(columns[column].title, to: width, alignment: columns[column].alignment), at: Point(x: x, y: rect.y), role: .tableHeader, limit: limit)
            }
            x += width + 1
            if x >= rect.maxX { break }
        }
    }
}
