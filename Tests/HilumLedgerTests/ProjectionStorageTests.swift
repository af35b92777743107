import HilumCore
import HilumLedger
import HilumSQLite
import XCTest

/// How the projection is stored: the rowid layout of `cases` and `bids`,
/// the projector's caches of recent cases and credentials, and the
/// migrations from versions 2 and 4.
final class ProjectionStorageTests: XCTestCase {
    private var fixture: NetworkFixture!
    private var temporary: TemporaryReplica!
    private var replica: Replica { temporary.store }

    override func setUpWithError() throws {
        fixture = NetworkFixture()
        temporary = try TemporaryReplica()
    }

    override func tearDown() {
        temporary = nil
        fixture = nil
    }

    func testBidAfterAssignmentInOneBatchIsQuarantined() throws {
        // The first bid caches the open case, so the assignment in the same batch must drop that copy.
        let cast = try fixture.basicCast()
        let second = try fixture.person(.radiologist, "Dr. Sam Okafor")
        try fixture.licence(second, by: cast.credentialer)
        let posting = try fixture.post(cast.client)
        let bid = try fixture.bid(cast.radiologist, on: posting)
        try fixture.assign(cast.client, posting, to: cast.radiologist, bid: bid, clinician: cast.clinician)
        let late = try fixture.bid(second, on: posting)

        let report = try replica.ingest(fixture.encodedEvents, receivedAt: fixture.clock)

        XCTAssertEqual(report.quarantined, 1)
        XCTAssertEqual(try replica.quarantine(of: late.id)?.code, "case-not-open")
        XCTAssertEqual(try replica.caseStatus(posting), "assigned")
        XCTAssertEqual(try replica.scalar("SELECT bid_count FROM cases WHERE id = ?", posting.id.bytes), 1)
    }

    func testWithdrawnPostingRejectsLaterBid() throws {
        let cast = try fixture.basicCast()
        let posting = try fixture.post(cast.client)
        try fixture.bid(cast.radiologist, on: posting)
        try fixture.sign(cast.client, WithdrawalBody(target: posting.id))
        let late = try fixture.bid(cast.radiologist, on: posting, price: 9_000)

        _ = try replica.ingest(fixture.encodedEvents, receivedAt: fixture.clock)

        XCTAssertEqual(try replica.caseStatus(posting), "withdrawn")
        XCTAssertEqual(try replica.quarantine(of: late.id)?.code, "case-not-open")
    }

    func testRebidReplacesEarlierBidAndCountsOnce() throws {
        let cast = try fixture.basicCast()
        let posting = try fixture.post(cast.client)
        let first = try fixture.bid(cast.radiologist, on: posting, price: 12_000)
        let second = try fixture.bid(cast.radiologist, on: posting, price: 10_000)

        _ = try replica.ingest(fixture.encodedEvents, receivedAt: fixture.clock)

        XCTAssertNotNil(try replica.scalar("SELECT withdrawn_at FROM bids WHERE id = ?", first.id.bytes))
        XCTAssertNil(try replica.scalar("SELECT withdrawn_at FROM bids WHERE id = ?", second.id.bytes))
        XCTAssertEqual(try replica.scalar("SELECT bid_count FROM cases WHERE id = ?", posting.id.bytes), 1)
    }

    func testRebidAfterReopenReplacesEarlierBid() throws {
        // After a reopen the case is read back from `cases`, where its open bidders are unknown.
        let cast = try fixture.basicCast()
        let posting = try fixture.post(cast.client)
        let first = try fixture.bid(cast.radiologist, on: posting, price: 12_000)
        _ = try replica.ingest(fixture.encodedEvents, receivedAt: fixture.clock)
        temporary.close()
        try temporary.reopen()
        let second = try fixture.bid(cast.radiologist, on: posting, price: 10_000)

        _ = try replica.ingest(fixture.encodedEvents, receivedAt: fixture.clock)

        XCTAssertNotNil(try replica.scalar("SELECT withdrawn_at FROM bids WHERE id = ?", first.id.bytes))
        XCTAssertNil(try replica.scalar("SELECT withdrawn_at FROM bids WHERE id = ?", second.id.bytes))
        XCTAssertEqual(try replica.scalar("SELECT bid_count FROM cases WHERE id = ?", posting.id.bytes), 1)
        XCTAssertEqual(try replica.verify().map(\.reason), [])
    }

