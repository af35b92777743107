/// Appends values in Hilum's canonical binary form: big-endian fixed-width
/// integers, and byte strings and text prefixed by a 32-bit length.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8]

    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func write(_ value: UInt8) { bytes.append(value) }

    public mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    public mutating func write(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    public mutating func write(_ value: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
        }
    }

    public mutating func write(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }

    public mutating func write(_ value: Int64) { write(UInt64(bitPattern: value)) }

    /// Writes raw bytes with no length prefix; the reader must know the size.
    public mutating func writeFixed(_ value: [UInt8]) { bytes.append(contentsOf: value) }

    public mutating func writeFixed(_ value: Key32) { value.withUnsafeBytes { bytes.append(contentsOf: $0) } }

    public mutating func write(bytes value: [UInt8]) {
        write(UInt32(value.count))
        bytes.append(contentsOf: value)
    }

    public mutating func write(_ value: String) {
        write(bytes: Array(value.utf8))
    }

    public mutating func write(_ value: Key32?) {
        if let value {
            write(UInt8(1))
            writeFixed(value)
        } else {
            write(UInt8(0))
        }
    }

    public mutating func write(_ value: String?) {
        if let value {
            write(UInt8(1))
            write(value)
        } else {
            write(UInt8(0))
        }
    }

    public mutating func write(_ values: [String]) {
        write(UInt32(values.count))
        for value in values { write(value) }
    }

    public mutating func write(_ values: [Key32]) {
        write(UInt32(values.count))
        for value in values { writeFixed(value) }
    }
}
