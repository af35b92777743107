import Dispatch
import Foundation
import HilumCore
import HilumLedger
import Synchronization

/// Counts of one session, for `hilum sync`'s report and the node log.
public struct SyncSummary: Sendable, Equatable {
    /// New events received and stored here.
    public var received = 0
    public var duplicates = 0
    public var rejected = 0
    public var quarantined = 0
    /// Events sent to the peer.
    public var sent = 0
    /// The peer's stored and duplicate counts for the events sent to it.
    public var peerStored = 0
    public var peerDuplicates = 0

    public init() {}

    public var line: String {
        "received \(received) new (\(duplicates) already here, \(rejected) rejected, \(quarantined) quarantined); "
            + "sent \(sent) (peer stored \(peerStored), \(peerDuplicates) it already had)"
    }
}

/// One connection's sync, after the handshake. Both sides run the same
/// protocol: send the frontier, stream what the peer lacks, say caught-up,
/// then (in live mode) push new events as they are stored. A receive
/// thread verifies incoming batches on every core and hands them to the
/// shared writer; a send thread reads from its own database connection.
final class SyncSession: Sendable {
    enum Mode: Sendable { case live, once }

    /// Events per `events` frame, and so per write transaction at the
    /// receiver: 16,384 events (about 3.7 MB) meet the 1,000,000-event sync
    /// target with replica RSS near 210 MB; 32,768 was faster but passed 250 MB.
    static let batchSize = 16_384
    static let idleSeconds = 10.0
    static let silentLimit = 3
    /// Repeat-only frames in a row that drop a peer during its catch-up. The
    /// frontier exchange keeps an honest peer from resending stored events,
    /// so a long run of repeats only wastes this node's signature checks.
    static let duplicateFrameLimit = 100
    /// Feeds a peer's frontier may name: far above any real network, low enough to bound memory.
    static let maxFrontier = 2_000_000

