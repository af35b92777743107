import Dispatch
import Foundation
import HilumCore
import HilumCrypto
import HilumLedger
import HilumNet

extension BenchCommands {
    static let sync = Command(
        path: ["bench", "sync"], summary: "measure a fresh replica syncing from a node on loopback",
        help: """
        Usage: hilum bench sync [--events N] [--incremental N] [--json]

        Measures how fast a fresh replica receives N events from a node,
        against how fast this machine ingests the same events. One run:

        1. generates N signed events from 251 authors, plus the events for
           the incremental step, into temporary files (not timed);
        2. ingests the N events into a new node home with 'hilum bench ingest'
           in a child process; its rate is the ingest ceiling;
        3. starts 'hilum node --listen 127.0.0.1:0' on that home in a child
           process, and syncs a fresh replica in this process from it (timed);
        4. imports the incremental events into the node's replica with
           'hilum ledger import' and syncs the replica again (timed);
        5. stops the node with SIGTERM and removes the temporary files.

        Prints events, seconds, events_per_s, ingest_ceiling_per_s, ratio
        (= events_per_s / ingest_ceiling_per_s), replica_peak_rss_mb (peak RSS
        of this process, which holds the replica), node_peak_rss_mb (VmHWM of
        the node process), incremental_events and incremental_seconds, and
        stage times in seconds: generate_seconds, node_prepare_seconds (the
        ceiling run), writer_busy_seconds (the replica's writer inside store
        transactions during the full sync; compare ingest_ceiling_writer_seconds),
        replica_cpu_seconds and node_cpu_seconds (the node process's whole life).

          --events N       how many events the node holds (default 200000)
          --incremental N  new events for the second sync (default 1000; 0 skips it)
        """,
        flags: ["json"], options: ["events", "incremental", "json", "home"], run: runSync)

    static func runSync(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let count = try arguments.integer("events", default: 200_000, range: 1...50_000_000)
        let incremental = try arguments.integer("incremental", default: 1000, range: 0...10_000_000)
        let json = arguments.flag("json")
        try arguments.rejectUnknown(known: sync.options)

        let benchmark = try SyncBenchmark(events: count, incremental: incremental)
        defer { benchmark.removeFiles() }
        let result = try benchmark.run(progress: json ? nil : { print($0) })
        if json {
            printJSON(result)
        } else {
            for key in result.keys.sorted() { print(key.padding(toLength: 24, withPad: " ", startingAt: 0) + "\(result[key]!)") }
        }
        return 0
    }
}

/// One run of `hilum bench sync`: the temporary files, the node's home
/// and the replica, and the steps that measure them.
final class SyncBenchmark {
    let events: Int
    let incremental: Int
    let directory: String
    var eventsPath: String { directory + "/events.bin" }
    var incrementalPath: String { directory + "/incremental.bin" }
    var nodeHome: String { directory + "/node" }
    var replicaPath: String { directory + "/replica.sqlite" }
    /// The throwaway passphrase of the node's key file, passed to the node in HILUM_PASSPHRASE.
    private let passphrase = UUID().uuidString + UUID().uuidString
    private let replicaIdentity: (record: IdentityRecord, secrets: DeviceSecrets, deviceEvent: VerifiedEvent)

    init(events: Int, incremental: Int) throws {
        self.events = events
        self.incremental = incremental
        directory = NSTemporaryDirectory() + "hilum-bench-sync-\(getpid())-\(Clock.nowMilliseconds())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Both device certificates sort before the synthetic events in projection
        // order. Stored first with a later timestamp, a certificate would make
        // every incoming batch sort before it and replay the whole projection.
        let start = SyntheticLedger.defaultStart
        replicaIdentity = try IdentityFactory.create(role: .radiologist, displayName: "Bench Replica",
                                                     recoverySeed: SecretBytes.random(32), at: start - 2000)
    }

