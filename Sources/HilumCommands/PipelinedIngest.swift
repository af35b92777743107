import Dispatch
import HilumCore
import HilumLedger

/// Streams events from a source into a replica: while the writer stores
/// batch k in one transaction, every core verifies batch k+1.
enum PipelinedIngest {
    struct Totals {
        var stored = 0
        var applied = 0
        var quarantined = 0
        var rejected = 0
    }

    /// The replica and running totals, touched only on the writer queue.
    private final class WriterState: @unchecked Sendable {
        // @unchecked Sendable: every access happens on `queue`, one block at a time.
        let replica: Replica
        var totals = Totals()
        var failure: Error?

        init(replica: Replica) { self.replica = replica }
    }

    static func run(replica: Replica, source: EventFile.Reader, batchSize: Int) throws -> Totals {
        let state = WriterState(replica: replica)
        let queue = DispatchQueue(label: "hilum.ingest.writer")
        let group = DispatchGroup()
        while true {
            var batch: [[UInt8]] = []
            batch.reserveCapacity(batchSize)
            while batch.count < batchSize, let bytes = try source.next() { batch.append(bytes) }
            if batch.isEmpty { break }
            let results = ParallelVerifier.verify(batch)
            group.wait()
            let receivedAt = Clock.nowMilliseconds()
            queue.async(group: group) {
                guard state.failure == nil else { return }
                do {
                    let report = try state.replica.store(results, receivedAt: receivedAt)
                    state.totals.stored += report.stored
                    state.totals.applied += report.applied
                    state.totals.quarantined += report.quarantined
                    state.totals.rejected += report.rejected.count
                } catch {
                    state.failure = error
                }
            }
        }
        group.wait()
        if let failure = state.failure { throw failure }
        return state.totals
    }
}
