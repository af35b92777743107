import HilumSQLite
import XCTest

/// `Statement.bind` passes text and blobs to SQLite without copying them into arrays first.
final class StatementBindTests: XCTestCase {
    private var database: Database!
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hilum-bind-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try Database(path: directory.appendingPathComponent("bind.sqlite").path)
    }

    override func tearDown() {
        database = nil
        try? FileManager.default.removeItem(at: directory)
    }

    private func roundTrip(_ bind: (Statement) -> Void) throws -> (type: String, length: Int64, text: String) {
        let statement = try database.prepare("SELECT typeof(?1), length(CAST(?1 AS BLOB)), CAST(?1 AS TEXT)")
        bind(statement)
        XCTAssertTrue(try statement.step())
        return (statement.text(0), statement.int64(1), statement.text(2))
    }

    func testTextKeepsEmbeddedNul() throws {
        let value = try roundTrip { $0.bind(1, "a\u{0}b" as String?) }
        XCTAssertEqual(value.type, "text")
        XCTAssertEqual(value.length, 3)
    }

    func testEmptyTextIsNotNull() throws {
        let value = try roundTrip { $0.bind(1, "" as String?) }
        XCTAssertEqual(value.type, "text")
        XCTAssertEqual(value.length, 0)
    }

    func testNonASCIIText() throws {
        let value = try roundTrip { $0.bind(1, "Zürich 東京" as String?) }
        XCTAssertEqual(value.text, "Zürich 東京")
    }

    func testEmptyBlobIsNotNull() throws {
        let value = try roundTrip { $0.bind(1, [UInt8]()) }
        XCTAssertEqual(value.type, "blob")
        XCTAssertEqual(value.length, 0)
    }

    func testSliceBindsOnlyItsBytes() throws {
        let bytes: [UInt8] = [1, 2, 3, 4, 5]
        let statement = try database.prepare("SELECT hex(?1)")
        statement.bind(1, bytes[1..<4])
        XCTAssertTrue(try statement.step())
        XCTAssertEqual(statement.text(0), "020304")
    }

    func testNonContiguousCollectionBinds() throws {
        let statement = try database.prepare("SELECT hex(?1)")
        statement.bind(1, (1...3).lazy.map { UInt8($0) })
        XCTAssertTrue(try statement.step())
        XCTAssertEqual(statement.text(0), "010203")
    }

    func testNilBlobBindsNull() throws {
        let value = try roundTrip { $0.bind(1, nil as [UInt8]?) }
        XCTAssertEqual(value.type, "null")
    }
}
