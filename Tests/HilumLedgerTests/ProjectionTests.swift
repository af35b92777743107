import HilumCore
import HilumCrypto
import HilumLedger
import XCTest

final class ProjectionTests: XCTestCase {
    private static let receivedAt = NetworkFixture.epoch + 365 * NetworkFixture.day

    func testStandardNetworkAppliesEverything() throws {
        let network = try StandardNetwork.build()
        let temporary = try TemporaryReplica()
        let replica = temporary.store

        let report = try replica.ingest(network.encodedEvents, receivedAt: Self.receivedAt)

        XCTAssertEqual(report.rejected.count, 0)
        XCTAssertEqual(report.stored, network.events.count)
        XCTAssertEqual(report.duplicates, 0)
        XCTAssertEqual(report.quarantined, 0)
        XCTAssertEqual(report.forks, 0)
        XCTAssertEqual(report.applied, network.events.count)

        let stats = try replica.stats()
        XCTAssertEqual(stats.events, network.events.count)
        XCTAssertEqual(stats.quarantined, 0)
        XCTAssertEqual(stats.applied, stats.events)
        XCTAssertEqual(stats.pending, 0)
        XCTAssertEqual(stats.forks, 0)
        XCTAssertEqual(stats.forkedIdentities, 0)
        XCTAssertEqual(stats.identities, 8)
        XCTAssertEqual(stats.authors, 8)
        XCTAssertEqual(stats.byKind[.device], 8)
        XCTAssertEqual(stats.byKind[.posting], 3)
        XCTAssertEqual(stats.byKind[.report], 2)
        XCTAssertEqual(stats.byKind.values.reduce(0, +), stats.events)
        XCTAssertEqual(stats.stateHash, try replica.stateHash())
        XCTAssertEqual(try replica.verify().map(\.description), [])
    }

    func testStandardNetworkProjectionTables() throws {
        let network = try StandardNetwork.build()
        let temporary = try TemporaryReplica()
        let replica = temporary.store
        _ = try replica.ingest(network.encodedEvents, receivedAt: Self.receivedAt)

        XCTAssertEqual(try replica.caseStatus(network.chestCase), "closed")
        XCTAssertEqual(try replica.caseStatus(network.spineCase), "closed")
        XCTAssertEqual(try replica.caseStatus(network.brainCase), "open")
        XCTAssertEqual(try replica.scalar("SELECT bid_count FROM cases WHERE id = ?", network.brainCase.id.bytes), 1,
                       "the second bid replaces the first")
        XCTAssertEqual(try replica.scalar("SELECT bid_count FROM cases WHERE id = ?", network.spineCase.id.bytes), 1,
                       "the withdrawn bid is not counted")
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM reports"), 2)
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM settlements"), 2)
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM grants"), 3)
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM peer_reviews"), 1)
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM ai_labels"), 2)
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM feedback WHERE replied_at IS NOT NULL"), 1)
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM critical_results WHERE acknowledged_at IS NOT NULL"), 1)
        XCTAssertEqual(try replica.scalar("SELECT status FROM follow_ups"), Int64(FollowUpState.scheduled.rawValue))
        XCTAssertEqual(try replica.text("SELECT prices FROM profiles WHERE identity = ?", network.chestReader.identity.bytes),
                       "CT=11500", "the later profile replaces the earlier one")
        XCTAssertEqual(try replica.scalar("SELECT value FROM quality_facts WHERE subject = ? AND fact = 'radpeer_score'",
                                          network.chestReader.identity.bytes), 2)
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM identities WHERE forked = 1"), 0)
    }

    func testIncrementalProjectionEqualsRebuild() throws {
        let network = try StandardNetwork.build()
        let temporary = try TemporaryReplica()
        let replica = temporary.store
        _ = try replica.ingest(network.encodedEvents, receivedAt: Self.receivedAt)
        let incremental = try replica.stateHash()
        let statsBefore = try replica.stats()

        try replica.rebuild()

        XCTAssertEqual(try replica.stateHash(), incremental)
        let statsAfter = try replica.stats()
        XCTAssertEqual(statsAfter.applied, statsBefore.applied)
        XCTAssertEqual(statsAfter.events, statsBefore.events)
        XCTAssertEqual(statsAfter.quarantined, 0)
    }

