import Foundation
import HilumCore
import HilumCrypto
import HilumLedger
import HilumSQLite
import XCTest

/// Feed integrity: gaps, hash links, timestamps, duplicates, forged
/// signatures, equivocation and key rotation, and schema versions.
final class FeedTests: XCTestCase {
    private static let receivedAt = NetworkFixture.epoch + 365 * NetworkFixture.day

    private static func profile(turnaround: UInt32) -> ProfileBody {
        ProfileBody(subspecialties: ["CHEST"], prices: [PriceEntry(modality: "CT", amount: 10_000)], currency: "USD",
                    turnaroundMinutes: turnaround)
    }

    private func turnaround(of person: Person, in replica: Replica) throws -> Int64? {
        try replica.scalar("SELECT turnaround_minutes FROM profiles WHERE identity = ?", person.identity.bytes)
    }

    private func logStatus(of event: VerifiedEvent, in replica: Replica) throws -> String? {
        try replica.log(limit: 10_000).first { $0.id == event.id }?.status
    }

    // MARK: - Gaps and chain rules

    func testLinksAfterOtherProcessWrote() throws {
        let fixture = NetworkFixture()
        let radiologist = try fixture.person(.radiologist, "Dr. Ana Ruiz")
        let second = try fixture.sign(radiologist, Self.profile(turnaround: 20))
        let third = try fixture.sign(radiologist, Self.profile(turnaround: 30))
        let temporary = try TemporaryReplica()
        let worklist = temporary.store
        _ = try worklist.ingest([radiologist.deviceEvent.event.encoded], receivedAt: Self.receivedAt)
        let commandLine = try Replica(path: temporary.path)
        _ = try commandLine.ingest([second.event.encoded], receivedAt: Self.receivedAt)

        let report = try worklist.ingest([third.event.encoded], receivedAt: Self.receivedAt + 1)

        XCTAssertEqual(report.pending, 0)
        XCTAssertEqual(try logStatus(of: third, in: worklist), "applied")
        XCTAssertEqual(try turnaround(of: radiologist, in: worklist), 30)
    }

    func testGapWaitsUntilMissingEventArrives() throws {
        let fixture = NetworkFixture()
        let radiologist = try fixture.person(.radiologist, "Dr. Ana Ruiz")
        let second = try fixture.sign(radiologist, Self.profile(turnaround: 20))
        let third = try fixture.sign(radiologist, Self.profile(turnaround: 30))
        let temporary = try TemporaryReplica()
        let replica = temporary.store

        let first = try replica.ingest([radiologist.deviceEvent.event.encoded, third.event.encoded], receivedAt: Self.receivedAt)

        XCTAssertEqual(first.stored, 2)
        XCTAssertEqual(first.applied, 1)
        XCTAssertEqual(first.pending, 1)
        XCTAssertFalse(try replica.isLinked(third))
        XCTAssertEqual(try logStatus(of: third, in: replica), "pending")
        XCTAssertEqual(try replica.stats().pending, 1)
        XCTAssertEqual(try replica.stats().quarantined, 0)
        XCTAssertNil(try turnaround(of: radiologist, in: replica), "event 3 must not apply before event 2")
        XCTAssertEqual(try replica.scalar("SELECT head_sequence FROM feeds WHERE author = ?", radiologist.device.bytes), 1)

        let filled = try replica.ingest([second.event.encoded], receivedAt: Self.receivedAt + 1)

        XCTAssertEqual(filled.stored, 1)
        XCTAssertEqual(filled.applied, 2, "event 2 and the waiting event 3")
        XCTAssertEqual(filled.pending, 0)
        XCTAssertTrue(try replica.isLinked(second))
        XCTAssertTrue(try replica.isLinked(third))
        XCTAssertEqual(try logStatus(of: third, in: replica), "applied")
        XCTAssertEqual(try replica.stats().pending, 0)
        XCTAssertEqual(try replica.stats().applied, 3)
        XCTAssertEqual(try turnaround(of: radiologist, in: replica), 30)
        XCTAssertEqual(try replica.scalar("SELECT head_sequence FROM feeds WHERE author = ?", radiologist.device.bytes), 3)

        let inOrder = try TemporaryReplica()
        _ = try inOrder.store.ingest(fixture.encodedEvents, receivedAt: Self.receivedAt)
        XCTAssertEqual(try replica.stateHash(), try inOrder.store.stateHash())
    }

