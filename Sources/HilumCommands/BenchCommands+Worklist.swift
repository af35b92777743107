import Dispatch
import Foundation
import HilumCore
import HilumCrypto
import HilumLedger
import HilumNet
import HilumScreens
import HilumTerminal
import HilumWorklist

extension BenchCommands {
    static let worklist = Command(
        path: ["bench", "worklist"], summary: "measure the worklist's first paint and keystroke latency",
        help: """
        Usage: hilum bench worklist [--cases N] [--events N] [--size WxH] [--json]

        Generates a synthetic ledger of N events in which one round in
        events/cases posts a case (all open and licensed for the benchmark's
        radiologist) and ingests it into a temporary replica. A child process
        then opens that replica as the worklist does and measures, through
        the same TerminalLoop and screen model the terminal uses (drawing to
        memory, not to curses), so its figures exclude the generation:

          first_paint_ms    opening the store and the app, loading the Market's
                            first rows and To read, and rendering the first
                            frame (after unlock)
          whole_lists_ms    until background sync has posted every row and
                            the frame showing them is rendered (after unlock)
          keystroke_p50_ms, keystroke_p99_ms
                            key to updated screen model, over selection
                            moves, one-character filter edits and opening
                            and closing a case
          filter_ms         median of the one-character filter edits over every row
          unlock_ms         deriving the key from a passphrase (Argon2id, the
                            MODERATE limits 'hilum init' uses), measured last
          peak_rss_mb       the measuring child's peak resident memory (VmHWM;
                            it does no unlock and no generation)

          --cases N    postings (default 100000)
          --events N   events in all (default 1000000; at least 2 x cases)
          --size WxH   the screen model's size (default 132x43)
        """,
        flags: ["json"], options: ["cases", "events", "size", "json", "home", "measure-replica", "now"], run: runWorklist)

    /// Names of the files beside the replica that pass the synthetic radiologist's record and packed secrets to the child.
    static let benchIdentityFile = "identity.json"
    static let benchSecretsFile = "secrets.hex"

    static func runWorklist(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let cases = try arguments.integer("cases", default: 100_000, range: 10...10_000_000)
        let events = try arguments.integer("events", default: 1_000_000, range: 20...50_000_000)
        let sizeText = arguments.option("size") ?? "132x43"
        let json = arguments.flag("json")
        let measureDirectory = arguments.option("measure-replica")
        let measureNow = arguments.option("now")
        try arguments.rejectUnknown(known: worklist.options)
        guard events >= 2 * cases else { throw UsageError("--events \(events) must be at least twice --cases \(cases)") }
        let dimensions = sizeText.split(separator: "x").compactMap { Int($0) }
        guard dimensions.count == 2, dimensions[0] >= 80, dimensions[1] >= 24 else {
            throw UsageError("--size '\(sizeText)' is not WIDTHxHEIGHT of at least 80x24, such as 132x43")
        }

        let size = Size(width: dimensions[0], height: dimensions[1])
        if let measureDirectory {
            guard let now = measureNow.flatMap({ Int64($0) }) else { throw UsageError("missing or invalid --now: --measure-replica requires --now MILLISECONDS") }
            return try measureChild(directory: measureDirectory, now: now, size: size)
        }

        let directory = NSTemporaryDirectory() + "hilum-bench-worklist-\(getpid())-\(Clock.nowMilliseconds())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let eventsPath = directory + "/events.bin"
        let output = try EventFile.Writer(path: eventsPath)
        let generator = SyntheticLedger(postingEvery: max(1, events / cases), completingEvery: 0)
        guard let radiologist = try generator.generate(count: events, emit: { try output.append($0) }) else {
            throw CommandError("the synthetic ledger created no radiologist; raise --events")
        }
        try output.close()
        let replicaPath = directory + "/replica.sqlite"
        let totals = try PipelinedIngest.run(replica: try Replica(path: replicaPath), source: try EventFile.Reader(path: eventsPath), batchSize: PipelinedIngest.defaultBatchSize,
                                              transactionSize: 65536)
        guard totals.rejected == 0 else { throw CommandError("the synthetic ledger did not ingest cleanly: \(totals.rejected) rejected") }
        try? FileManager.default.removeItem(atPath: eventsPath)
        if !json { print("ingested \(totals.stored) events") }

        // Every synthetic deadline is a day after posting; this moment is just after the last event.
        let now = SyntheticLedger.defaultStart + Int64(events) + 1
        try IdentityFile.write(radiologist.record, to: directory + "/" + benchIdentityFile)
        let packed = radiologist.secrets.packed()
        try IdentityCommands.writePrivate(Data(packed.withBytes { Hex.encode(Array($0)) }.utf8), to: directory + "/" + benchSecretsFile)
        let child = try ChildProcess(["bench", "worklist", "--measure-replica", directory, "--now", String(now), "--size", sizeText],
                                     outputPath: directory + "/measure.out", errorPath: directory + "/measure.err")
        guard child.wait() == 0 else { throw CommandError("the measuring process failed (exit \(child.wait())): \(child.errorTail)") }
        guard let figures = WorklistBenchmark.Figures(json: child.standardOutput) else {
            throw CommandError("the measuring process printed no figures: \(child.standardOutput.prefix(200))")
        }
        let peakRSS = figures.peakResident
        let unlockMilliseconds = try measureUnlock()

        let result: [String: Any] = [
            "cases": figures.cases, "events": totals.stored, "unlock_ms": rounded(unlockMilliseconds),
            "first_paint_ms": rounded(figures.firstPaint),
            "whole_lists_ms": rounded(figures.wholeLists), "keystroke_p50_ms": rounded(figures.keystrokeP50),
            "keystroke_p99_ms": rounded(figures.keystrokeP99), "filter_ms": rounded(figures.filterMedian),
            "filter_max_ms": rounded(figures.filterMax), "open_case_ms": rounded(figures.openCase),
            "peak_rss_mb": rounded(peakRSS), "keystrokes": figures.keystrokes, "size": sizeText,
        ]
        if json {
            printJSON(result)
        } else {
            print("market rows          \(figures.cases)")
            print("first paint          \(String(format: "%.1f", figures.firstPaint)) ms (after unlock)")
            print("whole lists shown    \(String(format: "%.1f", figures.wholeLists)) ms (after unlock)")
            print("keystroke p50 / p99  \(String(format: "%.2f / %.2f", figures.keystrokeP50, figures.keystrokeP99)) ms over \(figures.keystrokes) keys")
            print("filter one character \(String(format: "%.1f", figures.filterMedian)) ms median, \(String(format: "%.1f", figures.filterMax)) ms max")
            print("open case            \(String(format: "%.1f", figures.openCase)) ms")
            print("unlock (Argon2id)    \(String(format: "%.0f", unlockMilliseconds)) ms")
            print("peak RSS             \(String(format: "%.1f", peakRSS)) MB (the worklist process, without unlock)")
        }
        return 0
    }

