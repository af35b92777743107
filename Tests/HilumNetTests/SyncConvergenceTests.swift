import Foundation
import HilumCore
import HilumCrypto
import HilumLedger
import HilumNet
import XCTest

/// Replicas and nodes on loopback reach the same event set and state.
final class SyncConvergenceTests: XCTestCase {
    private func licence(for subject: SyncPeer, by board: SyncPeer) throws -> VerifiedEvent {
        let now = Clock.nowMilliseconds()
        return try board.sign(CredentialBody(subject: subject.identity, credentialKind: .licence, jurisdiction: "US-CA",
                                             subspecialty: nil, validFrom: now - 86_400_000, validUntil: now + 86_400_000 * 365),
                              at: now - 3_000_000)
    }

    private func posting(deadlineSeconds: UInt32 = 3600) -> PostingBody {
        PostingBody(modality: "CT", bodyRegion: "CHEST", procedure: "CT CHEST WITHOUT CONTRAST", priority: .stat,
                    deadlineSeconds: deadlineSeconds, price: 9000, currency: "USD", jurisdiction: "US-CA",
                    seriesCount: 3, instanceCount: 420, aiFindings: [])
    }

    func testFreshReplicaCatchesUpWithEverything() throws {
        let node = try SyncPeer(.node, "Node A")
        try node.load(synthetic: 3000)
        let (nodeEngine, address) = try node.startNode()
        defer { nodeEngine.stop() }
        let radiologist = try SyncPeer(.radiologist, "Dr Ada Reyes")
        let engine = try radiologist.engine(node: false)
        defer { engine.stop() }

        let summary = try engine.syncOnce(address)

        XCTAssertEqual(summary.received, 3001, "the synthetic events and the node's certificate")
        XCTAssertEqual(summary.rejected, 0)
        XCTAssertEqual(summary.sent, 1, "the radiologist's own certificate")
        XCTAssertEqual(summary.peerStored, 1)
        XCTAssertEqual(try radiologist.eventIDs(), try node.eventIDs())
        XCTAssertEqual(try radiologist.stateHash(), try node.stateHash())
        XCTAssertTrue(node.logText.contains("connected radiologist \(radiologist.identity.short)"), node.logText)
    }

    func testOfflineEventsArePushedExactlyOnce() throws {
        let node = try SyncPeer(.node, "Node A")
        let (nodeEngine, address) = try node.startNode()
        defer { nodeEngine.stop() }
        let client = try SyncPeer(.client, "Northside Imaging")
        // Made while disconnected: stored locally, queued for the next connection.
        let engine = try client.engine(node: false)
        defer { engine.stop() }
        try engine.submit([try client.sign(posting()), try client.sign(posting())])

        let first = try engine.syncOnce(address)
        let second = try engine.syncOnce(address)

        XCTAssertEqual(first.sent, 3)
        XCTAssertEqual(first.peerStored, 3)
        XCTAssertEqual(second.sent, 0, "nothing is sent twice")
        XCTAssertEqual(second.received, 0)
        XCTAssertEqual(try node.replica().stats().events, 4)
        XCTAssertEqual(try node.stateHash(), try client.stateHash())
    }

    func testLinksNameTheConnectedNodeAndItsAddress() throws {
        let node = try SyncPeer(.node, "Node A")
        let (nodeEngine, address) = try node.startNode()
        defer { nodeEngine.stop() }
        let radiologist = try SyncPeer(.radiologist, "Dr Ada Reyes")
        let engine = try radiologist.engine(node: false)
        XCTAssertTrue(engine.links.isEmpty, "no session before maintain")
        engine.maintain(address)
        try eventually("the radiologist's engine reports a live session") { engine.links.count == 1 }

        let link = try XCTUnwrap(engine.links.first)
        XCTAssertEqual(link.peer.name, "Node A")
        XCTAssertEqual(link.remote, address.description)
        engine.stop()
        XCTAssertTrue(engine.links.isEmpty, "stop ends every session")
    }

