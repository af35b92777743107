import HilumCore
import HilumSQLite

/// An event as stored, with what sync passes on beside it.
public struct StoredEvent: Sendable {
    /// The local row number: increases with every event this store accepts.
    public let row: Int64
    public let encoded: [UInt8]
    public let witnessedAt: Int64?

    public init(row: Int64, encoded: [UInt8], witnessedAt: Int64?) {
        self.row = row
        self.encoded = encoded
        self.witnessedAt = witnessedAt
    }
}

/// How far a store has got: the highest linked sequence of each feed, and
/// the feeds it has proof of a fork for. Two stores exchange frontiers to find
/// what each lacks.
public struct Frontier: Sendable, Equatable {
    public var heads: [PublicKey: UInt64]
    public var forked: Set<PublicKey>

    public init(heads: [PublicKey: UInt64] = [:], forked: Set<PublicKey> = []) {
        self.heads = heads
        self.forked = forked
    }
}

extension Replica {
    /// Lowers the node time recorded for a stored event to `witnessedAt`
    /// when that is earlier. True when the change moves the event's
    /// effective time while it is applied, so the projection must be replayed.
    func mergeWitness(_ id: EventID, _ witnessedAt: Int64) throws -> Bool {
        let row = try projector.sql("SELECT timestamp, witnessed_at, linked FROM events WHERE \(Schema.idMatches("id", parameter: 1))").bind(1, id)
        guard try row.step() else { return false }
        let timestamp = row.int64(0)
        let known: Int64? = row.isNull(1) ? nil : row.int64(1)
        let linked = row.int64(2) == 1
        guard let earliest = Witness.earliest(known, witnessedAt), earliest != known else { return false }
        try projector.sql("UPDATE events SET witnessed_at = ?2 WHERE \(Schema.idMatches("id", parameter: 1))")
            .bind(1, id).bind(2, earliest).run()
        let before = Witness.effectiveTime(timestamp: timestamp, witnessedAt: known)
        return linked && before != Witness.effectiveTime(timestamp: timestamp, witnessedAt: earliest)
    }

    /// Records node times a peer reported for events already stored here
    /// (a node's acknowledgment of events this replica pushed). Returns
    /// whether an applied event's effective time moved, so the projection
    /// must be replayed; with `replayNow` it is replayed at once, otherwise
    /// the caller calls `replayForWitnesses()` once for many batches.
    @discardableResult
    public func recordWitnesses(_ times: [(id: EventID, witnessedAt: Int64)], replayNow: Bool = true) throws -> Bool {
        guard !times.isEmpty else { return false }
        defer { releaseStatements() }
        return try database.transaction {
            var replay = false
            for (id, time) in times where try mergeWitness(id, time) { replay = true }
            if replay && replayNow {
                var report = IngestReport()
                try replayProjection(report: &report)
            }
            return replay
        }
    }

    /// Replays the projection after node times moved (see `recordWitnesses`).
    public func replayForWitnesses() throws {
        defer { releaseStatements() }
        try database.transaction {
            var report = IngestReport()
            try replayProjection(report: &report)
        }
    }
}

/// Reads what sync sends, on a connection of its own, so that a node can
/// serve peers while its writer stores. Each call reads one consistent
/// snapshot of the store.
public final class LedgerReader {
    let database: Database

    public init(path: String) throws {
        database = try Database(path: path)
    }

    /// Row number of the newest stored event (0 when empty).
    public func lastRow() throws -> Int64 {
        try database.scalarInt("SELECT coalesce(max(rowid), 0) FROM events") ?? 0
    }

    public func frontier() throws -> Frontier {
        try snapshot { try readFrontier() }
    }

    private func readFrontier() throws -> Frontier {
        var frontier = Frontier()
        let heads = try database.prepare("SELECT author, head_sequence, stop_reason FROM feeds")
        while try heads.step() {
            let author = PublicKey(unchecked: heads.blob(0))
            frontier.heads[author] = UInt64(heads.int64(1))
            if heads.optionalText(2) == "fork" { frontier.forked.insert(author) }
        }
        return frontier
    }

    /// The first signed event of `device`'s feed: the certificate that ties
    /// the device to its identity.
    public func deviceEvent(_ device: PublicKey) throws -> [UInt8]? {
        let statement = try database.prepare("SELECT encoded FROM events WHERE author = ? AND sequence = 1 AND kind = ?")
            .bind(1, device).bind(2, Int64(EventKind.device.rawValue))
        return try statement.step() ? statement.blob(0) : nil
    }

