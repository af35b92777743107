import Foundation
import HilumCore
import HilumCrypto
import HilumLedger
import HilumNet
import Synchronization
import XCTest

/// A node under attack with an honest replica (the watcher) connected live
/// beside it. Tests check that the node keeps serving the watcher during
/// an attack and that its store ends up sound and equal to the watcher's.
final class AttackedNode {
    let node: SyncPeer
    let engine: SyncEngine
    let address: PeerAddress
    let watcher: SyncPeer
    let watcherEngine: SyncEngine
    private let poster: SyncPeer
    private var posterCertified = false

    /// Starts the node and connects the watcher. `allowWatcherOnly` gives
    /// the node an allow list that names the watcher alone.
    init(allowWatcherOnly: Bool = false) throws {
        node = try SyncPeer(.node, "Node A")
        watcher = try SyncPeer(.radiologist, "Dr Ada Reyes")
        poster = try SyncPeer(.client, "Northside Imaging")
        (engine, address) = try node.startNode(allowed: allowWatcherOnly ? [watcher.identity] : nil)
        watcherEngine = try watcher.engine(node: false)
        watcherEngine.maintain(address)
        try eventually("the node and the watcher hold both certificates") {
            try node.replica().stats().events == 2 && watcher.replica().stats().events == 2
        }
    }

    func stop() {
        watcherEngine.stop()
        engine.stop()
    }

    /// Events the node stores besides what an attacker sends: its own and
    /// the watcher's certificates, plus the poster's certificate and posts.
    var honestEvents: Int { 2 + (posterCertified ? 1 : 0) + postCount }
    private var postCount = 0

    /// Submits a posting on the node and waits until the watcher stores it.
    func assertWatcherReceivesAPost(file: StaticString = #filePath, line: UInt = #line) throws {
        var events: [VerifiedEvent] = []
        if !posterCertified {
            events.append(poster.certificate)
            posterCertified = true
        }
        let post = try poster.sign(samplePosting())
        events.append(post)
        try engine.submit(events)
        postCount += 1
        try eventually("the post submitted on the node reaches the watcher", file: file, line: line) {
            try watcher.eventIDs().contains(post.id.bytes)
        }
    }

    /// Checks that the node stores `events` events, passes `verify`, and has
    /// the same events and state hash as the watcher.
    func assertStoreSound(events: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        try eventually("the watcher holds every event the node holds", file: file, line: line) {
            try node.eventIDs() == watcher.eventIDs()
        }
        XCTAssertEqual(try node.replica().stats().events, events, "events on the node", file: file, line: line)
        XCTAssertEqual(try node.replica().verify().map(\.description), [], "verify issues on the node", file: file, line: line)
        XCTAssertEqual(try node.stateHash(), try watcher.stateHash(), "state hash of node and watcher", file: file, line: line)
    }

    /// Waits until the node's log contains `text`.
    func assertLogged(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        eventually("the node logs '\(text)'", file: file, line: line) { node.logText.contains(text) }
        if !node.logText.contains(text) { print("node log:\n\(node.logText)") }
    }
}

func samplePosting(deadlineSeconds: UInt32 = 3600) -> PostingBody {
    PostingBody(modality: "CT", bodyRegion: "CHEST", procedure: "CT CHEST WITHOUT CONTRAST", priority: .stat,
                deadlineSeconds: deadlineSeconds, price: 9000, currency: "USD", jurisdiction: "US-CA",
                seriesCount: 3, instanceCount: 420, aiFindings: [])
}

/// Reads from `connection` until the other end closes it; false when it is
/// still open after `seconds`.
func closesWithin(_ seconds: Double, _ connection: Connection) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        do {
            _ = try connection.read(limit: 64 * 1024, timeout: 0.1)
        } catch {
            return true
        }
    }
    return false
}

/// `count` bytes from the system's random source.
func randomBytes(_ count: Int) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
}

/// The initiator's side of the handshake, one step at a time, so that a
/// test can alter, withhold or replay any step. It follows the same wire
/// format as `SecureChannel.handshake`.
final class RawHandshake {
    let connection: Connection
    let sender: SecretStreamSender
    /// The bytes the initiator's device key must sign: the transcript
    /// hash of both ephemeral keys, then the initiator's side (1).
    let signedTranscript: [UInt8]

    /// Connects, exchanges greetings with `magic` and `version`, and
    /// exchanges stream headers.
    init(to address: PeerAddress, magic: [UInt8] = SecureChannel.magic, version: UInt8 = SecureChannel.version) throws {
        connection = try Connection.connect(to: address, timeout: 2)
        var pending: [UInt8] = []
        let exchange = KeyExchange()
        try connection.write(magic + [version] + exchange.publicKey)
        let hello = try Self.read(SecureChannel.magic.count + 1 + KeyExchange.publicKeySize, from: connection, pending: &pending)
        let nodeKey = Array(hello.suffix(KeyExchange.publicKeySize))
        let keys = try XCTUnwrap(exchange.sessionKeys(peer: nodeKey, initiator: true))
        sender = SecretStreamSender(key: keys.transmit)
        try connection.write(sender.header)
        _ = try Self.read(SecretStreamSender.headerSize, from: connection, pending: &pending)

        var transcript = IncrementalHash()
        transcript.update("hilum sync handshake v1")
        transcript.update(exchange.publicKey)
        transcript.update(nodeKey)
        signedTranscript = transcript.finish().bytes + [1]
    }

    /// Encodes an identity proof: a device certificate and a signature.
    static func proof(certificate: [UInt8], signature: [UInt8]) -> [UInt8] {
        var writer = ByteWriter()
        writer.write(bytes: certificate)
        writer.writeFixed(signature)
        return writer.bytes
    }

    /// Returns the proof an honest peer with `local` would send on this connection.
    func honestProof(_ local: LocalIdentity) -> [UInt8] {
        Self.proof(certificate: local.deviceEvent, signature: local.signingKey.sign(signedTranscript))
    }

    /// Seals `plaintext` in this connection's stream and sends it as one frame.
    func sendSealed(_ plaintext: [UInt8]) throws {
        try connection.write(FrameDecoder.frame(sender.seal(plaintext)))
    }

    private static func read(_ count: Int, from connection: Connection, pending: inout [UInt8]) throws -> [UInt8] {
        let deadline = Date().addingTimeInterval(5)
        while pending.count < count {
            guard Date() < deadline else { throw NetworkError("the node sent \(pending.count) of \(count) handshake bytes in 5 s") }
            pending += try connection.read(limit: 4096, timeout: 0.5)
        }
        let bytes = Array(pending.prefix(count))
        pending.removeFirst(count)
        return bytes
    }
}

/// Keeps every message a peer sends on `channel` until the connection ends,
/// so the peer's writes never block on a full socket buffer.
final class Inbox: Sendable {
    private let messages = Mutex<[SyncMessage]>([])
    private let done = DispatchSemaphore(value: 0)

    init(_ channel: SecureChannel) {
        let thread = Thread { [self] in
            while true {
                do {
                    if let message = try channel.receive(idle: 1) { messages.withLock { $0.append(message) } }
                } catch {
                    break
                }
            }
            done.signal()
        }
        thread.start()
    }

    var received: [SyncMessage] { messages.withLock { $0 } }

    var acknowledgments: [Acknowledgment] {
        received.compactMap { message in
            if case let .ack(ack) = message { return ack }
            return nil
        }
    }

    /// True once the connection ended within `seconds`.
    func ends(within seconds: Double) -> Bool { done.wait(timeout: .now() + seconds) == .success }
}
