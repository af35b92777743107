import Foundation
import XCTest

/// `hilum client follow-ups`, `client follow-up` and the critical results
/// in `client cases` on the demo network: the radiologist signs a CT chest
/// with a nodule and a critical result. The client and the clinician
/// respond in their own processes.
final class ClientFollowUpCommandTests: CommandTestCase {
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

    private func json(_ run: HilumRun) throws -> [[String: Any]] {
        XCTAssertEqual(run.status, 0, run.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]], run.stdout)
    }

    /// Assigns an open CT chest at Hudson Valley to the demo radiologist, who
    /// signs it with a 7 mm nodule and a red critical result. Returns the case.
    private func signedChestCase() throws -> String {
        let setup = HilumBinary.run(["demo", "--dir", demo, "--cases", "24", "--port", "17480", "--setup-only"], directory: directory)
        XCTAssertEqual(setup.status, 0, setup.stderr)
        let marker = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: demo + "/demo.json"))) as? [String: Any]
        nodePID = (marker?["node_pid"] as? NSNumber)?.int32Value ?? 0
        let now = Date().timeIntervalSince1970 * 1000
        let open = try json(run(["client", "cases", "--json"], as: "client-hudson")).first {
            $0["status"] as? String == "open" && $0["modality"] as? String == "CT" && $0["region"] as? String == "CHEST"
                && (($0["deadline_at"] as? NSNumber)?.doubleValue ?? 0) > now
        }
        let caseID = try XCTUnwrap(try XCTUnwrap(open, "no open CT chest at Hudson Valley")["case"] as? String)
        let assign = run(["client", "assign", caseID, "--to", "Dr Demo Radiologist", "--clinician", "Dr Priya Raman"], as: "client-hudson")
        XCTAssertEqual(assign.status, 0, assign.stderr)
        let fill = directory + "/fill.json"
        try JSONSerialization.data(withJSONObject: [
            "ct_chest_nodule_multiplicity": "single", "ct_chest_nodule_composition": "solid", "ct_chest_nodule_long_axis": 7,
            "ct_chest_nodule_location": "RUL", "ct_chest_impression": "Solid nodule, 7 mm, right upper lobe.",
        ]).write(to: URL(fileURLWithPath: fill))
        let signed = run(["report", "sign", caseID, "--fill", fill, "--age", "60", "--risk", "high", "--critical", "red",
                          "--critical-message", "Call the reading room"], as: "radiologist")
        XCTAssertEqual(signed.status, 0, signed.stderr)
        XCTAssertTrue(signed.stdout.contains("recommended follow-up"), signed.stdout)
        return caseID
    }

    func testClientSchedulesTheFollowUp() throws {
        let caseID = try signedChestCase()
        let listed = try json(run(["client", "follow-ups", "--json"], as: "client-hudson"))
        XCTAssertEqual(listed.count, 1)
        let row = try XCTUnwrap(listed.first)
        XCTAssertEqual(row["case"] as? String, caseID)
        XCTAssertEqual(row["status"] as? String, "recommended")
        XCTAssertEqual(row["recommended_modality"] as? String, "CT")
        XCTAssertEqual(row["guideline"] as? String, "FLEISCHNER-2017")
        XCTAssertEqual(row["finding"] as? String, "Solid nodule, 7 mm, right upper lobe")
        let id = try XCTUnwrap(row["id"] as? String)

        let scheduled = run(["client", "follow-up", String(id.prefix(10)), "--status", "scheduled", "--at", "2027-05-30"], as: "client-hudson")
        XCTAssertEqual(scheduled.status, 0, scheduled.stderr)
        XCTAssertTrue(scheduled.stdout.contains("is scheduled"), scheduled.stdout)
        let after = try XCTUnwrap(try json(run(["client", "follow-ups", "--json"], as: "client-hudson")).first)
        XCTAssertEqual(after["status"] as? String, "scheduled")
        XCTAssertEqual((after["status_at"] as? NSNumber)?.int64Value, 1_811_635_200_000, "--at is the start of that day, UTC")
    }

    func testUnlikeStatusSuggestsNothing() {
        for typed in ["", "✓", "done"] {
            let run = HilumBinary.run(["client", "follow-up", "abcdef12", "--status", typed, "--home", directory + "/unused"],
                                      directory: directory)
            XCTAssertEqual(run.status, 64, typed)
            XCTAssertTrue(run.stderr.contains("is not a follow-up status"), run.stderr)
            XCTAssertFalse(run.stderr.contains("did you mean"), run.stderr)
        }
    }

    func testFollowUpStatusRejectsBadInput() throws {
        _ = try signedChestCase()
        let id = try XCTUnwrap(try json(run(["client", "follow-ups", "--json"], as: "client-hudson")).first?["id"] as? String)

        let typo = run(["client", "follow-up", id, "--status", "schedueld"], as: "client-hudson")
        XCTAssertEqual(typo.status, 64)
        XCTAssertTrue(typo.stderr.contains("--status 'schedueld' is not a follow-up status"), typo.stderr)
        XCTAssertTrue(typo.stderr.contains("did you mean 'scheduled'?"), typo.stderr)

        let badDate = run(["client", "follow-up", id, "--status", "completed", "--at", "2027-13-01"], as: "client-hudson")
        XCTAssertEqual(badDate.status, 64)
        XCTAssertTrue(badDate.stderr.contains("--at '2027-13-01' is not a date"), badDate.stderr)

        let unknown = run(["client", "follow-up", "abcdef12", "--status", "completed"], as: "client-hudson")
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("no follow-up recommendation abcdef12"), unknown.stderr)

        let beforeMade = run(["client", "follow-up", id, "--status", "completed", "--at", "2017-06-01"], as: "client-hudson")
        XCTAssertEqual(beforeMade.status, 1)
        XCTAssertTrue(beforeMade.stderr.contains("--at 2017-06-01 is before the recommendation was made"), beforeMade.stderr)

        let future = run(["client", "follow-up", id, "--status", "completed", "--at", "2099-01-01"], as: "client-hudson")
        XCTAssertEqual(future.status, 1)
        XCTAssertTrue(future.stderr.contains("--at 2099-01-01 is in the future"), future.stderr)

        let otherClient = run(["client", "follow-up", id, "--status", "completed"], as: "client-northside")
        XCTAssertEqual(otherClient.status, 1)
        XCTAssertTrue(otherClient.stderr.contains("on a case you neither posted nor referred"), otherClient.stderr)
        let unchanged = try XCTUnwrap(try json(run(["client", "follow-ups", "--json"], as: "client-hudson")).first)
        XCTAssertEqual(unchanged["status"] as? String, "recommended")
    }

    func testReferringClinicianReportsCompletion() throws {
        _ = try signedChestCase()
        let inbox = try json(run(["clinician", "inbox", "--json"], as: "clinician-raman"))
        let entry = try XCTUnwrap(inbox.first { $0["kind"] as? String == "follow-up" }, "\(inbox)")
        XCTAssertEqual(entry["status"] as? String, "recommended")
        let id = try XCTUnwrap(entry["id"] as? String)

        let otherClinician = run(["clinician", "follow-up", id, "--status", "completed"], as: "clinician-ortega")
        XCTAssertEqual(otherClinician.status, 1)
        XCTAssertTrue(otherClinician.stderr.contains("on a case you neither posted nor referred"), otherClinician.stderr)

        let completed = run(["clinician", "follow-up", String(id.prefix(10)), "--status", "completed"], as: "clinician-raman")
        XCTAssertEqual(completed.status, 0, completed.stderr)
        XCTAssertTrue(completed.stdout.contains("is completed"), completed.stdout)
        let seenByClient = try XCTUnwrap(try json(run(["client", "follow-ups", "--json"], as: "client-hudson")).first)
        XCTAssertEqual(seenByClient["status"] as? String, "completed")
        let text = run(["clinician", "inbox"], as: "clinician-raman").stdout
        XCTAssertTrue(text.contains("FOLLOW-UP \(id.prefix(16))"), text)
        XCTAssertTrue(text.contains("completed"), text)
    }

    func testClientCasesShowsTheCriticalResultUntilAcknowledged() throws {
        let caseID = try signedChestCase()
        let before = run(["client", "cases"], as: "client-hudson")
        let line = before.stdout.split(separator: "\n").first { $0.contains("critical red") }.map(String.init) ?? ""
        XCTAssertTrue(line.contains("unacknowledged"), before.stdout)
        XCTAssertTrue(line.contains("left"), before.stdout)
        let row = try XCTUnwrap(try json(run(["client", "cases", "--json"], as: "client-hudson")).first { $0["case"] as? String == caseID })
        let critical = try XCTUnwrap((row["critical"] as? [[String: Any]])?.first)
        XCTAssertEqual(critical["state"] as? String, "unacknowledged")
        XCTAssertEqual(critical["category"] as? String, "red")

        let acknowledged = run(["clinician", "ack", try XCTUnwrap(critical["id"] as? String)], as: "clinician-raman")
        XCTAssertEqual(acknowledged.status, 0, acknowledged.stderr)
        let after = run(["client", "cases"], as: "client-hudson")
        XCTAssertTrue(after.stdout.contains("critical red acknowledged"), after.stdout)
    }
}