    func testRebidAfterWithdrawnBidCountsOnce() throws {
        let cast = try fixture.basicCast()
        let posting = try fixture.post(cast.client)
        let first = try fixture.bid(cast.radiologist, on: posting, price: 12_000)
        try fixture.sign(cast.radiologist, WithdrawalBody(target: first.id))
        let second = try fixture.bid(cast.radiologist, on: posting, price: 10_000)
        let third = try fixture.bid(cast.radiologist, on: posting, price: 9_000)

        _ = try replica.ingest(fixture.encodedEvents, receivedAt: fixture.clock)

        XCTAssertNotNil(try replica.scalar("SELECT withdrawn_at FROM bids WHERE id = ?", second.id.bytes))
        XCTAssertNil(try replica.scalar("SELECT withdrawn_at FROM bids WHERE id = ?", third.id.bytes))
        XCTAssertEqual(try replica.scalar("SELECT bid_count FROM cases WHERE id = ?", posting.id.bytes), 1)
        XCTAssertEqual(try replica.verify().map(\.reason), [])
    }

    func testRevokedLicenceStopsLaterBidInBatch() throws {
        // The first bid caches the radiologist's credentials, so the revocation must drop that copy.
        let credentialer = try fixture.person(.credentialer, "Medical Board of California")
        let client = try fixture.person(.client, "Bayview Imaging Center")
        let radiologist = try fixture.person(.radiologist, "Dr. Ana Ruiz")
        let licence = try fixture.licence(radiologist, by: credentialer)
        let first = try fixture.post(client)
        let second = try fixture.post(client)
        try fixture.bid(radiologist, on: first)
        try fixture.sign(credentialer, CredentialBody(subject: radiologist.identity, credentialKind: .licence,
                                                      jurisdiction: NetworkFixture.jurisdiction, subspecialty: nil,
                                                      validFrom: NetworkFixture.epoch, validUntil: NetworkFixture.epoch + 1, revokes: licence.id))
        let late = try fixture.bid(radiologist, on: second)

        let report = try replica.ingest(fixture.encodedEvents, receivedAt: fixture.clock)

        XCTAssertEqual(report.quarantined, 1)
        XCTAssertEqual(try replica.quarantine(of: late.id)?.code, "no-licence")
    }

    func testNewLicenceAllowsLaterBidInBatch() throws {
        // The rejected bid caches "no credentials", so the new licence must drop that copy.
        let credentialer = try fixture.person(.credentialer, "Medical Board of California")
        let client = try fixture.person(.client, "Bayview Imaging Center")
        let radiologist = try fixture.person(.radiologist, "Dr. Ana Ruiz")
        let posting = try fixture.post(client)
        let early = try fixture.bid(radiologist, on: posting)
        try fixture.licence(radiologist, by: credentialer)
        let accepted = try fixture.bid(radiologist, on: posting, price: 10_000)

        _ = try replica.ingest(fixture.encodedEvents, receivedAt: fixture.clock)

        XCTAssertEqual(try replica.quarantine(of: early.id)?.code, "no-licence")
        XCTAssertNil(try replica.quarantine(of: accepted.id))
        XCTAssertEqual(try replica.scalar("SELECT bid_count FROM cases WHERE id = ?", posting.id.bytes), 1)
    }