    let channel: SecureChannel
    let mode: Mode
    let isNode: Bool
    let storePath: String
    let writer: StoreWriter
    let log: NodeLog
    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)
    private let frontierReady = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let inflight = DispatchSemaphore(value: 2)
    /// Sends acknowledgments and the closing `bye` off the writer's queue:
    /// the writer must never wait on a peer's socket, or two peers that fill
    /// each other's buffers could each wait on the other's writer.
    private let outbox = DispatchQueue(label: "hilum.sync.outbox")

    struct State {
        var peerHeads: [PublicKey: UInt64] = [:]
        var peerForked: Set<PublicKey> = []
        var frontierDone = false
        var peerCaughtUp = false
        var ourCaughtUp = false
        var batchesSent: UInt64 = 0
        var batchesAcknowledged: UInt64 = 0
        var summary = SyncSummary()
        /// Local rows holding events this peer sent, so they are not pushed back.
        var rowsFromPeer: [ClosedRange<Int64>] = []
        var stopped = false
        var failure: String?
        var caughtUpLogged = false
        /// Frames in a row whose every event was already here.
        var duplicateStreak = 0
    }

    init(channel: SecureChannel, mode: Mode, isNode: Bool, storePath: String, writer: StoreWriter, log: NodeLog) {
        self.channel = channel
        self.mode = mode
        self.isNode = isNode
        self.storePath = storePath
        self.writer = writer
        self.log = log
    }

    var summary: SyncSummary { state.withLock { $0.summary } }
    var failure: String? { state.withLock { $0.failure } }

    /// Runs until the peer leaves, breaks the protocol, or (in `once`
    /// mode) both sides are caught up and acknowledged.
    func run() {
        writer.addListener(self) { [wake] in wake.signal() }
        let sender = Thread { [self] in
            do {
                try sendLoop()
            } catch {
                fail("\(error)")
            }
            finished.signal()
        }
        sender.start()
        do {
            try receiveLoop()
        } catch let violation as ProtocolViolation {
            try? channel.send(.bye(reason: violation.description))
            fail(violation.description)
        } catch {
            fail("\(error)")
        }
        stop()
        finished.wait()
        // Let acknowledgments of batches still in the writer go out before the connection closes.
        writer.drain()
        outbox.sync {}
        writer.removeListener(self)
        channel.connection.close()
    }

    func stop() {
        state.withLock { $0.stopped = true }
        frontierReady.signal()
        wake.signal()
        channel.connection.close()
    }

    private var stopped: Bool { state.withLock { $0.stopped } }

    private func fail(_ reason: String) {
        state.withLock { state in
            if state.failure == nil && !state.stopped { state.failure = reason }
        }
    }

    // MARK: - Receiving

    private func receiveLoop() throws {
        var silent = 0
        var pingNonce: UInt64 = 0
        while !stopped {
            guard let message = try channel.receive(idle: Self.idleSeconds) else {
                silent += 1
                if silent >= Self.silentLimit {
                    throw ProtocolViolation("silent for \(Int(Self.idleSeconds) * Self.silentLimit) s")
                }
                pingNonce += 1
                try channel.send(.ping(pingNonce))
                continue
            }
            silent = 0
            switch message {
            case let .frontier(heads, forked, final):
                try receiveFrontier(heads, forked, final)
            case let .events(batch, events):
                try receiveEvents(batch, events)
            case .caughtUp:
                writer.afterPending { [self] in
                    state.withLock { $0.peerCaughtUp = true }
                    checkDone()
                }
            case let .ack(ack):
                receiveAcknowledgment(ack)
            case let .ping(nonce):
                try channel.send(.pong(nonce))
            case .pong:
                break
            case let .bye(reason):
                if mode == .live || !isDone { log.write("\(channel.peer) left: \(reason)") }
                // A node that refuses this peer, or stops, sends bye before the sync is complete.
                if mode == .once && !isDone { fail("the peer ended the session before the sync was complete: \(reason)") }
                return
            }
        }
    }

    private func receiveFrontier(_ heads: [(PublicKey, UInt64)], _ forked: [PublicKey], _ final: Bool) throws {
        let tooMany = try state.withLock { state throws -> Bool in
            guard !state.frontierDone else { throw ProtocolViolation("sent a second frontier") }
            for (author, sequence) in heads { state.peerHeads[author] = sequence }
            state.peerForked.formUnion(forked)
            state.frontierDone = final
            return state.peerHeads.count > Self.maxFrontier
        }
        if tooMany { throw ProtocolViolation("sent a frontier of more than \(Self.maxFrontier) feeds") }
        if final { frontierReady.signal() }
    }

    private func receiveEvents(_ batch: UInt64, _ events: [WireEvent]) throws {
        let now = Clock.nowMilliseconds()
        let peerIsNode = channel.peer.role == .node
        var results = ParallelVerifier.verify(events.map(\.encoded))
        var witnesses: [WitnessedEvent] = []
        var rejections: [InputRejection] = []
        for index in results.indices {
            switch results[index] {
            case var .success(verified):
                let reported = peerIsNode ? events[index].witnessedAt : nil
                verified.witnessedAt = isNode ? Witness.earliestKnown(reported, now) : reported
                if isNode, let time = verified.witnessedAt { witnesses.append(WitnessedEvent(id: verified.id, witnessedAt: time)) }
                results[index] = .success(verified)
            case let .failure(rejection):
                rejections.append(rejection)
            }
        }
        inflight.wait()
        writer.store(results) { [self, witnesses] outcome in
            inflight.signal()
            switch outcome {
            case let .success(stored):
                let repeating = state.withLock { state -> Bool in
                    state.summary.received += stored.report.stored
                    state.summary.duplicates += stored.report.duplicates
                    state.summary.rejected += stored.report.rejected.count
                    state.summary.quarantined += stored.report.quarantined
                    if let rows = stored.rows { state.rowsFromPeer.append(rows) }
                    // Only during the catch-up: live, a node in a mesh relays events this node
                    // may already have from another peer, which is not abuse.
                    let onlyRepeats = stored.report.stored == 0 && stored.report.duplicates > 0 && !state.peerCaughtUp
                    state.duplicateStreak = onlyRepeats ? state.duplicateStreak + 1 : 0
                    return state.duplicateStreak == Self.duplicateFrameLimit
                }
                if repeating {
                    let reason = "sent \(Self.duplicateFrameLimit) frames in a row of events this node already had"
                    fail(reason)
                    outbox.async { [self] in
                        try? channel.send(.bye(reason: reason))
                        stop()
                    }
                }
                // The events are valid, so the sender stays connected (it may only relay them), but a fork is worth a line.
                if stored.report.forks > 0 {
                    let forks = stored.report.forks
                    log.write("\(channel.peer) sent events that prove \(forks) fork\(forks == 1 ? "" : "s"); the forked feeds are frozen")
                }
                let ack = Acknowledgment(batch: batch, stored: UInt32(stored.report.stored), duplicates: UInt32(stored.report.duplicates),
                                         rejected: UInt32(stored.report.rejected.count), witnesses: witnesses)
                outbox.async { [self] in
                    do { try channel.send(.ack(ack)) } catch { stop() }
                }
            case let .failure(error):
                log.write("cannot store events from \(channel.peer): \(error)")
                fail("storage failed: \(error)")
                stop()
            }
        }
        if let first = rejections.first {
            throw ProtocolViolation("sent \(rejections.count) event\(rejections.count == 1 ? "" : "s") that failed verification (first: \(first))")
        }
    }

    private func receiveAcknowledgment(_ ack: Acknowledgment) {
        state.withLock { state in
            state.batchesAcknowledged += 1
            state.summary.peerStored += Int(ack.stored)
            state.summary.peerDuplicates += Int(ack.duplicates)
        }
        if !isNode, channel.peer.role == .node, !ack.witnesses.isEmpty { writer.recordWitnesses(ack.witnesses) }
        checkDone()
    }

    private var isDone: Bool {
        state.withLock { $0.peerCaughtUp && $0.ourCaughtUp && $0.batchesAcknowledged >= $0.batchesSent }
    }

    private func checkDone() {
        let firstRound = state.withLock { state -> Bool in
            guard state.peerCaughtUp, state.ourCaughtUp, !state.caughtUpLogged else { return false }
            state.caughtUpLogged = true
            return true
        }
        if firstRound && mode == .live { log.write("caught up with \(channel.peer): \(summary.line)") }
        guard mode == .once, isDone else { return }
        // From here the peer may close first; that is the normal end, not a failure.
        state.withLock { $0.stopped = true }
        outbox.async { [self] in
            // Mark the session stopped before the bye goes out: the peer closes
            // the connection on reading it, and that close is not a failure.
            state.withLock { $0.stopped = true }
            try? channel.send(.bye(reason: "sync complete"))
            stop()
        }
    }

    // MARK: - Sending

    private func sendLoop() throws {
        let reader = try LedgerReader(path: storePath)
        let mine = try reader.frontier()
        var heads = Array(mine.heads)
        repeat {
            let part = heads.prefix(SyncMessage.maxFrontierPerFrame)
            heads.removeFirst(part.count)
            try channel.send(.frontier(heads: Array(part), forked: heads.isEmpty ? Array(mine.forked) : [], final: heads.isEmpty))
        } while !heads.isEmpty

        frontierReady.wait()
        guard !stopped else { return }
        let peer = state.withLock { Frontier(heads: $0.peerHeads, forked: $0.peerForked) }
        var sent = 0
        let snapshotRow = try reader.missing(for: peer, batchSize: Self.batchSize) { events in
            guard !stopped else { throw ProtocolViolation("stopped") }
            try sendBatch(events)
            sent += events.count
        }
        try channel.send(.caughtUp(sent: UInt64(sent)))
        state.withLock { $0.ourCaughtUp = true }
        checkDone()
        guard mode == .live else { return }

        var cursor = snapshotRow
        var lastReport = (time: DispatchTime.now(), summary: summary)
        while !stopped {
            _ = wake.wait(timeout: .now() + 1)
            if DispatchTime.now().uptimeNanoseconds - lastReport.time.uptimeNanoseconds > 60_000_000_000 {
                let current = summary
                if current != lastReport.summary { log.write("live with \(channel.peer) since connecting: \(current.line)") }
                lastReport = (DispatchTime.now(), current)
            }
            writer.pollForeignWrites()
            let limit = writer.publishedRow
            while !stopped, cursor < limit {
                let events = try reader.events(after: cursor, limit: Self.batchSize).filter { $0.row <= limit }
                guard let last = events.last else { break }
                cursor = last.row
                let fresh = state.withLock { state in
                    let outgoing = events.filter { event in !state.rowsFromPeer.contains { $0.contains(event.row) } }
                    state.rowsFromPeer.removeAll { $0.upperBound <= cursor }
                    return outgoing
                }
                if !fresh.isEmpty { try sendBatch(fresh) }
            }
        }
    }

    private func sendBatch(_ events: [StoredEvent]) throws {
        let batch = state.withLock { state in
            state.batchesSent += 1
            state.summary.sent += events.count
            return state.batchesSent
        }
        try channel.send(.events(batch: batch, events.map { WireEvent(encoded: $0.encoded, witnessedAt: $0.witnessedAt) }))
    }
}
