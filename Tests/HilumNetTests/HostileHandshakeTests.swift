import Foundation
import HilumCore
import HilumCrypto
import HilumLedger
import HilumNet
import XCTest

/// Peers that fail the handshake or are not welcome: each is dropped with
/// its reason logged and nothing it sent is stored, while an honest replica
/// connected at the same time keeps receiving new events.
final class HostileHandshakeTests: XCTestCase {
    func testWrongMagicAndVersionAreDropped() throws {
        let target = try AttackedNode()
        defer { target.stop() }

        let wrongMagic = try Connection.connect(to: target.address, timeout: 2)
        try wrongMagic.write(Array("HILUMNEX".utf8) + [SecureChannel.version] + randomBytes(KeyExchange.publicKeySize))
        let wrongVersion = try Connection.connect(to: target.address, timeout: 2)
        try wrongVersion.write(SecureChannel.magic + [SecureChannel.version + 1] + randomBytes(KeyExchange.publicKeySize))
        try target.assertWatcherReceivesAPost()

        XCTAssertTrue(closesWithin(5, wrongMagic))
        XCTAssertTrue(closesWithin(5, wrongVersion))
        target.assertLogged("the peer is not a Hilum node (its first bytes are not the Hilum greeting); dropped")
        target.assertLogged("the peer speaks sync protocol version \(SecureChannel.version + 1); this build speaks \(SecureChannel.version); dropped")
        try target.assertStoreSound(events: target.honestEvents)
    }

    func testCertificateOfAnotherDeviceIsDropped() throws {
        let target = try AttackedNode()
        defer { target.stop() }
        let mallory = try SyncPeer(.client, "Mallory Imaging")

        // The watcher's certificate, signed for this connection by Mallory's key.
        let handshake = try RawHandshake(to: target.address)
        let signature = mallory.secrets.device.sign(handshake.signedTranscript)
        try handshake.sendSealed(RawHandshake.proof(certificate: target.watcher.certificate.event.encoded, signature: signature))
        try target.assertWatcherReceivesAPost()

        XCTAssertTrue(closesWithin(5, handshake.connection))
        target.assertLogged("the peer's device key did not sign this connection (forged or replayed handshake); dropped")
        XCTAssertEqual(target.node.logText.components(separatedBy: "connected radiologist \(target.watcher.identity.short)").count - 1, 1,
                       "only the watcher's own connection is accepted:\n\(target.node.logText)\nWATCHER:\n\(target.watcher.logText)")
        try target.assertStoreSound(events: target.honestEvents)
    }

    func testInvalidCertificatesAreDropped() throws {
        let target = try AttackedNode()
        defer { target.stop() }
        let mallory = try SyncPeer(.client, "Mallory Imaging")

        // A certificate with one byte of the identity's signature flipped.
        var forged = mallory.certificate.event.encoded
        forged[forged.count - 1] ^= 0x80
        let forgedCertificate = try RawHandshake(to: target.address)
        try forgedCertificate.sendSealed(RawHandshake.proof(certificate: forged,
                                                            signature: mallory.secrets.device.sign(forgedCertificate.signedTranscript)))
        // A posting where the device certificate belongs.
        let posting = try mallory.sign(samplePosting())
        let notACertificate = try RawHandshake(to: target.address)
        try notACertificate.sendSealed(RawHandshake.proof(certificate: posting.event.encoded,
                                                          signature: mallory.secrets.device.sign(notACertificate.signedTranscript)))
        try target.assertWatcherReceivesAPost()

        XCTAssertTrue(closesWithin(5, forgedCertificate.connection))
        XCTAssertTrue(closesWithin(5, notACertificate.connection))
        target.assertLogged("the peer's device certificate is invalid: event \(mallory.certificate.event.author.short)")
        target.assertLogged("the peer sent a posting event where its device certificate belongs; dropped")
        try target.assertStoreSound(events: target.honestEvents)
    }

    func testReplayedIdentityProofIsDropped() throws {
        let target = try AttackedNode()
        defer { target.stop() }

        // The watcher's proof for one connection, as a node it connected to would receive it,
        // offered again on a second connection to impersonate the watcher.
        let recorded = try RawHandshake(to: target.address)
        let proof = recorded.honestProof(target.watcher.local)
        recorded.connection.close()
        let replay = try RawHandshake(to: target.address)
        try replay.sendSealed(proof)
        try target.assertWatcherReceivesAPost()

        XCTAssertTrue(closesWithin(5, replay.connection))
        target.assertLogged("the peer's device key did not sign this connection (forged or replayed handshake); dropped")
        XCTAssertEqual(target.node.logText.components(separatedBy: "connected radiologist \(target.watcher.identity.short)").count - 1, 1,
                       "only the watcher's own connection is accepted:\n\(target.node.logText)\nWATCHER:\n\(target.watcher.logText)")
        try target.assertStoreSound(events: target.honestEvents)
    }

    func testUnlistedIdentityIsRefused() throws {
        let target = try AttackedNode(allowWatcherOnly: true)
        defer { target.stop() }
        let stranger = try SyncPeer(.client, "Unlisted Imaging")
        try stranger.load(synthetic: 50)
        let engine = try stranger.engine(node: false)
        defer { engine.stop() }

        XCTAssertThrowsError(try engine.syncOnce(target.address)) { error in
            XCTAssertTrue("\(error)".contains("is not on this node's allow list"), "\(error)")
        }
        try target.assertWatcherReceivesAPost()

        target.assertLogged("refused client \(stranger.identity.short) \"Unlisted Imaging\" from 127.0.0.1:")
        target.assertLogged(": identity \(stranger.identity.hex) is not on this node's allow list")
        try target.assertStoreSound(events: target.honestEvents)
    }
}
