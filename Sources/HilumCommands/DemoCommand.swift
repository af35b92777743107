import Foundation
import Glibc
import HilumCore
import HilumCrypto
import HilumDICOMweb
import HilumLedger
import HilumNet

enum DemoCommand {
    static let demo = Command(
        path: ["demo"], summary: "build and start a demo network on this machine",
        help: """
        Usage: hilum demo [--dir DIR] [--cases N] [--port PORT] [--orthanc [--archive-port PORT]] [--setup-only]

        Builds, with no network and no archive, a running demo network in DIR
        (default: $XDG_DATA_HOME/hilum-demo, else ~/.local/share/hilum-demo): a
        node on 127.0.0.1, two credentialers, the demo radiologist (licensed in
        US-CA and US-NY, not DE-BY) and three colleagues, three clients and two
        clinicians, with postings across modalities, priorities and deadlines,
        bids, assignments with sealed access and patient histories, reports,
        feedback and a critical result awaiting acknowledgment. The demo
        radiologist's own earlier reads include a nodule with a scheduled
        follow-up and a report with a clinician's question. Every home's
        passphrase is "\(DemoNetwork.passphrase)" (also in DIR/passphrase). A
        DIR holding an earlier demo is replaced after its node (and archive) stop. In a
        terminal it then opens the worklist as the demo radiologist; the node
        keeps running after you quit; 'hilum demo stop' stops it.

          --cases N            postings to create (default 24)
          --port PORT          the node's port (default 7420, or the next free one)
          --orthanc            also start a private Orthanc with four real studies
                               from pydicom-data (a chest radiograph, a head CT, an
                               abdominal CT and an MR), post them with 'hilum client
                               post --dicomweb' as Northside Imaging, and assign
                               three to the demo radiologist with study tokens.
                               Orthanc runs in a network namespace of its own and
                               is reached through a relay on 127.0.0.1. Needs the
                               Debian packages orthanc, orthanc-dicomweb,
                               orthanc-python, iproute2 and util-linux, python3
                               with pydicom and pydicom-data, and permission to
                               create a network namespace
          --archive-port PORT  the relay's port (default 8042, or the next free one)
          --setup-only         stop after building; print one line per participant:
                               role, name and home, separated by tabs (the node's
                               line has its listen address as the name, the
                               archive's its DICOMweb URL)
        """,
        flags: ["setup-only", "orthanc"], options: ["dir", "cases", "port", "orthanc", "archive-port", "setup-only", "home"], run: run)

    static let stop = Command(
        path: ["demo", "stop"], summary: "stop the demo's node and archive",
        help: """
        Usage: hilum demo stop [--dir DIR]

        Stops the node and, when started with --orthanc, the archive (Orthanc
        and its relay) of the demo in DIR (default as for 'hilum demo'), and
        waits until they have ended. The demo's files stay; 'hilum demo' with
        the same DIR builds a new demo in their place.
        """,
        flags: [], options: ["dir", "home"], run: runStop)

