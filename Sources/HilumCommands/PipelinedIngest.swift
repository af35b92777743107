import Dispatch
import Glibc
import HilumCore
import HilumLedger
import HilumSQLite

/// Streams events from a source into a replica: every core verifies the
/// next batches while one writer stores earlier ones. Batches pass through
/// a `VerifiedBatchQueue`, so neither side waits for the other until the
/// queue is full or empty. The writer keeps one transaction open across
/// batches and commits once it has stored `transactionSize` events or the
/// source is exhausted. A large transaction writes each randomly placed
/// index page to the WAL once for many events, while only a few batches
/// are in memory at a time.
///
/// NOTE: after `run` throws, discard the replica and open the file again,
/// because the linker's feed heads may describe rolled-back batches.
enum PipelinedIngest {
    struct Totals {
        var stored = 0
        var applied = 0
        var quarantined = 0
        var rejected = 0
        /// Write transactions committed.
        var transactions = 0
        /// Wall time the writer spent storing, in seconds.
        var writerSeconds = 0.0
        /// CPU time of the writer thread, user and system, in seconds.
        var writerCPUSeconds = 0.0
        /// Wall time the verifiers spent, in seconds.
        var verifySeconds = 0.0
        /// Events read from the source, whatever became of them.
        var offered = 0
    }

    /// The replica and the writer's totals, touched only by the writer
    /// until `run` has waited for it to finish.
    private final class WriterState: @unchecked Sendable {
        // @unchecked Sendable: the writer block is the only user until `group.wait()` returns in `run`.
        let replica: Replica
        var totals = Totals()
        var failure: Error?

        init(replica: Replica) { self.replica = replica }
    }

    /// Verified batches that may wait for the writer. Two keep the writer
    /// busy while the next batch is verified. Each waiting batch of 8,192
    /// events takes roughly 12 MB, an estimate from peak RSS at several
    /// batch sizes.
    static let queuedBatches = 2

    static func run(replica: Replica, source: EventFile.Reader, batchSize: Int, transactionSize: Int) throws -> Totals {
        let state = WriterState(replica: replica)
        let queue = VerifiedBatchQueue(capacity: queuedBatches)
        let group = DispatchGroup()
        DispatchQueue(label: "hilum.ingest.writer").async(group: group) {
            write(from: queue, into: state, transactionSize: transactionSize)
        }

        var verifySeconds = 0.0
        var offered = 0
        var readFailure: Error?
        while true {
            var batch: [[UInt8]] = []
            batch.reserveCapacity(batchSize)
            do {
                while batch.count < batchSize, let bytes = try source.next() { batch.append(bytes) }
            } catch {
                readFailure = error
                break
            }
            if batch.isEmpty { break }
            offered += batch.count
            let verifyStart = DispatchTime.now().uptimeNanoseconds
            let results = ParallelVerifier.verify(batch)
            verifySeconds += Double(DispatchTime.now().uptimeNanoseconds - verifyStart) / 1e9
            // A false result means the writer failed and closed the queue.
            guard queue.push(results) else { break }
        }
        queue.close()
        group.wait()

        if let failure = state.failure { throw failure }
        if let readFailure { throw readFailure }
        var totals = state.totals
        totals.verifySeconds = verifySeconds
        totals.offered = offered
        return totals
    }

    /// Stores queued batches until the queue is closed and drained, or a store fails.
    private static func write(from queue: VerifiedBatchQueue, into state: WriterState, transactionSize: Int) {
        let database = state.replica.database
        let cpuStart = threadCPUSeconds()
        defer { state.totals.writerCPUSeconds = threadCPUSeconds() - cpuStart }
        var uncommitted = 0
        do {
            while true {
                let batches = queue.takeAll()
                if batches.isEmpty { break }
                let writeStart = DispatchTime.now().uptimeNanoseconds
                defer { state.totals.writerSeconds += Double(DispatchTime.now().uptimeNanoseconds - writeStart) / 1e9 }
                if !database.isInTransaction { try database.execute("BEGIN IMMEDIATE") }
                for batch in batches {
                    // Inside the open transaction, `store` uses a savepoint.
                    let report = try state.replica.store(batch, receivedAt: Clock.nowMilliseconds())
                    state.totals.stored += report.stored
                    state.totals.applied += report.applied
                    state.totals.quarantined += report.quarantined
                    state.totals.rejected += report.rejected.count
                    uncommitted += batch.count
                }
                if uncommitted >= transactionSize {
                    try commit(database, state: state)
                    uncommitted = 0
                }
            }
            if database.isInTransaction {
                let start = DispatchTime.now().uptimeNanoseconds
                try commit(database, state: state)
                state.totals.writerSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            }
        } catch {
            if database.isInTransaction { try? database.execute("ROLLBACK") }
            state.failure = error
            queue.close()
        }
    }

    /// CPU time of the calling thread so far, in seconds.
    private static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    private static func commit(_ database: Database, state: WriterState) throws {
        try database.execute("COMMIT")
        state.totals.transactions += 1
    }
}
