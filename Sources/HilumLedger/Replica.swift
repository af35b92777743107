import HilumCore
import HilumCrypto
import HilumSQLite
import Glibc

/// Errors opening or using a replica that are not about one event.
public enum ReplicaError: Error, Sendable, CustomStringConvertible {
    case newerSchema(found: Int64, supported: Int64, path: String)
    case notAReplica(path: String, detail: String)

    public var description: String {
        switch self {
        case let .newerSchema(found, supported, path):
            "\(path) uses schema version \(found), newer than this build of hilum reads (\(supported)); update hilum, the file is left unchanged"
        case let .notAReplica(path, detail):
            "\(path) is not a Hilum replica: \(detail)"
        }
    }
}

/// Counts of what one `ingest` call did with the offered events.
public struct IngestReport: Sendable {
    public var stored = 0
    public var duplicates = 0
    public var pending = 0
    public var applied = 0
    public var quarantined = 0
    public var forks = 0
    public var rejected: [InputRejection] = []
    /// True when events arrived out of projection order and the projection was replayed.
    public var replayed = false

    public init() {}
}

/// A local copy of the ledger in SQLite: stored events, fork proofs and the
/// projection derived from them. One writer: confine a `Replica` to one
/// thread or serial queue.
public final class Replica {
    public let database: Database
    var projector: Projector

    /// The schema version this build writes and reads.
    public static var schemaVersion: Int64 { Schema.version }
    var linker: Linker

    public init(path: String) throws {
        database = try Database(path: path)
        // Read the version before creating anything, so a newer file is left untouched.
        var existing: Int64?
        do {
            try database.execute("PRAGMA cache_size=-65536")
            if try database.scalarInt("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'") == 1 {
                existing = try database.scalarText("SELECT value FROM meta WHERE key = 'schema_version'").flatMap { Int64($0) }
            }
        } catch {
            if error.isCorrupt { throw ReplicaError.notAReplica(path: path, detail: error.message) }
            throw error
        }
        if let existing, existing > Schema.version {
            throw ReplicaError.newerSchema(found: existing, supported: Schema.version, path: path)
        }
        do {
            try database.execute(Schema.storage)
        } catch {
            if error.isCorrupt { throw ReplicaError.notAReplica(path: path, detail: error.message) }
            throw error
        }
        projector = Projector(database: database)
        linker = Linker(database: database)
        if let existing, existing < Schema.version {
            try database.transaction {
                // A rebuild drops the old projection tables and creates them in the current layout.
                if try Schema.migrateStorage(database, from: existing) { try rebuildWithoutTransaction() }
            }
        }
        try database.execute(Schema.projection)
        if existing == nil {
            try database.execute("INSERT INTO meta(key, value) VALUES('schema_version', '\(Schema.version)')")
        }
        // A writer that deferred a replay and stopped before doing it.
        try replayIfPending()
        // A file from before page checksums gets them once; while another connection
        // has it open this fails, and 'ledger verify' reports the file as unchecked.
        if !database.reservesPageChecksums { try? database.addPageChecksums() }
    }

    // MARK: - Ingest

    /// Verifies `encoded` events on every core, then stores and applies them
    /// in one transaction. Bad input is reported in `rejected`, never thrown;
    /// thrown errors are storage failures, after which nothing of the batch is kept.
    public func ingest(_ encoded: [[UInt8]], receivedAt: Int64 = Clock.nowMilliseconds()) throws -> IngestReport {
        let results = ParallelVerifier.verify(encoded)
        return try store(results, receivedAt: receivedAt)
    }

    /// Stores events verified elsewhere (the pipelined ingest path).
    public func store(_ results: [Result<VerifiedEvent, InputRejection>], receivedAt: Int64 = Clock.nowMilliseconds()) throws -> IngestReport {
        var report = IngestReport()
        var verified: [VerifiedEvent] = []
        verified.reserveCapacity(results.count)
        for result in results {
            switch result {
            case let .success(event): verified.append(event)
            case let .failure(rejection): report.rejected.append(rejection)
            }
        }
        guard !verified.isEmpty else { return report }
        do {
            try database.transaction {
                defer { releaseStatements() }
                try forgetCachesIfWrittenElsewhere()
                try storeVerified(verified, receivedAt: receivedAt, report: &report)
            }
        } catch {
            // The feed heads and cached rows may describe rows that were rolled back.
            linker = Linker(database: database)
            projector = Projector(database: database)
            throw error
        }
        return report
    }

