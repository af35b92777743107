import CSQLite

/// A prepared statement, finalized when released. Parameters are 1-based
/// and columns 0-based, as in SQLite's C API.
public final class Statement {
    private let handle: OpaquePointer
    private let database: Database
    public let sql: String

    init(database: Database, sql: String) throws(SQLiteError) {
        var statement: OpaquePointer?
        let result = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard result == SQLITE_OK, let statement else { throw database.error(result, sql: sql) }
        handle = statement
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    @discardableResult
    public func bind(_ index: Int32, _ value: Int64) -> Statement {
        sqlite3_bind_int64(handle, index, value)
        return self
    }

    @discardableResult
    public func bind(_ index: Int32, _ value: Int) -> Statement { bind(index, Int64(value)) }

    @discardableResult
    public func bind(_ index: Int32, _ value: Double) -> Statement {
        sqlite3_bind_double(handle, index, value)
        return self
    }

    @discardableResult
    public func bind(_ index: Int32, _ value: String?) -> Statement {
        guard var value else { return bindNull(index) }
        // An explicit byte length: with -1 SQLite would stop at the first NUL.
        // `withUTF8` reads a native string in place; SQLITE_TRANSIENT copies it.
        value.withUTF8 { buffer in
            _ = buffer.withMemoryRebound(to: CChar.self) { text in
                sqlite3_bind_text(handle, index, text.baseAddress ?? UnsafePointer(bitPattern: 1),
                                  Int32(text.count), csqlite_transient())
            }
        }
        return self
    }

    /// Binds a blob; an empty array binds a zero-length blob, not NULL.
    @discardableResult
    public func bind(_ index: Int32, _ value: some Collection<UInt8>) -> Statement {
        // Arrays and slices bind in place; other collections are copied once.
        let bound: Void? = value.withContiguousStorageIfAvailable { buffer in bindBlob(index, UnsafeRawBufferPointer(buffer)) }
        if bound == nil { Array(value).withUnsafeBytes { bindBlob(index, $0) } }
        return self
    }

    /// Binds a blob copied from `buffer`, which need not outlive the call.
    @discardableResult
    public func bind(_ index: Int32, copying buffer: UnsafeRawBufferPointer) -> Statement {
        bindBlob(index, buffer)
        return self
    }

    private func bindBlob(_ index: Int32, _ buffer: UnsafeRawBufferPointer) {
        _ = sqlite3_bind_blob(handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(buffer.count), csqlite_transient())
    }

    /// Binds a blob, or NULL when `value` is nil.
    @discardableResult
    public func bind(_ index: Int32, _ value: [UInt8]?) -> Statement {
        guard let value else { return bindNull(index) }
        return bind(index, value[...])
    }

    @discardableResult
    public func bindNull(_ index: Int32) -> Statement {
        sqlite3_bind_null(handle, index)
        return self
    }

    /// Advances to the next row: true when a row is available, false when done.
    public func step() throws(SQLiteError) -> Bool {
        let result = sqlite3_step(handle)
        switch result {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let failure = database.error(result, sql: sql)
            sqlite3_reset(handle)
            throw failure
        }
    }

    /// Steps to completion, then resets and clears bindings for reuse.
    public func run() throws(SQLiteError) {
        defer { reset() }
        while try step() {}
    }

    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    public func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }

    public func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    public func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    public func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    /// Calls `body` with the column's UTF-8 bytes, valid only during the call; empty for NULL.
    public func withTextBytes<Result>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard let pointer = sqlite3_column_text(handle, column) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column))))
    }

    public func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    public func optionalBlob(_ column: Int32) -> [UInt8]? { isNull(column) ? nil : blob(column) }

    public var columnCount: Int32 { sqlite3_column_count(handle) }

    public func columnName(_ column: Int32) -> String { String(cString: sqlite3_column_name(handle, column)) }

    /// The column's value as canonical text for hashing a table: type tag plus value.
    public func canonicalValue(_ column: Int32) -> String {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL: return "n"
        case SQLITE_INTEGER: return "i\(int64(column))"
        case SQLITE_FLOAT: return "f\(double(column).bitPattern)"
        case SQLITE_TEXT: return "t\(text(column).utf8.count):\(text(column))"
        default:
            let bytes = blob(column)
            return "b\(bytes.count):" + bytes.map { String($0, radix: 16) }.joined(separator: ",")
        }
    }
}
