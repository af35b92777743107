import Foundation
import XCTest

/// The Feedback screen in the real `hilum worklist` in tmux against a demo
/// node on loopback: a clinician asks in another process, the radiologist
/// replies from the screen, the clinician's inbox shows the answer, and a
/// rating changes the Me screen.
final class FeedbackEndToEndTests: XCTestCase {
    private var directory = ""
    private var tmux: Tmux?

    override func setUpWithError() throws {
        try Tmux.requirements()
        directory = NSTemporaryDirectory() + "hilum-feedback-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        tmux?.stop()
        stopDemoNode()
        try? FileManager.default.removeItem(atPath: directory)
    }

    private var demo: String { directory + "/demo" }
    private var environment: [String] { ["PATH=/usr/bin:/bin", "HOME=\(directory)", "LANG=C.UTF-8", "HILUM_PASSPHRASE_FILE=\(demo)/passphrase"] }

    /// Runs `hilum` with `arguments` as the participant in `folder`; returns the status and the output.
    private func hilum(_ arguments: [String], as folder: String) -> (status: Int32, output: String) {
        let output = directory + "/out-\(UUID().uuidString).txt"
        let status = Tmux.spawn([Tmux.hilum] + arguments + ["--home", demo + "/" + folder], stdout: output, environment: environment)
        return (status, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
    }

    private func stopDemoNode() {
        guard let data = FileManager.default.contents(atPath: demo + "/demo.json"),
              let marker = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let pid = (marker["node_pid"] as? NSNumber)?.int32Value else { return }
        kill(pid, SIGTERM)
    }

    /// Returns a CT head case assigned to the demo radiologist, read from the clients' lists.
    private func assignedCase() throws -> String {
        for client in ["client-northside", "client-hudson"] {
            let cases = hilum(["client", "cases", "--json"], as: client)
            XCTAssertEqual(cases.status, 0, cases.output)
            guard let json = cases.output.split(separator: "\n").last(where: { $0.hasPrefix("[") }),
                  let rows = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] else { continue }
            if let row = rows.first(where: {
                $0["assignee"] as? String == "Dr Demo Radiologist" && $0["status"] as? String == "assigned"
                    && $0["modality"] as? String == "CT" && $0["region"] as? String == "HEAD"
            }) {
                return try XCTUnwrap(row["case"] as? String)
            }
        }
        throw XCTSkip("the demo assigned no CT head case to the demo radiologist")
    }

