import CSQLite

/// A failed SQLite call: the result code, SQLite's message and the SQL text.
/// Bound values are never included, because they may hold patient data.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    public let code: Int32
    public let extendedCode: Int32
    public let message: String
    public let sql: String?

    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }
    /// True for a damaged file, including a page whose checksum fails (SQLITE_IOERR_DATA from the checksum VFS).
    public var isCorrupt: Bool { code == SQLITE_CORRUPT || code == SQLITE_NOTADB || extendedCode == csqlite_ioerr_data() }
    public var isConstraint: Bool { code == SQLITE_CONSTRAINT }

    public init(code: Int32, extendedCode: Int32? = nil, message: String, sql: String? = nil) {
        self.code = code
        self.extendedCode = extendedCode ?? code
        self.message = message
        self.sql = sql
    }

    public var description: String {
        var text = "SQLite error \(extendedCode): \(message)"
        if let sql { text += " (in: \(sql))" }
        if isBusy { text += "; another process holds the database lock, try again" }
        if isCorrupt { text += "; the database file is damaged: run 'hilum ledger verify'" }
        return text
    }
}
