import HilumCore

/// An event as it travels between peers: its signed bytes and the earliest
/// node time the sender has recorded for it.
public struct WireEvent: Sendable, Equatable {
    public var encoded: [UInt8]
    public var witnessedAt: Int64?

    public init(encoded: [UInt8], witnessedAt: Int64?) {
        self.encoded = encoded
        self.witnessedAt = witnessedAt
    }
}

/// A node time reported for one event in an acknowledgment.
public struct WitnessedEvent: Sendable, Equatable {
    public var id: EventID
    public var witnessedAt: Int64

    public init(id: EventID, witnessedAt: Int64) {
        self.id = id
        self.witnessedAt = witnessedAt
    }
}

/// A peer's account of one `events` frame, sent once the frame is committed.
public struct Acknowledgment: Sendable, Equatable {
    public var batch: UInt64
    public var stored: UInt32
    public var duplicates: UInt32
    public var rejected: UInt32
    /// Node times for the accepted events, when the acknowledging peer is a node.
    public var witnesses: [WitnessedEvent]

    public init(batch: UInt64, stored: UInt32, duplicates: UInt32, rejected: UInt32, witnesses: [WitnessedEvent]) {
        self.batch = batch
        self.stored = stored
        self.duplicates = duplicates
        self.rejected = rejected
        self.witnesses = witnesses
    }
}

/// The messages of the sync protocol, carried one per encrypted frame
/// after the handshake. Each side opens with its frontier (in one or more
/// parts), streams what the other lacks, sends `caughtUp`, then pushes new
/// events as they are stored. See docs/SYNC.md.
public enum SyncMessage: Sendable, Equatable {
    case frontier(heads: [(PublicKey, UInt64)], forked: [PublicKey], final: Bool)
    case events(batch: UInt64, [WireEvent])
    case caughtUp(sent: UInt64)
    case ack(Acknowledgment)
    case ping(UInt64)
    case pong(UInt64)
    case bye(reason: String)

    /// Largest plaintext of one frame.
    public static let maxSize = 16 * 1024 * 1024
    public static let maxEventsPerFrame = 65_536
    public static let maxFrontierPerFrame = 100_000
    public static let maxReasonLength = 512

    enum Tag: UInt8 {
        case frontier = 1, events, caughtUp, ack, ping, pong, bye
    }