    func testIncrementalEqualsRebuildOneEventAtATime() throws {
        let network = try StandardNetwork.build()
        let temporary = try TemporaryReplica()
        let replica = temporary.store
        for (index, encoded) in network.encodedEvents.enumerated() {
            let report = try replica.ingest([encoded], receivedAt: Self.receivedAt + Int64(index))
            XCTAssertEqual(report.applied, 1, "event \(index) was not applied")
            XCTAssertFalse(report.replayed, "event \(index) arrived in order and needs no replay")
        }
        let incremental = try replica.stateHash()

        try replica.rebuild()

        XCTAssertEqual(try replica.stateHash(), incremental)
    }

    func testShuffledArrivalGivesSameState() throws {
        let network = try StandardNetwork.build()
        let reference = try TemporaryReplica()
        _ = try reference.store.ingest(network.encodedEvents, receivedAt: Self.receivedAt)
        let expected = try reference.store.stateHash()
        let expectedStats = try reference.store.stats()

        var generator = SeededGenerator(seed: 0x4849_4C55_4D00_0001)
        var replays = 0
        for round in 0..<6 {
            let shuffled = network.encodedEvents.shuffled(using: &generator)
            XCTAssertNotEqual(shuffled, network.encodedEvents, "round \(round) did not shuffle")
            let temporary = try TemporaryReplica()
            let replica = temporary.store
            var offset = 0
            var batches = 0
            while offset < shuffled.count {
                let size = Int.random(in: 1...5, using: &generator)
                let batch = Array(shuffled[offset..<min(offset + size, shuffled.count)])
                let report = try replica.ingest(batch, receivedAt: Self.receivedAt + Int64(batches))
                XCTAssertEqual(report.rejected.count, 0, "round \(round)")
                XCTAssertEqual(report.stored, batch.count, "round \(round)")
                if report.replayed { replays += 1 }
                offset += batch.count
                batches += 1
            }

            let stats = try replica.stats()
            XCTAssertEqual(stats.events, expectedStats.events, "round \(round)")
            XCTAssertEqual(stats.applied, expectedStats.applied, "round \(round)")
            XCTAssertEqual(stats.quarantined, 0, "round \(round)")
            XCTAssertEqual(stats.pending, 0, "round \(round)")
            XCTAssertEqual(try replica.stateHash(), expected, "round \(round): shuffled arrival changed the state")

            try replica.rebuild()
            XCTAssertEqual(try replica.stateHash(), expected, "round \(round): rebuild after shuffled arrival changed the state")
        }
        XCTAssertGreaterThan(replays, 0, "some batches must arrive before events already applied and force a replay")
    }

