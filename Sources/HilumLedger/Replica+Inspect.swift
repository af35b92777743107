import HilumCore
import HilumCrypto
import HilumSQLite

/// One problem `verify` found.
public struct VerifyIssue: Sendable, CustomStringConvertible {
    public let author: PublicKey?
    public let sequence: UInt64?
    public let reason: String

    public var description: String {
        if let author, let sequence { return "event \(author.hex)#\(sequence): \(reason)" }
        return reason
    }
}

public struct LedgerStats: Sendable {
    public var events = 0
    public var byKind: [EventKind: Int] = [:]
    public var authors = 0
    public var identities = 0
    public var applied = 0
    public var quarantined = 0
    public var pending = 0
    public var forks = 0
    public var forkedIdentities = 0
    public var stateHash: Key32 = .zero
}

public struct LogEntry: Sendable {
    public let id: EventID
    public let event: Event
    public let status: String
    public let quarantineReason: String?
}

extension Replica {
    /// Digest of every projection table, row by row in primary-key order.
    /// Two replicas holding the same events compute the same value.
    public func stateHash() throws -> Key32 {
        let digests = try tableDigests()
        var hash = IncrementalHash()
        for table in Schema.projectionTables {
            hash.update("\(table.name)=\(digests[table.name]!.hex)\n")
        }
        return hash.finish()
    }

    public func stats() throws -> LedgerStats {
        var stats = LedgerStats()
        let kinds = try database.prepare("SELECT kind, count(*) FROM events GROUP BY kind")
        while try kinds.step() {
            if let kind = EventKind(rawValue: UInt16(clamping: kinds.int(0))) { stats.byKind[kind] = kinds.int(1) }
            stats.events += kinds.int(1)
        }
        stats.authors = Int(try database.scalarInt("SELECT count(DISTINCT author) FROM events") ?? 0)
        stats.identities = Int(try database.scalarInt("SELECT count(*) FROM identities") ?? 0)
        stats.quarantined = Int(try database.scalarInt("SELECT count(*) FROM quarantine") ?? 0)
        let linked = Int(try database.scalarInt("SELECT count(*) FROM events WHERE linked = 1") ?? 0)
        let linkedQuarantined = Int(try database.scalarInt(
            "SELECT count(*) FROM quarantine q JOIN events e ON \(Schema.idMatches("e.id", "q.event_id")) WHERE e.linked = 1") ?? 0)
        stats.applied = linked - linkedQuarantined
        stats.pending = stats.events - linked - (stats.quarantined - linkedQuarantined)
        stats.forks = Int(try database.scalarInt("SELECT count(*) FROM forks") ?? 0)
        stats.forkedIdentities = Int(try database.scalarInt("SELECT count(*) FROM identities WHERE forked = 1") ?? 0)
        stats.stateHash = try stateHash()
        return stats
    }

    /// Re-checks the whole replica without changing it: SQLite's own
    /// integrity check, every event's encoding, id and signatures, every
    /// hash link, and the projection against a rebuild from scratch.
    public func verify() throws -> [VerifyIssue] {
        var issues: [VerifyIssue] = []
        let integrity = try database.prepare("PRAGMA integrity_check")
        while try integrity.step() {
            let line = integrity.text(0)
            if line != "ok" { issues.append(VerifyIssue(author: nil, sequence: nil, reason: "SQLite integrity check: \(line)")) }
        }
        issues += try unusedSpaceIssues()
        var ids: [Key32: (author: PublicKey, sequence: UInt64)] = [:]
        var linkedIDs: [PublicKey: [UInt64: Key32]] = [:]
        let events = try database.prepare("SELECT id, author, sequence, previous, timestamp, kind, encoded, linked FROM events")
        while try events.step() {
            let storedAuthor = PublicKey(events.blob(1))
            let storedSequence = UInt64(clamping: events.int64(2))
            func problem(_ reason: String) {
                issues.append(VerifyIssue(author: storedAuthor, sequence: storedSequence, reason: reason))
            }
            let encoded = events.blob(6)
            guard case let .success(verified) = EventVerifier.verify(encoded) else {
                if case let .failure(rejection) = EventVerifier.verify(encoded) { problem("stored bytes fail verification: \(rejection)") }
                continue
            }
            let event = verified.event
            if verified.id.bytes != events.blob(0) { problem("stored id is not the BLAKE2b-256 of the stored bytes") }
            if event.author != storedAuthor || event.sequence != storedSequence || event.previous.bytes != events.blob(3)
                || event.timestamp != events.int64(4) || Int(event.kind.rawValue) != events.int(5) {
                problem("indexed columns disagree with the signed bytes")
            }
            if ids[verified.id] != nil { problem("the event is stored twice") }
            ids[verified.id] = (event.author, event.sequence)
            if events.int(7) == 1 { linkedIDs[event.author, default: [:]][event.sequence] = verified.id }
        }
        let linkedStatement = try database.prepare("SELECT author, sequence, previous FROM events WHERE linked = 1")
        while try linkedStatement.step() {
            guard let author = PublicKey(linkedStatement.blob(0)) else { continue }
            let sequence = UInt64(clamping: linkedStatement.int64(1))
            let expected = sequence == 1 ? Key32.zero : linkedIDs[author]?[sequence - 1]
            if expected?.bytes != linkedStatement.blob(2) {
                issues.append(VerifyIssue(author: author, sequence: sequence,
                                          reason: "hash link broken: previous does not name the stored sequence \(sequence - 1)"))
            }
        }
        issues += try compareWithRebuild()
        return issues
    }

