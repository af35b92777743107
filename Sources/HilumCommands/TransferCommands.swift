import Foundation
import HilumCore
import HilumLedger

/// Moving events in and out of a replica as files.
enum TransferCommands {
    static let export = Command(
        path: ["ledger", "export"], summary: "write every stored event to a file",
        help: """
        Usage: hilum ledger export --out FILE [--home DIR]

        Writes every stored event, in feed order, as a sequence of records:
        a 4-byte big-endian length, then the signed event bytes. The file
        holds only what the ledger holds: clear fields and sealed payloads.
        """,
        flags: [], options: ["out", "home"], run: runExport)

    static let importCommand = Command(
        path: ["ledger", "import"], summary: "verify and store events from a file",
        help: """
        Usage: hilum ledger import FILE [--batch N] [--home DIR]

        Reads a file written by 'hilum ledger export' or 'hilum bench generate',
        verifies every event on all cores and stores them in transactions of
        N events (default 8192). After each committed batch it prints
        "committed N": those events are durable. Bad events are reported and
        skipped; the rest are kept.
        """,
        flags: [], options: ["batch", "home"], run: runImport)

    static let generate = Command(
        path: ["bench", "generate"], summary: "write a synthetic signed ledger to a file",
        help: """
        Usage: hilum bench generate --events N --out FILE

        Signs N valid events of about 300 bytes (licences, postings, bids,
        assignments, access grants and reports from 251 authors) and writes them in the export format, for benchmarks and crash tests.
        """,
        flags: [], options: ["events", "out", "home"], run: runGenerate)

    static func runExport(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let out = try arguments.required("out", hint: "the file to write")
        try arguments.rejectUnknown(known: export.options)
        let replica = try LedgerCommands.openReplica(environment)
        let writer = try EventFile.Writer(path: out)
        let events = try replica.allEncodedEvents()
        for event in events { try writer.append(event) }
        try writer.close()
        print("exported \(events.count) events to \(out)")
        return 0
    }

    static func runImport(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        guard arguments.words.count == 1 else { throw UsageError("give exactly one FILE to import") }
        let path = arguments.words[0]
        let batchSize = try arguments.integer("batch", default: 8192, range: 1...1_000_000)
        try arguments.rejectUnknown(known: importCommand.options)
        guard FileManager.default.isReadableFile(atPath: path) else { throw CommandError("cannot read \(path)") }
        let replica = try LedgerCommands.openReplica(environment)
        let reader = try EventFile.Reader(path: path)
        var committed = 0
        var duplicates = 0
        var rejected = 0
        while true {
            var batch: [[UInt8]] = []
            while batch.count < batchSize, let bytes = try reader.next() { batch.append(bytes) }
            if batch.isEmpty { break }
            let report = try replica.ingest(batch)
            committed += report.stored
            duplicates += report.duplicates
            rejected += report.rejected.count
            for rejection in report.rejected.prefix(20) { printError(rejection.description) }
            // Unbuffered, so a reader sees each line as soon as the batch is durable.
            writeLine("committed \(committed)")
        }
        writeLine("imported \(committed) new events, \(duplicates) already stored, \(rejected) rejected")
        return rejected == 0 ? 0 : 2
    }

    static func runGenerate(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let count = try arguments.integer("events", default: 10_000, range: 1...50_000_000)
        let out = try arguments.required("out", hint: "the file to write")
        try arguments.rejectUnknown(known: generate.options)
        let writer = try EventFile.Writer(path: out)
        try SyntheticLedger().generate(count: count) { try writer.append($0) }
        try writer.close()
        print("wrote \(count) events to \(out)")
        return 0
    }
}
