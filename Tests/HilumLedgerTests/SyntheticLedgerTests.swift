import HilumCore
import HilumLedger
import XCTest

/// The benchmark ledger: valid under every rule, with the event mix and
/// sizes `hilum bench ingest` promises.
final class SyntheticLedgerTests: XCTestCase {
    func testDefaultMixPassesEveryRule() throws {
        var events: [[UInt8]] = []
        try SyntheticLedger().generate(count: 8000) { events.append($0) }
        XCTAssertEqual(events.count, 8000)
        let temporary = try TemporaryReplica()
        let report = try temporary.store.ingest(events)
        XCTAssertEqual(report.stored, 8000)
        XCTAssertEqual(report.applied, 8000)
        XCTAssertEqual(report.quarantined, 0)
        XCTAssertEqual(report.pending, 0)

        // The 451 identity and licence events come first, then the market.
        let market = events.dropFirst(451)
        let average = market.map(\.count).reduce(0, +) / market.count
        XCTAssertTrue((260...340).contains(average), "average event size \(average) bytes")
        var kinds: [EventKind: Int] = [:]
        for bytes in events { kinds[try Event(decoding: bytes).kind, default: 0] += 1 }
        XCTAssertGreaterThan(kinds[.bid] ?? 0, 5000)
        XCTAssertGreaterThan(kinds[.posting] ?? 0, 800)
        for kind in [EventKind.assignment, .accessGrant, .report] {
            XCTAssertGreaterThan(kinds[kind] ?? 0, 350, "\(kind)")
        }
        let statuses = try temporary.store.database.prepare("SELECT status, count(*) FROM cases GROUP BY status")
        var counts: [String: Int64] = [:]
        while try statuses.step() { counts[statuses.text(0)] = statuses.int64(1) }
        XCTAssertGreaterThan(counts["reported"] ?? 0, 350)
        XCTAssertGreaterThan(counts["open"] ?? 0, 0)
        // Bid counts are written once per batch, and must still count every open bid.
        XCTAssertEqual(try temporary.store.database.scalarInt("SELECT sum(bid_count) FROM cases"),
                       try temporary.store.database.scalarInt("SELECT count(*) FROM bids WHERE withdrawn_at IS NULL"))
    }

    func testNoCompletingKeepsCasesOpen() throws {
        var events: [[UInt8]] = []
        try SyntheticLedger(clients: 3, radiologists: 5, completingEvery: 0).generate(count: 400) { events.append($0) }
        let kinds = Set(try events.map { try Event(decoding: $0).kind })
        XCTAssertEqual(kinds, [.device, .credential, .posting, .bid])
        let temporary = try TemporaryReplica()
        XCTAssertEqual(try temporary.store.ingest(events).quarantined, 0)
    }
}
