/// One signed entry in a device's feed.
///
/// Wire format, version 1 (all integers big-endian):
/// `version u8 | kind u16 | author 32 | sequence u64 | previous 32 |
/// timestamp i64 (ms since 1970) | body length u32 | body | signature 64`.
/// The signature is Ed25519 by `author` over every byte before it; the id is
/// BLAKE2b-256 of the whole encoding, signature included, and the next event
/// of the feed names it as `previous`.
///
/// A class, not a struct: an event passes through several arrays and
/// caches on its way into the replica. Copying a struct of six arrays
/// retained and released each of them every time, about an eighth of the
/// writer's CPU in `hilum bench ingest`. Every property is a `let`, so
/// sharing one instance behaves like a value.
public final class Event: Sendable, Equatable {
    public static let formatVersion: UInt8 = 1
    public static let headerSize = 1 + 2 + 32 + 8 + 32 + 8 + 4
    public static let signatureSize = 64
    public static let maxBodySize = 224 * 1024
    public static let maxEncodedSize = headerSize + maxBodySize + signatureSize

    public let kind: EventKind
    public let author: PublicKey
    public let sequence: UInt64
    public let previous: EventID
    public let timestamp: Int64
    public let body: [UInt8]
    public let signature: [UInt8]
    /// The decoded body.
    public let content: EventContent
    /// The canonical encoding: decoding it and encoding again gives these bytes.
    public let encoded: [UInt8]

    /// The bytes the signature covers.
    public var signedBytes: ArraySlice<UInt8> { encoded[0..<(encoded.count - Event.signatureSize)] }

    /// Encodes the header and body of an unsigned event; sign the result and pass
    /// both to `init(unsigned:signature:)`.
    public static func unsignedBytes(kind: EventKind, author: PublicKey, sequence: UInt64,
                                     previous: EventID, timestamp: Int64, body: [UInt8]) -> [UInt8] {
        var writer = ByteWriter(capacity: headerSize + body.count + signatureSize)
        writer.write(formatVersion)
        writer.write(kind.rawValue)
        writer.writeFixed(author)
        writer.write(sequence)
        writer.writeFixed(previous)
        writer.write(timestamp)
        writer.write(bytes: body)
        return writer.bytes
    }

    public convenience init(unsigned: [UInt8], signature: [UInt8]) throws(DecodeError) {
        try FieldRules.check(signature.count == Event.signatureSize, "signature", "\(signature.count) bytes, expected 64")
        try self.init(decoding: unsigned + signature)
    }

    /// Decodes and checks the structure of an event and its body. The
    /// signature is not checked here; that needs libsodium (HilumCrypto).
    public init(decoding bytes: [UInt8]) throws(DecodeError) {
        guard bytes.count <= Event.maxEncodedSize else {
            throw .tooLong(field: "event", length: bytes.count, maximum: Event.maxEncodedSize)
        }
        var reader = ByteReader(bytes)
        let version = try reader.readUInt8("version")
        guard version == Event.formatVersion else {
            throw .unsupportedVersion(what: "event format", version: version, supported: Event.formatVersion)
        }
        let rawKind = try reader.readUInt16("kind")
        guard let kind = EventKind(rawValue: rawKind) else { throw .unknownKind(rawKind) }
        self.kind = kind
        author = try reader.readKey("author")
        sequence = try reader.readUInt64("sequence")
        previous = try reader.readKey("previous")
        timestamp = try reader.readInt64("timestamp")
        body = try reader.readBytes("body", maxLength: Event.maxBodySize)
        signature = try reader.readFixed(Event.signatureSize, "signature")
        try reader.expectEnd("event")
        encoded = bytes

        try FieldRules.check(sequence >= 1 && sequence < UInt64(Int64.max), "sequence", "\(sequence) is out of range; feeds start at 1")
        try FieldRules.check((sequence == 1) == (previous == .zero), "previous",
                             sequence == 1 ? "the first event of a feed must name no previous event" : "only the first event may name no previous event")
        try FieldRules.time(timestamp, "timestamp")
        content = try EventContent(kind: kind, body: body)
    }

    public static func == (lhs: Event, rhs: Event) -> Bool { lhs.encoded == rhs.encoded }
}
