import HilumSQLite
import XCTest

/// `Database.transaction` on its own and nested inside an open transaction.
final class DatabaseTransactionTests: XCTestCase {
    private var database: Database!
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hilum-transaction-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try Database(path: directory.appendingPathComponent("transaction.sqlite").path)
        try database.execute("CREATE TABLE items(value INTEGER NOT NULL)")
    }

    override func tearDown() {
        database = nil
        try? FileManager.default.removeItem(at: directory)
    }

    private struct Injected: Error {}

    private func values() throws -> [Int64] {
        let statement = try database.prepare("SELECT value FROM items ORDER BY value")
        var values: [Int64] = []
        while try statement.step() { values.append(statement.int64(0)) }
        return values
    }

    func testHeldRowBlocksWriteUntilReadsAreFinished() throws {
        try database.execute("INSERT INTO items VALUES(1)")
        let other = try Database(path: directory.appendingPathComponent("transaction.sqlite").path)
        // A looked-up row left unreset keeps this connection's snapshot from before the other write.
        let lookup = try database.prepare("SELECT value FROM items")
        XCTAssertTrue(try lookup.step())
        try other.execute("INSERT INTO items VALUES(2)")

        XCTAssertThrowsError(try database.transaction { try database.execute("INSERT INTO items VALUES(3)") }) { error in
            XCTAssertTrue("\(error)".contains("database is locked"), "\(error)")
        }
        database.finishReads()
        try database.transaction { try database.execute("INSERT INTO items VALUES(3)") }
        XCTAssertEqual(try values(), [1, 2, 3])
    }

    func testThrowRollsBackTransaction() throws {
        XCTAssertThrowsError(try database.transaction {
            try database.execute("INSERT INTO items VALUES(1)")
            throw Injected()
        })
        XCTAssertEqual(try values(), [])
        XCTAssertFalse(database.isInTransaction)
    }

    func testNestedThrowUndoesOnlyInner() throws {
        try database.execute("BEGIN IMMEDIATE")
        try database.transaction { try database.execute("INSERT INTO items VALUES(1)") }
        XCTAssertThrowsError(try database.transaction {
            try database.execute("INSERT INTO items VALUES(2)")
            throw Injected()
        })

        XCTAssertTrue(database.isInTransaction, "the outer transaction stays open")
        try database.execute("COMMIT")
        XCTAssertEqual(try values(), [1])
    }

    func testNestedWorkNeedsOuterCommit() throws {
        try database.execute("BEGIN IMMEDIATE")
        try database.transaction { try database.execute("INSERT INTO items VALUES(1)") }
        try database.execute("ROLLBACK")
        XCTAssertEqual(try values(), [])
    }
}
