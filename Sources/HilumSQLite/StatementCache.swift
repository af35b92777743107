/// Prepared statements kept by SQL text, reset and ready to bind on each
/// request. Belongs to one connection, and so to one thread.
public final class StatementCache {
    private let database: Database
    private var statements: [String: Statement] = [:]

    public init(database: Database) {
        self.database = database
    }

    /// Resets every cached statement, ending the read transaction a
    /// half-stepped statement keeps open, so the next read sees new commits.
    public func resetAll() {
        for statement in statements.values { statement.reset() }
    }

    public func statement(_ text: String) throws -> Statement {
        if let statement = statements[text] {
            statement.reset()
            return statement
        }
        let statement = try database.prepare(text)
        statements[text] = statement
        return statement
    }
}
