/// A 32-byte value: an Ed25519 or X25519 public key, or a BLAKE2b-256 event id.
public struct Key32: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init?(_ bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// Wraps bytes whose length the caller has already checked.
    public init(unchecked bytes: [UInt8]) {
        precondition(bytes.count == 32, "Key32 needs exactly 32 bytes")
        self.bytes = bytes
    }

    public static let zero = Key32(unchecked: [UInt8](repeating: 0, count: 32))

    public init?(hex: String) {
        guard let bytes = Hex.decode(hex), bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    public var hex: String { Hex.encode(bytes) }

    /// The first 8 bytes in hex, for display where the full value does not fit.
    public var short: String { Hex.encode(Array(bytes.prefix(8))) }

    public var description: String { hex }

    /// Compares eight bytes at a time. The synthesized `==` compares the
    /// array element by element, and feed heads, devices and cached cases
    /// are looked up by key for every stored event.
    public static func == (lhs: Key32, rhs: Key32) -> Bool {
        lhs.bytes.withUnsafeBytes { left in
            rhs.bytes.withUnsafeBytes { right in
                guard left.count == right.count else { return false }
                var offset = 0
                while offset + 8 <= left.count {
                    if left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                        != right.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
                    offset += 8
                }
                return left[offset...].elementsEqual(right[offset...])
            }
        }
    }

    /// Feeds the first 16 bytes to the hasher as two words. Keys are
    /// public keys and BLAKE2b digests, so two different keys share those
    /// bytes only by a 128-bit collision, and `Hasher` is seeded per
    /// process, so no one can aim keys at one bucket. Hashing all 32 bytes
    /// through `combine(bytes:)` was 3 % of the ingest writer's instructions.
    public func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { raw in
            hasher.combine(raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
            hasher.combine(raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
    }

    public static func < (lhs: Key32, rhs: Key32) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
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
