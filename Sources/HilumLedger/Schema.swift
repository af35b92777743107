import HilumSQLite

/// The replica's tables. Storage tables (`events`, `forks`, `meta`) hold
/// what was received; every other table is a projection that
/// `Replica.rebuild()` can drop and recompute from the stored events.
enum Schema {
    static let version: Int64 = 6

    /// `events.id` has no unique index. An index on the id's first 8 bytes
    /// is about a third of the size of one on the whole random id. That one
    /// took 47 MB at a million events, which helped push the randomly
    /// written indexes out of the 64 MiB page cache. The `Linker` checks for a stored duplicate before it inserts, except for
    /// the next event of a running feed, which cannot be stored already.
    /// Queries by id match the prefix first (see `idMatches`).
    static let storage = """
    CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS events(
        rowid INTEGER PRIMARY KEY,
        id BLOB NOT NULL,
        author BLOB NOT NULL,
        sequence INTEGER NOT NULL,
        previous BLOB NOT NULL,
        timestamp INTEGER NOT NULL,
        kind INTEGER NOT NULL,
        encoded BLOB NOT NULL,
        received_at INTEGER NOT NULL,
        linked INTEGER NOT NULL DEFAULT 0,
        witnessed_at INTEGER
    );
    CREATE INDEX IF NOT EXISTS events_id ON events(substr(id, 1, 8));
    CREATE INDEX IF NOT EXISTS events_feed ON events(author, sequence);
    CREATE INDEX IF NOT EXISTS events_order ON events(timestamp, author, sequence);
    CREATE INDEX IF NOT EXISTS events_unlinked ON events(author, sequence) WHERE linked = 0;
    CREATE TABLE IF NOT EXISTS forks(
        author BLOB NOT NULL,
        sequence INTEGER NOT NULL,
        first_id BLOB NOT NULL,
        second_id BLOB NOT NULL,
        PRIMARY KEY(author, sequence, first_id, second_id)
    ) WITHOUT ROWID;
    """

    /// Projection tables, in the order `state_hash` digests them.
    static let projectionTables: [(name: String, orderBy: String)] = [
        ("feeds", "author"),
        ("identities", "identity"),
        ("devices", "device"),
        ("profiles", "identity"),
        ("credentials", "id"),
        ("cases", "id"),
        ("bids", "id"),
        ("assignments", "id"),
        ("grants", "id"),
        ("reports", "id"),
        ("addenda", "id"),
        ("follow_ups", "id"),
        ("critical_results", "id"),
        ("feedback", "id"),
        ("replies", "id"),
        ("peer_reviews", "id"),
        ("ai_labels", "id"),
        ("settlements", "id"),
        ("routing_decisions", "id"),
        ("routing_passes", "decision_id, bid_id"),
        ("measure_outcomes", "report_id, measure"),
        ("quality_facts", "subject, fact, ref"),
        ("quarantine", "event_id"),
    ]