    func testWrongPreviousHash() throws {
        let fixture = NetworkFixture()
        let radiologist = try fixture.person(.radiologist, "Dr. Ana Ruiz")
        let device = radiologist.deviceEvent
        let bogus = EventID(unchecked: [UInt8](repeating: 0xAB, count: 32))
        let broken = try radiologist.writer.sign(Self.profile(turnaround: 20), after: (1, bogus, device.event.timestamp),
                                                 at: fixture.tick())
        let afterBroken = try radiologist.writer.sign(Self.profile(turnaround: 30),
                                                      after: (2, broken.id, broken.event.timestamp), at: fixture.tick())
        XCTAssertEqual(broken.event.sequence, 2)
        XCTAssertEqual(broken.event.previous, bogus)
        let temporary = try TemporaryReplica()
        let replica = temporary.store

        let report = try replica.ingest([device.event.encoded, broken.event.encoded, afterBroken.event.encoded],
                                        receivedAt: Self.receivedAt)

        XCTAssertEqual(report.stored, 3)
        XCTAssertEqual(report.applied, 1)
        XCTAssertEqual(try replica.quarantine(of: broken.id)?.code, "previous-mismatch")
        XCTAssertNil(try replica.quarantine(of: afterBroken.id))
        XCTAssertFalse(try replica.isLinked(broken))
        XCTAssertFalse(try replica.isLinked(afterBroken), "nothing links after a broken link")
        XCTAssertEqual(try logStatus(of: afterBroken, in: replica), "pending")
        XCTAssertEqual(try replica.text("SELECT stop_reason FROM feeds WHERE author = ?", radiologist.device.bytes),
                       "previous-mismatch")
        XCTAssertEqual(try replica.scalar("SELECT stopped_at FROM feeds WHERE author = ?", radiologist.device.bytes), 2)
        XCTAssertNil(try turnaround(of: radiologist, in: replica))
        let stats = try replica.stats()
        XCTAssertEqual(stats.quarantined, 1)
        XCTAssertEqual(stats.applied, 1)
        XCTAssertEqual(stats.pending, 1)

        let hash = try replica.stateHash()
        try replica.rebuild()
        XCTAssertEqual(try replica.stateHash(), hash)
        XCTAssertEqual(try replica.quarantine(of: broken.id)?.code, "previous-mismatch")
    }

    func testTimestampRegression() throws {
        let fixture = NetworkFixture()
        let radiologist = try fixture.person(.radiologist, "Dr. Ana Ruiz")
        let device = radiologist.deviceEvent
        // A head with timestamp 0 keeps FeedWriter from raising the time to the previous event's.
        let earlier = try radiologist.writer.sign(Self.profile(turnaround: 20), after: (1, device.id, 0),
                                                  at: device.event.timestamp - 1)
        XCTAssertLessThan(earlier.event.timestamp, device.event.timestamp)
        let temporary = try TemporaryReplica()
        let replica = temporary.store

        let report = try replica.ingest([device.event.encoded, earlier.event.encoded], receivedAt: Self.receivedAt)

        XCTAssertEqual(report.stored, 2)
        XCTAssertEqual(report.applied, 1)
        XCTAssertEqual(try replica.quarantine(of: earlier.id)?.code, "time-regression")
        XCTAssertEqual(try replica.text("SELECT stop_reason FROM feeds WHERE author = ?", radiologist.device.bytes),
                       "time-regression")
        XCTAssertNil(try turnaround(of: radiologist, in: replica))
        XCTAssertEqual(try replica.stats().quarantined, 1)

        let hash = try replica.stateHash()
        try replica.rebuild()
        XCTAssertEqual(try replica.stateHash(), hash)
    }

    func testEqualTimestampIsNotRegression() throws {
        let fixture = NetworkFixture()
        let radiologist = try fixture.person(.radiologist, "Dr. Ana Ruiz")
        let same = try fixture.sign(radiologist, Self.profile(turnaround: 20), at: radiologist.deviceEvent.event.timestamp)
        let temporary = try TemporaryReplica()

        let report = try temporary.store.ingest(fixture.encodedEvents, receivedAt: Self.receivedAt)

        XCTAssertEqual(report.applied, 2)
        XCTAssertNil(try temporary.store.quarantine(of: same.id))
    }