    func testCountryLicenceCoversSubdivision() throws {
        let credentialer = try fixture.person(.credentialer, "Medical Board")
        let client = try fixture.person(.client, "Bayview Imaging Center")
        let radiologist = try fixture.person(.radiologist, "Dr. Ana Ruiz")
        try fixture.licence(radiologist, by: credentialer, jurisdiction: "US")
        let posting = try fixture.post(client)
        let bid = try fixture.bid(radiologist, on: posting)

        _ = try replica.ingest(fixture.encodedEvents, receivedAt: fixture.clock)

        XCTAssertNil(try replica.quarantine(of: bid.id))
        XCTAssertEqual(NetworkFixture.jurisdiction, "US-CA")
    }

    func testFailedBatchLeavesNoStaleCache() throws {
        let cast = try fixture.basicCast()
        let posting = try fixture.post(cast.client)
        try fixture.bid(cast.radiologist, on: posting)
        _ = try replica.ingest(fixture.encodedEvents, receivedAt: fixture.clock)
        let assignment = try fixture.assign(cast.client, posting, to: cast.radiologist, bid: nil, clinician: cast.clinician)
        let failing = [assignment.event.encoded]
        // A storage failure after the assignment was applied in memory rolls the whole batch back.
        try replica.database.execute("""
            CREATE TEMP TRIGGER fail_after_assignment AFTER UPDATE OF status ON main.cases
            BEGIN SELECT RAISE(ABORT, 'injected failure'); END
            """)

        XCTAssertThrowsError(try replica.ingest(failing, receivedAt: fixture.clock))
        try replica.database.execute("DROP TRIGGER fail_after_assignment")
        let retry = try replica.ingest(failing, receivedAt: fixture.clock)

        XCTAssertEqual(retry.stored, 1)
        XCTAssertEqual(retry.applied, 1)
        XCTAssertEqual(try replica.caseStatus(posting), "assigned")
    }

    func testCasesAndBidsAreRowidTables() throws {
        for table in ["cases", "bids"] {
            let definition = try replica.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '\(table)'")
            XCTAssertEqual(definition?.contains("WITHOUT ROWID"), false, table)
        }
    }

    func testBidLookupUsesPrefixIndex() throws {
        let plan = try replica.database.prepare("""
            EXPLAIN QUERY PLAN SELECT case_id FROM bids WHERE substr(id, 1, 8) = substr(?1, 1, 8) AND id = ?1
            """)
        var details: [String] = []
        while try plan.step() { details.append(plan.text(3)) }
        XCTAssertTrue(details.contains { $0.contains("USING INDEX bids_id") }, "\(details)")
    }

    func testVersionTwoFileRebuildsProjection() throws {
        let network = try StandardNetwork.build()
        _ = try replica.ingest(network.encodedEvents, receivedAt: NetworkFixture.epoch + 365 * NetworkFixture.day)
        let hash = try replica.stateHash()
        temporary.close()
        do {
            // Version 2 kept `cases` and `bids` as WITHOUT ROWID tables keyed by id.
            let raw = try Database(path: temporary.path)
            try raw.execute("""
                CREATE TABLE old_bids(id BLOB PRIMARY KEY, case_id BLOB NOT NULL, radiologist BLOB NOT NULL,
                    price INTEGER NOT NULL, currency TEXT NOT NULL, turnaround_minutes INTEGER NOT NULL, bid_at INTEGER NOT NULL,
                    withdrawn_at INTEGER) WITHOUT ROWID;
                INSERT INTO old_bids SELECT * FROM bids;
                DROP TABLE bids;
                ALTER TABLE old_bids RENAME TO bids;
                CREATE INDEX bids_case ON bids(case_id, radiologist);
                DROP INDEX cases_id;
                UPDATE meta SET value = '2' WHERE key = 'schema_version';
                """)
        }

        try temporary.reopen()

        XCTAssertEqual(try replica.text("SELECT value FROM meta WHERE key = 'schema_version'"), "\(Replica.schemaVersion)")
        XCTAssertEqual(try replica.text("SELECT sql FROM sqlite_master WHERE name = 'bids'")?.contains("WITHOUT ROWID"), false)
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'cases_id'"), 1)
        XCTAssertEqual(try replica.stateHash(), hash)
        XCTAssertEqual(try replica.verify().map(\.reason), [])
    }

