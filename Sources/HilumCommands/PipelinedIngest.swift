import Dispatch
import Foundation
import Glibc
import HilumCore
import HilumLedger
import HilumSQLite

/// Streams events from a source into a replica: every core verifies the
/// next batches while one writer stores earlier ones. The verifiers take
/// small chunks of a batch at a time and start on the next batch while
/// another chunk of the last one is still being checked, so no core waits
/// at a batch boundary. Batches pass through a `VerifiedBatchQueue` in
/// source order, so neither side waits for the other until the queue is
/// full or empty. The writer keeps one transaction open across
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
        /// Wall time from the end of verification to the writer's last
        /// commit, in seconds: while the writer stores the last batches,
        /// the other cores are idle.
        var tailSeconds = 0.0
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

    /// Events per batch passed to the writer unless the caller says
    /// otherwise. Small batches leave little to store after verification
    /// ends; the writer's transactions span many batches either way.
    static let defaultBatchSize = 2048

    /// Verified batches that may wait for the writer. Four 2,048-event
    /// batches are about 0.2 s of verification on two cores, so the
    /// verifiers keep working while the writer waits for a commit's fsync.
    /// A waiting batch of 8,192 events takes roughly 12 MB (an estimate from
    /// peak RSS at several batch sizes).
    static let queuedBatches = 4

    /// How much nicer than the writer the verifier threads run. The writer
    /// then stores each batch as soon as it is verified, so its queue stays
    /// short and little is left to store, on one core, once verification
    /// ends. With equal priority the queue was full most of the time. The
    /// writer then needed 0.3 to 0.5 s after the end of verification,
    /// against 0.1 to 0.13 s at nice 5, both measured at 200,000 events with
    /// another build running.
    static let verifierNiceness: Int32 = 5

    /// Events a verifier checks before it takes the next chunk: about 13 ms
    /// of work, short enough that both cores finish the input together.
    static let chunkSize = 256

    static func run(replica: Replica, source: EventFile.Reader, batchSize: Int, transactionSize: Int) throws -> Totals {
        let state = WriterState(replica: replica)
        let queue = VerifiedBatchQueue(capacity: queuedBatches)
        let group = DispatchGroup()
        DispatchQueue(label: "hilum.ingest.writer").async(group: group) {
            write(from: queue, into: state, transactionSize: transactionSize)
        }

        let verification = VerificationStage(source: source, batchSize: batchSize, output: queue)
        let verifyStart = DispatchTime.now().uptimeNanoseconds
        let verifiers = DispatchGroup()
        for _ in 0..<ParallelVerifier.cores {
            verifiers.enter()
            // Threads of their own, since niceness stays with a thread and cannot be lowered again without privilege.
            Thread {
                // On Linux the nice value is a thread's, and 0 names the calling thread. Relative to the
                // writer's, so a process started with nice keeps its verifiers below its writer too.
                let thisThread = __priority_which_t(PRIO_PROCESS.rawValue)
                _ = setpriority(thisThread, 0, min(19, getpriority(thisThread, 0) + verifierNiceness))
                verification.work()
                verifiers.leave()
            }.start()
        }
        verifiers.wait()
        let verifyEnd = DispatchTime.now().uptimeNanoseconds
        queue.close()
        group.wait()

        if let failure = state.failure { throw failure }
        if let readFailure = verification.readFailure { throw readFailure }
        var totals = state.totals
        totals.verifySeconds = Double(verifyEnd - verifyStart) / 1e9
        totals.tailSeconds = Double(DispatchTime.now().uptimeNanoseconds - verifyEnd) / 1e9
        totals.offered = verification.offered
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

/// The verifying side of `PipelinedIngest`. Each worker in `work` takes the
/// next chunk of the current batch and reads a new batch when every chunk is
/// handed out. A batch goes to the writer's queue once all its chunks are
/// verified, in source order.
private final class VerificationStage: @unchecked Sendable {
    // @unchecked Sendable: every stored property, and every batch's mutable
    // properties, are touched only while `lock` is held. Workers read a
    // batch's immutable `events` outside it.
    private final class Batch {
        let events: [[UInt8]]
        var results: [Result<VerifiedEvent, InputRejection>?]
        var handedOut = 0
        var unfinished: Int

        init(events: [[UInt8]]) {
            self.events = events
            results = Array(repeating: nil, count: events.count)
            unfinished = events.count
        }
    }

    private let lock = NSLock()
    private let source: EventFile.Reader
    private let batchSize: Int
    private let output: VerifiedBatchQueue
    /// Batches read and not yet passed to the writer, oldest first.
    private var pending: [Batch] = []
    private var sourceDone = false
    private var stopped = false
    private(set) var offered = 0
    private(set) var readFailure: Error?

    init(source: EventFile.Reader, batchSize: Int, output: VerifiedBatchQueue) {
        self.source = source
        self.batchSize = batchSize
        self.output = output
    }

    /// Verifies chunks until the source is exhausted or the writer has stopped.
    func work() {
        while let (batch, range) = nextChunk() {
            let results = range.map { EventVerifier.verify(batch.events[$0]) }
            finish(batch, range: range, results: results)
        }
    }

    private func nextChunk() -> (Batch, Range<Int>)? {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return nil }
        if pending.last.map({ $0.handedOut == $0.events.count }) ?? true {
            guard !sourceDone, let batch = readBatch() else { return nil }
            pending.append(batch)
        }
        let batch = pending[pending.count - 1]
        let start = batch.handedOut
        batch.handedOut = min(batch.events.count, start + PipelinedIngest.chunkSize)
        return (batch, start..<batch.handedOut)
    }

    /// Reads the next batch. Returns nil at the end of the source or on a read error, and reads nothing more after that.
    private func readBatch() -> Batch? {
        var events: [[UInt8]] = []
        events.reserveCapacity(batchSize)
        do {
            while events.count < batchSize, let bytes = try source.next() { events.append(bytes) }
        } catch {
            readFailure = error
            sourceDone = true
            return nil
        }
        if events.count < batchSize { sourceDone = true }
        guard !events.isEmpty else { return nil }
        offered += events.count
        return Batch(events: events)
    }

    /// Records a verified chunk and passes every finished batch at the head
    /// of `pending` to the writer. Pushing while the lock is held keeps the
    /// batches in order, and makes every worker wait while the writer's queue is full.
    private func finish(_ batch: Batch, range: Range<Int>, results: [Result<VerifiedEvent, InputRejection>]) {
        lock.lock()
        defer { lock.unlock() }
        for (offset, result) in results.enumerated() { batch.results[range.lowerBound + offset] = result }
        batch.unfinished -= range.count
        // `unfinished` reaches 0 only once every chunk was handed out and verified.
        while let oldest = pending.first, oldest.unfinished == 0 {
            pending.removeFirst()
            // A false result means the writer failed and closed the queue.
            guard output.push(oldest.results.map { $0! }) else {
                stopped = true
                return
            }
        }
    }
}
