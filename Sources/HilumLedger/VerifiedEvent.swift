import HilumCore
import HilumCrypto

/// An event whose structure and every signature in it have been checked.
/// Only values of this type reach the store.
public struct VerifiedEvent: Sendable {
    public let event: Event
    public let id: EventID
    /// When a node first saw the event, by that node's clock; nil until a
    /// node has seen it (an event this replica made and has not pushed yet).
    public var witnessedAt: Int64?

    public init(event: Event, id: EventID, witnessedAt: Int64? = nil) {
        self.event = event
        self.id = id
        self.witnessedAt = witnessedAt
    }

    /// The time deadline and turnaround rules use; see `Witness.effectiveTime`.
    var effectiveTime: Int64 { Witness.effectiveTime(timestamp: event.timestamp, witnessedAt: witnessedAt) }

    /// Order in which events are projected: author's timestamp, then author,
    /// then sequence. Sequence breaks ties inside a feed, because
    /// timestamps within one feed never decrease (the linker enforces it).
    var orderKey: OrderKey { OrderKey(timestamp: event.timestamp, author: event.author, sequence: event.sequence) }
}

struct OrderKey: Comparable, Sendable {
    let timestamp: Int64
    let author: PublicKey
    let sequence: UInt64

    static func < (lhs: OrderKey, rhs: OrderKey) -> Bool {
        if lhs.timestamp != rhs.timestamp { return lhs.timestamp < rhs.timestamp }
        if lhs.author != rhs.author { return lhs.author < rhs.author }
        return lhs.sequence < rhs.sequence
    }

    var stored: String { "\(timestamp):\(author.hex):\(sequence)" }

    init(timestamp: Int64, author: PublicKey, sequence: UInt64) {
        self.timestamp = timestamp
        self.author = author
        self.sequence = sequence
    }

    init?(stored: String) {
        let parts = stored.split(separator: ":")
        guard parts.count == 3, let timestamp = Int64(parts[0]), let author = PublicKey(hex: String(parts[1])),
              let sequence = UInt64(parts[2]) else { return nil }
        self.init(timestamp: timestamp, author: author, sequence: sequence)
    }
}

/// Why bytes offered to the store were not accepted as an event at all.
public struct InputRejection: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case malformed(DecodeError)
        case badSignature
        case badIdentitySignature
        case badRecoverySignature
        case badForkProof(String)
    }

    public let reason: Reason
    /// Author and sequence when the header decoded, for the log line.
    public let author: PublicKey?
    public let sequence: UInt64?

    public var code: String {
        switch reason {
        case .malformed: "malformed"
        case .badSignature: "bad-signature"
        case .badIdentitySignature: "bad-identity-signature"
        case .badRecoverySignature: "bad-recovery-signature"
        case .badForkProof: "bad-fork-proof"
        }
    }

    public var description: String {
        let subject = author.map { "event \($0.short)#\(sequence ?? 0)" } ?? "event"
        switch reason {
        case let .malformed(error): return "\(subject) rejected: \(error)"
        case .badSignature: return "\(subject) rejected: the Ed25519 signature does not match the author key"
        case .badIdentitySignature: return "\(subject) rejected: the device certificate is not signed by the identity it names"
        case .badRecoverySignature: return "\(subject) rejected: the key rotation is not signed by the identity's recovery key"
        case let .badForkProof(detail): return "\(subject) rejected: invalid fork proof: \(detail)"
        }
    }
}

public enum EventVerifier {
    /// Decodes `bytes` and checks every signature the event carries. Pure
    /// and thread-safe, so the ingest pipeline runs it on all cores.
    public static func verify(_ bytes: [UInt8]) -> Result<VerifiedEvent, InputRejection> {
        let event: Event
        do {
            event = try Event(decoding: bytes)
        } catch {
            return .failure(InputRejection(reason: .malformed(error), author: headerAuthor(bytes), sequence: nil))
        }
        func reject(_ reason: InputRejection.Reason) -> Result<VerifiedEvent, InputRejection> {
            .failure(InputRejection(reason: reason, author: event.author, sequence: event.sequence))
        }
        guard Signature.verify(event.signature, message: event.signedBytes, publicKey: event.author) else {
            return reject(.badSignature)
        }
        switch event.content {
        case let .device(body):
            guard Signature.verify(body.identitySignature, message: body.certificate(device: event.author),
                                   publicKey: body.identity) else { return reject(.badIdentitySignature) }
        case let .keyRotation(body):
            let statement = KeyRotationBody.statement(author: event.author, identity: body.identity,
                                                      revokedDevices: body.revokedDevices, issuedAt: body.issuedAt)
            guard Signature.verify(body.recoverySignature, message: statement, publicKey: body.identity) else {
                return reject(.badRecoverySignature)
            }
        case let .forkProof(body):
            for inner in [body.first, body.second] {
                guard case .success = verify(inner) else { return reject(.badForkProof("an embedded event does not verify")) }
            }
        default:
            break
        }
        return .success(VerifiedEvent(event: event, id: Hash.blake2b256(bytes)))
    }

    private static func headerAuthor(_ bytes: [UInt8]) -> PublicKey? {
        guard bytes.count >= 35 else { return nil }
        return PublicKey(Array(bytes[3..<35]))
    }
}

/// Node time. Each node records when it first saw an event and passes that
/// time on with the event; a replica keeps the earliest time any node
/// reported. Rules about time ("bid before the deadline", "signed on time")
/// use the author's timestamp while it agrees with the first node's clock,
/// and the node's time when the event reached the network later than its
/// timestamp claims: a backdated event, or one made offline.
public enum Witness {
    /// How far a node may see an event after its timestamp before the node's
    /// time replaces it: network delay plus ordinary clock drift.
    public static let allowanceMilliseconds: Int64 = 120_000

    public static func effectiveTime(timestamp: Int64, witnessedAt: Int64?) -> Int64 {
        guard let witnessedAt, witnessedAt > timestamp + allowanceMilliseconds else { return timestamp }
        return witnessedAt
    }

    /// The earlier of a reported time, if any, and this node's own clock.
    public static func earliestKnown(_ reported: Int64?, _ now: Int64) -> Int64 { min(reported ?? now, now) }

    /// The earlier of two reported times, ignoring absent ones.
    static func earliest(_ one: Int64?, _ two: Int64?) -> Int64? {
        switch (one, two) {
        case let (one?, two?): min(one, two)
        case let (one?, nil): one
        case let (nil, two): two
        }
    }
}
