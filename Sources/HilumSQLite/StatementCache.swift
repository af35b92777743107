/// Prepared statements kept by SQL text, reset and ready to bind on each
/// request. Belongs to one connection, and so to one thread.
public final class StatementCache {
    private let database: Database
    private var statements: [SQLKey: Statement] = [:]

    public init(database: Database) {
        self.database = database
    }

    /// Resets every cached statement, ending the read transaction a
    /// half-stepped statement keeps open, so the next read sees new commits.
    public func resetAll() {
        for statement in statements.values { statement.reset() }
    }

    public func statement(_ text: String) throws -> Statement {
        let key = SQLKey(text: text)
        if let statement = statements[key] {
            statement.reset()
            return statement
        }
        let statement = try database.prepare(text)
        statements[key] = statement
        return statement
    }
}

/// SQL text as a dictionary key that hashes only its length and three
/// 8-byte words of it (start, middle, end), not every byte. The ingest
/// writer looks up about ten statements per stored event, and hashing whole
/// statements was 3 % of its instructions. Equality compares the whole text.
private struct SQLKey: Hashable {
    let text: String

    static func == (lhs: SQLKey, rhs: SQLKey) -> Bool { lhs.text == rhs.text }

    func hash(into hasher: inout Hasher) {
        let utf8 = text.utf8
        hasher.combine(utf8.count)
        let hashed: Void? = utf8.withContiguousStorageIfAvailable { buffer in
            let raw = UnsafeRawBufferPointer(buffer)
            guard raw.count >= 8 else {
                hasher.combine(bytes: raw)
                return
            }
            for offset in [0, (raw.count - 8) / 2, raw.count - 8] {
                hasher.combine(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            }
        }
        if hashed == nil { hasher.combine(text) }
    }
}