    func removeFiles() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs every step and returns the figures. `progress` receives one line per step.
    func run(progress: ((String) -> Void)?) throws -> [String: Any] {
        let generateSeconds = try measure { try writeEventFiles() }
        progress?("generated \(events) + \(incremental) events in \(format(generateSeconds)) s")
        try prepareHomes()

        let ceiling = try ingestIntoNode()
        guard let ceilingRate = ceiling.figures["ingest_per_s"] as? Double else {
            throw CommandError("the ceiling run printed no ingest_per_s: \(ceiling.figures)")
        }
        progress?("ingest ceiling \(Int(ceilingRate)) events/s; node prepared in \(format(ceiling.seconds)) s")

        let node = try ChildProcess(["node", "--listen", "127.0.0.1:0", "--home", nodeHome],
                                    environment: ["HILUM_PASSPHRASE": passphrase],
                                    outputPath: directory + "/node.out", errorPath: directory + "/node.err")
        defer { node.stop() }
        let address = try listeningAddress(node)
        progress?("node \(node.pid) listening on \(address)")

        let log = try NodeLog(path: nil, echo: false)
        let local = LocalIdentity(signingKey: replicaIdentity.secrets.device, deviceEvent: replicaIdentity.deviceEvent.event.encoded)
        let engine = try SyncEngine(configuration: .init(storePath: replicaPath, local: local, isNode: false), log: log)
        defer { engine.stop() }

        let cpuBefore = BenchCommands.processCPUSeconds()
        var summary = SyncSummary()
        let seconds = try measure { summary = try engine.syncOnce(address, timeout: 10) }
        let replicaCPU = BenchCommands.processCPUSeconds() - cpuBefore
        let writerBusy = engine.writerBusySeconds
        // The node also sends its own device certificate.
        try check(summary, expected: events + 1, what: "full sync")
        let rate = Double(summary.received) / seconds
        progress?("full sync: \(summary.received) events in \(format(seconds)) s")

        var result: [String: Any] = [
            "events": events, "received": summary.received, "seconds": rounded(seconds, 100),
            "events_per_s": rounded(rate), "ingest_ceiling_per_s": rounded(ceilingRate),
            "ratio": rounded(rate / ceilingRate, 1000), "cores": ParallelVerifier.cores,
            "generate_seconds": rounded(generateSeconds), "node_prepare_seconds": rounded(ceiling.seconds),
            "ingest_ceiling_peak_rss_mb": ceiling.figures["peak_rss_mb"] ?? NSNull(),
            "ingest_ceiling_writer_seconds": ceiling.figures["writer_seconds"] ?? NSNull(),
            "writer_busy_seconds": rounded(writerBusy, 100), "replica_cpu_seconds": rounded(replicaCPU),
            "incremental_events": incremental,
        ]

        if incremental > 0 {
            try importIncremental()
            let second = try measure { summary = try engine.syncOnce(address, timeout: 10) }
            try check(summary, expected: incremental, what: "incremental sync")
            result["incremental_seconds"] = rounded(second, 1000)
            progress?("incremental sync: \(summary.received) events in \(format(second)) s")
        }

        result["replica_peak_rss_mb"] = rounded(BenchCommands.peakResidentMegabytes())
        result["node_peak_rss_mb"] = node.peakResidentMegabytes.map { rounded($0) } ?? NSNull()
        let status = node.stop()
        guard status == 0 else {
            throw CommandError("the node exited with status \(status) on SIGTERM: \(node.errorTail)")
        }
        result["node_cpu_seconds"] = node.cpuSeconds.map { rounded($0) } ?? NSNull()
        return result
    }

    // MARK: - Steps

    /// Writes the replica's certificate and `events` synthetic events to
    /// events.bin, and the next `incremental` events of the same ledger to
    /// incremental.bin.
    private func writeEventFiles() throws {
        let main = try EventFile.Writer(path: eventsPath)
        let later = try EventFile.Writer(path: incrementalPath)
        try main.append(replicaIdentity.deviceEvent.event.encoded)
        var written = 0
        try SyntheticLedger().generate(count: events + incremental) { encoded in
            try (written < events ? main : later).append(encoded)
            written += 1
        }
        try main.close()
        try later.close()
    }