    public var name: String {
        switch self {
        case .frontier: "frontier"
        case .events: "events"
        case .caughtUp: "caught-up"
        case .ack: "ack"
        case .ping: "ping"
        case .pong: "pong"
        case .bye: "bye"
        }
    }

    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        switch self {
        case let .frontier(heads, forked, final):
            writer.write(Tag.frontier.rawValue)
            writer.write(UInt32(heads.count))
            for (author, sequence) in heads {
                writer.writeFixed(author)
                writer.write(sequence)
            }
            writer.write(forked)
            writer.write(final)
        case let .events(batch, events):
            writer.write(Tag.events.rawValue)
            writer.write(batch)
            writer.write(UInt32(events.count))
            for event in events {
                writer.write(event.witnessedAt ?? -1)
                writer.write(bytes: event.encoded)
            }
        case let .caughtUp(sent):
            writer.write(Tag.caughtUp.rawValue)
            writer.write(sent)
        case let .ack(ack):
            writer.write(Tag.ack.rawValue)
            writer.write(ack.batch)
            writer.write(ack.stored)
            writer.write(ack.duplicates)
            writer.write(ack.rejected)
            writer.write(UInt32(ack.witnesses.count))
            for witness in ack.witnesses {
                writer.writeFixed(witness.id)
                writer.write(witness.witnessedAt)
            }
        case let .ping(nonce):
            writer.write(Tag.ping.rawValue)
            writer.write(nonce)
        case let .pong(nonce):
            writer.write(Tag.pong.rawValue)
            writer.write(nonce)
        case let .bye(reason):
            writer.write(Tag.bye.rawValue)
            writer.write(String(reason.prefix(Self.maxReasonLength)))
        }
        return writer.bytes
    }

    /// Decodes one frame's plaintext. Rejects unknown tags, counts over the
    /// limits, negative times other than the "none" marker, and trailing bytes.
    public init(decoding bytes: [UInt8]) throws(DecodeError) {
        guard bytes.count <= Self.maxSize else { throw .tooLong(field: "frame", length: bytes.count, maximum: Self.maxSize) }
        var reader = ByteReader(bytes)
        let rawTag = try reader.readUInt8("frame.type")
        guard let tag = Tag(rawValue: rawTag) else {
            throw .invalidValue(field: "frame.type", reason: "\(rawTag) is not a known message type")
        }
        switch tag {
        case .frontier:
            let count = try Self.count(&reader, "frontier.heads", maximum: Self.maxFrontierPerFrame)
            var heads: [(PublicKey, UInt64)] = []
            heads.reserveCapacity(count)
            for _ in 0..<count {
                heads.append((try reader.readKey("frontier.author"), try reader.readUInt64("frontier.sequence")))
            }
            let forked = try reader.readKeys("frontier.forked", maxCount: Self.maxFrontierPerFrame)
            self = .frontier(heads: heads, forked: forked, final: try reader.readBool("frontier.final"))
        case .events:
            let batch = try reader.readUInt64("events.batch")
            let count = try Self.count(&reader, "events.count", maximum: Self.maxEventsPerFrame)
            var events: [WireEvent] = []
            events.reserveCapacity(count)
            for _ in 0..<count {
                let witnessedAt = try Self.time(&reader, "events.witnessedAt")
                events.append(WireEvent(encoded: try reader.readBytes("events.event", maxLength: Event.maxEncodedSize),
                                        witnessedAt: witnessedAt))
            }
            self = .events(batch: batch, events)
        case .caughtUp:
            self = .caughtUp(sent: try reader.readUInt64("caughtUp.sent"))
        case .ack:
            let batch = try reader.readUInt64("ack.batch")
            let stored = try reader.readUInt32("ack.stored")
            let duplicates = try reader.readUInt32("ack.duplicates")
            let rejected = try reader.readUInt32("ack.rejected")
            let count = try Self.count(&reader, "ack.witnesses", maximum: Self.maxEventsPerFrame)
            var witnesses: [WitnessedEvent] = []
            witnesses.reserveCapacity(count)
            for _ in 0..<count {
                let id = try reader.readKey("ack.id")
                guard let time = try Self.time(&reader, "ack.witnessedAt") else {
                    throw .invalidValue(field: "ack.witnessedAt", reason: "an acknowledged event needs a node time")
                }
                witnesses.append(WitnessedEvent(id: id, witnessedAt: time))
            }
            self = .ack(Acknowledgment(batch: batch, stored: stored, duplicates: duplicates, rejected: rejected, witnesses: witnesses))
        case .ping:
            self = .ping(try reader.readUInt64("ping.nonce"))
        case .pong:
            self = .pong(try reader.readUInt64("pong.nonce"))
        case .bye:
            self = .bye(reason: try reader.readString("bye.reason", maxLength: Self.maxReasonLength))
        }
        try reader.expectEnd("\(name) frame")
    }

    private static func count(_ reader: inout ByteReader, _ field: String, maximum: Int) throws(DecodeError) -> Int {
        let count = Int(try reader.readUInt32(field))
        guard count <= maximum else { throw .tooLong(field: field, length: count, maximum: maximum) }
        return count
    }

    /// A time in milliseconds since 1970, or -1 for "none".
    private static func time(_ reader: inout ByteReader, _ field: String) throws(DecodeError) -> Int64? {
        let value = try reader.readInt64(field)
        guard value >= -1 else { throw .invalidValue(field: field, reason: "\(value) is negative") }
        return value == -1 ? nil : value
    }

    public static func == (lhs: SyncMessage, rhs: SyncMessage) -> Bool { lhs.encoded() == rhs.encoded() }
}
