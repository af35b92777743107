import Foundation
import XCTest

/// `hilum client policy`, `client route` and `client autoassign` on the demo
/// network, each in its own process: the policy picks among colleagues' bids,
/// and a running autoassign loop assigns a case once a new bid arrives from
/// another process.
final class RoutingCommandTests: CommandTestCase {
    private var demo: String { directory + "/demo" }
    private var nodePID: pid_t = 0
    private var loopPID: pid_t = 0

    override func tearDownWithError() throws {
        if loopPID > 0 { kill(loopPID, SIGKILL); _ = HilumBinary.wait(loopPID) }
        if nodePID > 0 { kill(nodePID, SIGKILL) }
        try super.tearDownWithError()
    }

    private var passphrase: [String: String] { ["HILUM_PASSPHRASE_FILE": demo + "/passphrase"] }

    private func run(_ arguments: [String], as folder: String) -> HilumRun {
        HilumBinary.run(arguments + ["--home", demo + "/" + folder], environment: passphrase, directory: directory)
    }

    private func startDemo() throws {
        let setup = HilumBinary.run(["demo", "--dir", demo, "--cases", "12", "--port", "17494", "--setup-only"], directory: directory)
        XCTAssertEqual(setup.status, 0, setup.stderr)
        let marker = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: demo + "/demo.json"))) as? [String: Any]
        nodePID = (marker?["node_pid"] as? NSNumber)?.int32Value ?? 0
    }

    private func cases(of client: String = "client-northside") throws -> [[String: Any]] {
        let cases = run(["client", "cases", "--json"], as: client)
        XCTAssertEqual(cases.status, 0, cases.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(cases.stdout.utf8)) as? [[String: Any]])
    }

    /// Returns an open case of `client` with `bids` active bids, and with its deadline
    /// at least an hour ahead when `biddable` (a bid after the deadline is rejected).
    private func openCase(bids: Int, of client: String = "client-northside", biddable: Bool = false) throws -> String {
        let now = Date().timeIntervalSince1970 * 1000
        let row = try XCTUnwrap(try cases(of: client).first {
            $0["status"] as? String == "open" && ($0["bids"] as? Int) == bids
                && (!biddable || (($0["deadline_at"] as? NSNumber)?.doubleValue ?? 0) > now + 3_600_000)
        }, "the demo gives \(client) an open case with \(bids) bids")
        return try XCTUnwrap(row["case"] as? String)
    }

    private func setPolicy(_ text: String, for client: String = "client-northside") throws -> HilumRun {
        let file = directory + "/policy-\(UUID().uuidString)"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return run(["client", "policy", "--set", file], as: client)
    }

    /// Polls `client cases` until `caseID` is assigned, for at most `seconds`; returns the assignee's name.
    private func waitForAssignee(_ caseID: String, of client: String = "client-northside", seconds: Double) throws -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let row = try cases(of: client).first(where: { $0["case"] as? String == caseID }), row["status"] as? String == "assigned" {
                return row["assignee"] as? String
            }
            Thread.sleep(forTimeInterval: 0.3)
        }
        return nil
    }

    func testPolicyKeepsStoredOneOnBadFile() throws {
        try startDemo()
        XCTAssertEqual(try setPolicy("prefer = fastest\nmax-price = 60\n").status, 0)
        let bad = try setPolicy("prefer = fastest\nmax-prise = 60\n")
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("routing policy line 2: unknown key 'max-prise'; did you mean 'max-price'?"), bad.stderr)
        let shown = run(["client", "policy"], as: "client-northside")
        XCTAssertEqual(shown.stdout, "prefer = fastest\nmax-price = 60.00\n", "the bad file did not replace the stored policy")
    }

    func testRouteExplainsPickAndPassedOverBid() throws {
        try startDemo()
        let caseID = try openCase(bids: 2)
        let missing = run(["client", "route", caseID], as: "client-northside")
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("no routing policy"), missing.stderr)

        XCTAssertEqual(try setPolicy("prefer = cheapest\n").status, 0)
        let route = run(["client", "route", caseID, "--json"], as: "client-northside")
        XCTAssertEqual(route.status, 0, route.stderr)
        let decision = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(route.stdout.utf8)) as? [String: Any])
        let picked = try XCTUnwrap(decision["picked"] as? [String: Any])
        let passed = try XCTUnwrap((decision["passed_over"] as? [[String: Any]])?.first)
        XCTAssertEqual(decision["explanation"] as? String, "cheapest eligible bid at \(picked["price"] as? String ?? "?")")
        XCTAssertEqual(passed["figure"] as? String, "price")
        XCTAssertEqual(passed["rule"] as? String, "outranked")

        XCTAssertEqual(try setPolicy("max-price = 50\n").status, 0)
        let ceiling = run(["client", "route", caseID], as: "client-northside")
        XCTAssertTrue(ceiling.stdout.contains("picked  nothing: no bid meets the policy's requirements"), ceiling.stdout)
        XCTAssertTrue(ceiling.stdout.contains("is over the ceiling 50.00 USD"), ceiling.stdout)
        let rejected = run(["client", "route", caseID, "--apply"], as: "client-northside")
        XCTAssertNotEqual(rejected.status, 0)
        XCTAssertTrue(rejected.stderr.contains("the policy picks no bid"), rejected.stderr)

        XCTAssertEqual(try setPolicy("prefer = cheapest\n").status, 0)
        let applied = run(["client", "route", caseID, "--apply", "--clinician", "Dr Priya Raman"], as: "client-northside")
        XCTAssertEqual(applied.status, 0, applied.stderr)
        XCTAssertEqual(try waitForAssignee(caseID, seconds: 1), picked["name"] as? String)
        XCTAssertEqual(run(["sync"], as: "radiologist-chen").status, 0)
        let log = run(["ledger", "log", "--kind", "routing-decision"], as: "radiologist-chen")
        XCTAssertTrue(log.stdout.contains("routing-decision"), "the decision is public: \(log.stdout) \(log.stderr)")
    }

    func testAutoassignAssignsWhenBidsArrive() throws {
        try startDemo()
        let client = "client-hudson"
        let oneBid = try openCase(bids: 1, of: client, biddable: true)
        let noBids = try openCase(bids: 0, of: client)
        XCTAssertEqual(try setPolicy("prefer = cheapest\n", for: client).status, 0)
        let loop = HilumBinary.spawn(["client", "autoassign", "--interval", "0.5", "--min-bids", "2", "--clinician", "Dr Tomás Ortega",
                                      "--home", demo + "/" + client], environment: passphrase, directory: directory)
        loopPID = loop.pid

        // Wait for two rounds (each syncs and logs a line), then check the one-bid case is still open.
        let started = Date()
        while ((try? String(contentsOfFile: loop.err, encoding: .utf8)) ?? "").components(separatedBy: "synced with").count < 3,
              Date().timeIntervalSince(started) < 20 {
            Thread.sleep(forTimeInterval: 0.2)
        }
        XCTAssertEqual(try cases(of: client).first { $0["case"] as? String == oneBid }?["status"] as? String, "open",
                       "one bid is fewer than --min-bids 2")

        let bid = run(["bid", oneBid, "--price", "40", "--within", "2h"], as: "radiologist")
        XCTAssertEqual(bid.status, 0, bid.stderr)
        let assignee = try waitForAssignee(oneBid, of: client, seconds: 20)
        XCTAssertEqual(assignee, "Dr Demo Radiologist", "the new, cheapest bid wins once the case has two bids")
        XCTAssertEqual(try cases(of: client).first { $0["case"] as? String == noBids }?["status"] as? String, "open")

        kill(loopPID, SIGTERM)
        _ = HilumBinary.wait(loopPID)
        loopPID = 0
        let output = (try? String(contentsOfFile: loop.out, encoding: .utf8)) ?? ""
        XCTAssertEqual(output.components(separatedBy: "routing decision").count - 1, 1, output)
        XCTAssertTrue(output.contains("to Dr Demo Radiologist at 40.00 USD (their bid)"), output)
    }
}