    /// Creates the node's home (identity, key file, replica with its
    /// certificate) and the replica holding only its own certificate.
    private func prepareHomes() throws {
        let node = try IdentityFactory.create(role: .node, displayName: "Bench Node", recoverySeed: SecretBytes.random(32),
                                              at: SyntheticLedger.defaultStart - 1000)
        var passphraseBytes = Array(passphrase.utf8)
        try IdentityCommands.writeHome(Environment(home: nodeHome), node, passphrase: SecretBytes(consuming: &passphraseBytes),
                                       limits: .interactive)
        let report = try Replica(path: replicaPath).store([.success(replicaIdentity.deviceEvent)])
        guard report.stored == 1 else { throw CommandError("the replica's device certificate was not stored") }
    }

    /// Runs `hilum bench ingest` on events.bin into the node's replica in a
    /// child process; returns its figures and wall time.
    private func ingestIntoNode() throws -> (figures: [String: Any], seconds: Double) {
        var child: ChildProcess?
        let seconds = try measure {
            child = try ChildProcess(["bench", "ingest", "--in", eventsPath, "--replica", nodeHome + "/replica.sqlite", "--json"],
                                     outputPath: directory + "/ingest.out", errorPath: directory + "/ingest.err")
            child?.wait()
        }
        guard let child, child.wait() == 0 else {
            throw CommandError("'hilum bench ingest' into the node's replica failed: \(child?.errorTail ?? "")")
        }
        let lastLine = child.standardOutput.split(separator: "\n").last.map(String.init) ?? ""
        guard let figures = try? JSONSerialization.jsonObject(with: Data(lastLine.utf8)) as? [String: Any] else {
            throw CommandError("'hilum bench ingest' printed no JSON figures: '\(lastLine.prefix(200))'")
        }
        return (figures, seconds)
    }

    /// Adds the incremental events to the running node's replica with
    /// `hilum ledger import` (the node serves what another process wrote).
    private func importIncremental() throws {
        let child = try ChildProcess(["ledger", "import", incrementalPath, "--home", nodeHome],
                                     outputPath: directory + "/import.out", errorPath: directory + "/import.err")
        guard child.wait() == 0 else {
            throw CommandError("'hilum ledger import' of the incremental events failed: \(child.errorTail)")
        }
    }

    /// Waits up to 30 s for the node's "listening on HOST:PORT" log line.
    private func listeningAddress(_ node: ChildProcess) throws -> PeerAddress {
        let marker = "listening on "
        let deadline = DispatchTime.now().uptimeNanoseconds + 30_000_000_000
        while DispatchTime.now().uptimeNanoseconds < deadline {
            if let range = node.standardError.range(of: marker) {
                let rest = node.standardError[range.upperBound...]
                let text = rest.prefix { !$0.isWhitespace && $0 != ";" }
                return try PeerAddress(parsing: String(text))
            }
            guard node.isRunning else {
                throw CommandError("the node exited with status \(node.wait()) before listening: \(node.errorTail)")
            }
            usleep(20_000)
        }
        throw CommandError("the node logged no '\(marker)HOST:PORT' line within 30 s: \(node.errorTail)")
    }

    private func check(_ summary: SyncSummary, expected: Int, what: String) throws {
        guard summary.received == expected, summary.rejected == 0 else {
            throw CommandError("\(what) received \(summary.received) of \(expected) events (\(summary.line))")
        }
    }

    // MARK: - Helpers

    private func measure(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private func rounded(_ value: Double, _ scale: Double = 10) -> Double { (value * scale).rounded() / scale }

    private func format(_ seconds: Double) -> String { String(format: "%.2f", seconds) }
}
