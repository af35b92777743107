import Foundation
import Glibc
import Synchronization

/// `hilum demo archive`: the process that owns the demo's Orthanc. `hilum demo
/// --orthanc` starts it in a new network namespace (`unshare -rn`), with a
/// listening socket on the host's 127.0.0.1 as descriptor 3 (see `ArchiveRelay`).
///
/// It brings the namespace's loopback up and uploads the studies through an
/// Orthanc without the study-token filter, because the filter shuts Orthanc's
/// REST API. Then it stops that Orthanc, starts the archive on the same storage
/// with the filter, and relays descriptor 3 to it until SIGTERM, SIGINT or SIGHUP.
/// Each Orthanc runs under `setpriv --pdeathsig KILL`, so it ends with this
/// process however this process ends.
enum DemoArchiveCommand {
    static let archive = Command(
        path: ["demo", "archive"], summary: "run the demo's private Orthanc (started by 'hilum demo --orthanc')",
        help: """
        Usage: hilum demo archive --dir DIR --listen-fd 3 --study FILE [--study FILE ...]

        Runs the private Orthanc of 'hilum demo --orthanc' and is started by it,
        inside a network namespace of its own. DIR holds the Orthanc
        configurations orthanc-upload.json and orthanc.json, the storage and the
        logs; each FILE is a DICOM file loaded into the archive. Descriptor 3
        is a listening socket that it relays to Orthanc. SIGTERM stops Orthanc
        and then this process. Stop a demo with 'hilum demo stop'.
        """,
        flags: [], options: ["dir", "listen-fd", "study", "home"], run: run)

    /// Orthanc's HTTP port inside the namespace.
    static let orthancPort: UInt16 = 8042
    /// The line written to the log once the relay accepts connections.
    static let readyLine = "archive ready"

    static func run(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let directory = try arguments.required("dir", hint: "the demo's archive directory")
        let listenDescriptor = try arguments.integer("listen-fd", default: -1, range: 3...1024)
        let studies = arguments.optionList("study")
        try arguments.rejectUnknown(known: archive.options)
        guard listenDescriptor >= 0 else { throw UsageError("--listen-fd is required: the descriptor of the relay's listening socket") }
        try checkPrivateNamespace()
        var accepting: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(Int32(listenDescriptor), SOL_SOCKET, SO_ACCEPTCONN, &accepting, &length) == 0, accepting == 1 else {
            throw UsageError("--listen-fd \(listenDescriptor) is not a listening socket; start the archive with 'hilum demo --orthanc'")
        }
        guard let orthanc = ProcessLauncher.find("Orthanc"), let setpriv = ProcessLauncher.find("setpriv"),
              let ip = ProcessLauncher.find("ip") else {
            throw CommandError("Orthanc, setpriv or ip not found; install the Debian packages orthanc, util-linux and iproute2")
        }

        // Orthanc and the other children must not hold the relay's socket.
        _ = fcntl(Int32(listenDescriptor), F_SETFD, FD_CLOEXEC)

        // Signals are ignored and read from Dispatch sources, so no thread dies of them before Orthanc is stopped.
        let stop = DispatchSemaphore(value: 0)
        let received = Atomic<Int32>(0)
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                received.store(signalNumber, ordering: .relaxed)
                stop.signal()
            }
            source.resume()
            sources.append(source)
        }
        defer { sources.forEach { $0.cancel() } }

        let loopback = try ProcessLauncher.run([ip, "link", "set", "lo", "up"], environment: [:], output: directory + "/ip.log")
        guard loopback.status == 0 else {
            throw CommandError("'ip link set lo up' failed in the archive's namespace: \(loopback.output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }

        let launch = { (name: String) throws -> pid_t in
            try ProcessLauncher.start([setpriv, "--pdeathsig", "KILL", "--", orthanc, directory + "/\(name).json"],
                                      environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"],
                                      output: directory + "/\(name).log")
        }
        let uploader = try launch("orthanc-upload")
        do {
            defer { ProcessLauncher.stopChild(uploader, grace: 10) }
            try waitUntilAnswering(uploader, name: "orthanc-upload", directory: directory)
            for file in studies {
                let body: Data
                do {
                    body = try Data(contentsOf: URL(fileURLWithPath: file))
                } catch {
                    throw CommandError("cannot read the DICOM file \(file): \(error.localizedDescription)")
                }
                let status = try LoopbackHTTP.request("POST", port: orthancPort, path: "/instances", contentType: "application/dicom", body: body)
                guard status == 200 else {
                    throw CommandError("Orthanc returned HTTP \(status) for the upload of \(file); see \(directory)/orthanc-upload.log")
                }
                log("loaded \(URL(fileURLWithPath: file).lastPathComponent)")
            }
        }

        let server = try launch("orthanc")
        try "\(server)\n".write(toFile: directory + "/orthanc.pid", atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: directory + "/orthanc.pid") }
        do {
            try waitUntilAnswering(server, name: "orthanc", directory: directory)
        } catch {
            ProcessLauncher.stopChild(server, grace: 10)
            throw error
        }
        ArchiveRelay(listener: Int32(listenDescriptor), targetPort: orthancPort).start(log: log)
        log("\(readyLine): Orthanc (pid \(server)) on 127.0.0.1:\(orthancPort) in this namespace, relayed from descriptor \(listenDescriptor)")

        while stop.wait(timeout: .now() + 1) == .timedOut {
            if let status = ProcessLauncher.waitForExit(server, blocking: false) {
                log("Orthanc exited with status \(status); see \(directory)/orthanc.log. The archive stops")
                return 1
            }
        }
        log("stopping Orthanc on signal \(received.load(ordering: .relaxed))")
        let status = ProcessLauncher.stopChild(server, grace: 10)
        log("stopped (Orthanc exit status \(status))")
        _ = sources
        return 0
    }

    /// Rejects a network namespace with any interface but loopback, where
    /// Orthanc 1.10, which listens on every address, would be reachable from outside.
    private static func checkPrivateNamespace() throws {
        // /proc/net/dev lists the interfaces of the reading process's network namespace, after two header lines.
        let table = (try? String(contentsOfFile: "/proc/net/dev", encoding: .utf8)) ?? ""
        let interfaces = table.split(separator: "\n").dropFirst(2).compactMap { $0.split(separator: ":").first?.trimmingCharacters(in: .whitespaces) }
        guard !interfaces.isEmpty, interfaces.allSatisfy({ $0 == "lo" }) else {
            throw CommandError("hilum demo archive runs only in a network namespace of its own, and this one has the interfaces "
                + "\(interfaces.joined(separator: ", ")) where Orthanc would listen; start it with 'hilum demo --orthanc'")
        }
    }

    /// Waits up to 30 s until Orthanc `pid` responds to HTTP with any status (403 from the filter counts).
    private static func waitUntilAnswering(_ pid: pid_t, name: String, directory: String) throws {
        for _ in 0..<300 {
            if (try? LoopbackHTTP.request("GET", port: orthancPort, path: "/system", timeout: 5)) != nil { return }
            if let status = ProcessLauncher.waitForExit(pid, blocking: false) {
                throw CommandError("Orthanc exited with status \(status) at start; see \(directory)/\(name).log")
            }
            usleep(100_000)
        }
        throw CommandError("Orthanc did not respond on 127.0.0.1:\(orthancPort) within 30 s; see \(directory)/\(name).log")
    }

    private static func log(_ line: String) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        FileHandle.standardOutput.write(Data("\(stamp) \(line)\n".utf8))
    }
}
