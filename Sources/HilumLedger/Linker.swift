import HilumCore
import HilumSQLite

/// Keeps each device feed a hash-linked chain. An event is *linked* once
/// every earlier event of its feed is stored, its `previous` names the
/// event before it, its timestamp does not go back, and only the first
/// event is a device event. The projector applies only linked events.
/// Events after a gap wait unlinked. A feed stops at a broken link or at a
/// fork (two events at one sequence), and nothing after that point links.
final class Linker {
    let database: Database
    private var heads: [PublicKey: FeedHead] = [:]
    private var dirty: Set<PublicKey> = []
    /// Authors with stored events that are not linked; nil until first loaded.
    private var waitingAuthors: Set<PublicKey>?

    struct FeedHead {
        var sequence: UInt64 = 0
        var id: EventID = .zero
        var timestamp: Int64 = 0
        var stoppedAt: UInt64?
        var stopReason: String?
    }

    struct Outcome {
        var linked: [VerifiedEvent] = []
        var forked = false
        var chainRejected = false
    }

    init(database: Database) {
        self.database = database
    }

    private lazy var statements = StatementCache(database: database)

    private func sql(_ text: String) throws -> Statement { try statements.statement(text) }

    /// Resets cached statements, so none holds a read snapshot past the commit.
    func releaseStatements() { statements.resetAll() }

    /// Stores an event and links it with any successors it unblocks; nil
    /// when an event with the same id is already stored.
    func accept(_ verified: VerifiedEvent, receivedAt: Int64) throws -> Outcome? {
        let event = verified.event
        let feed = try head(event.author)
        // Fast path: the next event of a running feed. No rival can exist, since
        // any event stored at that sequence would have been linked when the head
        // reached it, so it is stored already linked. For the same reason it
        // cannot be a duplicate, and it is inserted without looking for one.
        if feed.stoppedAt == nil, event.sequence == feed.sequence + 1, chainProblem(event, after: feed) == nil {
            try insert(verified, receivedAt: receivedAt, linked: true)
            var outcome = Outcome()
            try walk(from: verified, into: &outcome, firstStoredLinked: true)
            return outcome
        }
        guard try !isStored(verified.id) else { return nil }
        try insert(verified, receivedAt: receivedAt, linked: false)
        try markWaiting(event.author)
        return try link(verified)
    }

    /// True when an event with this id is stored. `events.id` has no unique
    /// index, so every insert off the fast path checks this first.
    private func isStored(_ id: EventID) throws -> Bool {
        let statement = try sql("SELECT 1 FROM events WHERE \(Schema.idMatches("id", parameter: 1))").bind(1, id)
        defer { statement.reset() }
        return try statement.step()
    }

    private func insert(_ verified: VerifiedEvent, receivedAt: Int64, linked: Bool) throws {
        let event = verified.event
        let statement = try sql("""
            INSERT INTO events(id, author, sequence, previous, timestamp, kind, encoded, received_at, linked, witnessed_at)
            VALUES(?,?,?,?,?,?,?,?,?,?)
            """).bind(1, verified.id).bind(2, event.author).bind(3, Int64(event.sequence))
            .bind(4, event.previous).bind(5, event.timestamp).bind(6, Int64(event.kind.rawValue))
            .bind(7, event.encoded).bind(8, receivedAt).bind(9, Int64(linked ? 1 : 0))
        if let witnessedAt = verified.witnessedAt { statement.bind(10, witnessedAt) } else { statement.bindNull(10) }
        try statement.run()
    }

    private func isWaiting(_ author: PublicKey) throws -> Bool {
        if waitingAuthors == nil {
            var authors: Set<PublicKey> = []
            let statement = try database.prepare("SELECT DISTINCT author FROM events WHERE linked = 0")
            while try statement.step() { authors.insert(PublicKey(unchecked: statement.blob(0))) }
            waitingAuthors = authors
        }
        return waitingAuthors!.contains(author)
    }

    private func markWaiting(_ author: PublicKey) throws {
        _ = try isWaiting(author)
        waitingAuthors?.insert(author)
    }

    /// Forgets that `author` has waiting events once none are left.
    private func refreshWaiting(_ author: PublicKey) throws {
        let statement = try sql("SELECT 1 FROM events WHERE author = ? AND linked = 0 LIMIT 1").bind(1, author)
        if try !statement.step() { waitingAuthors?.remove(author) }
    }

