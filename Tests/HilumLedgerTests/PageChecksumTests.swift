import Foundation
import HilumSQLite
import XCTest

final class PageChecksumTests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "hilum-checksum-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func fill(_ database: Database) throws {
        try database.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)")
        try database.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
                             + "INSERT INTO notes(body) SELECT printf('note %d %s', i, hex(randomblob(40))) FROM n")
        try database.execute("DELETE FROM notes WHERE id % 3 = 0")
    }

    func testNewFileKeepsChecksums() throws {
        let path = directory + "/new.sqlite"
        do {
            let database = try Database(path: path)
            XCTAssertTrue(database.reservesPageChecksums)
            try fill(database)
            _ = try database.checkpoint(truncate: true)
        }
        XCTAssertEqual(PageChecksumCheck.problems(path: path), [])
    }

    func testOlderFileGainsChecksums() throws {
        let path = directory + "/older.sqlite"
        // The sqlite3 shell writes through the default VFS with no reserved bytes, as files from before checksums were.
        var pid: pid_t = 0
        let words = ["/usr/bin/sqlite3", path, "CREATE TABLE notes(body TEXT); INSERT INTO notes VALUES ('kept');"]
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, words[0], nil, nil, argv, nil) == 0 else {
            throw XCTSkip("/usr/bin/sqlite3 is missing; install Debian's sqlite3 package")
        }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        XCTAssertEqual(status, 0)
        XCTAssertEqual(PageChecksumCheck.problems(path: path).count, 1)
        XCTAssertTrue(PageChecksumCheck.problems(path: path).first?.contains("keeps no page checksums") == true)

        let database = try Database(path: path)
        XCTAssertFalse(database.reservesPageChecksums)
        try database.addPageChecksums()
        XCTAssertTrue(database.reservesPageChecksums)
        XCTAssertEqual(try database.scalarText("SELECT body FROM notes"), "kept")
        _ = try database.checkpoint(truncate: true)
        XCTAssertEqual(PageChecksumCheck.problems(path: path), [])
    }

    func testChangedByteFailsReadAndCheck() throws {
        let path = directory + "/damaged.sqlite"
        do {
            let database = try Database(path: path)
            try fill(database)
            _ = try database.checkpoint(truncate: true)
        }
        var bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
        let pageSize = Int(bytes[16]) << 8 | Int(bytes[17])
        bytes[pageSize + 100] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(PageChecksumCheck.problems(path: path),
                       ["page 2 fails its checksum: a byte in it has changed since SQLite wrote it"])
        let database = try Database(path: path)
        XCTAssertThrowsError(try database.scalarInt("SELECT count(*) FROM notes")) { error in
            XCTAssertTrue((error as? SQLiteError)?.isCorrupt == true, "\(error)")
        }
    }
}