    static func run(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let directory = arguments.option("dir") ?? defaultDirectory()
        let cases = try arguments.integer("cases", default: 24, range: 1...5000)
        let port = try arguments.integer("port", default: Int(PeerAddress.defaultPort), range: 1...65535)
        let setupOnly = arguments.flag("setup-only")
        let withOrthanc = arguments.flag("orthanc")
        let archivePort = try arguments.integer("archive-port", default: Int(DemoArchive.defaultPort), range: 1...65535)
        try arguments.rejectUnknown(known: demo.options)
        if arguments.option("archive-port") != nil, !withOrthanc {
            throw UsageError("--archive-port sets the port of the archive that --orthanc starts; add --orthanc or leave it out")
        }

        // Checked before an earlier demo in DIR is replaced, so a missing package costs nothing.
        var archive: DemoArchive?
        if withOrthanc {
            let scratch = NSTemporaryDirectory() + "hilum-demo-check-\(getpid())"
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            archive = try DemoArchive.checkPrerequisites(directory: directory + "/archive", scratch: scratch)
        }
        try prepare(directory)
        var network = DemoNetwork(directory: directory, caseCount: cases)
        try network.generate()
        var address = try freeAddress(startingAt: UInt16(port))
        try write(network, nodeAddress: address)
        var pid: pid_t = 0
        // Another process may take the free port between the check and the node's bind.
        for attempt in 1...3 {
            do {
                pid = try startNode(network.node.home, address: address, directory: directory)
                break
            } catch let error as DemoNodeExited where error.portTaken && attempt < 3 {
                address = try freeAddress(startingAt: address.port &+ 1)
                try writeNodesFiles(network, nodeAddress: address)
            }
        }
        try writeMarker(directory, pid: pid, address: address)
        var archiveURL: String?
        if let archive {
            archiveURL = try startArchive(archive, port: UInt16(archivePort), network: network, nodePID: pid, nodeAddress: address)
        }

        if setupOnly {
            print("node\t\(address)\t\(network.node.home)")
            if let archiveURL, let archive { print("archive\t\(archiveURL)\t\(archive.directory)") }
            for member in network.members where member.role != .node {
                print("\(member.role.name)\t\(member.name)\t\(member.home)")
            }
            return 0
        }
        // In a terminal the demo goes straight into the worklist as the demo radiologist.
        if isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1, ProcessInfo.processInfo.environment["TERM"] != nil {
            setenv("HILUM_PASSPHRASE_FILE", directory + "/passphrase", 1)
            var worklistArguments = try Arguments([], flagNames: [], known: WorklistCommand.worklist.options)
            let status = try WorklistCommand.run(&worklistArguments, Environment(home: directory + "/radiologist"))
            print("The demo node keeps running on \(address) (PID \(pid))"
                  + (archiveURL.map { " and its archive at \($0)" } ?? "") + "; stop with: hilum demo stop --dir \(directory)")
            return status
        }
        print("""
        Demo network ready in \(directory); its node listens on \(address) (PID \(pid)).
        Every home's passphrase is "\(DemoNetwork.passphrase)":  export HILUM_PASSPHRASE_FILE=\(directory)/passphrase

        """)
        if let archiveURL {
            print("""
              Orthanc with four studies from pydicom-data, posted by Northside Imaging: \(archiveURL)
              (a relay on 127.0.0.1; Orthanc runs in a network namespace of its own, logs in \(directory)/archive)

            """)
        }
        for member in network.members where member.role != .node {
            print("  \(member.role.name.padding(toLength: 13, withPad: " ", startingAt: 0)) \(member.name.padding(toLength: 38, withPad: " ", startingAt: 0)) \(member.home)")
        }
        print("""

        Try, as the demo radiologist:
          hilum ledger stats --home \(directory)/radiologist
          hilum sync --home \(directory)/radiologist
        and as a clinician:
          hilum clinician inbox --home \(directory)/clinician-raman
        Stop the demo with: hilum demo stop --dir \(directory)
        """)
        return 0
    }

    static func runStop(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let directory = arguments.option("dir") ?? defaultDirectory()
        try arguments.rejectUnknown(known: stop.options)
        guard let marker = readMarker(directory) else {
            throw CommandError("\(directory) contains no Hilum demo (demo.json is missing or invalid); pass the --dir given to 'hilum demo'")
        }
        var stopped: [String] = []
        if let pid = (marker["archive_pid"] as? NSNumber)?.int32Value, DemoArchive.stop(pid) {
            stopped.append("archive (PID \(pid))")
        }
        if let pid = (marker["node_pid"] as? NSNumber)?.int32Value, stopNode(pid) {
            stopped.append("node (PID \(pid))")
        }
        print(stopped.isEmpty ? "Nothing of the demo in \(directory) was running." : "Stopped the demo's " + stopped.joined(separator: " and ") + ".")
        return 0
    }

