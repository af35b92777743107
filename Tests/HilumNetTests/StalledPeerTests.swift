import Foundation
import HilumCore
import HilumCrypto
import HilumLedger
import HilumNet
import XCTest

/// Peers that start a handshake or a frame and do not finish it are
/// dropped at the real limits (`SecureChannel.handshakeSeconds` and
/// `frameSeconds`), so this test takes about ten seconds.
final class StalledPeerTests: XCTestCase {
    func testStalledPeersAreDroppedAtTheirLimits() throws {
        let target = try AttackedNode()
        defer { target.stop() }
        let mallory = try SyncPeer(.client, "Mallory Imaging")
        let drip = try SyncPeer(.client, "Drip Imaging")
        let start = Date()

        // Three bytes of the greeting.
        let inGreeting = try Connection.connect(to: target.address, timeout: 2)
        try inGreeting.write(Array(SecureChannel.magic.prefix(3)))
        // Greeting and stream header, but no identity proof.
        let beforeProof = try RawHandshake(to: target.address)
        // A valid handshake, then the length prefix of a 260-byte frame and 10 of its bytes.
        let slow = try SecureChannel.handshake(try Connection.connect(to: target.address, timeout: 2), local: mallory.local, initiator: true)
        try slow.connection.write(Array(FrameDecoder.frame(randomBytes(260)).prefix(14)))
        // A valid handshake, then a 1,000-byte frame one byte every half second: each byte
        // arrives in time, but the frame as a whole does not.
        let dripping = try SecureChannel.handshake(try Connection.connect(to: target.address, timeout: 2), local: drip.local, initiator: true)
        let frame = FrameDecoder.frame(randomBytes(1000))
        let dripper = Thread {
            for byte in frame {
                do {
                    try dripping.connection.write([byte])
                } catch {
                    return
                }
                usleep(500_000)
            }
        }
        dripper.start()
        try target.assertWatcherReceivesAPost()

        XCTAssertTrue(closesWithin(SecureChannel.handshakeSeconds + 3, inGreeting))
        let greetingSeconds = Date().timeIntervalSince(start)
        XCTAssertTrue(closesWithin(SecureChannel.handshakeSeconds + 3, beforeProof.connection))
        XCTAssertTrue(closesWithin(SecureChannel.frameSeconds + 3, slow.connection))
        let slowSeconds = Date().timeIntervalSince(start)
        XCTAssertTrue(closesWithin(SecureChannel.frameSeconds + 3, dripping.connection))

        XCTAssertGreaterThan(greetingSeconds, SecureChannel.handshakeSeconds - 0.5, "not dropped before the handshake limit")
        XCTAssertGreaterThan(slowSeconds, SecureChannel.frameSeconds - 0.5, "not dropped before the frame limit")
        XCTAssertLessThan(slowSeconds, SecureChannel.frameSeconds + 3)
        target.assertLogged("no greeting within 5 s of connecting; dropped")
        target.assertLogged("no identity proof within 5 s of connecting; dropped")
        target.assertLogged("disconnected: sent only 14 of the 264 bytes of a frame within 10 s client \(mallory.identity.short)")
        target.assertLogged("of the 1004 bytes of a frame within 10 s client \(drip.identity.short)")
        try target.assertWatcherReceivesAPost()
        try target.assertStoreSound(events: target.honestEvents)
    }
}