    private func storeVerified(_ batch: [VerifiedEvent], receivedAt: Int64, report: inout IngestReport) throws {
        var queue = batch
        var index = 0
        var newlyLinked: [VerifiedEvent] = []
        var needsReplay = false
        while index < queue.count {
            let verified = queue[index]
            index += 1
            // A fork proof carries two signed events of the forked feed; store them too.
            if case let .forkProof(body) = verified.event.content {
                for inner in [body.first, body.second] {
                    if case let .success(event) = EventVerifier.verify(inner) { queue.append(event) }
                }
            }
            guard let outcome = try linker.accept(verified, receivedAt: receivedAt) else {
                report.duplicates += 1
                if let witnessedAt = verified.witnessedAt, try mergeWitness(verified.id, witnessedAt) { needsReplay = true }
                continue
            }
            report.stored += 1
            newlyLinked += outcome.linked
            if outcome.forked {
                report.forks += 1
                needsReplay = true
            }
            if outcome.linked.isEmpty && !outcome.forked && !outcome.chainRejected { report.pending += 1 }
        }
        try linker.flush()
        // While a deferred replay is pending, new events wait for it: it applies everything.
        if deferReplays, try replayPending() { return }
        newlyLinked.sort { $0.orderKey < $1.orderKey }
        if !needsReplay, let first = newlyLinked.first, let last = try lastApplied(), first.orderKey <= last { needsReplay = true }
        guard !needsReplay else {
            if deferReplays {
                try setReplayPending(true)
                return
            }
            report.replayed = true
            try replayProjection(report: &report)
            return
        }
        for verified in newlyLinked {
            if try projector.apply(verified) == nil { report.applied += 1 } else { report.quarantined += 1 }
        }
        try projector.flushBidCounts()
        if let final = newlyLinked.last { try setLastApplied(final.orderKey) }
    }

    /// Stores an event this device just signed, or nothing: when the rules
    /// would quarantine it, the whole store is rolled back and the reason thrown.
    public func storeOwn(_ verified: VerifiedEvent) throws {
        do {
            try database.transaction {
                let report = try store([.success(verified)])
                if let rejection = report.rejected.first { throw FeedWriter.Failure.rejected(rejection) }
                if let quarantine = try quarantine(of: verified.id) { throw FeedWriter.Failure.quarantined(quarantine) }
            }
        } catch {
            // The feed heads and cached rows may describe the rolled-back event.
            linker = Linker(database: database)
            projector = Projector(database: database)
            throw error
        }
    }

    // MARK: - Projection order

    /// With `deferReplays`, a batch that needs the projection replayed (an
    /// event sorting before what is applied, a fork) only marks the replay as
    /// pending, and later batches are stored and linked without being
    /// applied, until `replayIfPending()` replays once. A replica catching up
    /// on months of history from a node then replays once, not once per
    /// batch. The mark is stored, so a crash before the replay keeps it.
    public var deferReplays = false

    func replayPending() throws -> Bool {
        try database.scalarText("SELECT value FROM meta WHERE key = 'replay_pending'") == "1"
    }

    func setReplayPending(_ pending: Bool) throws {
        if pending {
            try projector.sql("INSERT OR REPLACE INTO meta(key, value) VALUES('replay_pending', '1')").run()
        } else {
            try projector.sql("DELETE FROM meta WHERE key = 'replay_pending'").run()
        }
    }

    /// `PRAGMA data_version` when this connection last stored; nil before the first store.
    private var seenDataVersion: Int64?

    /// Drops the linker's and projector's cached feed heads and rows when
    /// another connection has committed since this one last stored. The
    /// worklist and a command run on the same home both append to the
    /// device's feed, so a stale head would leave the next event pending.
    private func forgetCachesIfWrittenElsewhere() throws {
        let version = try database.scalarInt("PRAGMA data_version")
        if version != seenDataVersion {
            linker = Linker(database: database)
            projector = Projector(database: database)
        }
        seenDataVersion = version
    }