    /// Starts the demo's Orthanc, records it in demo.json, and posts its studies;
    /// returns the relay's DICOMweb URL. On failure it stops the archive again.
    static func startArchive(_ archive: DemoArchive, port: UInt16, network: DemoNetwork, nodePID: pid_t,
                             nodeAddress: PeerAddress) throws -> String {
        guard let client = network.members.first(where: { $0.role == .client }),
              let radiologist = network.members.first(where: { $0.role == .radiologist }),
              let clinician = network.members.first(where: { $0.role == .clinician }) else {
            throw CommandError("the demo network has no client, radiologist or clinician; this is a bug")
        }
        // The secret is the client's; the archive's filter reads the same file.
        let secretPath = client.home + "/orthanc-token.secret"
        _ = try StudyToken.createSecret(path: secretPath)
        try archive.prepare(secretPath: secretPath)
        let started = try archive.start(port: port) { pid, port in
            try writeMarker(network.directory, pid: nodePID, address: nodeAddress, archive: (pid, "http://127.0.0.1:\(port)/dicom-web"))
        }
        let url = "http://127.0.0.1:\(started.port)/dicom-web"
        do {
            let parties = DemoArchivePostings.Parties(clientHome: client.home, jurisdiction: "US-CA", radiologist: radiologist.name,
                                                      clinician: clinician.name, passphraseFile: network.directory + "/passphrase",
                                                      secretPath: secretPath)
            _ = try DemoArchivePostings.post(archive.studies, dicomwebURL: url, parties: parties, scratch: archive.directory)
        } catch {
            DemoArchive.stop(started.pid)
            throw error
        }
        return url
    }

    static func defaultDirectory() -> String {
        let variables = ProcessInfo.processInfo.environment
        if let xdg = variables["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/hilum-demo" }
        return (variables["HOME"] ?? NSHomeDirectory()) + "/.local/share/hilum-demo"
    }

