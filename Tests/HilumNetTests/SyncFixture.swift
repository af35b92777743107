import Foundation
import HilumCore
import HilumCrypto
import HilumLedger
import HilumNet
import XCTest

/// A participant in a sync test: an identity with its device key, and a
/// store in a temporary directory that already holds the device certificate.
final class SyncPeer {
    let directory: URL
    let storePath: String
    let record: IdentityRecord
    let secrets: DeviceSecrets
    let certificate: VerifiedEvent
    private(set) var head: (sequence: UInt64, id: EventID, timestamp: Int64)?

    init(_ role: Role, _ name: String, at time: Int64 = Clock.nowMilliseconds()) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hilum-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        storePath = directory.appendingPathComponent("replica.sqlite").path
        let created = try IdentityFactory.create(role: role, displayName: name, recoverySeed: SecretBytes.random(32), at: time)
        record = created.record
        secrets = created.secrets
        certificate = created.deviceEvent
        head = (1, certificate.id, certificate.event.timestamp)
        let report = try Replica(path: storePath).store([.success(certificate)])
        XCTAssertEqual(report.stored, 1)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var identity: PublicKey { record.identity }
    var local: LocalIdentity { LocalIdentity(signingKey: secrets.device, deviceEvent: certificate.event.encoded) }

    func engine(node: Bool, allowed: Set<PublicKey>? = nil) throws -> SyncEngine {
        let log = try NodeLog(path: directory.appendingPathComponent("node.log").path, echo: false)
        return try SyncEngine(configuration: .init(storePath: storePath, local: local, isNode: node, allowed: allowed), log: log)
    }

    /// Starts a node engine listening on a free loopback port.
    func startNode(allowed: Set<PublicKey>? = nil) throws -> (engine: SyncEngine, address: PeerAddress) {
        let engine = try engine(node: true, allowed: allowed)
        let listener = try Listener(address: PeerAddress(host: "127.0.0.1", port: 0))
        engine.serve(listener)
        return (engine, listener.address)
    }

    /// Signs the next event of this device's feed.
    func sign(_ body: some EventBody, at time: Int64 = Clock.nowMilliseconds()) throws -> VerifiedEvent {
        let signed = try FeedWriter(device: secrets.device).sign(body, after: head, at: time)
        head = (signed.event.sequence, signed.id, signed.event.timestamp)
        return signed
    }

    var logText: String {
        (try? String(contentsOf: directory.appendingPathComponent("node.log"), encoding: .utf8)) ?? ""
    }

    /// A fresh connection for assertions.
    func replica() throws -> Replica { try Replica(path: storePath) }

    func stateHash() throws -> Key32 { try replica().stateHash() }

    func eventIDs() throws -> Set<[UInt8]> { Set(try replica().allEncodedEvents().map { Hash.blake2b256($0).bytes }) }

    /// Loads `count` synthetic events (a credentialer, radiologists, clients, and cases from posting to report).
    func load(synthetic count: Int, start: Int64 = Clock.nowMilliseconds() - 3_600_000) throws {
        var events: [[UInt8]] = []
        try SyntheticLedger(clients: 10, radiologists: 40).generate(count: count, start: start) { events.append($0) }
        let report = try replica().ingest(events)
        XCTAssertEqual(report.stored, count)
    }
}

/// Polls `condition` until it holds or `seconds` pass.
func eventually(_ what: String, within seconds: Double = 10, file: StaticString = #filePath, line: UInt = #line,
                _ condition: () throws -> Bool) rethrows {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return }
        usleep(20_000)
    }
    XCTFail("timed out after \(seconds) s waiting until \(what)", file: file, line: line)
}