    func testShuffledForkAndRotationSameState() throws {
        let network = try StandardNetwork.build()
        let fixture = network.fixture
        // The neuroradiologist's device signs two events at one sequence, then a second device rotates it out.
        let forked = network.neuroReader
        let forkBase = forked.head
        try fixture.sign(forked, ProfileBody(subspecialties: ["NEURO"], prices: [], currency: "USD", turnaroundMinutes: 90))
        try fixture.sign(forked, ProfileBody(subspecialties: ["NEURO"], prices: [], currency: "USD", turnaroundMinutes: 80))
        let rival = try forked.writer.sign(ProfileBody(subspecialties: [], prices: [], currency: "EUR", turnaroundMinutes: 5),
                                           after: forkBase, at: fixture.tick())
        let newDevice = try fixture.secondDevice(of: forked)
        let rotation = try IdentityFactory.rotation(revoking: [forked.device], recoverySeed: forked.recoverySeed,
                                                    writer: newDevice.writer, after: newDevice.head, at: fixture.tick())
        let all = fixture.encodedEvents + [rival.event.encoded, rotation.event.encoded]

        let reference = try TemporaryReplica()
        _ = try reference.store.ingest(all, receivedAt: Self.receivedAt)
        let expected = try reference.store.stateHash()
        XCTAssertEqual(try reference.store.stats().forks, 1)
        XCTAssertEqual(try reference.store.stats().forkedIdentities, 0)

        var generator = SeededGenerator(seed: 0x4849_4C55_4D00_0002)
        for round in 0..<6 {
            let shuffled = all.shuffled(using: &generator)
            let temporary = try TemporaryReplica()
            var offset = 0
            while offset < shuffled.count {
                let size = Int.random(in: 1...4, using: &generator)
                let batch = Array(shuffled[offset..<min(offset + size, shuffled.count)])
                _ = try temporary.store.ingest(batch, receivedAt: Self.receivedAt)
                offset += batch.count
            }

            XCTAssertEqual(try temporary.store.stats().forks, 1, "round \(round)")
            XCTAssertEqual(try temporary.store.stats().forkedIdentities, 0, "round \(round)")
            XCTAssertEqual(try temporary.store.stats().pending, try reference.store.stats().pending, "round \(round)")
            XCTAssertEqual(try temporary.store.stateHash(), expected, "round \(round): shuffled arrival changed the state")
        }
    }

    func testReverseArrivalKeepsEverythingPendingUntilTheEnd() throws {
        let network = try StandardNetwork.build()
        let reference = try TemporaryReplica()
        _ = try reference.store.ingest(network.encodedEvents, receivedAt: Self.receivedAt)

        let temporary = try TemporaryReplica()
        let replica = temporary.store
        var reversed = Array(network.encodedEvents.reversed())
        // Hold back every device event so that no feed can link before the last batch.
        let deviceEvents = network.events.filter { $0.event.kind == .device }.map(\.event.encoded)
        reversed.removeAll { deviceEvents.contains($0) }

        let first = try replica.ingest(reversed, receivedAt: Self.receivedAt)
        XCTAssertEqual(first.applied, 0)
        XCTAssertEqual(first.pending, reversed.count)
        XCTAssertEqual(try replica.stats().pending, reversed.count)
        XCTAssertEqual(try replica.stats().applied, 0)

        let second = try replica.ingest(deviceEvents, receivedAt: Self.receivedAt + 1)
        XCTAssertEqual(second.applied, network.events.count)
        XCTAssertEqual(try replica.stats().pending, 0)
        XCTAssertEqual(try replica.stateHash(), try reference.store.stateHash())
    }

    func testIdenticalEventsGiveIdenticalStateAcrossReplicas() throws {
        let network = try StandardNetwork.build()
        let first = try TemporaryReplica()
        let second = try TemporaryReplica()
        _ = try first.store.ingest(network.encodedEvents, receivedAt: Self.receivedAt)
        _ = try second.store.ingest(network.encodedEvents, receivedAt: Self.receivedAt + 12_345)

        XCTAssertEqual(try first.store.stateHash(), try second.store.stateHash(),
                       "the time of arrival must not enter the projection")
        XCTAssertEqual(try first.store.allEncodedEvents(), try second.store.allEncodedEvents())
        XCTAssertEqual(Set(try first.store.allEncodedEvents()), Set(network.encodedEvents))
    }

    func testStateHashChangesWithTheEventSet() throws {
        let network = try StandardNetwork.build()
        let full = try TemporaryReplica()
        _ = try full.store.ingest(network.encodedEvents, receivedAt: Self.receivedAt)
        let partial = try TemporaryReplica()
        _ = try partial.store.ingest(Array(network.encodedEvents.dropLast()), receivedAt: Self.receivedAt)

        XCTAssertNotEqual(try full.store.stateHash(), try partial.store.stateHash())
    }
}
