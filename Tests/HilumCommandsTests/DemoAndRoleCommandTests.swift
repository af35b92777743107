import Foundation
import XCTest

/// The demo network as a newcomer starts it, and the client, clinician and
/// credentialer commands run against it as separate processes.
final class DemoAndRoleCommandTests: CommandTestCase {
    private var demo: String { directory + "/demo" }
    private var nodePID: pid_t = 0

    override func tearDownWithError() throws {
        if nodePID > 0 { kill(nodePID, SIGKILL) }
        try super.tearDownWithError()
    }

    private func run(_ arguments: [String], as folder: String) -> HilumRun {
        HilumBinary.run(arguments + ["--home", demo + "/" + folder],
                        environment: ["HILUM_PASSPHRASE_FILE": demo + "/passphrase"], directory: directory)
    }

    private func startDemo(cases: Int = 12) throws -> [[String]] {
        let setup = HilumBinary.run(["demo", "--dir", demo, "--cases", String(cases), "--port", "17420", "--setup-only"], directory: directory)
        XCTAssertEqual(setup.status, 0, setup.stderr)
        let marker = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: demo + "/demo.json"))) as? [String: Any]
        nodePID = (marker?["node_pid"] as? NSNumber)?.int32Value ?? 0
        XCTAssertGreaterThan(nodePID, 0)
        return setup.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
    }

    func testDemoSetupPrintsEveryParticipantAndStartsItsNode() throws {
        let lines = try startDemo()
        XCTAssertEqual(lines.first?.first, "node")
        XCTAssertTrue(lines.first?[1].hasPrefix("127.0.0.1:") ?? false, "\(lines)")
        XCTAssertEqual(Set(lines.map { $0[0] }), ["node", "credentialer", "radiologist", "client", "clinician"])
        XCTAssertTrue(lines.allSatisfy { $0.count == 3 && FileManager.default.fileExists(atPath: $0[2] + "/replica.sqlite") })
        XCTAssertEqual(kill(nodePID, 0), 0, "the demo node keeps running after setup")

        let sync = run(["sync", "--json"], as: "radiologist")
        XCTAssertEqual(sync.status, 0, sync.stderr)
        let verify = run(["ledger", "verify"], as: "node")
        XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
    }

    func testCredentialerLicensesAndClientAssignsWithSealedAccess() throws {
        _ = try startDemo()
        let grant = run(["credential", "grant", "Dr Mei Chen", "--jurisdiction", "us-ny", "--expires", "2030-01-31",
                         "--board", "New York State Board for Medicine"], as: "board-ny")
        XCTAssertEqual(grant.status, 0, grant.stderr)
        XCTAssertTrue(grant.stdout.contains("Dr Mei Chen licence US-NY (New York State Board for Medicine) until 2030-01-31"), grant.stdout)
        let listed = run(["credential", "list", "--json"], as: "client-hudson")
        let credentials = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        XCTAssertTrue(credentials.contains { $0["subject_name"] as? String == "Dr Mei Chen" && $0["board"] as? String == "New York State Board for Medicine" },
                      listed.stdout)

        let cases = run(["client", "cases", "--json"], as: "client-northside")
        XCTAssertEqual(cases.status, 0, cases.stderr)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(cases.stdout.utf8)) as? [[String: Any]])
        let open = try XCTUnwrap(rows.first { $0["status"] as? String == "open" })
        XCTAssertNotNil(open["patient"], "the client sees its own patient details")
        let caseID = try XCTUnwrap(open["case"] as? String)

        let assign = run(["client", "assign", String(caseID.prefix(12)), "--to", "Dr Demo Radiologist", "--clinician", "Dr Priya Raman"],
                         as: "client-northside")
        XCTAssertEqual(assign.status, 0, assign.stderr)
        XCTAssertTrue(assign.stdout.contains("assigned case \(caseID.prefix(16)) to Dr Demo Radiologist"), assign.stdout)

        // The radiologist's replica receives the assignment and a grant sealed to them.
        XCTAssertEqual(run(["sync"], as: "radiologist").status, 0)
        let log = run(["ledger", "log", "--kind", "access-grant", "--json"], as: "radiologist")
        XCTAssertTrue(log.stdout.contains(caseID), log.stdout)
        XCTAssertFalse(log.stdout.contains(try XCTUnwrap(open["patient"] as? String)), "no patient name in clear on the ledger")

        let again = run(["client", "assign", caseID, "--to", "Dr Demo Radiologist"], as: "client-northside")
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("is assigned, not open"), again.stderr)
    }

    func testDemoRadiologistStartsWithEarlierReads() throws {
        _ = try startDemo()
        // The demo radiologist's nodule report, whose Fleischner follow-up Northside has scheduled.
        let followUps = run(["client", "follow-ups", "--json"], as: "client-northside")
        XCTAssertEqual(followUps.status, 0, followUps.stderr)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(followUps.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 1, followUps.stdout)
        XCTAssertEqual(rows.first?["status"] as? String, "scheduled")
        XCTAssertEqual(rows.first?["guideline"] as? String, "FLEISCHNER-2017")
        XCTAssertEqual(rows.first?["finding"] as? String, "Solid nodule, 9 mm, left lower lobe")
        // And the question Dr Tomás Ortega asked on the other report, not yet answered.
        let inbox = run(["clinician", "inbox"], as: "clinician-ortega")
        XCTAssertEqual(inbox.status, 0, inbox.stderr)
        XCTAssertTrue(inbox.stdout.contains("early consolidation"), inbox.stdout)
    }

    func testParallelBidsOnOneHomeAllLand() throws {
        _ = try startDemo(cases: 24)
        let now = Date().timeIntervalSince1970 * 1000
        let cases = run(["client", "cases", "--json"], as: "client-northside")
        let open = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(cases.stdout.utf8)) as? [[String: Any]]).filter {
            $0["status"] as? String == "open" && (($0["deadline_at"] as? NSNumber)?.doubleValue ?? 0) > now + 60_000
        }.compactMap { $0["case"] as? String }
        XCTAssertFalse(open.isEmpty, cases.stdout)
        // Twelve bids at once from one home, as a script might send them: each waits for the
        // others' writes instead of failing with "database is locked".
        let results = BidResults()
        let (home, passphrase, directory) = (demo + "/radiologist", demo + "/passphrase", directory)
        DispatchQueue.concurrentPerform(iterations: 12) { index in
            results.add(HilumBinary.run(["bid", open[index % open.count], "--price", String(50 + index), "--within", "4h", "--offline",
                                         "--home", home], environment: ["HILUM_PASSPHRASE_FILE": passphrase], directory: directory))
        }
        for run in results.all { XCTAssertEqual(run.status, 0, run.stderr) }
    }

    func testClinicianSeesReportsAndAcknowledgesTheCriticalResult() throws {
        _ = try startDemo()
        let inbox = run(["clinician", "inbox", "--json"], as: "clinician-raman")
        XCTAssertEqual(inbox.status, 0, inbox.stderr)
        let entries = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(inbox.stdout.utf8)) as? [[String: Any]])
        let critical = try XCTUnwrap(entries.first { $0["kind"] as? String == "critical-result" })
        XCTAssertEqual(critical["acknowledged"] as? Bool, false)
        XCTAssertEqual(critical["text"] as? String, "Unexpected finding: please call the reading room.")

        let ack = run(["clinician", "ack", String((critical["id"] as! String).prefix(10))], as: "clinician-raman")
        XCTAssertEqual(ack.status, 0, ack.stderr)
        let after = run(["clinician", "inbox", "--json"], as: "clinician-raman")
        let acknowledged = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [[String: Any]])
            .first { $0["id"] as? String == critical["id"] as? String }
        XCTAssertEqual(acknowledged?["acknowledged"] as? Bool, true)

        let report = try XCTUnwrap(entries.first { $0["kind"] as? String == "report" })
        let question = run(["clinician", "ask", String((report["case"] as! String).prefix(8)), "--message", "Any nodule in the left lower lobe?"],
                           as: "clinician-raman")
        XCTAssertEqual(question.status, 0, question.stderr)
        let wrongRole = run(["clinician", "inbox"], as: "radiologist")
        XCTAssertEqual(wrongRole.status, 1)
        XCTAssertTrue(wrongRole.stderr.contains("needs a clinician identity"), wrongRole.stderr)
    }

    func testDemoRefusesADirectoryThatIsNotADemo() throws {
        try FileManager.default.createDirectory(atPath: demo, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: demo + "/notes.txt"))
        let run = HilumBinary.run(["demo", "--dir", demo, "--setup-only"], directory: directory)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("is not a Hilum demo"), run.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: demo + "/notes.txt"))
    }
}

/// Runs collected from concurrent threads.
private final class BidResults: @unchecked Sendable {
    // Unchecked: `runs` is touched only while `lock` is held.
    private let lock = NSLock()
    private var runs: [HilumRun] = []

    func add(_ run: HilumRun) {
        lock.lock()
        runs.append(run)
        lock.unlock()
    }

    var all: [HilumRun] {
        lock.lock()
        defer { lock.unlock() }
        return runs
    }
}