    /// `cases` and `bids` grow with every posting and bid, so they are rowid
    /// tables: new rows append to the end instead of landing on a random page
    /// of a table keyed by a random hash. Lookups by id seek an index on the
    /// id's first 8 bytes and compare the full id in the row (see `idMatches`).
    /// That randomly written index is about a third of the size of one on the
    /// whole id. The rowid is local to this file, and `state_hash` never reads it.
    static let projection = """
    CREATE TABLE IF NOT EXISTS feeds(author BLOB PRIMARY KEY, head_sequence INTEGER NOT NULL, head_id BLOB NOT NULL,
        head_timestamp INTEGER NOT NULL, stopped_at INTEGER, stop_reason TEXT) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS identities(identity BLOB PRIMARY KEY, role INTEGER NOT NULL, display_name TEXT NOT NULL,
        encryption_key BLOB NOT NULL, created_at INTEGER NOT NULL, forked INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS devices(device BLOB PRIMARY KEY, identity BLOB NOT NULL, authorised_at INTEGER NOT NULL,
        revoked_at INTEGER) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS devices_identity ON devices(identity);
    CREATE TABLE IF NOT EXISTS profiles(identity BLOB PRIMARY KEY, subspecialties TEXT NOT NULL, prices TEXT NOT NULL,
        currency TEXT NOT NULL, turnaround_minutes INTEGER NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS credentials(id BLOB PRIMARY KEY, credentialer BLOB NOT NULL, subject BLOB NOT NULL,
        kind INTEGER NOT NULL, jurisdiction TEXT NOT NULL, subspecialty TEXT, valid_from INTEGER NOT NULL,
        valid_until INTEGER NOT NULL, revoked_at INTEGER, board TEXT) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS credentials_subject ON credentials(subject);
    CREATE TABLE IF NOT EXISTS cases(id BLOB NOT NULL, client BLOB NOT NULL, modality TEXT NOT NULL,
        body_region TEXT NOT NULL, procedure TEXT NOT NULL, priority INTEGER NOT NULL, posted_at INTEGER NOT NULL,
        deadline_at INTEGER NOT NULL, price INTEGER NOT NULL, currency TEXT NOT NULL, jurisdiction TEXT NOT NULL,
        subspecialty TEXT, series_count INTEGER NOT NULL, instance_count INTEGER NOT NULL, ai_findings TEXT NOT NULL,
        status TEXT NOT NULL, assignee BLOB, clinician BLOB, assigned_at INTEGER, reported_at INTEGER,
        bid_count INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX IF NOT EXISTS cases_id ON cases(substr(id, 1, 8));
    CREATE TABLE IF NOT EXISTS bids(id BLOB NOT NULL, case_id BLOB NOT NULL, radiologist BLOB NOT NULL,
        price INTEGER NOT NULL, currency TEXT NOT NULL, turnaround_minutes INTEGER NOT NULL, bid_at INTEGER NOT NULL,
        withdrawn_at INTEGER);
    CREATE INDEX IF NOT EXISTS bids_id ON bids(substr(id, 1, 8));
    CREATE INDEX IF NOT EXISTS bids_case ON bids(substr(case_id, 1, 8), substr(radiologist, 1, 8));
    CREATE TABLE IF NOT EXISTS assignments(id BLOB PRIMARY KEY, case_id BLOB NOT NULL, client BLOB NOT NULL,
        radiologist BLOB NOT NULL, bid_id BLOB, clinician BLOB, price INTEGER NOT NULL, currency TEXT NOT NULL,
        assigned_at INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS grants(id BLOB PRIMARY KEY, case_id BLOB NOT NULL, client BLOB NOT NULL,
        recipient BLOB NOT NULL, expires_at INTEGER NOT NULL, granted_at INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS reports(id BLOB PRIMARY KEY, case_id BLOB NOT NULL UNIQUE, radiologist BLOB NOT NULL,
        signed_at INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS addenda(id BLOB PRIMARY KEY, report_id BLOB NOT NULL, radiologist BLOB NOT NULL,
        filed_at INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS follow_ups(id BLOB PRIMARY KEY, report_id BLOB NOT NULL, case_id BLOB NOT NULL,
        radiologist BLOB NOT NULL, modality TEXT, interval_days INTEGER, guideline TEXT, recommended_at INTEGER NOT NULL,
        due_at INTEGER, status INTEGER, status_at INTEGER) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS critical_results(id BLOB PRIMARY KEY, case_id BLOB NOT NULL, radiologist BLOB NOT NULL,
        clinician BLOB NOT NULL, category INTEGER NOT NULL, flagged_at INTEGER NOT NULL, due_at INTEGER NOT NULL,
        acknowledged_at INTEGER) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS feedback(id BLOB PRIMARY KEY, report_id BLOB NOT NULL, case_id BLOB NOT NULL,
        clinician BLOB NOT NULL, radiologist BLOB NOT NULL, rating INTEGER, is_question INTEGER NOT NULL,
        given_at INTEGER NOT NULL, replied_at INTEGER) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS replies(id BLOB PRIMARY KEY, feedback_id BLOB NOT NULL, radiologist BLOB NOT NULL,
        addendum_id BLOB, replied_at INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS peer_reviews(id BLOB PRIMARY KEY, report_id BLOB NOT NULL, reviewer BLOB NOT NULL,
        author BLOB NOT NULL, score INTEGER NOT NULL, significance INTEGER NOT NULL, reviewed_at INTEGER NOT NULL,
        UNIQUE(report_id, reviewer)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS ai_labels(id BLOB PRIMARY KEY, case_id BLOB NOT NULL, radiologist BLOB NOT NULL,
        finding_code TEXT NOT NULL, label INTEGER NOT NULL, review_of BLOB, agrees INTEGER NOT NULL,
        labelled_at INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS settlements(id BLOB PRIMARY KEY, case_id BLOB NOT NULL UNIQUE, client BLOB NOT NULL,
        radiologist BLOB NOT NULL, amount INTEGER NOT NULL, currency TEXT NOT NULL, settled_at INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS routing_decisions(id BLOB PRIMARY KEY, case_id BLOB NOT NULL UNIQUE, client BLOB NOT NULL,
        chosen_bid BLOB NOT NULL, radiologist BLOB NOT NULL, decided_at INTEGER NOT NULL) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS routing_decisions_radiologist ON routing_decisions(radiologist);
    CREATE TABLE IF NOT EXISTS routing_passes(decision_id BLOB NOT NULL, bid_id BLOB NOT NULL, radiologist BLOB NOT NULL,
        figure INTEGER NOT NULL, rule INTEGER NOT NULL, PRIMARY KEY(decision_id, bid_id)) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS routing_passes_radiologist ON routing_passes(radiologist);
    CREATE TABLE IF NOT EXISTS measure_outcomes(report_id BLOB NOT NULL, measure TEXT NOT NULL, radiologist BLOB NOT NULL,
        result INTEGER NOT NULL, recorded_at INTEGER NOT NULL, PRIMARY KEY(report_id, measure)) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS measure_outcomes_radiologist ON measure_outcomes(radiologist);
    CREATE TABLE IF NOT EXISTS quality_facts(subject BLOB NOT NULL, fact TEXT NOT NULL, ref BLOB NOT NULL,
        value INTEGER NOT NULL, PRIMARY KEY(subject, fact, ref)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS quarantine(event_id BLOB PRIMARY KEY, author BLOB NOT NULL, sequence INTEGER NOT NULL,
        kind INTEGER NOT NULL, code TEXT NOT NULL, reason TEXT NOT NULL) WITHOUT ROWID;
    """

