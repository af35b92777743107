import Foundation
import XCTest

final class BenchCommandTests: CommandTestCase {
    func testBenchSyncDeliversEveryEvent() throws {
        let temporary = directory + "/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let run = HilumBinary.run(["bench", "sync", "--events", "2000", "--json"], environment: ["TMPDIR": temporary],
                                  directory: directory)
        XCTAssertEqual(run.status, 0, run.stderr)
        let figures = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], run.stdout)

        XCTAssertEqual(figures["events"] as? Int, 2000)
        XCTAssertEqual(figures["received"] as? Int, 2001, "the events and the node's device certificate")
        XCTAssertEqual(figures["incremental_events"] as? Int, 1000)
        for key in ["seconds", "events_per_s", "ingest_ceiling_per_s", "ratio", "replica_peak_rss_mb", "node_peak_rss_mb",
                    "incremental_seconds", "writer_busy_seconds"] {
            let value = try XCTUnwrap((figures[key] as? NSNumber)?.doubleValue, "\(key) missing")
            XCTAssertGreaterThan(value, 0, key)
        }
        let rate = try XCTUnwrap((figures["events_per_s"] as? NSNumber)?.doubleValue)
        let ceiling = try XCTUnwrap((figures["ingest_ceiling_per_s"] as? NSNumber)?.doubleValue)
        let ratio = try XCTUnwrap((figures["ratio"] as? NSNumber)?.doubleValue)
        XCTAssertEqual(ratio, rate / ceiling, accuracy: 0.01)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporary), [], "temporary files left behind")
    }

    func testBenchIngestRejectsEventsWithIn() {
        let run = HilumBinary.run(["bench", "ingest", "--events", "10", "--in", directory + "/events.bin"], directory: directory)
        XCTAssertEqual(run.status, 64)
        XCTAssertTrue(run.stderr.contains("not both"), run.stderr)
    }
}
