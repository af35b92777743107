import Glibc

/// Reads text columns whose values repeat from row to row (modality, region,
/// procedure) and hands back one shared `String` per distinct value, so a
/// scan of 100,000 rows allocates a few strings instead of one per cell.
/// Each column remembers up to `capacity` values; a column with more
/// distinct values than that still reads correctly, only without sharing.
public struct TextInterner {
    private struct Entry {
        let bytes: [UInt8]
        let text: String
    }

    /// Remembered values, indexed by column number.
    private var columns: [[Entry]] = []
    private let capacity: Int

    public init(capacity: Int = 32) {
        self.capacity = capacity
    }

    /// The text in `column` of the statement's current row; "" for NULL, as `Statement.text` returns.
    public mutating func text(_ statement: Statement, _ column: Int32) -> String {
        statement.withTextBytes(column) { bytes in
            let index = Int(column)
            if columns.count <= index { columns.append(contentsOf: repeatElement([], count: index + 1 - columns.count)) }
            for entry in columns[index] where entry.bytes.count == bytes.count {
                let equal = entry.bytes.withUnsafeBufferPointer { stored in
                    bytes.isEmpty || memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0
                }
                if equal { return entry.text }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if columns[index].count < capacity { columns[index].append(Entry(bytes: Array(bytes), text: text)) }
            return text
        }
    }

    /// Like `text(_:_:)`, but nil for NULL.
    public mutating func optionalText(_ statement: Statement, _ column: Int32) -> String? {
        statement.isNull(column) ? nil : text(statement, column)
    }
}