    /// Opens the replica in `directory` as the synthetic radiologist, measures and prints the figures as JSON (the measuring child).
    static func measureChild(directory: String, now: Int64, size: Size) throws -> Int32 {
        let record = try IdentityFile.read(Environment(home: directory))
        guard let text = try? String(contentsOfFile: directory + "/" + benchSecretsFile, encoding: .utf8),
              var bytes = Hex.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)),
              let secrets = DeviceSecrets(packed: SecretBytes(consuming: &bytes)) else {
            throw CommandError("\(directory)/\(benchSecretsFile) is missing or invalid; --measure-replica is only for the child that 'hilum bench worklist' starts")
        }
        var figures = try MainActor.assumeIsolated {
            try WorklistBenchmark.measure(replicaPath: directory + "/replica.sqlite", record: record, secrets: secrets, now: now, size: size)
        }
        // Read here rather than from wait4's ru_maxrss, which for a posix_spawn'ed
        // child also counts the parent's peak from before the exec.
        figures.peakResident = try ownPeakResidentMegabytes()
        printJSON(figures.json)
        return 0
    }

    /// This process's peak resident set (VmHWM) in MB.
    static func ownPeakResidentMegabytes() throws -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap({ Double($0) }) else {
            throw CommandError("cannot read VmHWM from /proc/self/status; this benchmark needs Linux's /proc")
        }
        return kilobytes / 1024
    }

    /// Time to open a key file sealed with the MODERATE limits, in milliseconds.
    static func measureUnlock() throws -> Double {
        var passphraseBytes = Array("benchmark passphrase".utf8)
        let passphrase = SecretBytes(consuming: &passphraseBytes)
        let sealed = try KeyFile.seal(SecretBytes.random(64), passphrase: passphrase, limits: .moderate)
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try KeyFile.open(sealed, passphrase: passphrase)
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }
}

/// The in-process part of `hilum bench worklist`.
@MainActor
enum WorklistBenchmark {
    struct Figures {
        var cases = 0
        var firstPaint = 0.0
        var wholeLists = 0.0
        var keystrokeP50 = 0.0
        var keystrokeP99 = 0.0
        var filterMedian = 0.0
        var filterMax = 0.0
        var openCase = 0.0
        var keystrokes = 0
        var peakResident = 0.0

        init() {}