    /// Builds a condition that finds rows whose blob column `column` equals
    /// parameter `parameter`, through an index on `substr(column, 1, 8)`.
    /// SQLite uses an expression index only when the query repeats the
    /// indexed expression exactly.
    static func idMatches(_ column: String, parameter: Int) -> String {
        idMatches(column, "?\(parameter)")
    }

    /// Builds the same condition against any SQL expression, such as a column of a joined table.
    static func idMatches(_ column: String, _ value: String) -> String {
        "substr(\(column), 1, 8) = substr(\(value), 1, 8) AND \(column) = \(value)"
    }

    /// Brings the storage tables of a file written by an older build up to
    /// `version` and records the new version. Runs inside the caller's
    /// transaction. Returns true when the projection must be rebuilt because
    /// its table layout changed.
    static func migrateStorage(_ database: Database, from found: Int64) throws -> Bool {
        if found < 2 {
            // Version 2 records node time (see `Witness`).
            let columns = try database.prepare("SELECT count(*) FROM pragma_table_info('events') WHERE name = 'witnessed_at'")
            _ = try columns.step()
            if columns.int64(0) == 0 { try database.execute("ALTER TABLE events ADD COLUMN witnessed_at INTEGER") }
        }
        if found < 6 { try copyEventsWithoutUniqueID(database) }
        try database.execute("UPDATE meta SET value = '\(version)' WHERE key = 'schema_version'")
        // Version 3 turned `cases` and `bids` into rowid tables; version 4 added credentials.board;
        // version 5 added the routing and measure tables. Version 6 changed only the storage tables.
        return found < 5
    }

    /// Version 6 dropped the unique constraint on `events.id`, which SQLite
    /// can remove only by copying the table. Rowids are kept, because sync
    /// cursors (`events(after:)`) count in rowids.
    private static func copyEventsWithoutUniqueID(_ database: Database) throws {
        try database.execute("""
            ALTER TABLE events RENAME TO events_unique_id;
            DROP INDEX IF EXISTS events_id;
            DROP INDEX IF EXISTS events_feed;
            DROP INDEX IF EXISTS events_order;
            DROP INDEX IF EXISTS events_unlinked;
            """)
        try database.execute(storage)
        try database.execute("""
            INSERT INTO events(rowid, id, author, sequence, previous, timestamp, kind, encoded, received_at, linked, witnessed_at)
            SELECT rowid, id, author, sequence, previous, timestamp, kind, encoded, received_at, linked, witnessed_at FROM events_unique_id;
            DROP TABLE events_unique_id;
            """)
    }

    static func dropProjection(_ database: Database) throws {
        for table in projectionTables {
            try database.execute("DROP TABLE IF EXISTS \(table.name)")
        }
        try database.execute(projection)
    }
}