    func head(_ author: PublicKey) throws -> FeedHead {
        if let head = heads[author] { return head }
        let statement = try sql("SELECT head_sequence, head_id, head_timestamp, stopped_at, stop_reason FROM feeds WHERE author = ?")
            .bind(1, author)
        var head = FeedHead()
        if try statement.step() {
            head = FeedHead(sequence: UInt64(statement.int64(0)), id: EventID(unchecked: statement.blob(1)),
                            timestamp: statement.int64(2),
                            stoppedAt: statement.isNull(3) ? nil : UInt64(statement.int64(3)),
                            stopReason: statement.optionalText(4))
        }
        heads[author] = head
        return head
    }

    private func setHead(_ author: PublicKey, _ head: FeedHead) {
        heads[author] = head
        dirty.insert(author)
    }

    /// Writes changed feed heads to the `feeds` table.
    func flush() throws {
        for author in dirty {
            guard let head = heads[author] else { continue }
            let statement = try sql("""
                INSERT OR REPLACE INTO feeds(author, head_sequence, head_id, head_timestamp, stopped_at, stop_reason)
                VALUES(?,?,?,?,?,?)
                """).bind(1, author).bind(2, Int64(head.sequence)).bind(3, head.id).bind(4, head.timestamp)
            if let stoppedAt = head.stoppedAt { statement.bind(5, Int64(stoppedAt)) } else { statement.bindNull(5) }
            try statement.bind(6, head.stopReason).run()
        }
        dirty.removeAll()
    }

    /// Links a newly stored, unlinked event and any waiting successors it unblocks.
    private func link(_ verified: VerifiedEvent) throws -> Outcome {
        let event = verified.event
        var outcome = Outcome()
        let feed = try head(event.author)
        // A feed frozen by a fork still links the events before the fork point.
        let belowStop = feed.stoppedAt.map { feed.stopReason == "fork" && event.sequence < $0 } ?? true
        if belowStop, event.sequence == feed.sequence + 1 {
            try walk(from: verified, into: &outcome)
            return outcome
        }
        let rivals = try sql("SELECT id FROM events WHERE author = ? AND sequence = ? AND id != ?")
            .bind(1, event.author).bind(2, Int64(event.sequence)).bind(3, verified.id)
        var rivalIDs: [EventID] = []
        while try rivals.step() { rivalIDs.append(EventID(unchecked: rivals.blob(0))) }
        if !rivalIDs.isEmpty {
            for rival in rivalIDs { try recordFork(author: event.author, sequence: event.sequence, verified.id, rival) }
            try freeze(event.author, at: event.sequence)
            outcome.forked = true
        }
        return outcome
    }

    private func walk(from start: VerifiedEvent, into outcome: inout Outcome, firstStoredLinked: Bool = false) throws {
        var current = start
        var storedLinked = firstStoredLinked
        let author = start.event.author
        var feed = try head(author)
        while true {
            if let problem = chainProblem(current.event, after: feed) {
                feed.stoppedAt = current.event.sequence
                feed.stopReason = problem.code
                setHead(author, feed)
                try quarantine(current, problem)
                outcome.chainRejected = true
                return
            }
            if !storedLinked {
                try sql("UPDATE events SET linked = 1 WHERE \(Schema.idMatches("id", parameter: 1))").bind(1, current.id).run()
            }
            storedLinked = false
            feed.sequence = current.event.sequence
            feed.id = current.id
            feed.timestamp = current.event.timestamp
            setHead(author, feed)
            outcome.linked.append(current)
            guard try isWaiting(author) else { return }
            let next = try sql("SELECT encoded, id, witnessed_at FROM events WHERE author = ? AND sequence = ?")
                .bind(1, author).bind(2, Int64(feed.sequence + 1))
            guard try next.step() else {
                try refreshWaiting(author)
                return
            }
            current = VerifiedEvent(event: try Event(decoding: next.blob(0)), id: EventID(unchecked: next.blob(1)),
                                    witnessedAt: next.isNull(2) ? nil : next.int64(2))
            // A second row at the same sequence is a fork; `link` freezes the feed when it arrives.
            if try next.step() { return }
        }
    }

    private func chainProblem(_ event: Event, after feed: FeedHead) -> Quarantine? {
        if event.previous != feed.id {
            return Quarantine("previous-mismatch", "the event does not name the hash of sequence \(feed.sequence) of its feed")
        }
        if event.timestamp < feed.timestamp {
            return Quarantine("time-regression", "the event's timestamp is earlier than the previous event of its feed")
        }
        if event.sequence == 1 && event.kind != .device {
            return Quarantine("feed-without-device", "a feed must start with a device event")
        }
        return nil
    }

