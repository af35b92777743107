import Foundation
import HilumSQLite
import XCTest

final class LedgerCommandTests: CommandTestCase {
    private func generate(_ count: Int) -> String {
        let file = directory + "/events.bin"
        let run = HilumBinary.run(["bench", "generate", "--events", "\(count)", "--out", file], directory: directory)
        XCTAssertEqual(run.status, 0, run.stderr)
        return file
    }

    private func stats() throws -> [String: Any] {
        let run = hilum(["ledger", "stats", "--json"], passphrase: nil)
        XCTAssertEqual(run.status, 0, run.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    func testWrongPassphraseChangesNothing() throws {
        initRadiologist()
        let before = try XCTUnwrap(FileManager.default.contents(atPath: home + "/device.key"))
        let run = hilum(["passphrase"], passphrase: "wrong passphrase", extra: ["HILUM_NEW_PASSPHRASE": "new passphrase 123"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("wrong passphrase"), run.stderr)
        XCTAssertEqual(FileManager.default.contents(atPath: home + "/device.key"), before)
        let changed = hilum(["passphrase"], extra: ["HILUM_NEW_PASSPHRASE": "new passphrase 123"])
        XCTAssertEqual(changed.status, 0, changed.stderr)
        let again = hilum(["passphrase"], passphrase: "new passphrase 123", extra: ["HILUM_NEW_PASSPHRASE": "third passphrase"])
        XCTAssertEqual(again.status, 0, again.stderr)
    }

    func testImportThenVerifyAndRebuild() throws {
        initRadiologist()
        let file = generate(3000)
        let imported = hilum(["ledger", "import", file], passphrase: nil)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let figures = try stats()
        XCTAssertEqual(figures["events"] as? Int, 3001)
        XCTAssertEqual(figures["quarantined"] as? Int, 0)
        XCTAssertEqual(hilum(["ledger", "verify"], passphrase: nil).status, 0)
        let rebuilt = hilum(["ledger", "rebuild"], passphrase: nil)
        let lines = rebuilt.stdout.split(separator: "\n").map { $0.split(separator: " ").last.map(String.init) ?? "" }
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(lines[0], lines[1])
        XCTAssertEqual(lines[1], figures["state_hash"] as? String)
    }

    func testLogShowsClearFieldsNewestFirst() throws {
        initRadiologist()
        // The synthetic ledger opens with about 450 device and credential events; postings follow.
        _ = hilum(["ledger", "import", generate(1200)], passphrase: nil)
        let run = hilum(["ledger", "log", "--kind", "posting", "--limit", "3", "--json"], passphrase: nil)
        XCTAssertEqual(run.status, 0, run.stderr)
        let entries = try run.stdout.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        XCTAssertEqual(entries.count, 3)
        guard entries.count == 3 else { return }
        XCTAssertEqual(entries.map { $0["kind"] as? String }, ["posting", "posting", "posting"])
        let times = entries.compactMap { $0["timestamp"] as? Int }
        XCTAssertEqual(times, times.sorted(by: >))
        let fields = try XCTUnwrap(entries[0]["fields"] as? [String: String])
        XCTAssertEqual(fields["jurisdiction"], "US-CA")
        let badKind = hilum(["ledger", "log", "--kind", "postng"], passphrase: nil)
        XCTAssertEqual(badKind.status, 64)
        XCTAssertTrue(badKind.stderr.contains("did you mean posting"), badKind.stderr)
    }

    /// Flips one byte inside each kind of live data and expects verify to fail.
    func testVerifyCatchesFlippedBytes() throws {
        initRadiologist()
        _ = hilum(["ledger", "import", generate(2000)], passphrase: nil)
        _ = hilum(["ledger", "verify"], passphrase: nil)
        let database = home + "/replica.sqlite"
        let original = try XCTUnwrap(FileManager.default.contents(atPath: database))
        XCTAssertFalse(FileManager.default.fileExists(atPath: database + "-wal") &&
                       ((try? FileManager.default.attributesOfItem(atPath: database + "-wal")[.size] as? Int) ?? 0) > 0,
                       "the WAL should be checkpointed when the last connection closes")
        // Positions of a stored event's signature, a procedure name in an event and a projection row.
        let needles: [[UInt8]] = [Array("CT CHEST WITHOUT CONTRAST".utf8), Array("Radiologist 17".utf8), Array("US-CA".utf8)]
        var checked = 0
        for needle in needles {
            guard let position = find(needle, in: Array(original)) else { continue }
            var damaged = original
            damaged[position + 1] ^= 0x20
            try damaged.write(to: URL(fileURLWithPath: database))
            let run = hilum(["ledger", "verify"], passphrase: nil)
            XCTAssertEqual(run.status, 2, "a flip at \(position) went unnoticed")
            XCTAssertFalse(run.stdout.isEmpty)
            checked += 1
        }
        XCTAssertEqual(checked, needles.count)
        try original.write(to: URL(fileURLWithPath: database))
        XCTAssertEqual(hilum(["ledger", "verify"], passphrase: nil).status, 0)
    }

    /// Flips one byte at offsets spread over the whole file, gaps inside pages included.
    func testVerifyCatchesAFlipAnywhere() throws {
        initRadiologist()
        _ = hilum(["ledger", "import", generate(2000)], passphrase: nil)
        XCTAssertEqual(hilum(["ledger", "verify"], passphrase: nil).status, 0)
        let database = home + "/replica.sqlite"
        let original = try XCTUnwrap(FileManager.default.contents(atPath: database))
        let pageSize = Int(original[16]) << 8 | Int(original[17])
        let positions = stride(from: 0, to: original.count, by: original.count / 40).map { $0 + ($0 / pageSize) % (pageSize - 96) + 7 }
        for position in positions where position < original.count {
            var damaged = original
            damaged[position] ^= 0x01
            try damaged.write(to: URL(fileURLWithPath: database))
            let run = hilum(["ledger", "verify"], passphrase: nil)
            XCTAssertEqual(run.status, 2, "a flip at byte \(position) (page \(position / pageSize + 1)) went unnoticed")
        }
        try original.write(to: URL(fileURLWithPath: database))
        XCTAssertEqual(hilum(["ledger", "verify"], passphrase: nil).status, 0)
    }

    /// A page changed behind SQLite's back is named by verify and refused by every other command.
    func testDamagedPageNamedAndRefused() throws {
        initRadiologist()
        _ = hilum(["ledger", "import", generate(200)], passphrase: nil)
        let database = home + "/replica.sqlite"
        var damaged = try XCTUnwrap(FileManager.default.contents(atPath: database))
        // Offset 3000 of page 3: inside the page, past any header.
        let pageSize = Int(damaged[16]) << 8 | Int(damaged[17])
        damaged[2 * pageSize + 3000] ^= 0x40
        try damaged.write(to: URL(fileURLWithPath: database))
        let verify = hilum(["ledger", "verify"], passphrase: nil)
        XCTAssertEqual(verify.status, 2)
        XCTAssertTrue(verify.stdout.contains("page 3 fails its checksum"), verify.stdout)
        XCTAssertTrue(verify.stderr.contains("restore it from a backup"), verify.stderr)
        let stats = hilum(["ledger", "stats"], passphrase: nil)
        XCTAssertNotEqual(stats.status, 0)
    }

    func testNewerSchemaRejectedUnchanged() throws {
        initRadiologist()
        let database = home + "/replica.sqlite"
        try runSQLite(database, "UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        let before = try XCTUnwrap(FileManager.default.contents(atPath: database))
        let run = hilum(["ledger", "stats"], passphrase: nil)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("schema version 99"), run.stderr)
        XCTAssertEqual(FileManager.default.contents(atPath: database), before)
    }

    /// Kills an importing writer with SIGKILL mid-run: the replica opens,
    /// verifies, holds at least every batch reported committed, and a second
    /// import completes it to the same state as an uninterrupted one.
    func testKillDuringImportLosesNothingCommitted() throws {
        initRadiologist()
        let file = generate(60000)
        let started = HilumBinary.spawn(["ledger", "import", file, "--batch", "2000", "--home", home], directory: directory)
        var committed = 0
        let deadline = Date().addingTimeInterval(60)
        while committed < 6000, Date() < deadline {
            usleep(20_000)
            let text = (try? String(contentsOfFile: started.out, encoding: .utf8)) ?? ""
            committed = text.split(separator: "\n").compactMap { $0.hasPrefix("committed ") ? Int($0.dropFirst(10)) : nil }.last ?? 0
        }
        kill(started.pid, SIGKILL)
        _ = HilumBinary.wait(started.pid)
        let text = (try? String(contentsOfFile: started.out, encoding: .utf8)) ?? ""
        let acknowledged = text.split(separator: "\n").compactMap { $0.hasPrefix("committed ") ? Int($0.dropFirst(10)) : nil }.last ?? 0
        XCTAssertGreaterThanOrEqual(acknowledged, 6000)
        XCTAssertLessThan(acknowledged, 60000, "the import finished before it could be killed; the test proves nothing")

        let afterKill = try stats()
        XCTAssertGreaterThanOrEqual((afterKill["events"] as? Int ?? 0) - 1, acknowledged)
        XCTAssertEqual(hilum(["ledger", "verify"], passphrase: nil).status, 0)

        XCTAssertEqual(hilum(["ledger", "import", file], passphrase: nil).status, 0)
        let resumed = try stats()
        XCTAssertEqual(resumed["events"] as? Int, 60001)

        let cleanHome = directory + "/clean"
        _ = HilumBinary.run(["init", "--role", "client", "--name", "Clean", "--home", cleanHome],
                            environment: ["HILUM_PASSPHRASE": "another passphrase"], directory: directory)
        _ = HilumBinary.run(["ledger", "import", file, "--home", cleanHome], directory: directory)
        let exported = directory + "/mine.bin"
        _ = hilum(["ledger", "export", "--out", exported], passphrase: nil)
        _ = HilumBinary.run(["ledger", "import", exported, "--home", cleanHome], directory: directory)
        _ = hilum(["ledger", "import", exportAll(cleanHome)], passphrase: nil)
        let clean = HilumBinary.run(["ledger", "stats", "--json", "--home", cleanHome], directory: directory)
        let cleanStats = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(clean.stdout.utf8)) as? [String: Any])
        let mine = try stats()
        XCTAssertEqual(mine["events"] as? Int, 60002)
        XCTAssertEqual(cleanStats["state_hash"] as? String, mine["state_hash"] as? String)
    }

    private func exportAll(_ otherHome: String) -> String {
        let path = directory + "/other.bin"
        _ = HilumBinary.run(["ledger", "export", "--out", path, "--home", otherHome], directory: directory)
        return path
    }

    private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return start }
        }
        return nil
    }

    /// Runs SQL through Hilum's own connection, so the pages it writes keep valid checksums.
    private func runSQLite(_ database: String, _ sql: String) throws {
        try Database(path: database).execute(sql)
    }
}
