import HilumCore
import HilumLedger

/// What the replica says about sync, for the worklist's header.
public struct LedgerStatus: Sendable, Equatable {
    /// The newest event's row id: it changes whenever an event is stored, so
    /// the screens reload when it moves.
    public let version: Int64
    /// The node time of the newest stored event that has one, in milliseconds;
    /// nil before a node has stamped any.
    public let lastEventAt: Int64?
    /// This device's own events that no node has stamped yet (`witnessed_at IS NULL`).
    public let pendingUpload: Int

    public init(version: Int64, lastEventAt: Int64?, pendingUpload: Int) {
        self.version = version
        self.lastEventAt = lastEventAt
        self.pendingUpload = pendingUpload
    }
}

extension WorklistStore {
    /// The newest event's row id, as `LedgerStatus.version`: one index seek,
    /// where `ledgerStatus()` also looks for the newest node time, which scans
    /// every event from the end while none is stamped.
    public func ledgerVersion() throws -> Int64 {
        freshRead()
        defer { freshRead() }
        let newest = try sql("SELECT coalesce(max(rowid), 0) FROM events")
        return try newest.step() ? newest.int64(0) : 0
    }

    public func ledgerStatus() throws -> LedgerStatus {
        freshRead()
        defer { freshRead() }
        let newest = try sql("SELECT coalesce(max(rowid), 0) FROM events")
        let version = try newest.step() ? newest.int64(0) : 0
        newest.reset()
        // Among the newest 10,000 rows only: the status bar polls this every 200 ms, and on
        // a replica no node has stamped, an unbounded search would read every event each time.
        let stamped = try sql("""
            SELECT witnessed_at FROM (SELECT witnessed_at FROM events ORDER BY rowid DESC LIMIT 10000)
            WHERE witnessed_at IS NOT NULL LIMIT 1
            """)
        let lastEventAt = try stamped.step() ? stamped.int64(0) : nil
        stamped.reset()
        let pending = try sql("SELECT count(*) FROM events WHERE author = ? AND witnessed_at IS NULL").bind(1, record.device.bytes)
        let count = try pending.step() ? pending.int(0) : 0
        return LedgerStatus(version: version, lastEventAt: lastEventAt, pendingUpload: count)
    }

    /// This radiologist's quality figures as of `now`, for the Me screen.
    public func qualityMetrics(now: Int64) throws -> QualityMetrics {
        freshRead()
        return try QualityMetrics(radiologist: record.identity, database: database, asOf: now)
    }
}