    func testFeedWithoutDeviceEvent() throws {
        let writer = FeedWriter(device: SigningKey.generate())
        let orphan = try writer.sign(Self.profile(turnaround: 20), after: nil, at: NetworkFixture.epoch)
        let next = try writer.sign(Self.profile(turnaround: 30), after: (1, orphan.id, orphan.event.timestamp),
                                   at: NetworkFixture.epoch + 1_000)
        XCTAssertEqual(orphan.event.sequence, 1)
        let temporary = try TemporaryReplica()
        let replica = temporary.store

        let report = try replica.ingest([orphan.event.encoded, next.event.encoded], receivedAt: Self.receivedAt)

        XCTAssertEqual(report.stored, 2)
        XCTAssertEqual(report.applied, 0)
        XCTAssertEqual(try replica.quarantine(of: orphan.id)?.code, "feed-without-device")
        XCTAssertFalse(try replica.isLinked(next))
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM profiles"), 0)
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM devices"), 0)
        XCTAssertEqual(try replica.stats().quarantined, 1)
        XCTAssertEqual(try replica.stats().applied, 0)
    }

    // MARK: - Duplicates and forgeries

    func testDuplicatesLeaveStateUnchanged() throws {
        let network = try StandardNetwork.build()
        let temporary = try TemporaryReplica()
        let replica = temporary.store
        _ = try replica.ingest(network.encodedEvents, receivedAt: Self.receivedAt)
        let hash = try replica.stateHash()
        let stats = try replica.stats()
        let stored = try replica.allEncodedEvents()
        let all = network.encodedEvents

        for round in 0..<1_000 {
            let start = (round * 7) % all.count
            let batch = (0..<8).map { all[(start + $0) % all.count] }
            let report = try replica.ingest(batch, receivedAt: Self.receivedAt + Int64(round))
            XCTAssertEqual(report.duplicates, batch.count, "round \(round)")
            XCTAssertEqual(report.stored, 0, "round \(round)")
            XCTAssertEqual(report.applied, 0, "round \(round)")
            XCTAssertEqual(report.quarantined, 0, "round \(round)")
            XCTAssertFalse(report.replayed, "round \(round)")
        }

        let whole = try replica.ingest(all, receivedAt: Self.receivedAt + 5_000)
        XCTAssertEqual(whole.duplicates, all.count)
        XCTAssertEqual(try replica.stateHash(), hash)
        XCTAssertEqual(try replica.stats().events, stats.events)
        XCTAssertEqual(try replica.stats().applied, stats.applied)
        XCTAssertEqual(try replica.allEncodedEvents(), stored)
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM events WHERE received_at = \(Self.receivedAt)"),
                       Int64(all.count), "a duplicate must not overwrite when the event was first received")
    }

    func testDuplicatesWithinOneBatch() throws {
        let network = try StandardNetwork.build()
        let temporary = try TemporaryReplica()
        let doubled = network.encodedEvents.flatMap { [$0, $0] }

        let report = try temporary.store.ingest(doubled, receivedAt: Self.receivedAt)

        XCTAssertEqual(report.stored, network.events.count)
        XCTAssertEqual(report.duplicates, network.events.count)
        XCTAssertEqual(report.applied, network.events.count)
        let reference = try TemporaryReplica()
        _ = try reference.store.ingest(network.encodedEvents, receivedAt: Self.receivedAt)
        XCTAssertEqual(try temporary.store.stateHash(), try reference.store.stateHash())
    }

    func testForgedSignatureIsRejectedAndNotStored() throws {
        let fixture = NetworkFixture()
        let cast = try fixture.basicCast()
        let posting = try fixture.post(cast.client)
        let genuine = try fixture.bid(cast.radiologist, on: posting, price: 11_000)
        let temporary = try TemporaryReplica()
        let replica = temporary.store
        _ = try replica.ingest(Array(fixture.encodedEvents.dropLast()), receivedAt: Self.receivedAt)
        let hash = try replica.stateHash()
        let eventsBefore = try replica.stats().events

        // A flipped signature bit, and a raised price under the original signature.
        var badSignature = genuine.event.encoded
        badSignature[badSignature.count - 1] ^= 0x01
        var raisedPrice = genuine.event.encoded
        let priceOffset = Event.headerSize + 1 + 32 + 7
        XCTAssertEqual(raisedPrice[priceOffset], UInt8(11_000 & 0xff), "the offset must point at the price's low byte")
        raisedPrice[priceOffset] ^= 0x40
        XCTAssertNoThrow(try Event(decoding: raisedPrice), "the tampered event must still decode")

        let report = try replica.ingest([badSignature, raisedPrice], receivedAt: Self.receivedAt)

        XCTAssertEqual(report.rejected.count, 2)
        for rejection in report.rejected {
            XCTAssertEqual(rejection.reason, .badSignature)
            XCTAssertEqual(rejection.code, "bad-signature")
            XCTAssertEqual(rejection.author, cast.radiologist.device)
            XCTAssertEqual(rejection.sequence, genuine.event.sequence)
        }
        XCTAssertEqual(report.stored, 0)
        XCTAssertEqual(report.applied, 0)
        XCTAssertEqual(try replica.stats().events, eventsBefore)
        XCTAssertEqual(try replica.stateHash(), hash)
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM events WHERE author = ? AND sequence = 2",
                                          cast.radiologist.device.bytes), 0)
        XCTAssertFalse(try replica.isStored(genuine))

        // The forgeries do not block the genuine event.
        let after = try replica.ingest([genuine.event.encoded], receivedAt: Self.receivedAt)
        XCTAssertEqual(after.stored, 1)
        XCTAssertEqual(after.applied, 1)
        XCTAssertEqual(try replica.scalar("SELECT price FROM bids WHERE id = ?", genuine.id.bytes), 11_000)
    }

    func testForgedDeviceCertificateIsRejected() throws {
        let impostorSeed = SecretBytes.random(32)
        let victim = try IdentityFactory.create(role: .radiologist, displayName: "Dr. Victim", recoverySeed: SecretBytes.random(32),
                                                at: NetworkFixture.epoch)
        // A new device claims the victim's identity, but the certificate is signed by another key.
        let device = SigningKey.generate()
        let impostorKey = SigningKey(seed: impostorSeed)
        let body = DeviceBody(identity: victim.record.identity, role: .radiologist, displayName: "Dr. Victim",
                              encryptionKey: victim.record.encryptionKey, issuedAt: NetworkFixture.epoch,
                              identitySignature: impostorKey.sign(DeviceBody.certificate(
                                device: device.publicKey, identity: victim.record.identity, role: .radiologist,
                                displayName: "Dr. Victim", encryptionKey: victim.record.encryptionKey,
                                issuedAt: NetworkFixture.epoch)))
        let forged = try FeedWriter(device: device).sign(body, after: nil, at: NetworkFixture.epoch)
        let temporary = try TemporaryReplica()

        let report = try temporary.store.ingest([forged.event.encoded], receivedAt: Self.receivedAt)

        XCTAssertEqual(report.rejected.map(\.reason), [.badIdentitySignature])
        XCTAssertEqual(report.stored, 0)
        XCTAssertEqual(try temporary.store.stats().events, 0)
    }

    // MARK: - Equivocation and key rotation

    func testEquivocationFreezesFeedUntilRotation() throws {
        let fixture = NetworkFixture()
        let radiologist = try fixture.person(.radiologist, "Dr. Ana Ruiz")
        let second = try fixture.sign(radiologist, Self.profile(turnaround: 20))
        let headAfterSecond = radiologist.head
        let thirdA = try fixture.sign(radiologist, Self.profile(turnaround: 30))
        let fourth = try fixture.sign(radiologist, Self.profile(turnaround: 40))
        // The same device key signs another event at sequence 3: a fork.
        let thirdB = try radiologist.writer.sign(Self.profile(turnaround: 99), after: headAfterSecond, at: fixture.tick())
        XCTAssertEqual(thirdB.event.sequence, thirdA.event.sequence)
        XCTAssertNotEqual(thirdB.id, thirdA.id)
        let temporary = try TemporaryReplica()
        let replica = temporary.store

        let clean = try replica.ingest(fixture.encodedEvents, receivedAt: Self.receivedAt)
        XCTAssertEqual(clean.applied, 4)
        XCTAssertEqual(try turnaround(of: radiologist, in: replica), 40)

        let fork = try replica.ingest([thirdB.event.encoded], receivedAt: Self.receivedAt + 1)

        XCTAssertEqual(fork.stored, 1)
        XCTAssertEqual(fork.forks, 1)
        XCTAssertTrue(fork.replayed)
        var stats = try replica.stats()
        XCTAssertEqual(stats.forks, 1)
        XCTAssertEqual(stats.forkedIdentities, 1)
        XCTAssertEqual(try replica.scalar("SELECT forked FROM identities WHERE identity = ?", radiologist.identity.bytes), 1)
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM forks WHERE author = ? AND sequence = 3",
                                          radiologist.device.bytes), 1)
        let pair = [thirdA.id, thirdB.id].sorted()
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM forks WHERE first_id = ?", pair[0].bytes), 1)
        XCTAssertEqual(try replica.text("SELECT stop_reason FROM feeds WHERE author = ?", radiologist.device.bytes), "fork")
        XCTAssertEqual(try replica.scalar("SELECT stopped_at FROM feeds WHERE author = ?", radiologist.device.bytes), 3)
        XCTAssertEqual(try replica.scalar("SELECT head_sequence FROM feeds WHERE author = ?", radiologist.device.bytes), 2)
        XCTAssertTrue(try replica.isLinked(second))
        for event in [thirdA, thirdB, fourth] {
            XCTAssertFalse(try replica.isLinked(event), "sequence \(event.event.sequence) is past the fork point")
            XCTAssertTrue(try replica.isStored(event), "both sides of a fork are kept as proof")
        }
        XCTAssertEqual(try turnaround(of: radiologist, in: replica), 20, "only the events before the fork stay applied")

        // A later event of the forked device is stored but not applied.
        let fifth = try fixture.sign(radiologist, Self.profile(turnaround: 50))
        let late = try replica.ingest([fifth.event.encoded], receivedAt: Self.receivedAt + 2)
        XCTAssertEqual(late.stored, 1)
        XCTAssertEqual(late.applied, 0)
        XCTAssertFalse(try replica.isLinked(fifth))
        XCTAssertEqual(try turnaround(of: radiologist, in: replica), 20)

        // A second device of the same identity revokes the forked device with the recovery key.
        let newDevice = try fixture.secondDevice(of: radiologist)
        XCTAssertEqual(newDevice.identity, radiologist.identity)
        XCTAssertNotEqual(newDevice.device, radiologist.device)
        let rotation = try IdentityFactory.rotation(revoking: [radiologist.device], recoverySeed: radiologist.recoverySeed,
                                                    writer: newDevice.writer, after: newDevice.head, at: fixture.tick())
        newDevice.head = (rotation.event.sequence, rotation.id, rotation.event.timestamp)
        let rotated = try replica.ingest([newDevice.deviceEvent.event.encoded, rotation.event.encoded],
                                         receivedAt: Self.receivedAt + 3)

        XCTAssertEqual(rotated.rejected.count, 0)
        XCTAssertEqual(rotated.quarantined, 0)
        XCTAssertNil(try replica.quarantine(of: rotation.id))
        XCTAssertEqual(try replica.scalar("SELECT forked FROM identities WHERE identity = ?", radiologist.identity.bytes), 0)
        XCTAssertEqual(try replica.scalar("SELECT revoked_at FROM devices WHERE device = ?", radiologist.device.bytes),
                       rotation.event.timestamp)
        XCTAssertNil(try replica.scalar("SELECT revoked_at FROM devices WHERE device = ?", newDevice.device.bytes))
        stats = try replica.stats()
        XCTAssertEqual(stats.forkedIdentities, 0)
        XCTAssertEqual(stats.forks, 1, "the fork proof is kept after the rotation")
        XCTAssertEqual(stats.identities, 1)

        // The identity carries on from the new device.
        let carriedOn = try fixture.sign(newDevice, Self.profile(turnaround: 15))
        let resumed = try replica.ingest([carriedOn.event.encoded], receivedAt: Self.receivedAt + 4)
        XCTAssertEqual(resumed.applied, 1)
        XCTAssertEqual(try turnaround(of: radiologist, in: replica), 15)

        let hash = try replica.stateHash()
        try replica.rebuild()
        XCTAssertEqual(try replica.stateHash(), hash, "a rebuild must reach the same fork and rotation state")
        XCTAssertEqual(try replica.scalar("SELECT forked FROM identities WHERE identity = ?", radiologist.identity.bytes), 0)
    }

    func testForkDetectedWhenBothSidesArriveTogether() throws {
        let fixture = NetworkFixture()
        let radiologist = try fixture.person(.radiologist, "Dr. Ana Ruiz")
        let head = radiologist.head
        let sideA = try fixture.sign(radiologist, Self.profile(turnaround: 30))
        let sideB = try radiologist.writer.sign(Self.profile(turnaround: 99), after: head, at: fixture.tick())
        let temporary = try TemporaryReplica()
        let replica = temporary.store

        let report = try replica.ingest([radiologist.deviceEvent.event.encoded, sideB.event.encoded, sideA.event.encoded],
                                        receivedAt: Self.receivedAt)

        XCTAssertEqual(report.forks, 1)
        XCTAssertEqual(try replica.stats().forks, 1)
        XCTAssertEqual(try replica.scalar("SELECT forked FROM identities WHERE identity = ?", radiologist.identity.bytes), 1)
        XCTAssertFalse(try replica.isLinked(sideA))
        XCTAssertFalse(try replica.isLinked(sideB))
        XCTAssertNil(try turnaround(of: radiologist, in: replica))
    }

    func testForkBeforeGapStillLinksEarlierEvents() throws {
        let fixture = NetworkFixture()
        let radiologist = try fixture.person(.radiologist, "Dr. Ana Ruiz")
        let second = try fixture.sign(radiologist, Self.profile(turnaround: 20))
        let headAfterSecond = radiologist.head
        let sideA = try fixture.sign(radiologist, Self.profile(turnaround: 30))
        let sideB = try radiologist.writer.sign(Self.profile(turnaround: 99), after: headAfterSecond, at: fixture.tick())
        let temporary = try TemporaryReplica()
        let replica = temporary.store

        // Both sides of the fork at sequence 3 arrive while sequence 2 is still missing.
        let early = try replica.ingest([radiologist.deviceEvent.event.encoded, sideA.event.encoded, sideB.event.encoded],
                                       receivedAt: Self.receivedAt)
        XCTAssertEqual(early.forks, 1)
        let late = try replica.ingest([second.event.encoded], receivedAt: Self.receivedAt + 1)

        XCTAssertEqual(late.stored, 1)
        XCTAssertTrue(try replica.isLinked(second), "sequence 2 is before the fork point and must link")
        XCTAssertEqual(late.applied, 1)
        XCTAssertEqual(try turnaround(of: radiologist, in: replica), 20)
        XCTAssertEqual(try replica.scalar("SELECT head_sequence FROM feeds WHERE author = ?", radiologist.device.bytes), 2)
        XCTAssertFalse(try replica.isLinked(sideA))
        XCTAssertFalse(try replica.isLinked(sideB))

        let inOrder = try TemporaryReplica()
        _ = try inOrder.store.ingest(fixture.encodedEvents + [sideB.event.encoded], receivedAt: Self.receivedAt)
        XCTAssertTrue(try inOrder.store.isLinked(second))
        XCTAssertEqual(try replica.stateHash(), try inOrder.store.stateHash(), "arrival order must not change the state")
    }

    func testRotationByWrongSeedKeepsFork() throws {
        let fixture = NetworkFixture()
        let radiologist = try fixture.person(.radiologist, "Dr. Ana Ruiz")
        let head = radiologist.head
        try fixture.sign(radiologist, Self.profile(turnaround: 30))
        let rival = try radiologist.writer.sign(Self.profile(turnaround: 99), after: head, at: fixture.tick())
        let newDevice = try fixture.secondDevice(of: radiologist)
        let temporary = try TemporaryReplica()
        let replica = temporary.store
        _ = try replica.ingest(fixture.encodedEvents + [rival.event.encoded], receivedAt: Self.receivedAt)
        XCTAssertEqual(try replica.scalar("SELECT forked FROM identities WHERE identity = ?", radiologist.identity.bytes), 1)

        // Signed by a seed that is not the identity's: it names another identity, so it cannot rotate this one.
        let rotation = try IdentityFactory.rotation(revoking: [radiologist.device], recoverySeed: SecretBytes.random(32),
                                                    writer: newDevice.writer, after: newDevice.head, at: fixture.tick())
        let report = try replica.ingest([rotation.event.encoded], receivedAt: Self.receivedAt + 1)

        XCTAssertEqual(report.quarantined, 1)
        XCTAssertEqual(try replica.quarantine(of: rotation.id)?.code, "wrong-identity")
        XCTAssertEqual(try replica.scalar("SELECT forked FROM identities WHERE identity = ?", radiologist.identity.bytes), 1)
        XCTAssertNil(try replica.scalar("SELECT revoked_at FROM devices WHERE device = ?", radiologist.device.bytes))
    }

    // MARK: - Schema version

    func testNewerSchemaIsRejectedAndFileUnchanged() throws {
        let network = try StandardNetwork.build()
        let temporary = try TemporaryReplica()
        _ = try temporary.store.ingest(network.encodedEvents, receivedAt: Self.receivedAt)
        try temporary.store.database.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        temporary.close()
        let walPath = temporary.path + "-wal"
        let before = try Data(contentsOf: URL(fileURLWithPath: temporary.path))
        let walBefore = FileManager.default.contents(atPath: walPath)
        XCTAssertGreaterThan(before.count, 0)

        XCTAssertThrowsError(try Replica(path: temporary.path)) { error in
            guard case let ReplicaError.newerSchema(found, supported, path) = error else {
                return XCTFail("expected newerSchema, got \(error)")
            }
            XCTAssertEqual(found, 99)
            XCTAssertEqual(supported, Replica.schemaVersion)
            XCTAssertEqual(path, temporary.path)
        }

        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: temporary.path)), before, "the newer file must be left unchanged")
        let walAfter = FileManager.default.contents(atPath: walPath)
        XCTAssertTrue(walAfter == nil || walAfter!.isEmpty || walAfter == walBefore, "no write may reach the WAL either")
    }

    func testNewerSchemaWithDifferentStorageIsLeftUnchanged() throws {
        // A newer schema may reorganise storage. This file lacks an index that this build creates.
        let temporary = try TemporaryReplica()
        try temporary.store.database.execute("DROP INDEX events_feed")
        try temporary.store.database.execute("UPDATE meta SET value = '\(Replica.schemaVersion + 1)' WHERE key = 'schema_version'")
        temporary.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: temporary.path))

        XCTAssertThrowsError(try Replica(path: temporary.path)) { error in
            guard case let ReplicaError.newerSchema(found, supported, _) = error, found == Replica.schemaVersion + 1,
                  supported == Replica.schemaVersion else {
                return XCTFail("expected newerSchema, got \(error)")
            }
        }

        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: temporary.path)), before, "the newer file must be left unchanged")
        let reader = try Database(path: temporary.path, readOnly: true)
        XCTAssertEqual(try reader.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'events_feed'"), 0,
                       "opening a newer file must not create this build's indexes in it")
    }

    func testReopeningCurrentSchemaKeepsState() throws {
        let network = try StandardNetwork.build()
        let temporary = try TemporaryReplica()
        _ = try temporary.store.ingest(network.encodedEvents, receivedAt: Self.receivedAt)
        let hash = try temporary.store.stateHash()
        temporary.close()

        try temporary.reopen()

        XCTAssertEqual(try temporary.store.stateHash(), hash)
        XCTAssertEqual(try temporary.store.text("SELECT value FROM meta WHERE key = 'schema_version'"), "\(Replica.schemaVersion)")
        XCTAssertEqual(try temporary.store.stats().events, network.events.count)
    }

    func testVersionOneFileGainsNodeTimeColumn() throws {
        // A version 1 file: `events` without `witnessed_at`.
        let network = try StandardNetwork.build()
        let temporary = try TemporaryReplica()
        _ = try temporary.store.ingest(network.encodedEvents, receivedAt: Self.receivedAt)
        let hash = try temporary.store.stateHash()
        temporary.close()
        do {
            let raw = try Database(path: temporary.path)
            try raw.execute("DROP INDEX events_order")
            try raw.execute("ALTER TABLE events DROP COLUMN witnessed_at")
            try raw.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
        }

        try temporary.reopen()

        XCTAssertEqual(try temporary.store.text("SELECT value FROM meta WHERE key = 'schema_version'"), "\(Replica.schemaVersion)")
        XCTAssertEqual(try temporary.store.database.scalarInt("SELECT count(*) FROM events WHERE witnessed_at IS NULL"),
                       Int64(network.events.count))
        XCTAssertEqual(try temporary.store.stateHash(), hash)
        XCTAssertEqual(try temporary.store.verify().count, 0)
    }
}