    func testVersionFourFileKeepsEventsWithoutUniqueID() throws {
        let network = try StandardNetwork.build()
        _ = try replica.ingest(network.encodedEvents, receivedAt: NetworkFixture.epoch + 365 * NetworkFixture.day)
        let hash = try replica.stateHash()
        let rows = try eventRows()
        temporary.close()
        do {
            // Version 4 declared `events.id` UNIQUE and had no id-prefix index.
            let raw = try Database(path: temporary.path)
            try raw.execute("""
                CREATE TABLE old_events(rowid INTEGER PRIMARY KEY, id BLOB NOT NULL UNIQUE, author BLOB NOT NULL,
                    sequence INTEGER NOT NULL, previous BLOB NOT NULL, timestamp INTEGER NOT NULL, kind INTEGER NOT NULL,
                    encoded BLOB NOT NULL, received_at INTEGER NOT NULL, linked INTEGER NOT NULL DEFAULT 0, witnessed_at INTEGER);
                INSERT INTO old_events(rowid, id, author, sequence, previous, timestamp, kind, encoded, received_at, linked, witnessed_at)
                    SELECT rowid, id, author, sequence, previous, timestamp, kind, encoded, received_at, linked, witnessed_at FROM events;
                DROP TABLE events;
                ALTER TABLE old_events RENAME TO events;
                CREATE INDEX events_feed ON events(author, sequence);
                CREATE INDEX events_order ON events(timestamp, author, sequence);
                CREATE INDEX events_unlinked ON events(author, sequence) WHERE linked = 0;
                UPDATE meta SET value = '4' WHERE key = 'schema_version';
                """)
            XCTAssertEqual(try raw.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_autoindex_events_1'"), 1)
        }

        try temporary.reopen()

        XCTAssertEqual(try replica.text("SELECT value FROM meta WHERE key = 'schema_version'"), "\(Replica.schemaVersion)")
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_autoindex_events_1'"), 0)
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'events_unique_id'"), 0)
        for index in ["events_id", "events_feed", "events_order", "events_unlinked"] {
            XCTAssertEqual(try replica.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '\(index)'"), 1, index)
        }
        XCTAssertEqual(try eventRows(), rows)
        XCTAssertEqual(try replica.stateHash(), hash)
        XCTAssertEqual(try replica.verify().map(\.reason), [])
        let again = try replica.ingest(network.encodedEvents, receivedAt: NetworkFixture.epoch + 366 * NetworkFixture.day)
        XCTAssertEqual(again.duplicates, network.encodedEvents.count)
        XCTAssertEqual(again.stored, 0)
    }

    func testEventLookupByIDUsesPrefixIndex() throws {
        let plan = try replica.database.prepare("""
            EXPLAIN QUERY PLAN SELECT encoded FROM events WHERE substr(id, 1, 8) = substr(?1, 1, 8) AND id = ?1
            """)
        var details: [String] = []
        while try plan.step() { details.append(plan.text(3)) }
        XCTAssertTrue(details.contains { $0.contains("USING INDEX events_id") }, "\(details)")
    }

    /// Reads every stored event row with its rowid, in rowid order, as text.
    private func eventRows() throws -> [String] {
        let statement = try replica.database.prepare("""
            SELECT rowid, hex(id), hex(author), sequence, hex(previous), timestamp, kind, hex(encoded), received_at, linked, witnessed_at
            FROM events ORDER BY rowid
            """)
        var rows: [String] = []
        while try statement.step() {
            rows.append((0..<statement.columnCount).map { statement.canonicalValue($0) }.joined(separator: "|"))
        }
        return rows
    }
}
