import CHilumPageChecksum
import Glibc

/// Checks the checksum that the page-checksum VFS keeps in the last 8
/// bytes of every page, so a changed byte anywhere in a page is found,
/// including the gaps inside pages that hold leftovers no table reads.
public enum PageChecksumCheck {
    /// Reports at most this many damaged pages one by one, then a count of the rest.
    static let listedPages = 20

    /// Returns one problem per damaged page, or one for a file without checksums.
    public static func problems(path: String) -> [String] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return ["cannot open \(path) to check page checksums: \(String(cString: strerror(errno)))"] }
        defer { close(descriptor) }
        var header = [UInt8](repeating: 0, count: 100)
        guard pread(descriptor, &header, 100, 0) == 100 else { return ["the file header is truncated"] }
        let rawPageSize = Int(header[16]) << 8 | Int(header[17])
        let pageSize = rawPageSize == 1 ? 65536 : rawPageSize
        // The header check reports an invalid page size; without one, pages cannot be found.
        guard pageSize >= 512, pageSize <= 65536, pageSize & (pageSize - 1) == 0 else { return [] }
        guard Int32(header[20]) == HILUM_PAGE_CHECKSUM_BYTES else {
            return ["the file keeps no page checksums (reserved bytes per page is \(header[20])); open it once with this version of hilum, which adds them"]
        }

        let pageCount = Int(lseek(descriptor, 0, SEEK_END)) / pageSize
        // SQLite never writes the page holding the lock byte at offset 2^30.
        let lockBytePage = 1_073_741_824 / pageSize + 1
        var damaged: [Int] = []
        var bytes = [UInt8](repeating: 0, count: pageSize)
        var computed = [UInt8](repeating: 0, count: Int(HILUM_PAGE_CHECKSUM_BYTES))
        for number in 1...max(1, pageCount) where number != lockBytePage && number <= pageCount {
            guard pread(descriptor, &bytes, pageSize, off_t(number - 1) * off_t(pageSize)) == pageSize else {
                damaged.append(number)
                continue
            }
            // A page the file grew by but SQLite never wrote is all zeros.
            if !bytes.contains(where: { $0 != 0 }) { continue }
            hilum_page_checksum(bytes, Int32(pageSize), &computed)
            if !bytes[(pageSize - computed.count)...].elementsEqual(computed) { damaged.append(number) }
        }
        var problems = damaged.prefix(listedPages).map { "page \($0) fails its checksum: a byte in it has changed since SQLite wrote it" }
        if damaged.count > listedPages { problems.append("\(damaged.count - listedPages) more pages fail their checksums") }
        return problems
    }
}