/// Damage in parts of the file no table reads.
final class UnusedSpaceTests: XCTestCase {
    func testVerifyCatchesDamageInFreePagesAndTheFileHeader() throws {
        var events: [[UInt8]] = []
        try SyntheticLedger(clients: 5, radiologists: 20).generate(count: 3000) { events.append($0) }
        let temporary = try TemporaryReplica()
        _ = try temporary.store.ingest(events)
        temporary.close()
        do {
            // Free pages, as deleting many rows leaves them.
            let raw = try Database(path: temporary.path)
            try raw.execute("CREATE TABLE scratch(x); INSERT INTO scratch SELECT randomblob(3000) FROM events LIMIT 40; DROP TABLE scratch")
        }
        try temporary.reopen()
        XCTAssertEqual(try temporary.store.verify().map(\.reason), [])
        temporary.close()
        let original = try Data(contentsOf: URL(fileURLWithPath: temporary.path))
        let pageSize = Int(original[16]) << 8 | Int(original[17])
        let firstTrunk = original[32..<36].reduce(0) { $0 << 8 | Int($1) }
        guard firstTrunk > 0 else { return XCTFail("the rebuild should have freed pages") }

        // Read from the file as 'ledger verify' does before opening it: SQLite refuses a page whose checksum fails.
        func damaged(at offset: Int) throws -> [String] {
            var bytes = original
            bytes[offset] ^= 0x01
            try bytes.write(to: URL(fileURLWithPath: temporary.path))
            return PageChecksumCheck.problems(path: temporary.path) + UnusedSpaceCheck.problems(path: temporary.path, btreePages: [:])
        }
        let trunkStart = (firstTrunk - 1) * pageSize
        let leafCount = original[(trunkStart + 4)..<(trunkStart + 8)].reduce(0) { $0 << 8 | Int($1) }
        guard leafCount > 0 else { return XCTFail("the free list should have leaf pages") }
        let firstLeaf = original[(trunkStart + 8)..<(trunkStart + 12)].reduce(0) { $0 << 8 | Int($1) }
        let freePageProblems = try damaged(at: (firstLeaf - 1) * pageSize + 100)
        XCTAssertTrue(freePageProblems.contains { $0.contains("free page \(firstLeaf)") }, "\(freePageProblems)")
        XCTAssertTrue(freePageProblems.contains { $0.contains("page \(firstLeaf) fails its checksum") }, "\(freePageProblems)")
        XCTAssertTrue(try damaged(at: 80).contains("page 1 fails its checksum: a byte in it has changed since SQLite wrote it"))
        XCTAssertTrue(try damaged(at: 80).contains { $0.contains("bytes 72-91") })
        XCTAssertTrue(try damaged(at: 94).contains { $0.contains("version-valid-for") })
        try original.write(to: URL(fileURLWithPath: temporary.path))
        try temporary.reopen()
        XCTAssertEqual(try temporary.store.verify().map(\.reason), [])
    }
}