    /// Whether the projection marks `device` revoked or unknown; nil when unknown.
    public func deviceRevoked(_ device: PublicKey) throws -> Bool? {
        let statement = try database.prepare("SELECT revoked_at FROM devices WHERE device = ?").bind(1, device)
        guard try statement.step() else { return nil }
        return !statement.isNull(0)
    }

    /// Streams every stored event that a store at `peer` lacks, in
    /// projection order (so the peer applies them without replaying), in
    /// batches of at most `batchSize`. Returns the last row number of the
    /// snapshot read: events stored later have higher rows.
    @discardableResult
    public func missing(for peer: Frontier, batchSize: Int, _ send: ([StoredEvent]) throws -> Void) throws -> Int64 {
        try snapshot {
            let lastRow = try self.lastRow()
            let mine = try readFrontier()
            var batch: [StoredEvent] = []
            batch.reserveCapacity(batchSize)
            func add(_ event: StoredEvent) throws {
                batch.append(event)
                if batch.count >= batchSize {
                    try send(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }

            // Linked events: feeds are time-ordered, so everything the peer lacks is
            // at or after the earliest first-missing event of any feed.
            var start: Int64?
            let firstMissing = try database.prepare("SELECT timestamp FROM events WHERE author = ? AND sequence = ? AND linked = 1")
            for (author, head) in mine.heads {
                let theirs = peer.heads[author] ?? 0
                guard head > theirs else { continue }
                firstMissing.reset()
                firstMissing.bind(1, author).bind(2, Int64(theirs + 1))
                let timestamp = try firstMissing.step() ? firstMissing.int64(0) : Int64.min
                start = min(start ?? timestamp, timestamp)
            }
            if let start {
                let linked = try database.prepare("""
                    SELECT rowid, author, sequence, encoded, witnessed_at FROM events INDEXED BY events_order
                    WHERE timestamp >= ? AND linked = 1 ORDER BY timestamp, author, sequence
                    """).bind(1, start)
                while try linked.step() {
                    let author = PublicKey(unchecked: linked.blob(1))
                    guard UInt64(linked.int64(2)) > peer.heads[author] ?? 0 else { continue }
                    try add(StoredEvent(row: linked.int64(0), encoded: linked.blob(3),
                                        witnessedAt: linked.isNull(4) ? nil : linked.int64(4)))
                }
            }

            // Unlinked events: waiting behind a gap, or past a fork or a broken link.
            let unlinked = try database.prepare("""
                SELECT rowid, author, sequence, encoded, witnessed_at FROM events WHERE linked = 0 ORDER BY author, sequence
                """)
            while try unlinked.step() {
                let author = PublicKey(unchecked: unlinked.blob(1))
                guard UInt64(unlinked.int64(2)) > peer.heads[author] ?? 0 else { continue }
                try add(StoredEvent(row: unlinked.int64(0), encoded: unlinked.blob(3),
                                    witnessedAt: unlinked.isNull(4) ? nil : unlinked.int64(4)))
            }

            // Fork proofs the peer does not know: both events at the fork point.
            let forks = try database.prepare("""
                SELECT author, first_id, second_id FROM forks f
                WHERE sequence = (SELECT min(sequence) FROM forks g WHERE g.author = f.author)
                """)
            let byID = try database.prepare("SELECT rowid, encoded, witnessed_at FROM events WHERE \(Schema.idMatches("id", parameter: 1))")
            while try forks.step() {
                guard !peer.forked.contains(PublicKey(unchecked: forks.blob(0))) else { continue }
                for column in [Int32(1), 2] {
                    byID.reset()
                    byID.bind(1, forks.blob(column))
                    if try byID.step() {
                        try add(StoredEvent(row: byID.int64(0), encoded: byID.blob(1),
                                            witnessedAt: byID.isNull(2) ? nil : byID.int64(2)))
                    }
                }
            }
            if !batch.isEmpty { try send(batch) }
            return lastRow
        }
    }

    /// Events stored after row `after`, oldest first.
    public func events(after: Int64, limit: Int) throws -> [StoredEvent] {
        let statement = try database.prepare("SELECT rowid, encoded, witnessed_at FROM events WHERE rowid > ? ORDER BY rowid LIMIT ?")
            .bind(1, after).bind(2, Int64(limit))
        var events: [StoredEvent] = []
        while try statement.step() {
            events.append(StoredEvent(row: statement.int64(0), encoded: statement.blob(1),
                                      witnessedAt: statement.isNull(2) ? nil : statement.int64(2)))
        }
        return events
    }

    /// Runs `body` inside one read transaction.
    private func snapshot<R>(_ body: () throws -> R) throws -> R {
        try database.execute("BEGIN")
        defer { try? database.execute("COMMIT") }
        return try body()
    }
}