    private func quarantine(_ verified: VerifiedEvent, _ problem: Quarantine) throws {
        try sql("INSERT OR REPLACE INTO quarantine(event_id, author, sequence, kind, code, reason) VALUES(?,?,?,?,?,?)")
            .bind(1, verified.id).bind(2, verified.event.author).bind(3, Int64(verified.event.sequence))
            .bind(4, Int64(verified.event.kind.rawValue)).bind(5, problem.code).bind(6, problem.reason).run()
    }

    private func recordFork(author: PublicKey, sequence: UInt64, _ one: EventID, _ two: EventID) throws {
        let (first, second) = one < two ? (one, two) : (two, one)
        try sql("INSERT OR IGNORE INTO forks(author, sequence, first_id, second_id) VALUES(?,?,?,?)")
            .bind(1, author).bind(2, Int64(sequence)).bind(3, first).bind(4, second).run()
    }

    /// Stops the feed before `sequence` and unlinks everything from there on.
    private func freeze(_ author: PublicKey, at sequence: UInt64) throws {
        var feed = try head(author)
        // An earlier stop (a broken link or an earlier fork) already freezes everything from here on.
        if let stoppedAt = feed.stoppedAt, stoppedAt < sequence || (stoppedAt == sequence && feed.stopReason == "fork") { return }
        feed.stoppedAt = sequence
        feed.stopReason = "fork"
        if feed.sequence >= sequence {
            let previous = try sql("SELECT id, timestamp FROM events WHERE author = ? AND sequence = ? AND linked = 1")
                .bind(1, author).bind(2, Int64(sequence - 1))
            if sequence > 1, try previous.step() {
                feed.id = EventID(unchecked: previous.blob(0))
                feed.timestamp = previous.int64(1)
            } else {
                feed.id = .zero
                feed.timestamp = 0
            }
            feed.sequence = sequence - 1
        }
        setHead(author, feed)
        try sql("UPDATE events SET linked = 0 WHERE author = ? AND sequence >= ?").bind(1, author).bind(2, Int64(sequence)).run()
        // A chain rejection further along this feed no longer applies once the feed stops earlier.
        try sql("DELETE FROM quarantine WHERE author = ? AND sequence >= ?").bind(1, author).bind(2, Int64(sequence)).run()
    }

    /// Re-inserts quarantine rows for broken links after the projection was cleared.
    func restoreChainQuarantine() throws {
        try flush()
        let statement = try database.prepare("""
            SELECT e.encoded, e.id, f.stop_reason FROM feeds f JOIN events e ON e.author = f.author AND e.sequence = f.stopped_at
            WHERE f.stop_reason IS NOT NULL AND f.stop_reason != 'fork'
            """)
        var rows: [(VerifiedEvent, String)] = []
        while try statement.step() {
            rows.append((VerifiedEvent(event: try Event(decoding: statement.blob(0)), id: EventID(unchecked: statement.blob(1))),
                         statement.text(2)))
        }
        for (verified, code) in rows {
            if let problem = chainProblem(verified.event, after: try headBefore(verified.event)), problem.code == code {
                try quarantine(verified, problem)
            }
        }
    }

    private func headBefore(_ event: Event) throws -> FeedHead {
        var feed = FeedHead()
        guard event.sequence > 1 else { return feed }
        let statement = try sql("SELECT id, timestamp FROM events WHERE author = ? AND sequence = ? AND linked = 1")
            .bind(1, event.author).bind(2, Int64(event.sequence - 1))
        if try statement.step() {
            feed.sequence = event.sequence - 1
            feed.id = EventID(unchecked: statement.blob(0))
            feed.timestamp = statement.int64(1)
        }
        return feed
    }

    /// Recomputes every feed from the stored events and fork records.
    func relinkAll() throws {
        heads = [:]
        dirty = []
        var forkPoints: [PublicKey: UInt64] = [:]
        let forks = try database.prepare("SELECT author, min(sequence) FROM forks GROUP BY author")
        while try forks.step() { forkPoints[PublicKey(unchecked: forks.blob(0))] = UInt64(forks.int64(1)) }
        let starts = try database.prepare("SELECT encoded, id FROM events WHERE sequence = 1 ORDER BY author")
        while try starts.step() {
            let verified = VerifiedEvent(event: try Event(decoding: starts.blob(0)), id: EventID(unchecked: starts.blob(1)))
            if forkPoints[verified.event.author] == 1 { continue }
            var outcome = Outcome()
            // `walk` stops before a sequence that contains two events, so it never links past a fork.
            try walk(from: verified, into: &outcome)
        }
        for (author, sequence) in forkPoints {
            var feed = try head(author)
            if let stoppedAt = feed.stoppedAt, stoppedAt < sequence { continue }
            feed.stoppedAt = sequence
            feed.stopReason = "fork"
            setHead(author, feed)
        }
        try flush()
    }
}