        /// The figures as the measuring child prints them.
        var json: [String: Any] {
            ["cases": cases, "first_paint": firstPaint, "whole_lists": wholeLists, "keystroke_p50": keystrokeP50,
             "keystroke_p99": keystrokeP99, "filter_median": filterMedian, "filter_max": filterMax, "open_case": openCase,
             "keystrokes": keystrokes, "peak_rss_mb": peakResident]
        }

        init?(json text: String) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                  let cases = object["cases"] as? Int, let keystrokes = object["keystrokes"] as? Int else { return nil }
            func number(_ key: String) -> Double { (object[key] as? NSNumber)?.doubleValue ?? .nan }
            self.cases = cases
            self.keystrokes = keystrokes
            firstPaint = number("first_paint")
            wholeLists = number("whole_lists")
            keystrokeP50 = number("keystroke_p50")
            keystrokeP99 = number("keystroke_p99")
            filterMedian = number("filter_median")
            filterMax = number("filter_max")
            openCase = number("open_case")
            peakResident = number("peak_rss_mb")
        }
    }

    /// Counts frames instead of drawing them.
    final class CountingBackend: TerminalBackend {
        let size: Size
        var frames = 0
        init(size: Size) { self.size = size }
        func present(_ screen: ScreenBuffer) { frames += 1 }
    }

    static func measure(replicaPath: String, record: IdentityRecord, secrets: DeviceSecrets, now: Int64, size: Size) throws -> Figures {
        var figures = Figures()
        let start = DispatchTime.now().uptimeNanoseconds
        guard let certificate = try LedgerReader(path: replicaPath).deviceEvent(record.device) else {
            throw CommandError("the benchmark replica lacks the radiologist's device certificate")
        }
        let engine = try SyncEngine(configuration: .init(storePath: replicaPath, local: LocalIdentity(signingKey: secrets.device, deviceEvent: certificate),
                                                         isNode: false), log: NodeLog(path: nil, echo: false))
        // Background sync with no nodes posts the whole lists, as in 'hilum worklist'; stopping it stops the engine.
        let queue = EventQueue<WorklistMessage>()
        let sync = BackgroundSync(engine: engine, nodes: [], replicaPath: replicaPath, record: record, secrets: secrets, queue: queue,
                                  now: { now })
        var syncRunning = true
        defer { if syncRunning { sync.stop() } }
        let store = try WorklistStore(replicaPath: replicaPath, record: record, secrets: secrets, engine: engine)
        let services = WorklistServices(now: { now }, openViewer: { _ in nil }, copyToClipboard: { _ in }, verifyPassphrase: { _ in true }, log: { _ in })
        let app = WorklistApp(store: store, services: services)
        app.listsArriveAsMessages = true
        app.start()
        sync.start()
        let backend = CountingBackend(size: size)
        let loop = TerminalLoop(app: app, backend: backend, queue: queue)
        loop.presentIfNeeded()
        figures.firstPaint = milliseconds(since: start)

        // The terminal's loop drains the queue when woken; polling it here measures the same arrival.
        while !app.hasWholeLists {
            guard milliseconds(since: start) < 120_000 else { throw CommandError("background sync posted no lists within 120 s") }
            usleep(1000)
            loop.drainQueue()
        }
        loop.presentIfNeeded()
        figures.wholeLists = milliseconds(since: start)
        figures.cases = app.marketRowCount
        // Stopped before the keystrokes, so its polling does not share the cores with them.
        sync.stop()
        syncRunning = false

        var samples: [Double] = []
        func time(_ keys: [Key]) -> Double {
            let begin = DispatchTime.now().uptimeNanoseconds
            loop.receive(keys)
            loop.presentIfNeeded()
            let elapsed = milliseconds(since: begin)
            samples.append(elapsed)
            return elapsed
        }
        for index in 0..<300 { _ = time([index % 50 < 40 ? .character("j") : .character("k")]) }
        _ = time([.character("/")])
        var filters: [Double] = []
        for _ in 0..<5 {
            for character in "chest" { filters.append(time([.character(character)])) }
            for _ in 0..<5 { filters.append(time([.backspace])) }
        }
        _ = time([.escape])
        _ = time([.escape])
        var opens: [Double] = []
        for _ in 0..<20 {
            opens.append(time([.enter]))
            _ = time([.escape])
            _ = time([.character("j")])
        }
        samples.sort()
        filters.sort()
        opens.sort()
        figures.keystrokes = samples.count
        figures.keystrokeP50 = samples[samples.count / 2]
        figures.keystrokeP99 = samples[min(samples.count - 1, Int((Double(samples.count) * 0.99).rounded(.up)) - 1)]
        figures.filterMedian = filters[filters.count / 2]
        figures.filterMax = filters.last ?? 0
        figures.openCase = opens[opens.count / 2]
        return figures
    }

    static func milliseconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }
}
