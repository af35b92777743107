import Dispatch
import HilumCore
import HilumLedger
import Synchronization

/// What one stored batch changed.
struct StoreOutcome: Sendable {
    var report: IngestReport
    /// Local rows the batch's new events received (contiguous: one writer, one transaction).
    var rows: ClosedRange<Int64>?
}

/// The single writer of a store that sync sessions share. It owns the
/// `Replica`, runs every write on one serial queue, and publishes the
/// newest row only after the callbacks for it have run, so a session that
/// pushes new rows to its peer has already recorded which rows came from that peer.
final class StoreWriter: @unchecked Sendable {
    // @unchecked Sendable: `replica` is used only on `queue`; the rest is atomic or locked.
    private let queue = DispatchQueue(label: "hilum.sync.writer")
    private let replica: Replica
    private let published = Atomic<Int64>(0)
    private let busyNanoseconds = Atomic<UInt64>(0)
    private let listeners = Mutex<[ObjectIdentifier: @Sendable () -> Void]>([:])

    init(path: String) throws {
        replica = try Replica(path: path)
        replica.deferReplays = true
        published.store(try Self.maxRow(replica), ordering: .releasing)
    }

    /// The newest row whose store callbacks have run.
    var publishedRow: Int64 { published.load(ordering: .acquiring) }

    /// Wall time spent in `store` transactions since the writer opened, in seconds.
    var busySeconds: Double { Double(busyNanoseconds.load(ordering: .relaxed)) / 1e9 }

    func addListener(_ owner: AnyObject, _ wake: @escaping @Sendable () -> Void) {
        listeners.withLock { $0[ObjectIdentifier(owner)] = wake }
    }

    func removeListener(_ owner: AnyObject) {
        _ = listeners.withLock { $0.removeValue(forKey: ObjectIdentifier(owner)) }
    }

    /// Stores verified events in one transaction, then calls `completion`
    /// on the writer queue, then wakes every listener.
    func store(_ results: [Result<VerifiedEvent, InputRejection>],
               completion: @escaping @Sendable (Result<StoreOutcome, Error>) -> Void) {
        queue.async { [self] in
            let start = DispatchTime.now().uptimeNanoseconds
            let outcome = Result { () throws -> StoreOutcome in
                let before = try Self.maxRow(replica)
                let report = try replica.store(results)
                let after = try Self.maxRow(replica)
                return StoreOutcome(report: report, rows: after > before ? (before + 1)...after : nil)
            }
            busyNanoseconds.add(DispatchTime.now().uptimeNanoseconds - start, ordering: .relaxed)
            completion(outcome)
            publishNewRows()
            scheduleReplay()
        }
    }

    /// Lowers recorded node times (from a node's acknowledgment). When that
    /// moves applied events' effective times, the projection is replayed
    /// once the acknowledgments stop for half a second (or at `drain`), not
    /// once per batch: a backlog pushed after a long time offline would
    /// otherwise replay the whole projection for every batch.
    func recordWitnesses(_ witnesses: [WitnessedEvent]) {
        queue.async { [self] in
            guard (try? replica.recordWitnesses(witnesses.map { (id: $0.id, witnessedAt: $0.witnessedAt) }, replayNow: false)) == true else { return }
            witnessReplayPending = true
            scheduleReplay()
        }
    }

    /// Queue-confined: a replay for moved node times is owed.
    private var witnessReplayPending = false

    /// Replays half a second after the last store or acknowledgment that
    /// left a replay owed (a batch sorting before what was applied, or moved
    /// node times), so a long catch-up replays once at its end.
    private func scheduleReplay() {
        replayGeneration += 1
        let generation = replayGeneration
        queue.asyncAfter(deadline: .now() + 0.5) { [self] in
            guard generation == replayGeneration else { return }
            replayIfPending()
        }
    }

    /// Queue-confined: the number of the latest scheduled replay check.
    private var replayGeneration = 0

    private func replayIfPending() {
        let replayed = (try? replica.replayIfPending()) ?? false
        if witnessReplayPending && !replayed { try? replica.replayForWitnesses() }
        witnessReplayPending = false
        if replayed { publishNewRows() }
    }

    /// Runs `body` after every store queued before it.
    func afterPending(_ body: @escaping @Sendable () -> Void) {
        queue.async(execute: body)
    }

    /// Picks up rows that another process (a `hilum` command on the same
    /// home) wrote, and wakes sessions to push them.
    func pollForeignWrites() {
        queue.async { [self] in publishNewRows() }
    }

    /// Waits for every queued write, and replays for moved node times now.
    func drain() {
        queue.sync { replayIfPending() }
    }

    private func publishNewRows() {
        guard let newest = try? Self.maxRow(replica), newest > published.load(ordering: .relaxed) else { return }
        published.store(newest, ordering: .releasing)
        for wake in listeners.withLock({ Array($0.values) }) { wake() }
    }

    private static func maxRow(_ replica: Replica) throws -> Int64 {
        try replica.database.scalarInt("SELECT coalesce(max(rowid), 0) FROM events") ?? 0
    }
}