    /// Resets the linker's and projector's cached statements. A lookup left
    /// on a row keeps the connection's read snapshot open after the commit:
    /// no WAL checkpoint can pass it (the WAL grew to 2.5 GB at a million
    /// events), and the next write transaction fails with SQLITE_BUSY_SNAPSHOT
    /// once another connection has written. Every public entry that uses
    /// cached statements calls this before it returns.
    func releaseStatements() {
        linker.releaseStatements()
        projector.releaseStatements()
    }

    /// Replays the projection if a deferred replay is pending; true when it did.
    @discardableResult
    public func replayIfPending() throws -> Bool {
        defer { releaseStatements() }
        guard try replayPending() else { return false }
        try database.transaction {
            var report = IngestReport()
            try replayProjection(report: &report)
            try setReplayPending(false)
        }
        return true
    }

    func lastApplied() throws -> OrderKey? {
        try database.scalarText("SELECT value FROM meta WHERE key = 'last_applied'").flatMap(OrderKey.init(stored:))
    }

    func setLastApplied(_ key: OrderKey?) throws {
        guard let key else {
            try projector.sql("DELETE FROM meta WHERE key = 'last_applied'").run()
            return
        }
        try projector.sql("INSERT OR REPLACE INTO meta(key, value) VALUES('last_applied', ?)").bind(1, key.stored).run()
    }

    /// Clears the projection tables (feeds excepted) and applies every linked
    /// event again in order. Used when an event arrives that sorts before
    /// what is already applied, or a fork unlinks applied events.
    func replayProjection(report: inout IngestReport) throws {
        for table in Schema.projectionTables where table.name != "feeds" {
            try database.execute("DELETE FROM \(table.name)")
        }
        try linker.restoreChainQuarantine()
        projector = Projector(database: database)
        let counts = try applyAllLinked()
        report.applied = counts.applied
        report.quarantined = counts.quarantined
    }

    private func applyAllLinked() throws -> (applied: Int, quarantined: Int) {
        var applied = 0
        var quarantined = 0
        var last: OrderKey?
        let statement = try database.prepare("""
            SELECT encoded, id, witnessed_at FROM events WHERE linked = 1 ORDER BY timestamp, author, sequence
            """)
        while try statement.step() {
            let encoded = statement.blob(0)
            let event = try Event(decoding: encoded)
            let verified = VerifiedEvent(event: event, id: EventID(unchecked: statement.blob(1)),
                                         witnessedAt: statement.isNull(2) ? nil : statement.int64(2))
            if try projector.apply(verified) == nil { applied += 1 } else { quarantined += 1 }
            last = verified.orderKey
        }
        try projector.flushBidCounts()
        try setLastApplied(last)
        for identity in try forkedIdentities() { try projector.refreshForked(identity) }
        return (applied, quarantined)
    }

    func forkedIdentities() throws -> [PublicKey] {
        let statement = try database.prepare("""
            SELECT DISTINCT d.identity FROM devices d JOIN feeds f ON f.author = d.device WHERE f.stop_reason = 'fork'
            """)
        var identities: [PublicKey] = []
        while try statement.step() { identities.append(PublicKey(unchecked: statement.blob(0))) }
        return identities
    }

    /// Drops every projection table and recomputes feeds, links,
    /// quarantine and state from the stored events alone.
    public func rebuild() throws {
        try database.transaction { try rebuildWithoutTransaction() }
    }

    func rebuildWithoutTransaction() throws {
        // Release the cached statements first: some stop mid-row, and SQLite refuses
        // DROP TABLE while a statement on the connection is still reading.
        linker = Linker(database: database)
        projector = Projector(database: database)
        try Schema.dropProjection(database)
        try database.execute("UPDATE events SET linked = 0")
        try setLastApplied(nil)
        linker = Linker(database: database)
        try linker.relinkAll()
        projector = Projector(database: database)
        _ = try applyAllLinked()
    }
}

public enum Clock {
    public static func nowMilliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}
