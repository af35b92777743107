import Foundation
import Glibc
import HilumCore
import HilumCrypto
import HilumLedger
import XCTest

struct NodeDidNotStart: Error, CustomStringConvertible {
    let log: String
    var description: String { "hilum node logged no listening address within 10 s; its stderr:\n\(log)" }
}

/// `hilum node` and `hilum sync` killed with SIGKILL part-way through a
/// large transfer: the stores open and verify, nothing the node
/// acknowledged is lost, and a second sync completes the transfer.
final class NodeCrashTests: CommandTestCase {
    private let eventCount = 50_000
    /// Kill once a second sync batch (16,384 events each) is stored, so that
    /// the first batch's acknowledgment has reached the other side.
    private let killThreshold = 16_384 + 100
    private let passphrase = ["HILUM_PASSPHRASE": "correct horse battery"]
    /// Processes this test started and has not reaped yet; killed on teardown.
    private var running: Set<pid_t> = []

    override func tearDownWithError() throws {
        for pid in running {
            Glibc.kill(pid, SIGKILL)
            _ = HilumBinary.wait(pid)
        }
        try super.tearDownWithError()
    }

    private func start(_ arguments: [String]) -> (pid: pid_t, err: String) {
        let started = HilumBinary.spawn(arguments, environment: passphrase, directory: directory)
        running.insert(started.pid)
        return (started.pid, started.err)
    }

    /// Waits up to `seconds` for `pid` to exit and returns its status.
    private func finish(_ pid: pid_t, within seconds: Double = 60) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid {
                running.remove(pid)
                return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            }
            usleep(20_000)
        }
        return nil
    }

    private func run(_ arguments: [String]) -> HilumRun {
        HilumBinary.run(arguments, environment: passphrase, directory: directory)
    }

    private func initHome(_ home: String, role: String, name: String) {
        let created = run(["init", "--role", role, "--name", name, "--recovery-out", home + ".recovery", "--home", home])
        XCTAssertEqual(created.status, 0, created.stderr)
    }

    /// Starts `hilum node` on a free loopback port and returns its pid and address.
    private func startNode(_ home: String) throws -> (pid: pid_t, address: String) {
        let node = start(["node", "--listen", "127.0.0.1:0", "--home", home])
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let log = (try? String(contentsOfFile: node.err, encoding: .utf8)) ?? ""
            if let match = log.firstMatch(of: /listening on (127\.0\.0\.1:\d+)/) { return (node.pid, String(match.1)) }
            usleep(20_000)
        }
        let log = (try? String(contentsOfFile: node.err, encoding: .utf8)) ?? ""
        throw NodeDidNotStart(log: log)

    }

    /// Polls the store at `home` until it contains `count` events, then kills `pid` with SIGKILL.
    /// Returns how many events the store contained at that moment.
    private func killWhen(_ pid: pid_t, storeAt home: String, reaches count: Int) throws -> Int64 {
        let reader = try LedgerReader(path: home + "/replica.sqlite")
        let deadline = Date().addingTimeInterval(60)
        var rows: Int64 = 0
        while Date() < deadline {
            rows = try reader.lastRow()
            if rows >= count { break }
            usleep(5_000)
        }
        Glibc.kill(pid, SIGKILL)
        XCTAssertEqual(finish(pid), 128 + SIGKILL)
        return rows
    }

    private func nodeLog(_ home: String) -> String {
        "\nnode log:\n" + ((try? String(contentsOfFile: home + "/node.log", encoding: .utf8)) ?? "")
    }

    private func stateHash(_ home: String) throws -> String {
        let stats = run(["ledger", "stats", "--json", "--home", home])
        XCTAssertEqual(stats.status, 0, stats.stderr)
        let figures = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        return try XCTUnwrap(figures["state_hash"] as? String)
    }

    private func eventIDs(_ home: String, where condition: String = "1") throws -> Set<[UInt8]> {
        let replica = try Replica(path: home + "/replica.sqlite")
        let statement = try replica.database.prepare("SELECT id FROM events WHERE \(condition)")
        var ids: Set<[UInt8]> = []
        while try statement.step() { ids.insert(statement.blob(0)) }
        return ids
    }

    /// Writes synthetic events made in the last minute, in the export format
    /// (4-byte big-endian length, then the event). Recent timestamps keep
    /// the node's time from overriding them, as it would for old events.
    private func writeRecentEvents() throws -> String {
        var bytes: [UInt8] = []
        try SyntheticLedger().generate(count: eventCount, start: Clock.nowMilliseconds() - 60_000) { event in
            let length = UInt32(event.count)
            bytes += [UInt8(length >> 24), UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff)] + event
        }
        let path = directory + "/events.bin"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func testKilledNodeAndReplicaLoseNothing() throws {
        let nodeHome = directory + "/node"
        let pusherHome = directory + "/pusher"
        let pullerHome = directory + "/puller"
        initHome(nodeHome, role: "node", name: "Node A")
        initHome(pusherHome, role: "radiologist", name: "Dr Ada Osei")
        initHome(pullerHome, role: "radiologist", name: "Dr Kofi Mensah")
        let imported = run(["ledger", "import", try writeRecentEvents(), "--home", pusherHome])
        XCTAssertEqual(imported.status, 0, imported.stderr)

        // The node dies while the pusher's events stream in.
        var node = try startNode(nodeHome)
        let push = start(["sync", "--peer", node.address, "--home", pusherHome])
        let storedAtKill = try killWhen(node.pid, storeAt: nodeHome, reaches: killThreshold)
        XCTAssertLessThan(storedAtKill, Int64(eventCount), "the node must die before the transfer ends")
        XCTAssertEqual(finish(push.pid), 1, "the interrupted sync reports failure")

        XCTAssertEqual(run(["ledger", "verify", "--home", nodeHome]).status, 0)
        // The pusher records the node time from each acknowledgment, so events with a
        // node time are exactly those the node acknowledged.
        let acknowledged = try eventIDs(pusherHome, where: "witnessed_at IS NOT NULL")
        let onNode = try eventIDs(nodeHome)
        XCTAssertGreaterThan(acknowledged.count, 0, "the node acknowledged some batches before it died")
        XCTAssertEqual(acknowledged.subtracting(onNode).count, 0, "acknowledged events missing from the node")

        node = try startNode(nodeHome)
        let resumed = run(["sync", "--peer", node.address, "--home", pusherHome])
        XCTAssertEqual(resumed.status, 0, resumed.stderr + nodeLog(nodeHome))
        XCTAssertEqual(try eventIDs(nodeHome).count, eventCount + 2)
        XCTAssertEqual(try stateHash(nodeHome), try stateHash(pusherHome))

        // The puller dies while the node's events stream in.
        let pull = start(["sync", "--peer", node.address, "--home", pullerHome])
        let pulledAtKill = try killWhen(pull.pid, storeAt: pullerHome, reaches: killThreshold)
        XCTAssertLessThan(pulledAtKill, Int64(eventCount), "the puller must die before the transfer ends")
        XCTAssertEqual(run(["ledger", "verify", "--home", pullerHome]).status, 0)
        let again = run(["sync", "--peer", node.address, "--home", pullerHome])
        XCTAssertEqual(again.status, 0, again.stderr + nodeLog(nodeHome))

        Glibc.kill(node.pid, SIGTERM)
        XCTAssertEqual(finish(node.pid), 0, "the node stops cleanly on SIGTERM")
        XCTAssertEqual(try eventIDs(pullerHome).count, eventCount + 3)
        XCTAssertEqual(try stateHash(pullerHome), try stateHash(nodeHome))
    }
}
