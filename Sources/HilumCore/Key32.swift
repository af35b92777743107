/// A 32-byte value: an Ed25519 or X25519 public key, or a BLAKE2b-256 event id.
/// The bytes are stored inline as four words, so a key costs no heap
/// allocation: decoding an event makes four or more of them, and the ingest
/// writer compares and hashes them for every event it stores.
public struct Key32: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The bytes in order: byte 0 is the first byte in memory of `words.0`.
    private let words: (UInt64, UInt64, UInt64, UInt64)

    public init?(_ bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.init(unchecked: bytes[...])
    }

    /// Wraps bytes whose length the caller has already checked.
    public init(unchecked bytes: [UInt8]) {
        self.init(unchecked: bytes[...])
    }

    /// Copies 32 bytes whose length the caller has already checked.
    public init(unchecked bytes: ArraySlice<UInt8>) {
        precondition(bytes.count == 32, "Key32 needs exactly 32 bytes")
        words = bytes.withUnsafeBytes { raw in
            (raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
             raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        }
    }

    public static let zero = Key32(unchecked: [UInt8](repeating: 0, count: 32))

    public init?(hex: String) {
        guard let bytes = Hex.decode(hex), bytes.count == 32 else { return nil }
        self.init(unchecked: bytes)
    }

    /// The 32 bytes as a new array.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Calls `body` with the 32 bytes in place, without copying them.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try Swift.withUnsafeBytes(of: words) { try body($0) }
    }

    public var hex: String { withUnsafeBytes { Hex.encode($0) } }

    /// The first 8 bytes in hex, for display where the full value does not fit.
    public var short: String { withUnsafeBytes { Hex.encode($0.prefix(8)) } }

    public var description: String { hex }

    public static func == (lhs: Key32, rhs: Key32) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
    }

    /// Feeds the first 16 bytes to the hasher as two words. Keys are
    /// public keys and BLAKE2b digests, so two different keys share those
    /// bytes only by a 128-bit collision, and `Hasher` is seeded per
    /// process, so no one can aim keys at one bucket. Hashing all 32 bytes
    /// through `combine(bytes:)` was 3 % of the ingest writer's instructions.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
    }

    /// Orders keys byte by byte, as `lexicographicallyPrecedes` on their bytes would.
    public static func < (lhs: Key32, rhs: Key32) -> Bool {
        // Read as big-endian numbers, the stored words compare in byte order.
        let left = (UInt64(bigEndian: lhs.words.0), UInt64(bigEndian: lhs.words.1),
                    UInt64(bigEndian: lhs.words.2), UInt64(bigEndian: lhs.words.3))
        let right = (UInt64(bigEndian: rhs.words.0), UInt64(bigEndian: rhs.words.1),
                     UInt64(bigEndian: rhs.words.2), UInt64(bigEndian: rhs.words.3))
        return left < right
    }
}

public typealias EventID = Key32
public typealias PublicKey = Key32

public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var index = 0
        while index < chars.count {
            guard let high = value(chars[index]), let low = value(chars[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func value(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return char - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
