import Foundation
import HilumCore
import HilumCrypto
import HilumLedger
import HilumNet
import XCTest

/// Valid events sent in awkward ways: out of order, a thousand times over,
/// or two rival events at one sequence. The store ends up as if they had
/// arrived once and in order, while an honest replica keeps syncing.
final class PeerReplayTests: XCTestCase {
    private func channel(_ peer: SyncPeer, to address: PeerAddress) throws -> SecureChannel {
        try SecureChannel.handshake(try Connection.connect(to: address, timeout: 2), local: peer.local, initiator: true)
    }

    private func wire(_ events: [VerifiedEvent]) -> [WireEvent] {
        events.map { WireEvent(encoded: $0.event.encoded, witnessedAt: $0.witnessedAt) }
    }

    func testEventsOutOfOrderLinkAsInOrder() throws {
        let target = try AttackedNode()
        defer { target.stop() }
        // A node relays them, so the target keeps the node times it reports. Each event's
        // node time equals its timestamp, so the in-order replica below can hold the same times.
        let relay = try SyncPeer(.node, "Node B")
        var events: [VerifiedEvent] = []
        try SyntheticLedger(clients: 10, radiologists: 40).generate(count: 1000) { bytes in
            guard case var .success(event) = EventVerifier.verify(bytes) else { return XCTFail("a synthetic event does not verify") }
            event.witnessedAt = event.event.timestamp
            events.append(event)
        }
        let reference = try Replica(path: target.node.directory.appendingPathComponent("in-order.sqlite").path)
        _ = try reference.store([target.node.certificate, target.watcher.certificate].map { .success($0) })
        _ = try reference.store(events.map { .success($0) })

        // Every feed's later events first: the whole list reversed, in frames of 100.
        let channel = try channel(relay, to: target.address)
        let inbox = Inbox(channel)
        let reversed = Array(events.reversed())
        for (index, start) in stride(from: 0, to: reversed.count, by: 100).enumerated() {
            try channel.send(.events(batch: UInt64(index + 1), wire(Array(reversed[start..<(start + 100)]))))
        }
        try eventually("the node acknowledges all ten frames") { inbox.acknowledgments.count == 10 }

        let stats = try target.node.replica().stats()
        let expected = try reference.stats()
        XCTAssertEqual(stats.events, 1002)
        XCTAssertEqual(stats.pending, 0, "every event is linked")
        XCTAssertEqual(stats.applied, 1002, "every event is applied")
        XCTAssertEqual(expected.applied, 1002)
        XCTAssertEqual(stats.stateHash, expected.stateHash, "same state as a replica that stored the events in order")
        XCTAssertEqual(inbox.acknowledgments.map(\.stored).reduce(0, +), 1000)
        try target.assertWatcherReceivesAPost()
        try target.assertStoreSound(events: target.honestEvents + 1000)
    }

    func testBatchSentAThousandTimesIsStoredOnce() throws {
        let target = try AttackedNode()
        defer { target.stop() }
        let mallory = try SyncPeer(.client, "Mallory Imaging")
        let batch = wire([mallory.certificate] + (try (0..<19).map { _ in try mallory.sign(samplePosting()) }))

        let channel = try channel(mallory, to: target.address)
        let inbox = Inbox(channel)
        for index in 1...500 { try channel.send(.events(batch: UInt64(index), batch)) }
        try target.assertWatcherReceivesAPost()
        for index in 501...1000 { try? channel.send(.events(batch: UInt64(index), batch)) }
        XCTAssertTrue(inbox.ends(within: 30), "a peer that only repeats stored events is dropped")

        let acknowledgments = inbox.acknowledgments
        XCTAssertEqual(acknowledgments.map(\.stored).reduce(0, +), 20)
        XCTAssertGreaterThanOrEqual(acknowledgments.count, 100)
        XCTAssertEqual(acknowledgments.map(\.rejected).reduce(0, +), 0)
        let stats = try target.node.replica().stats()
        XCTAssertEqual(stats.quarantined, 0)
        XCTAssertEqual(stats.pending, 0)
        target.assertLogged("sent 100 frames in a row of events this node already had")
        try target.assertWatcherReceivesAPost()
        try target.assertStoreSound(events: target.honestEvents + 20)
    }

    func testEquivocationFreezesFeedOnNodeAndReplicas() throws {
        let target = try AttackedNode()
        defer { target.stop() }
        let mallory = try SyncPeer(.client, "Mallory Imaging")
        let first = try mallory.sign(samplePosting())
        let sideA = try mallory.sign(samplePosting(deadlineSeconds: 600))
        // A second, different event at sequence 3, also signed by Mallory's device.
        let sideB = try FeedWriter(device: mallory.secrets.device)
            .sign(samplePosting(deadlineSeconds: 7200), after: (first.event.sequence, first.id, first.event.timestamp))
        XCTAssertEqual(sideB.event.sequence, sideA.event.sequence)

        let channel = try channel(mallory, to: target.address)
        let inbox = Inbox(channel)
        try channel.send(.events(batch: 1, wire([mallory.certificate, first, sideA])))
        try channel.send(.events(batch: 2, wire([sideB])))
        try eventually("the node acknowledges both frames") { inbox.acknowledgments.count == 2 }

        let device = mallory.certificate.event.author
        let frontier = try LedgerReader(path: target.node.storePath).frontier()
        let stats = try target.node.replica().stats()
        let stored = try target.node.eventIDs()
        XCTAssertTrue(stored.contains(sideA.id.bytes))
        XCTAssertTrue(stored.contains(sideB.id.bytes))
        XCTAssertEqual(stats.forks, 1)
        XCTAssertEqual(stats.forkedIdentities, 1, "Mallory is shown as forked")
        XCTAssertTrue(frontier.forked.contains(device), "the feed is frozen")
        XCTAssertEqual(frontier.heads[device], 2, "the feed stops before the fork")
        target.assertLogged("client \(mallory.identity.short) \"Mallory Imaging\" sent events that prove 1 fork; the forked feeds are frozen")
        try target.assertWatcherReceivesAPost()
        try target.assertStoreSound(events: target.honestEvents + 4)
        XCTAssertEqual(try target.watcher.replica().stats().forkedIdentities, 1, "the live replica shows Mallory as forked")

        // A replica that connects later receives the fork evidence too.
        let late = try SyncPeer(.radiologist, "Late Replica")
        let lateEngine = try late.engine(node: false)
        defer { lateEngine.stop() }
        _ = try lateEngine.syncOnce(target.address)
        let lateStats = try late.replica().stats()
        XCTAssertEqual(lateStats.forks, 1)
        XCTAssertEqual(lateStats.forkedIdentities, 1)
        XCTAssertTrue(try LedgerReader(path: late.storePath).frontier().forked.contains(device))
        XCTAssertEqual(try late.replica().verify().map(\.description), [])
        XCTAssertEqual(try late.eventIDs(), try target.node.eventIDs())
        XCTAssertEqual(try late.stateHash(), try target.node.stateHash())
    }
}
