import Foundation
import XCTest

/// `hilum review`, `label`, `labels export`, `client grant-review`,
/// `client settle` and `earnings` on the demo network, each command in its
/// own process: the demo radiologist signs a CT head case, colleagues review
/// and label it, its client settles it.
final class PeerReviewCommandTests: CommandTestCase {
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

    /// Starts the demo and returns its CT head case assigned to the demo
    /// radiologist, its client's folder and the patient details that client keeps.
    private func assignedHeadCase() throws -> (caseID: String, client: String, patient: [String]) {
        let setup = HilumBinary.run(["demo", "--dir", demo, "--cases", "12", "--port", "17480", "--setup-only"], directory: directory)
        XCTAssertEqual(setup.status, 0, setup.stderr)
        let marker = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: demo + "/demo.json"))) as? [String: Any]
        nodePID = (marker?["node_pid"] as? NSNumber)?.int32Value ?? 0
        for client in ["client-northside", "client-hudson"] {
            let cases = run(["client", "cases", "--json"], as: client)
            XCTAssertEqual(cases.status, 0, cases.stderr)
            let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(cases.stdout.utf8)) as? [[String: Any]])
            if let row = rows.first(where: {
                $0["assignee"] as? String == "Dr Demo Radiologist" && $0["status"] as? String == "assigned"
                    && $0["modality"] as? String == "CT" && $0["region"] as? String == "HEAD"
            }) {
                let patient = [row["patient"], row["accession"]].compactMap { $0 as? String }
                XCTAssertEqual(patient.count, 2, "the client keeps the patient's name and accession number")
                return (try XCTUnwrap(row["case"] as? String), client, patient)
            }
        }
        throw XCTSkip("the demo assigned no CT head case to the demo radiologist")
    }

    private func sign(_ caseID: String) throws {
        let fill = directory + "/fill.json"
        try JSONSerialization.data(withJSONObject: ["ct_head_impression": "No acute intracranial abnormality."])
            .write(to: URL(fileURLWithPath: fill))
        let signed = run(["report", "sign", caseID, "--fill", fill], as: "radiologist")
        XCTAssertEqual(signed.status, 0, signed.stderr)
    }

    func testReviewGrantScoreAndList() throws {
        let (caseID, client, patient) = try assignedHeadCase()
        let early = run(["review", "score", caseID, "--score", "1"], as: "radiologist-nwosu")
        XCTAssertEqual(early.status, 1)
        XCTAssertTrue(early.stderr.contains("has no signed report"), early.stderr)
        try sign(caseID)

        let own = run(["review", "score", caseID, "--score", "1"], as: "radiologist")
        XCTAssertEqual(own.status, 1)
        XCTAssertTrue(own.stderr.contains("a radiologist may not review their own report (self-review)"), own.stderr)
        let noLetter = run(["review", "score", caseID, "--score", "3"], as: "radiologist-nwosu")
        XCTAssertEqual(noLetter.status, 64)
        XCTAssertTrue(noLetter.stderr.contains("--score 3 needs --significance a"), noLetter.stderr)

        let toReader = run(["client", "grant-review", caseID, "--to", "Dr Demo Radiologist"], as: client)
        XCTAssertEqual(toReader.status, 1)
        XCTAssertTrue(toReader.stderr.contains("is the reading radiologist"), toReader.stderr)
        let grant = run(["client", "grant-review", caseID, "--to", "Dr Amara Nwosu"], as: client)
        XCTAssertEqual(grant.status, 0, grant.stderr)
        let access = run(["case", "access", caseID, "--json"], as: "radiologist-nwosu")
        XCTAssertEqual(access.status, 0, access.stderr)
        XCTAssertTrue(access.stdout.contains("\"study_uid\""), access.stdout)
        XCTAssertTrue(access.stdout.contains("No acute intracranial abnormality."), "the reviewer reads the signed report")
        for detail in patient { XCTAssertFalse(access.stdout.contains(detail), "the review grant leaves out \(detail)") }

        let score = run(["review", "score", caseID, "--score", "2", "--significance", "b",
                         "--comment", "Subtle left \"convexity\" density, please recheck."], as: "radiologist-nwosu")
        XCTAssertEqual(score.status, 0, score.stderr)
        XCTAssertTrue(score.stdout.contains("score 2b, with a sealed comment"), score.stdout)
        let twice = run(["review", "score", caseID, "--score", "1"], as: "radiologist-nwosu")
        XCTAssertEqual(twice.status, 1)
        XCTAssertTrue(twice.stderr.contains("already-reviewed"), twice.stderr)

        let received = run(["review", "list", "--json"], as: "radiologist")
        XCTAssertEqual(received.status, 0, received.stderr)
        let receivedRows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(received.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(receivedRows.count, 1)
        XCTAssertEqual(receivedRows.first?["direction"] as? String, "received")
        XCTAssertEqual(receivedRows.first?["score"] as? Int, 2)
        XCTAssertEqual(receivedRows.first?["significance"] as? String, "b")
        XCTAssertEqual(receivedRows.first?["comment"] as? String, "Subtle left \"convexity\" density, please recheck.")
        let given = run(["review", "list"], as: "radiologist-nwosu")
        XCTAssertTrue(given.stdout.contains("given"), given.stdout)
        XCTAssertTrue(given.stdout.contains("Subtle left \"convexity\" density"), given.stdout)
        let bystander = run(["review", "list", "--json"], as: "radiologist-chen")
        XCTAssertEqual(bystander.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "[]")
    }

    func testLabelConfirmDisputeAndExport() throws {
        let (caseID, client, patient) = try assignedHeadCase()
        try sign(caseID)

        let stranger = run(["label", caseID, "--finding", "INTRACRANIAL-HEMORRHAGE", "--as", "false-positive"], as: "radiologist-nwosu")
        XCTAssertEqual(stranger.status, 1)
        XCTAssertTrue(stranger.stderr.contains("only the reading radiologist labels AI findings"), stranger.stderr)
        let unknown = run(["label", caseID, "--finding", "PNEUMOTHORAX", "--as", "true-positive"], as: "radiologist")
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("--as false-negative"), unknown.stderr)

        let positive = run(["label", caseID, "--finding", "INTRACRANIAL-HEMORRHAGE", "--as", "true-positive"], as: "radiologist")
        XCTAssertEqual(positive.status, 0, positive.stderr)
        let missed = run(["label", caseID, "--finding", "SKULL-FRACTURE", "--as", "false-negative"], as: "radiologist")
        XCTAssertEqual(missed.status, 0, missed.stderr)
        let labelID = try XCTUnwrap(positive.stdout.split(separator: " ").last.map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) })

        let ownConfirm = run(["label", caseID, "--confirm", labelID], as: "radiologist")
        XCTAssertEqual(ownConfirm.status, 1)
        XCTAssertTrue(ownConfirm.stderr.contains("may not confirm or dispute their own label"), ownConfirm.stderr)
        let notReviewer = run(["label", caseID, "--confirm", labelID], as: "radiologist-eriksen")
        XCTAssertEqual(notReviewer.status, 1)
        XCTAssertTrue(notReviewer.stderr.contains("not a peer reviewer"), notReviewer.stderr)

        XCTAssertEqual(run(["review", "score", caseID, "--score", "1"], as: "radiologist-nwosu").status, 0)
        let confirm = run(["label", caseID, "--confirm", labelID], as: "radiologist-nwosu")
        XCTAssertEqual(confirm.status, 0, confirm.stderr)
        XCTAssertEqual(run(["client", "grant-review", caseID, "--to", "Dr Lars Eriksen"], as: client).status, 0)
        let dispute = run(["label", caseID, "--dispute", labelID, "--as", "false-positive"], as: "radiologist-eriksen")
        XCTAssertEqual(dispute.status, 0, dispute.stderr)

        let jsonPath = directory + "/labels.jsonl"
        let jsonl = run(["labels", "export", "--out", jsonPath], as: client)
        XCTAssertEqual(jsonl.status, 0, jsonl.stderr)
        let text = try String(contentsOfFile: jsonPath, encoding: .utf8)
        let records = try text.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        XCTAssertEqual(records.count, 2)
        let hemorrhage = try XCTUnwrap(records.first { $0["finding"] as? String == "INTRACRANIAL-HEMORRHAGE" })
        XCTAssertEqual(hemorrhage["case"] as? String, caseID)
        XCTAssertTrue((hemorrhage["study_uid"] as? String)?.hasPrefix("2.25.") ?? false, "the posting client sees its study UID")
        XCTAssertEqual(hemorrhage["ai_score_per_mille"] as? Int, 930)
        XCTAssertEqual(hemorrhage["label"] as? String, "true-positive")
        XCTAssertEqual(hemorrhage["confirmations"] as? Int, 1)
        XCTAssertEqual(hemorrhage["disputes"] as? Int, 1)
        XCTAssertEqual(hemorrhage["disputed_as"] as? [String], ["false-positive"])
        let fracture = try XCTUnwrap(records.first { $0["finding"] as? String == "SKULL-FRACTURE" })
        XCTAssertEqual(fracture["ai_reported"] as? Bool, false)
        XCTAssertTrue(fracture["ai_score_per_mille"] is NSNull)
        XCTAssertEqual(fracture["label"] as? String, "false-negative")

        let csvPath = directory + "/labels.csv"
        let csv = run(["labels", "export", "--format", "csv", "--out", csvPath], as: "radiologist-chen")
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let rows = try parseCSV(csvPath)
        XCTAssertEqual(rows.count, 3, "a header and two records")
        XCTAssertEqual(rows.first?.first, "label_id")
        let csvHemorrhage = try XCTUnwrap(rows.first { $0.count > 3 && $0[3] == "INTRACRANIAL-HEMORRHAGE" })
        XCTAssertEqual(csvHemorrhage[1], caseID)
        XCTAssertEqual(csvHemorrhage[2], "", "another client's radiologist gets the case id only")
        XCTAssertEqual(csvHemorrhage[5], "930")

        let exported = text + (try String(contentsOfFile: csvPath, encoding: .utf8))
        for detail in patient + ["ACC-", "NSI-", "HVH-", "KS-"] {
            XCTAssertFalse(exported.contains(detail), "the dataset contains patient data: \(detail)")
        }
    }

    func testSettleAndEarnings() throws {
        let (caseID, client, _) = try assignedHeadCase()
        let early = run(["client", "settle", caseID], as: client)
        XCTAssertEqual(early.status, 1)
        XCTAssertTrue(early.stderr.contains("a case is settled only after its report is signed"), early.stderr)
        try sign(caseID)

        let otherClient = client == "client-northside" ? "client-hudson" : "client-northside"
        let stranger = run(["client", "settle", caseID], as: otherClient)
        XCTAssertEqual(stranger.status, 1)
        XCTAssertTrue(stranger.stderr.contains("was posted by another client"), stranger.stderr)
        let onTime = run(["client", "settle", caseID, "--adjust-late", "10"], as: client)
        XCTAssertEqual(onTime.status, 1)
        XCTAssertTrue(onTime.stderr.contains("was signed on time"), onTime.stderr)

        let pending = run(["earnings", "--json"], as: "radiologist")
        let pendingObject = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(pending.stdout.utf8)) as? [String: Any])
        XCTAssertTrue((pendingObject["pending"] as? [[String: Any]])?.contains { $0["case"] as? String == caseID } ?? false, pending.stdout)

        let settle = run(["client", "settle", caseID], as: client)
        XCTAssertEqual(settle.status, 0, settle.stderr)
        XCTAssertTrue(settle.stdout.contains("paid 60.00 USD to Dr Demo Radiologist"), settle.stdout)
        XCTAssertTrue(settle.stdout.contains("status paid"), settle.stdout)
        let again = run(["client", "settle", caseID], as: client)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("already settled"), again.stderr)

        let monthly = run(["earnings", "--json"], as: "radiologist")
        XCTAssertEqual(monthly.status, 0, monthly.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(monthly.stdout.utf8)) as? [String: Any])
        let settled = try XCTUnwrap(object["settled"] as? [[String: Any]])
        XCTAssertEqual(settled.count, 1)
        XCTAssertEqual(settled.first?["amount"] as? String, "60.00 USD")
        XCTAssertEqual(settled.first?["cases"] as? Int, 1)
        XCTAssertEqual((settled.first?["period"] as? String)?.count, 7, "a month reads as 2026-12")
        XCTAssertFalse((object["pending"] as? [[String: Any]])?.contains { $0["case"] as? String == caseID } ?? true)
        let weekly = run(["earnings", "--by", "week"], as: "radiologist")
        XCTAssertEqual(weekly.status, 0, weekly.stderr)
        XCTAssertTrue(weekly.stdout.contains("-W"), weekly.stdout)
        XCTAssertTrue(weekly.stdout.contains("60.00 USD"), weekly.stdout)
        let badPeriod = run(["earnings", "--by", "year"], as: "radiologist")
        XCTAssertEqual(badPeriod.status, 64)
    }

    /// Parses a CSV file with Python's csv module, an independent RFC 4180 reader.
    private func parseCSV(_ path: String) throws -> [[String]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='')))))", path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String]])
    }
}
