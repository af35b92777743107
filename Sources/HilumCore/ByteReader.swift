/// Reads Hilum's canonical binary form and rejects every non-canonical
/// variant (a flag byte other than 0 or 1, invalid UTF-8, a length past the
/// end), so that decoding and re-encoding give back the same bytes.
public struct ByteReader: Sendable {
    private let bytes: [UInt8]
    public private(set) var offset: Int

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        offset = 0
    }

    public var remaining: Int { bytes.count - offset }

    public var isAtEnd: Bool { offset == bytes.count }

    private mutating func take(_ count: Int, field: String) throws(DecodeError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else {
            throw .truncated(field: field, needed: count, available: remaining)
        }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    public mutating func readUInt8(_ field: String) throws(DecodeError) -> UInt8 {
        try take(1, field: field).first!
    }

    public mutating func readBool(_ field: String) throws(DecodeError) -> Bool {
        switch try readUInt8(field) {
        case 0: return false
        case 1: return true
        case let other: throw .invalidValue(field: field, reason: "flag byte is \(other), expected 0 or 1")
        }
    }

    public mutating func readUInt16(_ field: String) throws(DecodeError) -> UInt16 {
        try take(2, field: field).reduce(0) { $0 << 8 | UInt16($1) }
    }

    public mutating func readUInt32(_ field: String) throws(DecodeError) -> UInt32 {
        try take(4, field: field).reduce(0) { $0 << 8 | UInt32($1) }
    }

    public mutating func readUInt64(_ field: String) throws(DecodeError) -> UInt64 {
        try take(8, field: field).reduce(0) { $0 << 8 | UInt64($1) }
    }

    public mutating func readInt64(_ field: String) throws(DecodeError) -> Int64 {
        Int64(bitPattern: try readUInt64(field))
    }

    public mutating func readFixed(_ count: Int, _ field: String) throws(DecodeError) -> [UInt8] {
        Array(try take(count, field: field))
    }

    public mutating func readKey(_ field: String) throws(DecodeError) -> Key32 {
        Key32(unchecked: try take(32, field: field))
    }

    /// Reads a 4-byte length and that many bytes, in place.
    private mutating func takeLengthPrefixed(_ field: String, maxLength: Int) throws(DecodeError) -> ArraySlice<UInt8> {
        let length = Int(try readUInt32(field))
        guard length <= maxLength else {
            throw .tooLong(field: field, length: length, maximum: maxLength)
        }
        return try take(length, field: field)
    }

    public mutating func readBytes(_ field: String, maxLength: Int) throws(DecodeError) -> [UInt8] {
        Array(try takeLengthPrefixed(field, maxLength: maxLength))
    }

    public mutating func readString(_ field: String, maxLength: Int) throws(DecodeError) -> String {
        guard let text = String(validating: try takeLengthPrefixed(field, maxLength: maxLength), as: UTF8.self) else {
            throw .invalidUTF8(field: field)
        }
        return text
    }

    public mutating func readOptionalKey(_ field: String) throws(DecodeError) -> Key32? {
        try readBool(field) ? try readKey(field) : nil
    }

    public mutating func readOptionalString(_ field: String, maxLength: Int) throws(DecodeError) -> String? {
        try readBool(field) ? try readString(field, maxLength: maxLength) : nil
    }

    public mutating func readStrings(_ field: String, maxCount: Int, maxLength: Int) throws(DecodeError) -> [String] {
        let count = Int(try readUInt32(field))
        guard count <= maxCount else { throw .tooLong(field: field, length: count, maximum: maxCount) }
        var values: [String] = []
        for _ in 0..<count { values.append(try readString(field, maxLength: maxLength)) }
        return values
    }

    public mutating func readKeys(_ field: String, maxCount: Int) throws(DecodeError) -> [Key32] {
        let count = Int(try readUInt32(field))
        guard count <= maxCount else { throw .tooLong(field: field, length: count, maximum: maxCount) }
        var values: [Key32] = []
        for _ in 0..<count { values.append(try readKey(field)) }
        return values
    }

    /// Reads a one-byte enumeration value, rejecting values outside the type.
    public mutating func readEnum<T: RawRepresentable>(_ type: T.Type, _ field: String) throws(DecodeError) -> T
    where T.RawValue == UInt8 {
        let raw = try readUInt8(field)
        guard let value = T(rawValue: raw) else {
            throw .invalidValue(field: field, reason: "\(raw) is not a known \(T.self)")
        }
        return value
    }

    public func expectEnd(_ context: String) throws(DecodeError) {
        guard isAtEnd else { throw .trailingBytes(context: context, count: remaining) }
    }
}

/// Why a byte string is not a valid canonical encoding.
public enum DecodeError: Error, Equatable, Sendable, CustomStringConvertible {
    case truncated(field: String, needed: Int, available: Int)
    case tooLong(field: String, length: Int, maximum: Int)
    case invalidUTF8(field: String)
    case invalidValue(field: String, reason: String)
    case trailingBytes(context: String, count: Int)
    case unknownKind(UInt16)
    case unsupportedVersion(what: String, version: UInt8, supported: UInt8)

    public var description: String {
        switch self {
        case let .truncated(field, needed, available):
            return "truncated at \(field): needs \(needed) bytes, \(available) left"
        case let .tooLong(field, length, maximum):
            return "\(field) is \(length) long, the maximum is \(maximum)"
        case let .invalidUTF8(field):
            return "\(field) is not valid UTF-8"
        case let .invalidValue(field, reason):
            return "\(field) is invalid: \(reason)"
        case let .trailingBytes(context, count):
            return "\(count) unexpected bytes after the end of the \(context)"
        case let .unknownKind(kind):
            return "unknown event kind \(kind); this build of hilum may be older than the event's author"
        case let .unsupportedVersion(what, version, supported):
            return "\(what) version \(version) is not supported (this build reads up to \(supported)); update hilum"
        }
    }
}
