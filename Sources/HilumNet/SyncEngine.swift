import Dispatch
import Foundation
import HilumCore
import HilumLedger
import Synchronization

/// Runs sync for one store: serves peers that connect (a node), keeps
/// connections to configured peers open and live, or syncs once. Every
/// session shares one writer, so events from all peers reach the store
/// through one serial queue.
public final class SyncEngine: Sendable {
    public struct Configuration: Sendable {
        public var storePath: String
        public var local: LocalIdentity
        /// Nodes stamp events with their first-seen time and serve others.
        public var isNode: Bool
        /// Identities allowed to connect; nil allows every valid identity.
        public var allowed: Set<PublicKey>?

        public init(storePath: String, local: LocalIdentity, isNode: Bool, allowed: Set<PublicKey>? = nil) {
            self.storePath = storePath
            self.local = local
            self.isNode = isNode
            self.allowed = allowed
        }
    }

    public let configuration: Configuration
    public let log: NodeLog
    let writer: StoreWriter
    private let sessions = Mutex<[ObjectIdentifier: (session: SyncSession, link: Link)]>([:])
    private let listeners = Mutex<[Listener]>([])
    private let stopping = Atomic<Bool>(false)
    private let threads = DispatchGroup()
    private let accepted = Atomic<Int>(0)

    /// Connections served at once; more are closed at once and logged, so a
    /// flood of connections cannot exhaust threads or file descriptors.
    public static let maxConnections = 256

    public init(configuration: Configuration, log: NodeLog) throws {
        self.configuration = configuration
        self.log = log
        writer = try StoreWriter(path: configuration.storePath)
    }

    /// Accepts connections on `listener` on a thread of its own until `stop`.
    public func serve(_ listener: Listener) {
        listeners.withLock { $0.append(listener) }
        spawn { [self] in
            while !stopping.load(ordering: .relaxed), let connection = listener.accept() {
                guard accepted.add(1, ordering: .relaxed).newValue <= Self.maxConnections else {
                    accepted.subtract(1, ordering: .relaxed)
                    log.write("refused \(connection.remote): already serving \(Self.maxConnections) connections")
                    connection.close()
                    continue
                }
                spawn { [self] in
                    _ = run(connection, initiator: false, mode: .live)
                    accepted.subtract(1, ordering: .relaxed)
                }
            }
        }
    }

    /// Keeps a live connection to `peer`, reconnecting with a growing pause
    /// (1 s doubling to 30 s) after failures, until `stop`.
    public func maintain(_ peer: PeerAddress) {
        spawn { [self] in
            var pause = 1.0
            while !stopping.load(ordering: .relaxed) {
                do {
                    let connection = try Connection.connect(to: peer, timeout: 5)
                    if run(connection, initiator: true, mode: .live) != nil { pause = 1 }
                } catch {
                    log.write("cannot reach \(peer): \(error); retrying in \(Int(pause)) s")
                }
                let until = DispatchTime.now() + pause
                while !stopping.load(ordering: .relaxed) && DispatchTime.now() < until { usleep(100_000) }
                pause = min(pause * 2, 30)
            }
        }
    }

    /// Connects to `peer`, exchanges everything each side lacks, waits for
    /// the peer to acknowledge what was sent, and disconnects.
    public func syncOnce(_ peer: PeerAddress, timeout: Double = 5) throws -> SyncSummary {
        let connection = try Connection.connect(to: peer, timeout: timeout)
        let channel = try SecureChannel.handshake(connection, local: configuration.local, initiator: true)
        let session = SyncSession(channel: channel, mode: .once, isNode: configuration.isNode,
                                  storePath: configuration.storePath, writer: writer, log: log)
        session.run()
        if let failure = session.failure {
            throw ProtocolViolation("sync with \(peer) (\(channel.peer)) stopped: \(failure)")
        }
        return session.summary
    }

