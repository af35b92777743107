import Foundation
import HilumCore
import HilumCrypto
import HilumLedger
import HilumNet
import XCTest

/// Peers that break the framing or send bad frames: each is dropped with
/// its reason logged, the node's store stays sound, and an honest replica
/// connected at the same time keeps receiving new events.
final class HostileFrameTests: XCTestCase {
    private func attacker() throws -> SyncPeer { try SyncPeer(.client, "Mallory Imaging") }

    /// A valid handshake by `peer`, as a client.
    private func channel(_ peer: SyncPeer, to address: PeerAddress) throws -> SecureChannel {
        try SecureChannel.handshake(try Connection.connect(to: address, timeout: 2), local: peer.local, initiator: true)
    }

    func testConnectionCutMidFrameIsDropped() throws {
        let target = try AttackedNode()
        defer { target.stop() }
        let mallory = try attacker()

        // Half of a 1,000-byte frame after a valid handshake, then close.
        let afterHandshake = try channel(mallory, to: target.address)
        try afterHandshake.connection.write(Array(FrameDecoder.frame(randomBytes(1000)).prefix(504)))
        try target.assertWatcherReceivesAPost()
        afterHandshake.connection.close()
        // Half of the greeting, then close.
        let inGreeting = try Connection.connect(to: target.address, timeout: 2)
        try inGreeting.write(Array(SecureChannel.magic.prefix(5)))
        inGreeting.close()

        target.assertLogged("closed the connection after sending 504 of the 1004 bytes of a frame")
        target.assertLogged("handshake with 127.0.0.1")
        target.assertLogged("closed the connection; dropped")
        try target.assertWatcherReceivesAPost()
        try target.assertStoreSound(events: target.honestEvents)
    }

    func testOversizedFrameIsDropped() throws {
        let target = try AttackedNode()
        defer { target.stop() }
        let mallory = try attacker()

        // The identity proof frame may be at most 64 KiB.
        let inHandshake = try RawHandshake(to: target.address)
        try inHandshake.connection.write([0x00, 0x01, 0x00, 0x01])
        XCTAssertTrue(closesWithin(5, inHandshake.connection))
        target.assertLogged("frame of 65537 bytes is over the 65536-byte limit; dropped")

        // After the handshake a frame may carry 16 MiB of message plus the stream's overhead.
        let afterHandshake = try channel(mallory, to: target.address)
        let limit = SyncMessage.maxSize + SecretStreamSender.overhead
        let length = UInt32(limit + 1)
        try afterHandshake.connection.write([UInt8(length >> 24), UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff)])
        try target.assertWatcherReceivesAPost()
        XCTAssertTrue(closesWithin(5, afterHandshake.connection))
        target.assertLogged("disconnected: frame of \(limit + 1) bytes is over the \(limit)-byte limit client \(mallory.identity.short)")

        try target.assertStoreSound(events: target.honestEvents)
    }

    func testRandomBytesAreDropped() throws {
        let target = try AttackedNode()
        defer { target.stop() }
        let mallory = try attacker()

        let instead = try Connection.connect(to: target.address, timeout: 2)
        try instead.write([0x00] + randomBytes(63))
        XCTAssertTrue(closesWithin(5, instead))
        target.assertLogged("the peer is not a Hilum node (its first bytes are not the Hilum greeting); dropped")

        // Framed random bytes after a valid handshake do not open in the stream.
        let after = try channel(mallory, to: target.address)
        try after.connection.write(FrameDecoder.frame(randomBytes(200)))
        try target.assertWatcherReceivesAPost()
        XCTAssertTrue(closesWithin(5, after.connection))
        target.assertLogged("disconnected: a frame failed authentication (tampered, replayed or not from this peer) client \(mallory.identity.short)")

        // Random bytes sealed in the stream open, but are no message.
        let sealed = try RawHandshake(to: target.address)
        try sealed.sendSealed(sealed.honestProof(mallory.local))
        try sealed.sendSealed([0xEE] + randomBytes(40))
        XCTAssertTrue(closesWithin(5, sealed.connection))
        target.assertLogged("disconnected: malformed frame: frame.type is invalid: 238 is not a known message type client \(mallory.identity.short)")

        try target.assertStoreSound(events: target.honestEvents)
    }

    func testForgedSignaturesDropTheirSender() throws {
        let target = try AttackedNode()
        defer { target.stop() }
        let mallory = try attacker()
        let honest = [mallory.certificate] + (try (0..<4).map { _ in try mallory.sign(samplePosting()) })
        // Flip one byte in the signature (the last 64 bytes) of two more postings.
        let forged = try (0..<2).map { _ in
            var bytes = try mallory.sign(samplePosting()).event.encoded
            bytes[bytes.count - 10] ^= 0x01
            return bytes
        }
        let wire = honest.map { WireEvent(encoded: $0.event.encoded, witnessedAt: nil) }
        let batch = [wire[0], wire[1], WireEvent(encoded: forged[0], witnessedAt: nil), wire[2], wire[3], wire[4],
                     WireEvent(encoded: forged[1], witnessedAt: nil)]

        let channel = try channel(mallory, to: target.address)
        let inbox = Inbox(channel)
        try channel.send(.events(batch: 1, batch))

        XCTAssertTrue(inbox.ends(within: 5), "the node closes the connection")
        target.assertLogged("disconnected: sent 2 events that failed verification (first: event \(mallory.certificate.event.author.short)#6 "
                            + "rejected: the Ed25519 signature does not match the author key) client \(mallory.identity.short)")
        try target.assertWatcherReceivesAPost()
        let stored = try target.node.eventIDs()
        for event in honest {
            XCTAssertTrue(stored.contains(event.id.bytes), "sequence \(event.event.sequence) is stored")
        }
        for bytes in forged {
            XCTAssertFalse(stored.contains(Hash.blake2b256(bytes).bytes), "a forged event is not stored")
        }
        XCTAssertEqual(try target.node.replica().stats().pending, 0)
        try target.assertStoreSound(events: target.honestEvents + honest.count)
    }
}