    /// Damage anywhere in the file (page checksums) and in space no table
    /// reads (free pages, free blocks, header fields). Needs the WAL copied into the file first; when another
    /// connection prevents that, the check is skipped rather than misreport.
    private func unusedSpaceIssues() throws -> [VerifyIssue] {
        guard try !database.checkpoint(truncate: true).busy else { return [] }
        var pages: [Int: String] = [:]
        let statement = try database.prepare("SELECT pageno, pagetype FROM dbstat")
        while try statement.step() { pages[statement.int(0)] = statement.text(1) }
        let problems = PageChecksumCheck.problems(path: database.path) + UnusedSpaceCheck.problems(path: database.path, btreePages: pages)
        return problems.map {
            VerifyIssue(author: nil, sequence: nil, reason: "database file: \($0)")
        }
    }

    /// Rebuilds inside a transaction that is rolled back, and compares.
    private func compareWithRebuild() throws -> [VerifyIssue] {
        let current = try tableDigests()
        try database.execute("BEGIN IMMEDIATE")
        defer {
            try? database.execute("ROLLBACK")
            // The caches of the rebuild describe rolled-back rows; start fresh.
            linker = Linker(database: database)
            projector = Projector(database: database)
        }
        try rebuildWithoutTransaction()
        let rebuilt = try tableDigests()
        return Schema.projectionTables.compactMap { table in
            current[table.name] == rebuilt[table.name] ? nil
                : VerifyIssue(author: nil, sequence: nil, reason: "projection table \(table.name) differs from a rebuild from the stored events")
        }
    }

    func tableDigests() throws -> [String: Key32] {
        var digests: [String: Key32] = [:]
        for table in Schema.projectionTables {
            var hash = IncrementalHash()
            let statement = try database.prepare("SELECT * FROM \(table.name) ORDER BY \(table.orderBy)")
            while try statement.step() {
                var row = ""
                for column in 0..<statement.columnCount { row += statement.canonicalValue(column) + "|" }
                hash.update(row + "\n")
            }
            digests[table.name] = hash.finish()
        }
        return digests
    }

    /// Events newest first, optionally of one kind or by one author (device
    /// or identity key, or a hex prefix of either).
    public func log(kind: EventKind? = nil, author: String? = nil, limit: Int = 100) throws -> [LogEntry] {
        var sql = """
            SELECT e.encoded, e.id, e.linked, q.code || ': ' || q.reason FROM events e
            LEFT JOIN quarantine q ON q.event_id = e.id LEFT JOIN devices d ON d.device = e.author
            """
        var conditions: [String] = []
        if kind != nil { conditions.append("e.kind = ?1") }
        if author != nil { conditions.append("(hex(e.author) LIKE ?2 || '%' OR hex(d.identity) LIKE ?2 || '%')") }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY e.timestamp DESC, e.author, e.sequence DESC LIMIT ?3"
        let statement = try database.prepare(sql)
        if let kind { statement.bind(1, Int64(kind.rawValue)) }
        if let author { statement.bind(2, author.uppercased()) }
        statement.bind(3, Int64(limit))
        var entries: [LogEntry] = []
        while try statement.step() {
            let event = try Event(decoding: statement.blob(0))
            let reason = statement.optionalText(3)
            let status = reason != nil ? "quarantined" : statement.int(2) == 1 ? "applied" : "pending"
            entries.append(LogEntry(id: EventID(unchecked: statement.blob(1)), event: event, status: status, quarantineReason: reason))
        }
        return entries
    }
}
