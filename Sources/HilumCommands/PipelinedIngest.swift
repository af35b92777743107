import Dispatch
import HilumCore
import HilumLedger

/// Streams events from a source into a replica: while the writer stores
/// batch k in one transaction, every core verifies batch k+1.
enum PipelinedIngest {
    struct Totals {
        /// Events read from the source.
        var offered = 0
        var stored = 0
        var applied = 0
        var quarantined = 0
        var rejected = 0
        /// Wall time the writer spent storing, in seconds.
        var writerSeconds = 0.0
        /// Wall time the verifiers spent, in seconds.
        var verifySeconds = 0.0
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
            let verifyStart = DispatchTime.now().uptimeNanoseconds
            let results = ParallelVerifier.verify(batch)
            let verifyElapsed = Double(DispatchTime.now().uptimeNanoseconds - verifyStart) / 1e9
            group.wait()
            state.totals.verifySeconds += verifyElapsed
            state.totals.offered += batch.count
            let receivedAt = Clock.nowMilliseconds()
            queue.async(group: group) {
                guard state.failure == nil else { return }
                let writeStart = DispatchTime.now().uptimeNanoseconds
                defer { state.totals.writerSeconds += Double(DispatchTime.now().uptimeNanoseconds - writeStart) / 1e9 }
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
