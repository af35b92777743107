import Dispatch
import HilumCore
import HilumCrypto
import HilumLedger
import Synchronization

/// Why a connection ended that was not a plain network failure: the peer
/// broke the protocol. The reason goes to the log and, when the stream is
/// still usable, to the peer in a `bye`.
public struct ProtocolViolation: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// This device, as it presents itself to peers.
public struct LocalIdentity: Sendable {
    public let signingKey: SigningKey
    /// The signed device event (sequence 1 of this device's feed): the
    /// identity's certificate for the device key.
    public let deviceEvent: [UInt8]

    public init(signingKey: SigningKey, deviceEvent: [UInt8]) {
        self.signingKey = signingKey
        self.deviceEvent = deviceEvent
    }
}

/// The authenticated other end of a channel.
public struct PeerIdentity: Sendable, CustomStringConvertible {
    public let identity: PublicKey
    public let device: PublicKey
    public let role: Role
    public let name: String

    public var description: String { "\(role.name) \(identity.short) \"\(name)\"" }
}

/// An authenticated, encrypted connection to one peer. The handshake:
///
/// 1. Both sides send `HILUMNET`, the protocol version and a fresh X25519
///    public key; `crypto_kx` turns the two into one key per direction.
/// 2. Both sides send a `crypto_secretstream` header; every later frame is
///    sealed in that stream, so a frame cannot be altered, dropped, replayed
///    or reordered without the next one failing to open.
/// 3. Inside the stream, each side sends its device certificate (its signed
///    device event, which carries the identity key's signature over the
///    device key) and the device key's signature over both ephemeral keys
///    and its side of the connection. This proves who is at the other end
///    and binds that to this connection's keys, so a recorded handshake
///    cannot be replayed and a relay cannot splice two connections.
public final class SecureChannel: Sendable {
    public static let magic = Array("HILUMNET".utf8)
    public static let version: UInt8 = 1
    public static let handshakeSeconds = 5.0
    /// Once the first byte of a frame arrives, the rest must follow within this time.
    public static let frameSeconds = 10.0

    public let connection: Connection
    public let peer: PeerIdentity
    private let sender: Mutex<SecretStreamSender>
    private let receiver: Mutex<ReceiveState>

    private struct ReceiveState {
        let stream: SecretStreamReceiver
        var decoder = FrameDecoder(maximum: SyncMessage.maxSize + SecretStreamSender.overhead)
        var frameStartedAt: UInt64?
    }

    private init(connection: Connection, peer: PeerIdentity, sender: sending SecretStreamSender, receiver: sending SecretStreamReceiver,
                 decoder: FrameDecoder) {
        self.connection = connection
        self.peer = peer
        self.sender = Mutex(sender)
        var state = ReceiveState(stream: receiver)
        state.decoder = decoder
        state.decoder.maximum = SyncMessage.maxSize + SecretStreamSender.overhead
        self.receiver = Mutex(state)
    }

    /// Runs the handshake as the side that connected (`initiator`) or
    /// accepted. Throws `ProtocolViolation` when the peer is not a Hilum
    /// peer or fails to prove its identity, `NetworkError` when the
    /// connection fails or the peer takes longer than `handshakeSeconds`.
    public static func handshake(_ connection: Connection, local: LocalIdentity, initiator: Bool) throws -> SecureChannel {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(handshakeSeconds * 1e9)
        var decoder = FrameDecoder(maximum: 64 * 1024)
        var pending: [UInt8] = []

        func readExactly(_ count: Int, _ what: String) throws -> [UInt8] {
            while pending.count < count {
                let now = DispatchTime.now().uptimeNanoseconds
                guard now < deadline else {
                    throw ProtocolViolation("no \(what) within \(Int(handshakeSeconds)) s of connecting")
                }
                pending += try connection.read(limit: 4096, timeout: Double(deadline - now) / 1e9)
            }
            let bytes = Array(pending.prefix(count))
            pending.removeFirst(count)
            return bytes
        }

        let exchange = KeyExchange()
        try connection.write(magic + [version] + exchange.publicKey)
        let hello = try readExactly(magic.count + 1 + KeyExchange.publicKeySize, "greeting")
        guard Array(hello.prefix(magic.count)) == magic else {
            throw ProtocolViolation("the peer is not a Hilum node (its first bytes are not the Hilum greeting)")
        }
        guard hello[magic.count] == version else {
            throw ProtocolViolation("the peer speaks sync protocol version \(hello[magic.count]); this build speaks \(version)")
        }
        let peerKey = Array(hello.suffix(KeyExchange.publicKeySize))
        guard let keys = exchange.sessionKeys(peer: peerKey, initiator: initiator) else {
            throw ProtocolViolation("the peer's key-exchange key is unusable")
        }
        let sender = SecretStreamSender(key: keys.transmit)
        try connection.write(sender.header)
        let header = try readExactly(SecretStreamSender.headerSize, "stream header")
        guard let receiver = SecretStreamReceiver(key: keys.receive, header: header) else {
            throw ProtocolViolation("the peer's stream header is malformed")
        }

        var transcript = IncrementalHash()
        transcript.update("hilum sync handshake v1")
        transcript.update(initiator ? exchange.publicKey : peerKey)
        transcript.update(initiator ? peerKey : exchange.publicKey)
        let bound = transcript.finish().bytes
        let mySide: UInt8 = initiator ? 1 : 2
        var proof = ByteWriter()
        proof.write(bytes: local.deviceEvent)
        proof.writeFixed(local.signingKey.sign(bound + [mySide]))
        try connection.write(FrameDecoder.frame(sender.seal(proof.bytes)))

        decoder.append(pending)
        pending.removeAll()
        var sealedProof: [UInt8]?
        while sealedProof == nil {
            sealedProof = try decoder.next()
            if sealedProof != nil { break }
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { throw ProtocolViolation("no identity proof within \(Int(handshakeSeconds)) s of connecting") }
            decoder.append(try connection.read(limit: 4096, timeout: Double(deadline - now) / 1e9))
        }
        guard let opened = receiver.open(sealedProof!) else {
            throw ProtocolViolation("the peer's identity proof does not open with the agreed keys")
        }
        let peer = try verifyProof(opened, transcript: bound + [initiator ? 2 : 1])
        return SecureChannel(connection: connection, peer: peer, sender: sender, receiver: receiver, decoder: decoder)
    }

