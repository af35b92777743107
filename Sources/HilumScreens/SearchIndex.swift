import Foundation
import Glibc

/// Each row's search text, folded once (lower case, accents removed) so that
/// filtering 100,000 rows is a byte search per row and term.
struct SearchIndex {
    private var texts: [[UInt8]] = []

    init(_ texts: [String] = []) {
        self.texts = texts.map(Self.fold)
    }

    /// Indexes each row's fields as if joined with spaces.
    init(fields rows: [[String]]) {
        texts = rows.map(Self.fold(fields:))
    }

    var count: Int { texts.count }

    /// Lower case and without accents, as bytes. ASCII text, which is most
    /// posting text, skips Foundation's folding, which costs far more.
    static func fold(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        if bytes.allSatisfy({ $0 < 0x80 }) {
            for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] += 0x20 }
            return bytes
        }
        return Array(text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased().utf8)
    }

    /// Folds `fields` joined with spaces into one buffer, skipping the
    /// joined and lower-cased copies `fold(_:)` of the joined text would make.
    static func fold(fields: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fields.reduce(fields.count) { $0 + $1.utf8.count })
        for (position, field) in fields.enumerated() {
            if position > 0 { bytes.append(0x20) }
            bytes.append(contentsOf: field.utf8)
        }
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return fold(fields.joined(separator: " ")) }
        for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] += 0x20 }
        return bytes
    }

    /// Returns whether `needle` occurs in `text`. memchr finds each candidate first byte and memcmp checks the rest.
    static func contains(_ text: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        guard let base = text.baseAddress, let pattern = needle.baseAddress, needle.count <= text.count else { return false }
        var offset = 0
        let last = text.count - needle.count
        while offset <= last {
            guard let found = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
            let position = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
            if memcmp(base + position, pattern, needle.count) == 0 { return true }
            offset = position + 1
        }
        return false
    }

    /// Rows among `candidates` whose text contains every space-separated term of `query`.
    func matching(_ query: String, among candidates: [Int]) -> [Int] {
        let terms = query.split(separator: " ").map { Self.fold(String($0)) }
        guard !terms.isEmpty else { return candidates }
        return candidates.filter { row in
            texts[row].withUnsafeBufferPointer { text in
                terms.allSatisfy { term in
                    term.withUnsafeBufferPointer { Self.contains(text, $0) }
                }
            }
        }
    }
}
