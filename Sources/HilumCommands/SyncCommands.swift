import Dispatch
import Foundation
import HilumCore
import HilumLedger
import HilumNet

enum SyncCommands {
    static let node = Command(
        path: ["node"], summary: "run a peer node: store the ledger, serve replicas, sync with peers",
        help: """
        Usage: hilum node [--listen HOST:PORT] [--peer HOST:PORT]... [--allow FILE] [--home DIR]

        Keeps the full ledger in this home's replica (same store and checks as
        any replica), serves replicas and other nodes that connect, and keeps a
        live connection to each --peer, reconnecting after failures. Each event
        is stamped with the time this node first saw it; deadline rules use the
        earliest node time. Logs connections, refusals, rejected frames and
        events, and a summary per sync round to stderr and node.log in the home.
        SIGINT or SIGTERM stops it cleanly; a restart resumes.

        The node authenticates with this home's identity (create one with
        'hilum init --role node --name NAME'), so it needs the passphrase.

          --listen HOST:PORT   address to serve (default 127.0.0.1:7420; port 0 picks a free one)
          --peer HOST:PORT     another node to sync with; repeat for several
          --allow FILE         accept only the identities listed in FILE, one
                               64-digit hex key per line ('#' starts a comment)
        """,
        flags: [], options: ["listen", "peer", "allow", "home"], run: runNode)

    static let sync = Command(
        path: ["sync"], summary: "sync this replica with its nodes once and report",
        help: """
        Usage: hilum sync [--peer HOST:PORT]... [--json] [--home DIR]

        Connects to each node, receives every event this replica lacks,
        sends every event the node lacks (events made offline included), waits
        until the node has stored them, and prints what was received and sent.
        Without --peer it uses the nodes listed in the home's 'nodes' file (one
        HOST:PORT per line), else 127.0.0.1:7420. Exit status 1 when any node
        could not be synced.
        """,
        flags: ["json"], options: ["peer", "json", "home"], run: runSync)

    static func runNode(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let listen = try address(arguments.option("listen") ?? "127.0.0.1:\(PeerAddress.defaultPort)", option: "--listen", listening: true)
        let peers = try arguments.optionList("peer").map { try address($0, option: "--peer") }
        let allowed = try arguments.option("allow").map(readAllowList)
        try arguments.rejectUnknown(known: node.options)

        let nodeRecord = try IdentityFile.read(environment)
        guard nodeRecord.role == .node else {
            throw CommandError("'hilum node' runs with a node identity, but the one in \(environment.home) is a \(nodeRecord.role.name); "
                               + "create one in its own home with 'hilum init --role node --name NAME'")
        }
        let local = try localIdentity(environment)
        let log = try NodeLog(path: environment.home + "/node.log")
        let engine = try SyncEngine(configuration: .init(storePath: environment.replicaPath, local: local.identity,
                                                         isNode: true, allowed: allowed), log: log)
        let listener: Listener
        do {
            listener = try Listener(address: listen)
        } catch {
            throw CommandError("\(error)")
        }
        let stop = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                log.write("stopping on \(signalNumber == SIGINT ? "SIGINT" : "SIGTERM")")
                stop.signal()
            }
            source.resume()
            sources.append(source)
        }
        log.write("node \(local.record.identity.hex) \"\(local.record.displayName)\" listening on \(listener.address)"
                  + (allowed.map { "; allow list of \($0.count) identities" } ?? ""))
        engine.serve(listener)
        for peer in peers { engine.maintain(peer) }
        stop.wait()
        engine.stop()
        log.write("stopped")
        _ = sources
        return 0
    }

    static func runSync(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        var peers = try arguments.optionList("peer").map { try address($0, option: "--peer") }
        let json = arguments.flag("json")
        try arguments.rejectUnknown(known: sync.options)
        if peers.isEmpty { peers = try configuredNodes(environment) }

        let local = try localIdentity(environment)
        let log = try NodeLog(path: nil, echo: !json)
        let engine = try SyncEngine(configuration: .init(storePath: environment.replicaPath, local: local.identity, isNode: false),
                                    log: log)
        var failures = 0
        var results: [[String: Any]] = []
        for peer in peers {
            do {
                let summary = try engine.syncOnce(peer)
                if !json { print("\(peer): \(summary.line)") }
                results.append(["peer": peer.description, "received": summary.received, "duplicates": summary.duplicates,
                                "rejected": summary.rejected, "quarantined": summary.quarantined, "sent": summary.sent,
                                "peer_stored": summary.peerStored, "peer_duplicates": summary.peerDuplicates])
            } catch {
                failures += 1
                printError("\(peer): \(error)")
                results.append(["peer": peer.description, "error": "\(error)"])
            }
        }
        engine.stop()
        if json { printJSON(results) }
        return failures == 0 ? 0 : 1
    }

    /// This home's identity record with its unlocked device key and device certificate.
    static func localIdentity(_ environment: Environment) throws -> (record: IdentityRecord, identity: LocalIdentity) {
        let record = try IdentityFile.read(environment)
        let secrets = try IdentityCommands.unlock(environment)
        guard let certificate = try LedgerReader(path: environment.replicaPath).deviceEvent(record.device) else {
            throw CommandError("the replica in \(environment.home) lacks this device's certificate event; run 'hilum ledger verify' and restore the replica")
        }
        return (record, LocalIdentity(signingKey: secrets.device, deviceEvent: certificate))
    }

    static func address(_ text: String, option: String, listening: Bool = false) throws -> PeerAddress {
        do {
            return try PeerAddress(parsing: text, listening: listening)
        } catch {
            throw UsageError("\(option) \(error)")
        }
    }

    static func readAllowList(_ path: String) throws -> Set<PublicKey> {
        let keys = try readAllowListEntries(path)
        guard !keys.isEmpty else {
            throw CommandError("the allow list \(path) names no identity, so the node would refuse every peer; add 64-digit hex keys (see 'hilum whoami')")
        }
        return keys
    }

    static func readAllowListEntries(_ path: String) throws -> Set<PublicKey> {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError("cannot read the allow list \(path); check the path and its permissions")
        }
        var keys: Set<PublicKey> = []
        for (index, rawLine) in String(decoding: data, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?
                .trimmingCharacters(in: .whitespaces) ?? ""
            guard !line.isEmpty else { continue }
            guard let key = PublicKey(hex: line) else {
                throw CommandError("\(path) line \(index + 1): '\(line.prefix(80))' is not a 64-digit hex identity key (see 'hilum whoami')")
            }
            keys.insert(key)
        }
        return keys
    }

    static func configuredNodes(_ environment: Environment) throws -> [PeerAddress] {
        let path = environment.home + "/nodes"
        guard let data = FileManager.default.contents(atPath: path) else {
            return [PeerAddress(host: "127.0.0.1", port: PeerAddress.defaultPort)]
        }
        var nodes: [PeerAddress] = []
        for (index, rawLine) in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            do {
                nodes.append(try PeerAddress(parsing: line))
            } catch {
                throw CommandError("\(path) line \(index + 1): \(error)")
            }
        }
        guard !nodes.isEmpty else { throw CommandError("\(path) lists no nodes; add HOST:PORT lines or pass --peer") }
        return nodes
    }
}
