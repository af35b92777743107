import Dispatch
import Foundation
import HilumCore
import HilumCrypto
import HilumLedger

enum BenchCommands {
    static let ingest = Command(
        path: ["bench", "ingest"], summary: "measure verify-and-store throughput",
        help: """
        Usage: hilum bench ingest [--events N | --in FILE] [--batch N] [--transaction N] [--replica PATH] [--json]

        Generates N signed events of about 300 bytes from 251 authors (licences,
        postings, bids, assignments, access grants and reports) into a
        temporary file, then measures in one run (a) raw libsodium Ed25519
        verifications per second on one core, before and after (b), and
        (b) verify-and-store into a fresh replica, verifying on every core with
        one writer. The ratio uses the mean of the two one-core rates. Prints events,
        cores, verify_per_s_one_core, ingest_per_s, ratio
        (= ingest_per_s / (cores x verify_per_s_one_core)) and peak_rss_mb.
        The temporary files are removed afterwards.

          --events N      how many events to generate (default 200000)
          --in FILE       ingest every event in FILE (written by 'hilum bench
                          generate' or 'hilum ledger export') instead of generating
          --batch N       events per verify batch (default 2048)
          --transaction N events per write transaction, rounded up to whole
                          batches (default 65536)
          --replica PATH  store into the replica at PATH (created when missing) and
                          keep it, instead of a temporary replica; the figures
                          compare with other runs only when PATH is new or nearly empty
        """,
        flags: ["json"], options: ["events", "in", "batch", "transaction", "replica", "json", "home"], run: runIngest)

    static func runIngest(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let input = arguments.option("in")
        if input != nil, arguments.option("events") != nil {
            throw UsageError("give --events or --in, not both: --in ingests every event in its file")
        }
        let count = try arguments.integer("events", default: 200_000, range: 1...50_000_000)
        let batchSize = try arguments.integer("batch", default: PipelinedIngest.defaultBatchSize, range: 1...1_000_000)
        let keptReplica = arguments.option("replica")
        let transactionSize = try arguments.integer("transaction", default: 65536, range: 1...50_000_000)
        let json = arguments.flag("json")
        try arguments.rejectUnknown(known: ingest.options)

        let directory = NSTemporaryDirectory() + "hilum-bench-\(getpid())-\(Clock.nowMilliseconds())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let eventsPath: String
        if let input {
            guard FileManager.default.isReadableFile(atPath: input) else {
                throw CommandError("cannot read --in \(input); check the path, or write a file with 'hilum bench generate'")
            }
            eventsPath = input
        } else {
            eventsPath = directory + "/events.bin"
            let generationStart = Clock.nowMilliseconds()
            let output = try EventFile.Writer(path: eventsPath)
            try SyntheticLedger().generate(count: count) { try output.append($0) }
            try output.close()
            let generationSeconds = Double(Clock.nowMilliseconds() - generationStart) / 1000
            if !json { print("generated \(count) events in \(String(format: "%.1f", generationSeconds)) s") }
        }

        // A VM on a shared host can change speed by a third within minutes, so the one-core
        // rate is measured before and after the ingest, and the ratio uses their mean.
        let verifyRateBefore = try measureOneCoreVerify(eventsPath, sample: min(count, 20_000))
        let cores = ParallelVerifier.cores
        let replica = try Replica(path: keptReplica ?? directory + "/replica.sqlite")
        let cpuBefore = processCPUSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        let totals = try PipelinedIngest.run(replica: replica, source: try EventFile.Reader(path: eventsPath), batchSize: batchSize,
                                              transactionSize: transactionSize)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpuSeconds = processCPUSeconds() - cpuBefore
        let verifyRateAfter = try measureOneCoreVerify(eventsPath, sample: min(count, 20_000))
        let verifyRate = (verifyRateBefore + verifyRateAfter) / 2
        let events = totals.offered
        let ingestRate = Double(events) / seconds
        let ratio = ingestRate / (Double(cores) * verifyRate)
        let peakRSS = peakResidentMegabytes()

        guard totals.stored == events, totals.rejected == 0, totals.quarantined == 0 else {
            throw CommandError("benchmark ledger did not ingest cleanly: stored \(totals.stored) of \(events), "
                               + "rejected \(totals.rejected), quarantined \(totals.quarantined)")
        }
        // Each record in the file is a 4-byte length and the event.
        let fileBytes = (try? FileManager.default.attributesOfItem(atPath: eventsPath)[.size] as? Int) ?? 0
        let averageBytes = (fileBytes - 4 * events) / max(events, 1)
        let result: [String: Any] = [
            "events": events, "cores": cores, "verify_per_s_one_core": rounded(verifyRate), "ingest_per_s": rounded(ingestRate),
            "verify_per_s_one_core_before": rounded(verifyRateBefore), "verify_per_s_one_core_after": rounded(verifyRateAfter),
            "ratio": (ratio * 1000).rounded() / 1000, "peak_rss_mb": rounded(peakRSS), "seconds": (seconds * 100).rounded() / 100,
            "applied": totals.applied, "quarantined": totals.quarantined, "batch": batchSize,
            "average_event_bytes": averageBytes,
            "cpu_seconds": rounded(cpuSeconds), "writer_seconds": rounded(totals.writerSeconds),
            "verify_seconds": rounded(totals.verifySeconds), "tail_seconds": (totals.tailSeconds * 1000).rounded() / 1000, "writer_cpu_seconds": rounded(totals.writerCPUSeconds),
            "transactions": totals.transactions, "transaction": transactionSize,
        ]
        if json {
            printJSON(result)
        } else {
            print("verify, one core     \(Int(verifyRate)) signatures/s")
            print("ingest, \(cores) cores       \(Int(ingestRate)) events/s (\(String(format: "%.2f", seconds)) s)")
            print("ratio                \(String(format: "%.3f", ratio))  (ingest / (cores x one-core verify))")
            print("peak RSS             \(String(format: "%.1f", peakRSS)) MB")
            print("applied              \(totals.applied), quarantined \(totals.quarantined)")
        }
        return 0
    }

    static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    /// Verifies signatures of the first `sample` events on this thread only.
    static func measureOneCoreVerify(_ path: String, sample: Int) throws -> Double {
        let reader = try EventFile.Reader(path: path)
        var events: [Event] = []
        while events.count < sample, let bytes = try reader.next() { events.append(try Event(decoding: bytes)) }
        var verified = 0
        let start = DispatchTime.now().uptimeNanoseconds
        var elapsed: UInt64 = 0
        // Repeat the sample until at least one second has passed, for a stable figure.
        repeat {
            for event in events where Signature.verify(event.signature, message: event.signedBytes, publicKey: event.author) {
                verified += 1
            }
            elapsed = DispatchTime.now().uptimeNanoseconds - start
        } while elapsed < 1_000_000_000
        return Double(verified) / (Double(elapsed) / 1e9)
    }

    /// User plus system CPU time of the whole process so far.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func peakResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