    /// Stores events made on this device (signed with `FeedWriter.sign`)
    /// through the shared writer and pushes them to every connected peer.
    /// On a node they get this node's time as their first-seen time.
    @discardableResult
    public func submit(_ events: [VerifiedEvent]) throws -> IngestReport {
        let now = Clock.nowMilliseconds()
        let stamped = events.map { event in
            var event = event
            if configuration.isNode { event.witnessedAt = Witness.earliestKnown(event.witnessedAt, now) }
            return Result<VerifiedEvent, InputRejection>.success(event)
        }
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Result<StoreOutcome, Error>?>(nil)
        writer.store(stamped) { outcome in
            result.withLock { $0 = outcome }
            done.signal()
        }
        done.wait()
        return try result.withLock { $0! }.get().report
    }

    /// Handshakes and runs one session; returns its summary, or nil when
    /// the handshake failed or the peer was refused.
    private func run(_ connection: Connection, initiator: Bool, mode: SyncSession.Mode) -> SyncSummary? {
        let channel: SecureChannel
        do {
            channel = try SecureChannel.handshake(connection, local: configuration.local, initiator: initiator)
        } catch {
            log.write("handshake with \(connection.remote) failed: \(error); dropped")
            connection.close()
            return nil
        }
        if let refusal = refusal(channel.peer) {
            log.write("refused \(channel.peer) from \(connection.remote): \(refusal)")
            try? channel.send(.bye(reason: refusal))
            connection.close()
            return nil
        }
        let session = SyncSession(channel: channel, mode: mode, isNode: configuration.isNode,
                                  storePath: configuration.storePath, writer: writer, log: log)
        let link = Link(peer: channel.peer, remote: connection.remote, since: Clock.nowMilliseconds())
        sessions.withLock { $0[ObjectIdentifier(session)] = (session, link) }
        log.write("connected \(channel.peer) at \(connection.remote)")
        if stopping.load(ordering: .relaxed) { session.stop() }
        session.run()
        sessions.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(session)) }
        let summary = session.summary
        let reason = session.failure.map { "disconnected: \($0)" } ?? "disconnected"
        log.write("\(reason) \(channel.peer) at \(connection.remote); \(summary.line)")
        return summary
    }

    private func refusal(_ peer: PeerIdentity) -> String? {
        if let allowed = configuration.allowed, !allowed.contains(peer.identity) {
            return "identity \(peer.identity.hex) is not on this node's allow list"
        }
        if peer.device == configuration.local.signingKey.publicKey {
            return "a node cannot sync with itself"
        }
        if let reader = try? LedgerReader(path: configuration.storePath), (try? reader.deviceRevoked(peer.device)) == true {
            return "device \(peer.device.hex) was revoked by a key rotation"
        }
        return nil
    }

    /// Closes listeners and connections, waits for their threads and for
    /// the writer to finish what it accepted.
    public func stop() {
        stopping.store(true, ordering: .relaxed)
        for listener in listeners.withLock({ $0 }) { listener.close() }
        for entry in sessions.withLock({ Array($0.values) }) { entry.session.stop() }
        threads.wait()
        writer.drain()
    }

    /// Wall time the shared writer has spent storing batches, in seconds.
    public var writerBusySeconds: Double { writer.busySeconds }

    public var connectedPeers: [PeerIdentity] { sessions.withLock { $0.values.map(\.session.channel.peer) } }

    /// A live session with a peer, for status displays.
    public struct Link: Sendable {
        public let peer: PeerIdentity
        /// The peer's address as connected ("127.0.0.1:7420").
        public let remote: String
        /// Wall-clock time the session started, in milliseconds.
        public let since: Int64
    }

    /// Sessions running now, oldest first.
    public var links: [Link] { sessions.withLock { $0.values.map(\.link) }.sorted { $0.since < $1.since } }

    private func spawn(_ body: @escaping @Sendable () -> Void) {
        threads.enter()
        let thread = Thread { [threads] in
            body()
            threads.leave()
        }
        thread.start()
    }
}
