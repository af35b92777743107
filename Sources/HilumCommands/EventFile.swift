import Foundation

/// A file of events, each prefixed by its length as a 4-byte big-endian integer.
enum EventFile {
    final class Writer {
        private let handle: FileHandle
        private var buffer: [UInt8] = []

        init(path: String) throws {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw CommandError("cannot create \(path)")
            }
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        }

        func append(_ event: [UInt8]) throws {
            let length = UInt32(event.count)
            buffer += [UInt8(length >> 24), UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff)]
            buffer += event
            if buffer.count >= 1 << 20 { try flush() }
        }

        private func flush() throws {
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }

        func close() throws {
            try flush()
            try handle.close()
        }
    }

    final class Reader {
        private let handle: FileHandle
        private var buffer: [UInt8] = []
        private var offset = 0

        init(path: String) throws {
            handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        }

        private func fill(_ needed: Int) throws -> Bool {
            while buffer.count - offset < needed {
                guard let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty else { return false }
                buffer.removeFirst(offset)
                offset = 0
                buffer += chunk
            }
            return true
        }

        /// The next event's bytes, or nil at the end of the file.
        func next() throws -> [UInt8]? {
            guard try fill(4) else { return nil }
            let length = buffer[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            guard try fill(4 + length) else { throw CommandError("the event file ends inside an event") }
            let event = Array(buffer[(offset + 4)..<(offset + 4 + length)])
            offset += 4 + length
            return event
        }
    }
}