/// Deferred replays: a replica catching up on older history replays once.
final class DeferredReplayTests: XCTestCase {
    func testOlderHistoryInBatchesReplaysOnceAndMatchesInOrder() throws {
        var history: [[UInt8]] = []
        try SyntheticLedger(clients: 3, radiologists: 10).generate(count: 2000, start: Clock.nowMilliseconds() - 86_400_000) { history.append($0) }
        let created = try IdentityFactory.create(role: .radiologist, displayName: "Dr New", recoverySeed: SecretBytes.random(32),
                                                 at: Clock.nowMilliseconds())

        let deferred = try TemporaryReplica()
        deferred.store.deferReplays = true
        _ = try deferred.store.store([.success(created.deviceEvent)])
        for start in stride(from: 0, to: history.count, by: 500) {
            let report = try deferred.store.ingest(Array(history[start..<min(start + 500, history.count)]))
            XCTAssertFalse(report.replayed, "no replay per batch")
            XCTAssertEqual(report.applied, 0, "events wait for the one replay")
        }
        XCTAssertEqual(try deferred.store.database.scalarInt("SELECT count(*) FROM cases"), 0, "no posting applied before the replay")
        XCTAssertTrue(try deferred.store.replayIfPending())
        XCTAssertGreaterThan(try deferred.store.database.scalarInt("SELECT count(*) FROM cases") ?? 0, 0)
        XCTAssertFalse(try deferred.store.replayIfPending(), "nothing left to replay")

        let direct = try TemporaryReplica()
        _ = try direct.store.ingest(history + [created.deviceEvent.event.encoded])
        XCTAssertEqual(try deferred.store.stateHash(), try direct.store.stateHash())
        XCTAssertEqual(try deferred.store.stats().applied, 2001)
    }

    func testAPendingReplayLeftByACrashRunsWhenTheReplicaOpens() throws {
        var history: [[UInt8]] = []
        try SyntheticLedger(clients: 2, radiologists: 5).generate(count: 300, start: Clock.nowMilliseconds() - 86_400_000) { history.append($0) }
        let created = try IdentityFactory.create(role: .radiologist, displayName: "Dr New", recoverySeed: SecretBytes.random(32),
                                                 at: Clock.nowMilliseconds())
        let replica = try TemporaryReplica()
        replica.store.deferReplays = true
        _ = try replica.store.store([.success(created.deviceEvent)])
        _ = try replica.store.ingest(history)
        let direct = try TemporaryReplica()
        _ = try direct.store.ingest(history + [created.deviceEvent.event.encoded])
        XCTAssertNotEqual(try replica.store.stateHash(), try direct.store.stateHash(), "the replay is still owed")
        replica.close()
        try replica.reopen()
        XCTAssertEqual(try replica.store.stateHash(), try direct.store.stateHash())
    }
}
