/// Splits a byte stream into frames: a 4-byte big-endian length, then that
/// many bytes. Bytes may arrive in any pieces, one at a time or many frames
/// at once; a length over the limit is an error as soon as its four bytes
/// are in, before any of the frame is buffered.
public struct FrameDecoder: Sendable {
    public struct TooLarge: Error, Sendable, CustomStringConvertible {
        public let length: Int
        public let maximum: Int
        public var description: String { "frame of \(length) bytes is over the \(maximum)-byte limit" }
    }

    /// Raised after a handshake: a peer must prove who it is before it may send large frames.
    public var maximum: Int
    private var buffer: [UInt8] = []
    private var start = 0

    public init(maximum: Int) {
        self.maximum = maximum
    }

    /// True while part of a frame has arrived but not all of it.
    public var isMidFrame: Bool { start < buffer.count }

    /// After `next` returned nil: the bytes of the incomplete frame received
    /// so far and, once its length prefix is in, its size with the prefix.
    /// Nil when no frame is under way.
    public var incompleteFrame: (received: Int, size: Int?)? {
        let available = buffer.count - start
        guard available > 0 else { return nil }
        return (available, available >= 4 ? 4 + lengthAtStart() : nil)
    }

    public mutating func append(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next whole frame's payload, or nil when more bytes are needed.
    public mutating func next() throws(TooLarge) -> [UInt8]? {
        let available = buffer.count - start
        guard available >= 4 else { return nil }
        let length = lengthAtStart()
        guard length <= maximum else { throw TooLarge(length: length, maximum: maximum) }
        guard available >= 4 + length else { return nil }
        let frame = Array(buffer[(start + 4)..<(start + 4 + length)])
        start += 4 + length
        // Drop consumed bytes once they dominate, so the buffer stays bounded.
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 20)
            start = 0
        } else if start > 1 << 16 && start * 2 > buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
        return frame
    }

    private func lengthAtStart() -> Int {
        Int(buffer[start]) << 24 | Int(buffer[start + 1]) << 16 | Int(buffer[start + 2]) << 8 | Int(buffer[start + 3])
    }

    /// `payload` with its length prefix.
    public static func frame(_ payload: [UInt8]) -> [UInt8] {
        let length = UInt32(payload.count)
        return [UInt8(length >> 24), UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff)] + payload
    }
}
