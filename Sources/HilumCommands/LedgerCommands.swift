import Foundation
import HilumCore
import HilumLedger
import HilumSQLite

enum LedgerCommands {
    static let verify = Command(
        path: ["ledger", "verify"], summary: "re-check every signature, hash link and the projection",
        help: """
        Usage: hilum ledger verify [--home DIR]

        Runs SQLite's integrity check, re-verifies every stored event (encoding,
        id, Ed25519 signatures), every hash link, and compares the projection with
        a rebuild from the stored events. Changes nothing.
        Exit status 0 when all is sound; 2 with one line per problem otherwise.
        """,
        flags: [], options: ["home"], run: runVerify)

    static let stats = Command(
        path: ["ledger", "stats"], summary: "event counts, quarantine, forks and state_hash",
        help: """
        Usage: hilum ledger stats [--json] [--home DIR]

        Event counts by kind, authors, applied, pending (waiting for an earlier
        event of their feed), quarantined, forks, and state_hash: a BLAKE2b-256
        digest of the projected tables that replicas holding the same events agree on.
        """,
        flags: ["json"], options: ["home", "json"], run: runStats)

    static let log = Command(
        path: ["ledger", "log"], summary: "list events, newest first, clear fields only",
        help: """
        Usage: hilum ledger log [--kind KIND] [--author KEY] [--limit N] [--json] [--home DIR]

          --kind KIND    only this kind, e.g. posting, bid, report
          --author KEY   only events by this device or identity key (hex, a prefix is enough)
          --limit N      at most N events (default 100)

        Sealed content is shown only as its size and recipients.
        """,
        flags: ["json"], options: ["home", "json", "kind", "author", "limit"], run: runLog)

    static let rebuild = Command(
        path: ["ledger", "rebuild"], summary: "replay every stored event into fresh tables",
        help: """
        Usage: hilum ledger rebuild [--home DIR]

        Drops the projection and recomputes it from the stored events alone,
        in one transaction; prints the state_hash before and after.
        """,
        flags: [], options: ["home"], run: runRebuild)

    static func openReplica(_ environment: Environment) throws -> Replica {
        guard FileManager.default.fileExists(atPath: environment.replicaPath) else {
            throw CommandError("no replica at \(environment.replicaPath); run 'hilum init' first or pass --home")
        }
        return try Replica(path: environment.replicaPath)
    }

    static func runVerify(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        try arguments.rejectUnknown(known: verify.options)
        // Checked before opening, since SQLite refuses to read a page whose checksum fails.
        if FileManager.default.fileExists(atPath: environment.replicaPath) {
            let damaged = PageChecksumCheck.problems(path: environment.replicaPath)
            if !damaged.isEmpty {
                for problem in damaged { print("database file: \(problem)") }
                printError("\(damaged.count) problem\(damaged.count == 1 ? "" : "s") found in \(environment.replicaPath); restore it from a backup, or move it aside and sync a fresh replica from a node")
                return 2
            }
        }
        let replica = try openReplica(environment)
        let issues = try replica.verify()
        guard !issues.isEmpty else {
            print("ledger sound: \(try replica.stats().events) events verified")
            return 0
        }
        for issue in issues { print(issue) }
        printError("\(issues.count) problem\(issues.count == 1 ? "" : "s") found in \(environment.replicaPath)")
        return 2
    }

    static func runStats(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let json = arguments.flag("json")
        try arguments.rejectUnknown(known: stats.options)
        let stats = try openReplica(environment).stats()
        let byKind = Dictionary(uniqueKeysWithValues: stats.byKind.map { ($0.key.name, $0.value) })
        if json {
            printJSON(["events": stats.events, "by_kind": byKind, "authors": stats.authors, "identities": stats.identities,
                       "applied": stats.applied, "pending": stats.pending, "quarantined": stats.quarantined,
                       "forks": stats.forks, "forked_identities": stats.forkedIdentities, "state_hash": stats.stateHash.hex])
            return 0
        }
        print("events       \(stats.events)")
        for (kind, count) in stats.byKind.sorted(by: { $0.key < $1.key }) {
            print("  " + kind.name.padding(toLength: 26, withPad: " ", startingAt: 0) + "\(count)")
        }
        print("authors      \(stats.authors) devices, \(stats.identities) identities")
        print("applied      \(stats.applied)")
        print("pending      \(stats.pending)")
        print("quarantined  \(stats.quarantined)")
        print("forks        \(stats.forks) (\(stats.forkedIdentities) identities shown as forked)")
        print("state_hash   \(stats.stateHash.hex)")
        return 0
    }

    static func runLog(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let json = arguments.flag("json")
        var kind: EventKind?
        if let text = arguments.option("kind") {
            guard let parsed = EventKind(name: text) else {
                let names = EventKind.allCases.map(\.name)
                let near = names.min { editDistance(text, $0) < editDistance(text, $1) }!
                throw UsageError("--kind '\(text)' is not an event kind (did you mean \(near)?); kinds: \(names.joined(separator: ", "))")
            }
            kind = parsed
        }
        let author = arguments.option("author")
        if let author, author.isEmpty || Hex.decode(author.count % 2 == 0 ? author : author + "0") == nil {
            throw UsageError("--author '\(author)' is not a hex key or key prefix")
        }
        let limit = try arguments.integer("limit", default: 100, range: 1...1_000_000)
        try arguments.rejectUnknown(known: log.options)
        let entries = try openReplica(environment).log(kind: kind, author: author, limit: limit)
        for entry in entries {
            let fields = entry.fields
            if json {
                var object: [String: Any] = ["id": entry.id.hex, "author": entry.event.author.hex,
                                             "sequence": entry.event.sequence, "timestamp": entry.event.timestamp,
                                             "kind": entry.event.kind.name, "status": entry.status,
                                             "fields": Dictionary(fields, uniquingKeysWith: { first, _ in first })]
                if let reason = entry.quarantineReason { object["quarantine"] = reason }
                printJSON(object)
            } else {
                let time = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(entry.event.timestamp) / 1000))
                var line = "\(time)  \(entry.event.kind.name)  \(entry.event.author.short)#\(entry.event.sequence)  \(entry.status)"
                line += "  " + fields.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
                if let reason = entry.quarantineReason { line += "  [\(reason)]" }
                print(line)
            }
        }
        return 0
    }

    static func runRebuild(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        try arguments.rejectUnknown(known: rebuild.options)
        let replica = try openReplica(environment)
        let before = try replica.stateHash()
        try replica.rebuild()
        let after = try replica.stateHash()
        print("state_hash before  \(before.hex)")
        print("state_hash after   \(after.hex)")
        if before != after { print("The projection differed from the stored events and was replaced.") }
        return 0
    }
}
