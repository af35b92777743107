import Foundation
import HilumCore
import HilumLedger
import HilumNet
import HilumTerminal
import HilumWorklist
import Synchronization

/// Live connections to the configured nodes, and a thread that reports sync
/// state to the worklist. The thread polls the replica every 200 ms and
/// posts `WorklistMessage.sync` when anything changed, and at least once a
/// second so countdowns stay live. When the ledger version moves it also
/// reads the lists and posts `WorklistMessage.lists` before the status, so
/// the main actor never reads them itself. Events a node pushes therefore
/// reach the screen about 200 ms after being stored, plus the time to read the lists.
public final class BackgroundSync: Sendable {
    private let engine: SyncEngine
    private let nodes: [PeerAddress]
    private let replicaPath: String
    private let record: IdentityRecord
    private let secrets: DeviceSecrets
    private let queue: EventQueue<WorklistMessage>
    private let now: @Sendable () -> Int64
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let started = Atomic<Bool>(false)

    public init(engine: SyncEngine, nodes: [PeerAddress], replicaPath: String, record: IdentityRecord, secrets: DeviceSecrets,
                queue: EventQueue<WorklistMessage>, now: @escaping @Sendable () -> Int64 = { Clock.nowMilliseconds() }) {
        self.now = now
        self.engine = engine
        self.nodes = nodes
        self.replicaPath = replicaPath
        self.record = record
        self.secrets = secrets
        self.queue = queue
    }

    public func start() {
        guard !started.exchange(true, ordering: .relaxed) else { return }
        for node in nodes { engine.maintain(node) }
        let thread = Thread { [self] in
            poll()
            finished.signal()
        }
        thread.start()
    }

    /// Stops polling and every connection, and waits until both have ended.
    public func stop() {
        stopping.store(true, ordering: .relaxed)
        if started.load(ordering: .relaxed) { finished.wait() }
        engine.stop()
    }

    private func poll() {
        let store: WorklistStore
        do {
            store = try WorklistStore(replicaPath: replicaPath, record: record, secrets: secrets, engine: engine)
        } catch {
            queue.post(.failure("Background sync cannot open the replica: \(error)"))
            return
        }
        var last: SyncStatus?
        var lastPost = ContinuousClock.now
        var lastFailure = ""
        var listsVersion: Int64 = -1
        while !stopping.load(ordering: .relaxed) {
            do {
                let links = engine.links.map { "\"\($0.peer.name)\" \($0.remote)" }
                let status = SyncStatus(connected: links, configuredNodes: nodes.count, ledger: try store.ledgerStatus())
                if status.ledger.version != listsVersion {
                    let lists = try LoadedLists.load(from: store, now: now())
                    queue.post(.lists(lists))
                    listsVersion = lists.version
                }
                if status != last || ContinuousClock.now - lastPost >= .seconds(1) {
                    queue.post(.sync(status))
                    last = status
                    lastPost = .now
                }
                lastFailure = ""
            } catch {
                let text = "Cannot read the replica's sync state: \(error)"
                if text != lastFailure { queue.post(.failure(text)) }
                lastFailure = text
            }
            usleep(200_000)
        }
    }
}
