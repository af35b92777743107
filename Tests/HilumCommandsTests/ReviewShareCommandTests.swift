import Foundation
import XCTest

/// `hilum client reviews` and the review share in `client autoassign` on the
/// demo network, each command in its own process. The demo radiologist signs
/// a CT head case beside a colleague's signed case of the same client. The
/// client's policy selects by the draw, and grants go to a volunteer who did
/// not write the report.
final class ReviewShareCommandTests: CommandTestCase {
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

    private func setPolicy(_ text: String, for client: String) throws -> HilumRun {
        let file = directory + "/policy-\(UUID().uuidString)"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return run(["client", "policy", "--set", file], as: client)
    }

    private func reviews(_ client: String) throws -> [String: Any] {
        let listed = run(["client", "reviews", "--json"], as: client)
        XCTAssertEqual(listed.status, 0, listed.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any], listed.stdout)
    }

    private func cases(of object: [String: Any]) throws -> [[String: Any]] {
        try XCTUnwrap(object["cases"] as? [[String: Any]])
    }

    /// Starts the demo, signs the demo radiologist's CT head case and returns
    /// its client's folder, that case, and the author of the client's other signed case.
    private func twoSignedCases() throws -> (client: String, headCase: String, colleague: String) {
        let setup = HilumBinary.run(["demo", "--dir", demo, "--cases", "12", "--port", "17536", "--setup-only"], directory: directory)
        XCTAssertEqual(setup.status, 0, setup.stderr)
        let marker = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: demo + "/demo.json"))) as? [String: Any]
        nodePID = (marker?["node_pid"] as? NSNumber)?.int32Value ?? 0
        for client in ["client-northside", "client-hudson"] {
            let listed = run(["client", "cases", "--json"], as: client)
            XCTAssertEqual(listed.status, 0, listed.stderr)
            let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            guard let head = rows.first(where: {
                $0["assignee"] as? String == "Dr Demo Radiologist" && $0["status"] as? String == "assigned"
                    && $0["modality"] as? String == "CT" && $0["region"] as? String == "HEAD"
            }), let reported = rows.first(where: { $0["status"] as? String == "reported" }),
                let colleague = reported["assignee"] as? String else { continue }
            let headCase = try XCTUnwrap(head["case"] as? String)
            let fill = directory + "/fill.json"
            try JSONSerialization.data(withJSONObject: ["ct_head_impression": "No acute intracranial abnormality."])
                .write(to: URL(fileURLWithPath: fill))
            let signed = run(["report", "sign", headCase, "--fill", fill], as: "radiologist")
            XCTAssertEqual(signed.status, 0, signed.stderr)
            return (client, headCase, colleague)
        }
        throw XCTSkip("the demo gave no client both a CT head case of the demo radiologist and a signed case")
    }

    func testPolicyKeyErrorsKeepTheStoredPolicy() throws {
        let (client, _, _) = try twoSignedCases()
        let none = run(["client", "reviews"], as: client)
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.stderr.contains("no routing policy"), none.stderr)
        XCTAssertEqual(try setPolicy("prefer = fastest\n", for: client).status, 0)
        let noShare = run(["client", "reviews"], as: client)
        XCTAssertEqual(noShare.status, 1)
        XCTAssertTrue(noShare.stderr.contains("has no review-share; add 'review-share = 10%'"), noShare.stderr)

        let over = try setPolicy("review-share = 101%\n", for: client)
        XCTAssertEqual(over.status, 1)
        XCTAssertTrue(over.stderr.contains("routing policy line 1: invalid review-share '101%'; give a share of signed cases from 0% to 100%"),
                      over.stderr)
        let typo = try setPolicy("review-share = 10%\nreviewer = Dr Amara Nwosu\n", for: client)
        XCTAssertEqual(typo.status, 1)
        XCTAssertTrue(typo.stderr.contains("unknown key 'reviewer'; did you mean 'reviewers'?"), typo.stderr)
        XCTAssertEqual(run(["client", "policy"], as: client).stdout, "prefer = fastest\n", "the bad files did not replace the stored policy")
    }

    func testUnknownVolunteerIsSkippedWithANote() throws {
        let (client, headCase, _) = try twoSignedCases()
        XCTAssertEqual(try setPolicy("review-share = 100%\nreviewers = Dr Nobody Here\n", for: client).status, 0)
        let applied = run(["client", "reviews", "--apply"], as: client)
        XCTAssertEqual(applied.status, 0, applied.stderr)
        XCTAssertTrue(applied.stdout.contains("reviewer 'Dr Nobody Here' in the routing policy is skipped: no radiologist named 'Dr Nobody Here'"),
                      applied.stdout)
        XCTAssertTrue(applied.stdout.contains("case \(headCase.prefix(16)) is selected for review but nobody can review it"), applied.stdout)
        XCTAssertFalse(applied.stdout.contains("review access to case"), applied.stdout)
        // Signed: the head case, the colleague's, and the demo radiologist's earlier CT chest.
        XCTAssertTrue(applied.stdout.contains("required 3 of 3 signed cases (100%), reviewed 0, granted 0, waiting 0"), applied.stdout)
    }

    func testApplyGrantsSelectedCasesOnly() throws {
        let (client, headCase, colleague) = try twoSignedCases()
        let volunteers = "reviewers = Dr Demo Radiologist, \(colleague)\n"
        XCTAssertEqual(try setPolicy("review-share = 100%\n" + volunteers, for: client).status, 0)
        let whole = try cases(of: try reviews(client))
        // The head case, the colleague's, and the demo radiologist's earlier CT chest.
        XCTAssertEqual(whole.count, 3)
        for row in whole {
            XCTAssertEqual(row["selected"] as? Bool, true)
            XCTAssertEqual(row["state"] as? String, "not granted")
        }

        // A share whose line lies just above the lowest draw selects that case only.
        let draws = try whole.map { try XCTUnwrap(($0["draw"] as? NSNumber)?.uint64Value) }
        let (low, high) = (draws.min()!, draws.max()!)
        let hundredths = ((low * 10_000) >> 32) + 1
        XCTAssertLessThanOrEqual((hundredths << 32) / 10_000, high, "the two draws are too close to split by a share")
        let share = "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)%"
        XCTAssertEqual(try setPolicy("review-share = \(share)\n" + volunteers, for: client).status, 0)
        let applied = run(["client", "reviews", "--apply"], as: client)
        XCTAssertEqual(applied.status, 0, applied.stderr)
        XCTAssertEqual(applied.stdout.components(separatedBy: "review access to case").count, 2, "one grant: \(applied.stdout)")
        let split = try cases(of: try reviews(client))
        let chosen = try XCTUnwrap(split.first { ($0["draw"] as? NSNumber)?.uint64Value == low })
        let other = try XCTUnwrap(split.first { ($0["draw"] as? NSNumber)?.uint64Value == high })
        XCTAssertEqual(chosen["selected"] as? Bool, true)
        XCTAssertEqual(other["selected"] as? Bool, false)
        XCTAssertEqual((chosen["granted_to"] as? [String])?.count, 1)
        XCTAssertNotEqual((chosen["granted_to"] as? [String])?.first, chosen["author"] as? String, "never the author")
        XCTAssertEqual(other["granted_to"] as? [String], [], "an unselected case gets no grant")
        let again = run(["client", "reviews", "--apply"], as: client)
        XCTAssertFalse(again.stdout.contains("review access to case"), "a granted case is not granted twice: \(again.stdout)")

        XCTAssertEqual(try setPolicy("review-share = 100%\n" + volunteers, for: client).status, 0)
        let round = run(["client", "autoassign", "--once"], as: client)
        XCTAssertEqual(round.status, 0, round.stderr)
        XCTAssertTrue(round.stdout.contains("review access to case \((other["case"] as? String ?? "").prefix(16))"), round.stdout)
        for row in try cases(of: try reviews(client)) {
            let granted = try XCTUnwrap(row["granted_to"] as? [String])
            XCTAssertEqual(granted.count, 1, "\(row)")
            XCTAssertFalse(granted.contains(row["author"] as? String ?? ""), "never the author: \(row)")
        }

        let reviewerFolder = "radiologist-" + (colleague.split(separator: " ").last ?? "").lowercased()
        let access = run(["case", "access", headCase, "--json"], as: reviewerFolder)
        XCTAssertEqual(access.status, 0, access.stderr)
        XCTAssertTrue(access.stdout.contains("No acute intracranial abnormality."), "the volunteer reads the signed report")
        let score = run(["review", "score", headCase, "--score", "1"], as: reviewerFolder)
        XCTAssertEqual(score.status, 0, score.stderr)
        let received = run(["review", "list", "--json"], as: "radiologist")
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(received.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.first?["reviewer"] as? String, colleague)
        XCTAssertEqual(rows.first?["score"] as? Int, 1)

        let summary = try reviews(client)
        XCTAssertEqual(summary["summary"] as? String, "required 3 of 3 signed cases (100%), reviewed 1, granted 3, waiting 2")
        let head = try XCTUnwrap(try cases(of: summary).first { $0["case"] as? String == headCase })
        XCTAssertEqual(head["state"] as? String, "reviewed")
        XCTAssertEqual((head["reviews"] as? [[String: Any]])?.first?["score"] as? Int, 1)
    }
}
