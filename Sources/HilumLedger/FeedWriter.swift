import HilumCore
import HilumCrypto

/// Appends events to this device's own feed: next sequence, hash of the
/// previous event, a timestamp that never goes back, the device signature.
public struct FeedWriter {
    public let device: SigningKey

    public init(device: SigningKey) {
        self.device = device
    }

    /// Why a local event was not accepted.
    public enum Failure: Error, CustomStringConvertible {
        case invalid(DecodeError)
        case rejected(InputRejection)
        case quarantined(Quarantine)

        public var description: String {
            switch self {
            case let .invalid(error): "the event is invalid: \(error)"
            case let .rejected(rejection): "\(rejection)"
            case let .quarantined(quarantine): "the ledger rules rejected the event: \(quarantine.reason) (\(quarantine.code))"
            }
        }
    }

    /// Signs the next event of the feed without storing it.
    public func sign(_ body: some EventBody, after head: (sequence: UInt64, id: EventID, timestamp: Int64)?,
                     at time: Int64 = Clock.nowMilliseconds()) throws(Failure) -> VerifiedEvent {
        do {
            try body.validate()
        } catch {
            throw .invalid(error)
        }
        let unsigned = Event.unsignedBytes(kind: type(of: body).kind, author: device.publicKey,
                                           sequence: (head?.sequence ?? 0) + 1, previous: head?.id ?? .zero,
                                           timestamp: max(time, head?.timestamp ?? 0), body: body.encoded())
        let event: Event
        do {
            event = try Event(unsigned: unsigned, signature: device.sign(unsigned))
        } catch {
            throw .invalid(error)
        }
        return VerifiedEvent(event: event, id: Hash.blake2b256(event.encoded))
    }

    /// Signs the next event and stores it in `replica`. Throws if the
    /// ledger rules quarantine it, so the user learns at once why.
    /// A rejected event is rolled back, so it never leaves this device:
    /// signing it would publish a rule violation under the author's key.
    @discardableResult
    public func append(_ body: some EventBody, to replica: Replica, at time: Int64 = Clock.nowMilliseconds()) throws -> VerifiedEvent {
        let verified = try sign(body, after: try replica.ownHead(device.publicKey), at: time)
        try replica.storeOwn(verified)
        return verified
    }
}

extension Replica {
    /// The newest stored event of a feed, linked or not.
    public func ownHead(_ author: PublicKey) throws -> (sequence: UInt64, id: EventID, timestamp: Int64)? {
        let statement = try database.prepare("SELECT sequence, id, timestamp FROM events WHERE author = ? ORDER BY sequence DESC LIMIT 1")
        statement.bind(1, author)
        guard try statement.step() else { return nil }
        return (UInt64(statement.int64(0)), EventID(unchecked: statement.blob(1)), statement.int64(2))
    }

    public func quarantine(of id: EventID) throws -> Quarantine? {
        let statement = try database.prepare("SELECT code, reason FROM quarantine WHERE event_id = ?")
        statement.bind(1, id)
        return try statement.step() ? Quarantine(statement.text(0), statement.text(1)) : nil
    }

    /// Every stored event in feed order, for export and tests.
    public func allEncodedEvents() throws -> [[UInt8]] {
        let statement = try database.prepare("SELECT encoded FROM events ORDER BY author, sequence, id")
        var all: [[UInt8]] = []
        while try statement.step() { all.append(statement.blob(0)) }
        return all
    }
}