    private static func verifyProof(_ bytes: [UInt8], transcript: [UInt8]) throws -> PeerIdentity {
        var reader = ByteReader(bytes)
        let certificate: [UInt8]
        let signature: [UInt8]
        do {
            certificate = try reader.readBytes("proof.device", maxLength: Event.maxEncodedSize)
            signature = try reader.readFixed(64, "proof.signature")
            try reader.expectEnd("identity proof")
        } catch {
            throw ProtocolViolation("the peer's identity proof is malformed: \(error)")
        }
        let verified: VerifiedEvent
        switch EventVerifier.verify(certificate) {
        case let .success(event): verified = event
        case let .failure(rejection): throw ProtocolViolation("the peer's device certificate is invalid: \(rejection)")
        }
        guard case let .device(body) = verified.event.content, verified.event.sequence == 1 else {
            throw ProtocolViolation("the peer sent a \(verified.event.kind.name) event where its device certificate belongs")
        }
        guard Signature.verify(signature, message: transcript, publicKey: verified.event.author) else {
            throw ProtocolViolation("the peer's device key did not sign this connection (forged or replayed handshake)")
        }
        return PeerIdentity(identity: body.identity, device: verified.event.author, role: body.role, name: body.displayName)
    }

    /// Seals and sends one message. Safe from any thread.
    public func send(_ message: SyncMessage) throws {
        let plain = message.encoded()
        // Seal and write under one lock: the receiver opens frames in the
        // order they were sealed, so two threads must not swap them on the wire.
        try sender.withLock { stream throws(NetworkError) in
            try connection.write(FrameDecoder.frame(stream.seal(plain)))
        }
    }

    /// The next message; nil when nothing arrived for `idle` seconds.
    /// Call from one thread only. Throws `ProtocolViolation` for a frame
    /// over the size limit, one that does not open, does not decode, or
    /// stalls part-way for longer than `frameSeconds`.
    public func receive(idle: Double) throws -> SyncMessage? {
        let start = DispatchTime.now().uptimeNanoseconds
        while true {
            let frame: [UInt8]? = try receiver.withLock { state throws -> [UInt8]? in
                do {
                    return try state.decoder.next()
                } catch {
                    throw ProtocolViolation("\(error)")
                }
            }
            if let frame {
                receiver.withLock { $0.frameStartedAt = nil }
                guard let plain = receiver.withLock({ $0.stream.open(frame) }) else {
                    throw ProtocolViolation("a frame failed authentication (tampered, replayed or not from this peer)")
                }
                do {
                    return try SyncMessage(decoding: plain)
                } catch {
                    throw ProtocolViolation("malformed frame: \(error)")
                }
            }
            let now = DispatchTime.now().uptimeNanoseconds
            var wait = idle - Double(now - start) / 1e9
            let midFrame = receiver.withLock { state in
                if state.decoder.isMidFrame, state.frameStartedAt == nil { state.frameStartedAt = now }
                return state.decoder.isMidFrame ? state.frameStartedAt : nil
            }
            if let midFrame {
                let left = Self.frameSeconds - Double(now - midFrame) / 1e9
                guard left > 0 else {
                    throw ProtocolViolation("sent part of a frame and then nothing for \(Int(Self.frameSeconds)) s")
                }
                wait = min(max(wait, 0.05), left)
            } else if wait <= 0 {
                return nil
            }
            let bytes = try connection.read(limit: 256 * 1024, timeout: wait)
            if !bytes.isEmpty { receiver.withLock { $0.decoder.append(bytes) } }
        }
    }
}
