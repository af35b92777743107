import CHilumPageChecksum
import CSQLite

/// One SQLite connection. Not thread-safe: confine each connection to one
/// thread or serial queue. Every connection uses WAL, a 5-second busy
/// timeout (so a concurrent checkpoint or writer waits instead of failing
/// with "database is locked"), foreign keys and `synchronous=FULL`.
/// Files are opened through the page-checksum VFS (CHilumPageChecksum),
/// and a new file reserves 8 bytes per page for the checksum. A new file
/// has 16 KB pages: with 4 KB ones, the ledger's index inserts took about
/// 10 % more CPU in a SQLite-only test.
public final class Database {
    let handle: OpaquePointer
    public let path: String

    public static let busyTimeoutMilliseconds: Int32 = 5000

    public init(path: String, readOnly: Bool = false) throws(SQLiteError) {
        var connection: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let result = sqlite3_open_v2(path, &connection, flags, Database.checksumVFS)
        guard result == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(connection)
            throw SQLiteError(code: result, message: "cannot open \(path): \(message)")
        }
        handle = connection
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, Database.busyTimeoutMilliseconds)
        if !readOnly {
            // Takes effect only while the file is still empty; older files get checksums from addPageChecksums().
            var reserve: Int32 = Int32(HILUM_PAGE_CHECKSUM_BYTES)
            if try scalarInt("PRAGMA page_count") == 0 {
                sqlite3_file_control(handle, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve)
                try execute("PRAGMA page_size=16384")
            }
            try execute("PRAGMA journal_mode=WAL")
            try execute("PRAGMA synchronous=FULL")
        }
        try execute("PRAGMA foreign_keys=ON")
    }

    deinit { sqlite3_close_v2(handle) }

    /// The registered page-checksum VFS's name; registering happens once, on first use.
    static let checksumVFS: String = {
        let result = hilum_page_checksum_register()
        precondition(result == SQLITE_OK, "registering the page-checksum VFS failed with SQLite code \(result)")
        return HILUM_PAGE_CHECKSUM_VFS
    }()

    /// True when every page of the file reserves its last 8 bytes for a checksum.
    public var reservesPageChecksums: Bool {
        var reserve: Int32 = -1
        sqlite3_file_control(handle, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve)
        return reserve == Int32(HILUM_PAGE_CHECKSUM_BYTES)
    }

    /// Rewrites the whole file with 8 reserved bytes per page, so the VFS
    /// can keep a checksum there. Needs the only connection to the file.
    public func addPageChecksums() throws(SQLiteError) {
        var reserve: Int32 = Int32(HILUM_PAGE_CHECKSUM_BYTES)
        sqlite3_file_control(handle, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve)
        try execute("VACUUM")
    }

    func error(_ code: Int32, sql: String?) -> SQLiteError {
        SQLiteError(code: code & 0xff, extendedCode: sqlite3_extended_errcode(handle),
                    message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// Runs one or more statements that return no rows of interest.
    public func execute(_ sql: String) throws(SQLiteError) {
        let result = sqlite3_exec(handle, sql, nil, nil, nil)
        guard result == SQLITE_OK else { throw error(result, sql: sql) }
    }

    public func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// Runs `body` in a write transaction started with `BEGIN IMMEDIATE`,
    /// which takes the write lock up front and so cannot deadlock by
    /// upgrading a read. Rolls back if `body` throws. Inside a transaction
    /// that is already open, `body` runs in a savepoint instead. Then a throw
    /// undoes only its own changes, and nothing is durable until the outer
    /// transaction commits.
    public func transaction<R>(_ body: () throws -> R) throws -> R {
        if isInTransaction {
            try execute("SAVEPOINT hilum_nested")
            do {
                let value = try body()
                try execute("RELEASE hilum_nested")
                return value
            } catch {
                try? execute("ROLLBACK TO hilum_nested")
                try? execute("RELEASE hilum_nested")
                throw error
            }
        }
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Resets every statement of this connection that has returned a row
    /// and was not stepped to its end or reset. Such a statement keeps the
    /// connection's read snapshot open, and a write transaction begun on an
    /// old snapshot after another process has written fails at once with
    /// "database is locked": SQLite cannot wait, since the snapshot cannot
    /// move. Call it before writing when no statement is being iterated.
    public func finishReads() {
        var statement = sqlite3_next_stmt(handle, nil)
        while let current = statement {
            if sqlite3_stmt_busy(current) != 0 { sqlite3_reset(current) }
            statement = sqlite3_next_stmt(handle, current)
        }
    }

    /// True while a transaction is open on this connection.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    public var changes: Int { Int(sqlite3_changes(handle)) }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// The first column of the first row, or nil when there is no row.
    public func scalarInt(_ sql: String) throws(SQLiteError) -> Int64? {
        let statement = try prepare(sql)
        return try statement.step() ? statement.int64(0) : nil
    }

    public func scalarText(_ sql: String) throws(SQLiteError) -> String? {
        let statement = try prepare(sql)
        return try statement.step() ? statement.text(0) : nil
    }

    /// Outcome of a WAL checkpoint.
    public struct CheckpointResult: Sendable {
        /// True when another connection held the lock; the WAL was not fully copied and the caller should retry later.
        public let busy: Bool
        public let walFrames: Int
        public let checkpointedFrames: Int
    }

    /// Copies the WAL into the database file. `sqlite3_wal_checkpoint_v2`
    /// returns SQLITE_BUSY at once when another checkpoint runs, without the
    /// busy handler, so a busy result is reported rather than treated as success.
    public func checkpoint(truncate: Bool = true) throws(SQLiteError) -> CheckpointResult {
        var walFrames: Int32 = 0
        var checkpointed: Int32 = 0
        let mode = truncate ? SQLITE_CHECKPOINT_TRUNCATE : SQLITE_CHECKPOINT_PASSIVE
        let result = sqlite3_wal_checkpoint_v2(handle, nil, mode, &walFrames, &checkpointed)
        if result == SQLITE_BUSY || result == SQLITE_LOCKED {
            return CheckpointResult(busy: true, walFrames: Int(walFrames), checkpointedFrames: Int(checkpointed))
        }
        guard result == SQLITE_OK else { throw error(result, sql: "wal_checkpoint") }
        return CheckpointResult(busy: false, walFrames: Int(walFrames), checkpointedFrames: Int(checkpointed))
    }
}
