import CSodium
import HilumCore

/// One side's ephemeral X25519 key pair for a connection's key exchange
/// (libsodium `crypto_kx`). A fresh pair per connection gives forward
/// secrecy: recorded traffic stays sealed even if identity keys leak later.
public final class KeyExchange {
    public let publicKey: [UInt8]
    private let secretKey: SecretBytes

    public static let publicKeySize = Int(crypto_kx_PUBLICKEYBYTES)

    public init() {
        _ = Sodium.ready
        var publicKey = [UInt8](repeating: 0, count: Int(crypto_kx_PUBLICKEYBYTES))
        secretKey = SecretBytes(count: Int(crypto_kx_SECRETKEYBYTES)) { secret in
            _ = crypto_kx_keypair(&publicKey, secret.u8)
        }
        self.publicKey = publicKey
    }

    /// The two directions' keys, or nil when the peer's key is unusable
    /// (a low-order point). The side that opened the connection is the
    /// initiator; the other side must pass `initiator: false`.
    public func sessionKeys(peer: [UInt8], initiator: Bool) -> (receive: SecretBytes, transmit: SecretBytes)? {
        guard peer.count == Int(crypto_kx_PUBLICKEYBYTES) else { return nil }
        let size = Int(crypto_kx_SESSIONKEYBYTES)
        var failed = false
        let both = SecretBytes(count: 2 * size) { out in
            secretKey.withBytes { secret in
                let result = initiator
                    ? crypto_kx_client_session_keys(out.u8, out.u8 + size, publicKey, secret.u8, peer)
                    : crypto_kx_server_session_keys(out.u8, out.u8 + size, publicKey, secret.u8, peer)
                failed = result != 0
            }
        }
        guard !failed else { return nil }
        func half(_ range: Range<Int>) -> SecretBytes {
            SecretBytes(count: size) { out in both.withBytes { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[range])) } }
        }
        return (half(0..<size), half(size..<(2 * size)))
    }
}

/// The sending half of an encrypted, authenticated message stream
/// (`crypto_secretstream_xchacha20poly1305`): every message is sealed
/// with its position, so dropped, reordered or replayed messages fail to open.
public final class SecretStreamSender {
    private let state: UnsafeMutablePointer<crypto_secretstream_xchacha20poly1305_state>
    /// Sent in clear before the first message; the receiver needs it to open the stream.
    public let header: [UInt8]

    public static let headerSize = Int(crypto_secretstream_xchacha20poly1305_HEADERBYTES)
    public static let overhead = Int(crypto_secretstream_xchacha20poly1305_ABYTES)

    public init(key: SecretBytes) {
        _ = Sodium.ready
        let state = UnsafeMutablePointer<crypto_secretstream_xchacha20poly1305_state>.allocate(capacity: 1)
        var header = [UInt8](repeating: 0, count: Self.headerSize)
        key.withBytes { _ = crypto_secretstream_xchacha20poly1305_init_push(state, &header, $0.u8) }
        self.state = state
        self.header = header
    }

    public func seal(_ message: [UInt8]) -> [UInt8] {
        var sealed = [UInt8](repeating: 0, count: message.count + Self.overhead)
        _ = crypto_secretstream_xchacha20poly1305_push(state, &sealed, nil, message, UInt64(message.count), nil, 0,
                                                       UInt8(crypto_secretstream_xchacha20poly1305_TAG_MESSAGE))
        return sealed
    }

    deinit {
        sodium_memzero(state, MemoryLayout<crypto_secretstream_xchacha20poly1305_state>.size)
        state.deallocate()
    }
}

/// The receiving half of a `SecretStreamSender`'s stream.
public final class SecretStreamReceiver {
    private let state: UnsafeMutablePointer<crypto_secretstream_xchacha20poly1305_state>

    /// Nil when the header is malformed.
    public init?(key: SecretBytes, header: [UInt8]) {
        _ = Sodium.ready
        guard header.count == SecretStreamSender.headerSize else { return nil }
        let state = UnsafeMutablePointer<crypto_secretstream_xchacha20poly1305_state>.allocate(capacity: 1)
        let result = key.withBytes { crypto_secretstream_xchacha20poly1305_init_pull(state, header, $0.u8) }
        guard result == 0 else {
            state.deallocate()
            return nil
        }
        self.state = state
    }

    /// The message, or nil when it was not sealed by the matching sender at
    /// this position (tampered, forged, replayed, reordered or truncated).
    /// After a failure the stream is unusable: drop the connection.
    public func open(_ sealed: [UInt8]) -> [UInt8]? {
        guard sealed.count >= SecretStreamSender.overhead else { return nil }
        var message = [UInt8](repeating: 0, count: sealed.count - SecretStreamSender.overhead)
        var tag: UInt8 = 0
        let result = crypto_secretstream_xchacha20poly1305_pull(state, &message, nil, &tag, sealed, UInt64(sealed.count), nil, 0)
        guard result == 0, tag == UInt8(crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) else { return nil }
        return message
    }

    deinit {
        sodium_memzero(state, MemoryLayout<crypto_secretstream_xchacha20poly1305_state>.size)
        state.deallocate()
    }
}