    /// Empties DIR when it contains an earlier demo (stopping its node); rejects any other non-empty DIR.
    static func prepare(_ directory: String) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw CommandError("\(directory) is a file, not a directory; pass another --dir")
        }
        if let contents = try? manager.contentsOfDirectory(atPath: directory), !contents.isEmpty {
            guard let marker = readMarker(directory) else {
                throw CommandError("\(directory) exists and is not a Hilum demo; pass another --dir or remove it")
            }
            if let pid = (marker["archive_pid"] as? NSNumber)?.int32Value { DemoArchive.stop(pid) }
            if let pid = (marker["node_pid"] as? NSNumber)?.int32Value { stopNode(pid) }
            try manager.removeItem(atPath: directory)
        }
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// Stops an earlier demo node, only if that PID still runs `hilum node`; returns whether it did.
    @discardableResult
    static func stopNode(_ pid: Int32) -> Bool {
        guard ProcessLauncher.isAlive(pid), let command = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8),
              command.contains("hilum"), command.contains("node") else { return false }
        kill(pid, SIGTERM)
        for _ in 0..<50 where ProcessLauncher.isAlive(pid) { usleep(100_000) }
        return true
    }

    static func freeAddress(startingAt port: UInt16) throws -> PeerAddress {
        for candidate in port..<(port &+ 50) where candidate > 0 {
            let address = PeerAddress(host: "127.0.0.1", port: candidate)
            if let listener = try? Listener(address: address) {
                listener.close()
                return address
            }
        }
        throw CommandError("no free port from \(port) to \(port &+ 49) on 127.0.0.1; pass --port")
    }

    static func write(_ network: DemoNetwork, nodeAddress: PeerAddress) throws {
        let passphrasePath = network.directory + "/passphrase"
        try IdentityCommands.writePrivate(Data((DemoNetwork.passphrase + "\n").utf8), to: passphrasePath)
        var passphraseBytes = Array(DemoNetwork.passphrase.utf8)
        let passphrase = SecretBytes(consuming: &passphraseBytes)
        // The demo node saw every event when it was made, so each carries its
        // own time as node time; without it every demo event would count as
        // not yet uploaded in the worklist.
        let witnessed = network.events.map { event -> Result<VerifiedEvent, InputRejection> in
            var stamped = event
            stamped.witnessedAt = event.event.timestamp
            return .success(stamped)
        }
        for member in network.members {
            let environment = Environment(home: member.home)
            try environment.ensureHome()
            // Demo keys guard nothing real: the fast key-derivation limits keep setup quick.
            let keyFile = try KeyFile.seal(member.secrets.packed(), passphrase: passphrase, limits: .interactive)
            try IdentityCommands.writePrivate(Data(keyFile), to: environment.keyPath)
            try IdentityFile.write(member.record, to: environment.identityPath)
            let replica = try Replica(path: environment.replicaPath)
            let report = try replica.store(witnessed)
            guard report.rejected.isEmpty, report.quarantined == 0 else {
                throw CommandError("the demo ledger did not apply cleanly (\(report.rejected.count) rejected, \(report.quarantined) quarantined); this is a bug")
            }
            if member.role != .node {
                try Data((nodeAddress.description + "\n").utf8).write(to: URL(fileURLWithPath: member.home + "/nodes"))
            }
            if let cases = network.clientCases[member.home] {
                let store = try ClientCaseStore(path: member.home + "/client.sqlite", key: member.secrets.encryption.localKey(.clientCases))
                for (id, entry) in cases { try store.insert(entry, caseID: id) }
            }
        }
    }

    /// Starts `hilum node` for the demo in its own session, so it outlives this command.
    static func startNode(_ home: String, address: PeerAddress, directory: String) throws -> pid_t {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let arguments = [executable, "node", "--home", home, "--listen", address.description]
        var environment = ProcessInfo.processInfo.environment
        environment["HILUM_PASSPHRASE_FILE"] = directory + "/passphrase"
        environment.removeValue(forKey: "HILUM_PASSPHRASE")
        let pid = try ProcessLauncher.start(arguments, environment: environment, output: home + "/node.out", newSession: true)
        // Ready once it logs that it listens (a test connection would log a failed handshake).
        for _ in 0..<100 {
            if let log = try? String(contentsOfFile: home + "/node.out", encoding: .utf8), log.contains("listening on \(address)") {
                return pid
            }
            if ProcessLauncher.waitForExit(pid, blocking: false) != nil {
                let log = (try? String(contentsOfFile: home + "/node.out", encoding: .utf8)) ?? ""
                throw DemoNodeExited(portTaken: log.contains("cannot listen on"), logPath: home + "/node.out")
            }
            usleep(50_000)
        }
        throw CommandError("the demo node did not start listening on \(address) within 5 s; see \(home)/node.out")
    }

    static func writeNodesFiles(_ network: DemoNetwork, nodeAddress: PeerAddress) throws {
        for member in network.members where member.role != .node {
            try Data((nodeAddress.description + "\n").utf8).write(to: URL(fileURLWithPath: member.home + "/nodes"))
        }
    }

    /// Writes demo.json: what a later 'hilum demo' or 'hilum demo stop' in DIR stops.
    static func writeMarker(_ directory: String, pid: pid_t, address: PeerAddress, archive: (pid: pid_t, url: String)? = nil) throws {
        var marker: [String: Any] = ["node_pid": Int(pid), "node_address": address.description, "created_at": Clock.nowMilliseconds()]
        if let archive {
            marker["archive_pid"] = Int(archive.pid)
            marker["archive_url"] = archive.url
        }
        try JSONSerialization.data(withJSONObject: marker, options: [.sortedKeys]).write(to: URL(fileURLWithPath: directory + "/demo.json"))
    }

    static func readMarker(_ directory: String) -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: directory + "/demo.json") else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}

/// The demo node stopped right after it was started.
struct DemoNodeExited: Error, CustomStringConvertible {
    /// True when it could not bind its port, which another process took first.
    let portTaken: Bool
    let logPath: String

    var description: String { "the demo node exited at once; see \(logPath)" }
}
