import HilumCore
import HilumTerminal

/// The rows of a list screen (Market, To read): every row as loaded, the
/// filter and sort over them, and the table that shows the result. The
/// selection stays on the same case when rows reload, filter or re-sort.
struct RowList<Row> {
    /// One column's sort order; nil for a column that does not sort.
    typealias Order = (Row, Row) -> Bool

    private(set) var rows: [Row] = []
    /// Indices into `rows` that pass the filter, in ascending order.
    private var matched: [Int] = []
    /// Indices into `rows` in display order.
    private(set) var visible: [Int] = []
    var table: TableView
    var filter = FilterLine()
    private let orders: [Order?]
    private let caseID: (Row) -> EventID
    private let searchFields: (Row) -> [String]
    private var index = SearchIndex()
    /// The query `visible` was filtered with, so a longer query searches only those rows.
    private var filteredQuery = ""

    init(columns: [TableColumn], orders: [Order?], caseID: @escaping (Row) -> EventID, searchFields: @escaping (Row) -> [String],
         emptyMessage: String) {
        precondition(columns.count == orders.count, "one sort order (or nil) per column")
        table = TableView(columns: columns)
        table.emptyMessage = emptyMessage
        table.sortColumn = 0
        self.orders = orders
        self.caseID = caseID
        self.searchFields = searchFields
    }

    var selected: Row? { table.selection.map { rows[visible[$0]] } }

    func row(atDisplayed position: Int) -> Row { rows[visible[position]] }

    /// Replaces the rows (already in the store's order, which column 0 keeps).
    mutating func load(_ newRows: [Row]) {
        load(newRows, index: SearchIndex(fields: newRows.map(searchFields)))
    }

    /// Replaces the rows and their search index, built elsewhere from the same rows.
    mutating func load(_ newRows: [Row], index newIndex: SearchIndex) {
        precondition(newIndex.count == newRows.count, "one search text per row")
        let keep = selected.map(caseID)
        rows = newRows
        index = newIndex
        filteredQuery = ""
        refresh(keeping: keep)
    }

    /// Filters again after the query changed.
    mutating func queryChanged() {
        refresh(keeping: selected.map(caseID))
    }

    /// Sorts by the next sortable column, or reverses the order.
    mutating func cycleSort() {
        var column = table.sortColumn ?? 0
        repeat { column = (column + 1) % orders.count } while orders[column] == nil
        table.sortColumn = column
        table.sortAscending = true
        refresh(keeping: selected.map(caseID))
    }

    mutating func reverseSort() {
        table.sortAscending.toggle()
        refresh(keeping: selected.map(caseID))
    }

    var sortTitle: String { table.columns[table.sortColumn ?? 0].title }

    private mutating func refresh(keeping keep: EventID?) {
        let query = filter.query
        // A query that extends the last one can only drop rows, so only the last matches are searched.
        let base = !filteredQuery.isEmpty && query.hasPrefix(filteredQuery) ? matched : Array(rows.indices)
        matched = index.matching(query, among: base)
        filteredQuery = query
        var shown = matched
        let column = table.sortColumn ?? 0
        if column != 0, let order = orders[column] {
            shown.sort { order(rows[$0], rows[$1]) }
        }
        if !table.sortAscending { shown.reverse() }
        visible = shown
        table.setRowCount(visible.count)
        if let keep, let position = visible.firstIndex(where: { caseID(rows[$0]) == keep }) {
            table.select(position)
        }
    }
}
