import CHilumPageChecksum
import Glibc

/// Checks parts of a database file that SQLite's integrity check does not
/// read: the fields of the file header, the free blocks inside b-tree
/// pages, and free pages. This
/// build's SQLite is compiled with SECURE_DELETE, so deleted content is
/// overwritten with zeros: any non-zero byte there is damage.
public enum UnusedSpaceCheck {
    /// One problem per damaged region, naming the page and byte offset.
    /// `btreePages` maps page numbers of every b-tree page (from `dbstat`)
    /// to their kind; overflow pages are not inspected.
    public static func problems(path: String, btreePages: [Int: String]) -> [String] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return ["cannot open \(path) to check unused space: \(String(cString: strerror(errno)))"] }
        defer { close(descriptor) }
        var header = [UInt8](repeating: 0, count: 100)
        guard pread(descriptor, &header, 100, 0) == 100 else { return ["the file header is truncated"] }
        var problems: [String] = []
        func u16(_ bytes: [UInt8], _ at: Int) -> Int { Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
        func u32(_ bytes: [UInt8], _ at: Int) -> Int { u16(bytes, at) << 16 | u16(bytes, at + 2) }

        guard Array(header[0..<16]) == Array("SQLite format 3".utf8) + [0] else { return ["the file header's magic string is damaged"] }
        let rawPageSize = u16(header, 16)
        let pageSize = rawPageSize == 1 ? 65536 : rawPageSize
        guard pageSize >= 512, pageSize & (pageSize - 1) == 0 else { return ["the file header names an invalid page size \(rawPageSize)"] }
        if header[20] != 0 && Int32(header[20]) != HILUM_PAGE_CHECKSUM_BYTES {
            problems.append("file header byte 20 (reserved bytes per page) is \(header[20]), expected \(HILUM_PAGE_CHECKSUM_BYTES)")
        }
        if header[21] != 64 || header[22] != 32 || header[23] != 32 { problems.append("file header bytes 21-23 (payload fractions) are damaged") }
        if header[72..<92].contains(where: { $0 != 0 }) { problems.append("file header bytes 72-91 (reserved for expansion) are not zero") }
        if Array(header[24..<28]) != Array(header[92..<96]) {
            problems.append("file header change counter (bytes 24-27) and version-valid-for (bytes 92-95) disagree")
        }
        if !(1...4).contains(u32(header, 44)) { problems.append("file header schema format number is damaged") }
        if !(1...3).contains(u32(header, 56)) { problems.append("file header text encoding is damaged") }
        let fileSize = lseek(descriptor, 0, SEEK_END)
        let pageCount = Int(fileSize) / pageSize
        if u32(header, 28) != pageCount { problems.append("file header page count \(u32(header, 28)) does not match the file's \(pageCount) pages") }

        func page(_ number: Int) -> [UInt8]? {
            var bytes = [UInt8](repeating: 0, count: pageSize)
            return pread(descriptor, &bytes, pageSize, off_t(number - 1) * off_t(pageSize)) == pageSize ? bytes : nil
        }
        func firstNonZero(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
            guard range.lowerBound < range.upperBound, range.upperBound <= bytes.count else { return nil }
            return bytes[range].firstIndex { $0 != 0 }
        }

        // Free pages: trunk pages list leaf pages; with secure delete, leaves are all zero.
        var freeLeaves: Set<Int> = []
        var trunk = u32(header, 32)
        var visited: Set<Int> = []
        while trunk != 0, trunk <= pageCount, visited.insert(trunk).inserted {
            guard let bytes = page(trunk) else { break }
            let count = u32(bytes, 4)
            guard count <= (pageSize - 8) / 4 else {
                problems.append("free-list trunk page \(trunk) claims \(count) leaves")
                break
            }
            // Slots past the count keep leaf numbers that were taken back out: not checked.
            for index in 0..<count { freeLeaves.insert(u32(bytes, 8 + 4 * index)) }
            trunk = u32(bytes, 0)
        }
        for leaf in freeLeaves.sorted() where leaf <= pageCount {
            if let bytes = page(leaf), let offset = firstNonZero(bytes, 0..<pageSize) {
                problems.append("free page \(leaf) has a non-zero byte at offset \(offset)")
            }
        }

        for (number, kind) in btreePages.sorted(by: { $0.key < $1.key }) where kind == "internal" || kind == "leaf" {
            guard number <= pageCount, let bytes = page(number) else { continue }
            let start = number == 1 ? 100 : 0
            let type = bytes[start]
            guard [2, 5, 10, 13].contains(type) else {
                problems.append("page \(number) has an invalid b-tree page type \(type)")
                continue
            }
            let headerSize = type == 2 || type == 5 ? 12 : 8
            let cells = u16(bytes, start + 3)
            var contentStart = u16(bytes, start + 5)
            if contentStart == 0 { contentStart = 65536 }
            // The gap between the cell pointers and the cell content is not checked here: page
            // splits leave old bytes there even with SECURE_DELETE. The page checksum covers it.
            if start + headerSize + 2 * cells > contentStart || contentStart > pageSize {
                problems.append("page \(number) has a cell area that overlaps its header")
            }
            var block = u16(bytes, start + 1)
            var blocks = 0
            while block != 0, block + 4 <= pageSize, blocks < pageSize / 4 {
                let size = u16(bytes, block + 2)
                if size >= 4, block + size <= pageSize, let offset = firstNonZero(bytes, (block + 4)..<(block + size)) {
                    problems.append("page \(number) has a non-zero byte at offset \(offset) in a free block")
                }
                block = u16(bytes, block)
                blocks += 1
            }
        }
        return problems
    }
}