    func testLivePostReachesAConnectedReplicaWithin100Milliseconds() throws {
        let node = try SyncPeer(.node, "Node A")
        let (nodeEngine, address) = try node.startNode()
        defer { nodeEngine.stop() }
        let client = try SyncPeer(.client, "Northside Imaging")
        let radiologist = try SyncPeer(.radiologist, "Dr Ada Reyes")
        let clientEngine = try client.engine(node: false)
        let radiologistEngine = try radiologist.engine(node: false)
        defer {
            clientEngine.stop()
            radiologistEngine.stop()
        }
        clientEngine.maintain(address)
        radiologistEngine.maintain(address)
        try eventually("both replicas hold both certificates and the node's") {
            try client.replica().stats().events == 3 && radiologist.replica().stats().events == 3
        }

        var latencies: [Double] = []
        for _ in 0..<20 {
            let post = try client.sign(posting())
            let start = Date()
            try clientEngine.submit([post])
            let reader = try LedgerReader(path: radiologist.storePath)
            var arrived = false
            while Date().timeIntervalSince(start) < 2 {
                if try reader.events(after: 0, limit: 10_000).contains(where: { Hash.blake2b256($0.encoded) == post.id }) {
                    arrived = true
                    break
                }
                usleep(1000)
            }
            XCTAssertTrue(arrived)
            latencies.append(Date().timeIntervalSince(start) * 1000)
        }
        latencies.sort()
        let median = latencies[latencies.count / 2]
        XCTAssertLessThan(median, 100, "median post-to-store latency \(median) ms; all: \(latencies)")
    }

    func testThreeNodesConvergeAfterAPartitionHeals() throws {
        let a = try SyncPeer(.node, "Node A")
        let b = try SyncPeer(.node, "Node B")
        let c = try SyncPeer(.node, "Node C")
        let (engineA, addressA) = try a.startNode()
        let (engineB, addressB) = try b.startNode()
        defer {
            engineA.stop()
            engineB.stop()
        }
        // C links to A and B; A and B only know each other through C.
        var engineC = try c.startNode().engine
        engineC.maintain(addressA)
        engineC.maintain(addressB)
        try eventually("every node holds the three certificates") {
            try [a, b, c].allSatisfy { try $0.replica().stats().events == 3 }
        }

        // Partition: C goes away; both sides keep writing.
        engineC.stop()
        let clientA = try SyncPeer(.client, "Client on A")
        let clientB = try SyncPeer(.client, "Client on B")
        try engineA.submit([clientA.certificate, try clientA.sign(posting()), try clientA.sign(posting())])
        try engineB.submit([clientB.certificate, try clientB.sign(posting())])
        XCTAssertNotEqual(try a.eventIDs(), try b.eventIDs())

        // Heal.
        engineC = try c.engine(node: true)
        engineC.maintain(addressA)
        engineC.maintain(addressB)
        defer { engineC.stop() }
        try eventually("all three nodes hold the same events") {
            let ids = try a.eventIDs()
            let idsB = try b.eventIDs()
            let idsC = try c.eventIDs()
            return ids.count == 8 && idsB == ids && idsC == ids
        }
        let hash = try a.stateHash()
        XCTAssertEqual(try b.stateHash(), hash)
        XCTAssertEqual(try c.stateHash(), hash)
    }

    func testNodeTimeDecidesWhetherABackdatedBidMadeTheDeadline() throws {
        let node = try SyncPeer(.node, "Node A")
        let (nodeEngine, address) = try node.startNode()
        defer { nodeEngine.stop() }
        let now = Clock.nowMilliseconds()
        let hourAgo = now - 3_600_000
        let board = try SyncPeer(.credentialer, "Medical Board", at: hourAgo)
        let client = try SyncPeer(.client, "Northside Imaging", at: hourAgo)
        let radiologist = try SyncPeer(.radiologist, "Dr Ada Reyes", at: hourAgo)
        // The posting reached the node twenty minutes ago and closed ten minutes ago.
        var post = try client.sign(posting(deadlineSeconds: 600), at: now - 20 * 60_000)
        post.witnessedAt = now - 20 * 60_000 + 500
        var licence = try licence(for: radiologist, by: board)
        licence.witnessedAt = hourAgo
        var history = [board.certificate, client.certificate, radiologist.certificate]
        for index in history.indices { history[index].witnessedAt = hourAgo }
        try nodeEngine.submit(history + [licence, post])
        let radiologistEngine = try radiologist.engine(node: false)
        defer { radiologistEngine.stop() }
        _ = try radiologistEngine.syncOnce(address)

        // A bid that claims to be from fifteen minutes ago, made offline; the node first sees it now.
        let bid = try radiologist.sign(BidBody(posting: post.id, price: 8000, currency: "USD", turnaroundMinutes: 60),
                                       at: now - 15 * 60_000)
        try radiologistEngine.submit([bid])
        XCTAssertNil(try radiologist.replica().quarantine(of: bid.id), "without node time the replica believes the clock")

        _ = try radiologistEngine.syncOnce(address)

        XCTAssertEqual(try node.replica().quarantine(of: bid.id)?.code, "after-deadline")
        XCTAssertEqual(try radiologist.replica().quarantine(of: bid.id)?.code, "after-deadline",
                       "the node's acknowledgment carries its time back to the replica")
        XCTAssertEqual(try radiologist.stateHash(), try node.stateHash())
    }
}