    func testAskReplyInboxAndRating() throws {
        let port = 7300 + Int(getpid() % 200)
        let setup = Tmux.spawn([Tmux.hilum, "demo", "--dir", demo, "--port", String(port), "--setup-only"],
                               stdout: directory + "/demo.out", environment: environment)
        XCTAssertEqual(setup, 0, (try? String(contentsOfFile: directory + "/demo.out", encoding: .utf8)) ?? "")

        // The radiologist signs the report from the command line first.
        let caseID = try assignedCase()
        let fill = directory + "/fill.json"
        try #"{"ct_head_impression": "No acute intracranial abnormality."}"#.write(toFile: fill, atomically: true, encoding: .utf8)
        let signed = hilum(["report", "sign", caseID, "--fill", fill], as: "radiologist")
        XCTAssertEqual(signed.status, 0, signed.output)

        let command = "env LANG=C.UTF-8 TERM=tmux-256color SWIFT_BACKTRACE=enable=no HILUM_PASSPHRASE_FILE=\(demo)/passphrase "
            + "\(Tmux.hilum) worklist --home \(demo)/radiologist; echo EXIT=$?"
        let tmux = try Tmux(directory: directory, command: command, width: 100, height: 50)
        self.tmux = tmux
        tmux.waitFor("1 Market")
        tmux.waitFor("● \"Demo Node\" 127.0.0.1:")
        tmux.sendKeys("4")
        // The demo's own unanswered question, on an earlier CT chest, is selected first.
        tmux.waitFor("fever of 38.6")

        // The referring clinician (one of the two demo clinicians) asks in another process.
        var clinician = "clinician-raman"
        var asked = hilum(["clinician", "ask", caseID, "--message", "Any sign of ischaemia?"], as: clinician)
        if asked.status != 0 && asked.output.contains("was not referred by you") {
            clinician = "clinician-ortega"
            asked = hilum(["clinician", "ask", caseID, "--message", "Any sign of ischaemia?"], as: clinician)
        }
        XCTAssertEqual(asked.status, 0, asked.output)
        let askedAt = Date()
        // One second, plus the 20 ms capture poll. The new thread sorts first; the selection stays on the earlier one.
        tmux.waitFor("CT HEAD", seconds: 1.1)
        XCTAssertLessThan(Date().timeIntervalSince(askedAt), 1.2)
        tmux.sendKeys("Up")
        tmux.waitFor("Any sign of ischaemia?")
        tmux.waitFor("awaiting reply")

        tmux.sendKeys("R")
        tmux.waitFor("Sealed to Dr")
        tmux.type("No, none on this CT.")
        tmux.sendKeys("Enter")
        tmux.waitFor("Reply sealed and sent")
        tmux.waitFor("answered")

        // The clinician's inbox, in another process, shows the reply and the thread as answered.
        var inbox = (status: Int32(-1), output: "")
        let deadline = Date().addingTimeInterval(5)
        repeat {
            inbox = hilum(["clinician", "inbox"], as: clinician)
            if inbox.output.contains("No, none on this CT.") { break }
            usleep(100_000)
        } while Date() < deadline
        XCTAssertEqual(inbox.status, 0, inbox.output)
        XCTAssertTrue(inbox.output.contains("No, none on this CT."), inbox.output)
        let questionLine = try XCTUnwrap(inbox.output.split(separator: "\n").first { $0.hasPrefix("QUESTION ") }, inbox.output)
        XCTAssertTrue(questionLine.hasSuffix("answered"), String(questionLine))

        // An addendum with a reply naming it, in two keys and the text.
        tmux.sendKeys("A")
        tmux.waitFor("Addendum to CT HEAD")
        tmux.type("Small chronic lacunar infarct, left thalamus.")
        tmux.sendKeys("Enter")
        tmux.waitFor("Addendum filed and Dr")
        let deadlineAddendum = Date().addingTimeInterval(5)
        repeat {
            inbox = hilum(["clinician", "inbox"], as: clinician)
            if inbox.output.contains("ADDENDUM ") { break }
            usleep(100_000)
        } while Date() < deadlineAddendum
        XCTAssertTrue(inbox.output.contains("I filed an addendum to the report: Small chronic lacunar infarct, left thalamus."), inbox.output)
        XCTAssertTrue(inbox.output.contains("ADDENDUM "), inbox.output)

        // A rating from the clinician changes the Me screen's figures.
        tmux.sendKeys("6")
        // The demo's earlier nodule report has one rating already.
        let before = tmux.waitFor("rating, all time: too few cases (n=1)")
        let rated = hilum(["clinician", "feedback", caseID, "--rating", "5"], as: clinician)
        XCTAssertEqual(rated.status, 0, rated.output)
        let after = tmux.waitFor("rating, all time: too few cases (n=2)", seconds: 2)
        XCTAssertNotEqual(before, after)

        tmux.sendKeys("q")
        let quitting = tmux.waitFor("EXIT=", seconds: 5)
        if quitting.contains("Quit now?") { tmux.sendKeys("y") }
        tmux.waitFor("EXIT=0")
        let log = (try? String(contentsOfFile: demo + "/radiologist/worklist.log", encoding: .utf8)) ?? ""
        XCTAssertTrue(log.contains("reply "), log)
        XCTAssertFalse(log.contains("ischaemia"), "feedback text in worklist.log")
    }
}
