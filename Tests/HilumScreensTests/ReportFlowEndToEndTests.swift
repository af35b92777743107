import Foundation
import XCTest

/// A whole report in the real `hilum worklist` in tmux, as a radiologist
/// writes it. A client in another process assigns a CT chest of a
/// 60-year-old smoker. The radiologist picks the template, fills fields with
/// Tab, expands a macro, measures a 7 mm solid nodule and gets the Fleischner
/// recommendation with its due date. They flag a critical result, fail the
/// left/right check, fix it and sign. The follow-up and the critical result
/// show on Follow-ups. In other processes, the client decrypts the report,
/// sees the result unacknowledged and schedules the follow-up, and the
/// clinician acknowledges the result.
final class ReportFlowEndToEndTests: XCTestCase {
    private var directory = ""
    private var tmux: Tmux?

    override func setUpWithError() throws {
        try Tmux.requirements()
        directory = NSTemporaryDirectory() + "hilum-report-flow-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        tmux?.stop()
        stopDemoNode()
        try? FileManager.default.removeItem(atPath: directory)
    }

    private var demo: String { directory + "/demo" }
    private var environment: [String] { ["PATH=/usr/bin:/bin", "HOME=\(directory)", "LANG=C.UTF-8", "HILUM_PASSPHRASE_FILE=\(demo)/passphrase"] }

    /// Runs `hilum` to completion and returns its exit status and output.
    private func hilum(_ arguments: [String]) -> (status: Int32, output: String) {
        let path = directory + "/out-\(UUID().uuidString).txt"
        let status = Tmux.spawn([Tmux.hilum] + arguments, stdout: path, environment: environment)
        return (status, (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
    }

    private func stopDemoNode() {
        guard let data = FileManager.default.contents(atPath: demo + "/demo.json"),
              let marker = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let pid = (marker["node_pid"] as? NSNumber)?.int32Value else { return }
        kill(pid, SIGTERM)
    }

    /// Parses the last line of `output` that is a JSON array.
    private func jsonArray(_ output: String) throws -> [[String: Any]] {
        let line = try XCTUnwrap(output.split(separator: "\n").last { $0.hasPrefix("[") }, output)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [[String: Any]])
    }

    /// Writes a FHIR R4 bundle of a 60-year-old man who smokes every day and returns its path.
    private func writeSmokerBundle() throws -> String {
        let birth = Calendar(identifier: .gregorian).date(byAdding: .day, value: -(60 * 365 + 100), to: Date())!
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        let bundle = """
            {"resourceType": "Bundle", "type": "collection", "entry": [
             {"resource": {"resourceType": "Patient", "id": "p1", "gender": "male", "birthDate": "\(formatter.string(from: birth))"}},
             {"resource": {"resourceType": "Observation", "id": "o1", "status": "final",
               "code": {"coding": [{"system": "http://loinc.org", "code": "72166-2", "display": "Tobacco smoking status"}]},
               "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "\(formatter.string(from: Date()))",
               "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "449868002",
                 "display": "Smokes tobacco daily"}], "text": "Current every day smoker"}}}
            ]}
            """
        let path = directory + "/smoker.json"
        try bundle.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Tab `count` times.
    private func tab(_ tmux: Tmux, _ count: Int) {
        tmux.sendKeys(contentsOf: Array(repeating: "Tab", count: count))
    }

    func testSignCtChestWithFollowUpAndCriticalResult() throws {
        let port = 7300 + Int(getpid() % 200)
        let setup = hilum(["demo", "--dir", demo, "--port", String(port), "--setup-only"])
        XCTAssertEqual(setup.status, 0, setup.output)

        // The client, in another process, assigns an open CT chest with the history of a 60-year-old smoker.
        let cases = try jsonArray(hilum(["client", "cases", "--home", demo + "/client-hudson", "--json"]).output)
        let now = Date().timeIntervalSince1970 * 1000
        let chest = try XCTUnwrap(cases.first {
            $0["status"] as? String == "open" && $0["modality"] as? String == "CT" && $0["region"] as? String == "CHEST"
                && (($0["deadline_at"] as? NSNumber)?.doubleValue ?? 0) > now
        }, "no open CT chest at Hudson Valley")
        let caseID = try XCTUnwrap(chest["case"] as? String)
        let assign = hilum(["client", "assign", caseID, "--to", "Dr Demo Radiologist", "--clinician", "Dr Priya Raman",
                            "--fhir", try writeSmokerBundle(), "--home", demo + "/client-hudson"])
        XCTAssertEqual(assign.status, 0, assign.output)

        let command = "env LANG=C.UTF-8 TERM=tmux-256color SWIFT_BACKTRACE=enable=no HILUM_PASSPHRASE_FILE=\(demo)/passphrase "
            + "\(Tmux.hilum) worklist --home \(demo)/radiologist; echo EXIT=$?"
        let tmux = try Tmux(directory: directory, command: command, width: 120, height: 36)
        self.tmux = tmux
        tmux.waitFor("1 Market")
        tmux.sendKeys("2")
        tmux.waitFor("CT CHEST")
        // The demo radiologist's earlier CT chest reports are signed; this one is new.
        tmux.sendKeys("/")
        tmux.type("ct chest new")
        tmux.waitFor(" match")
        tmux.sendKeys("Enter")
        usleep(300_000)
        tmux.sendKeys("e")
        tmux.waitFor("Report: CT Chest")

        // Picking the template: ctrl-t cycles the ones that fit, back round to CT Chest.
        tmux.sendKeys("C-t")
        tmux.waitFor("Template: ")
        for _ in 0..<6 where !tmux.capture().contains("Template: CT Chest") {
            tmux.sendKeys("C-t")
            usleep(200_000)
        }
        tmux.waitFor("Report: CT Chest")

        // The nodule: single, solid, 7 mm, right upper lobe; risk comes from the smoking history.
        tab(tmux, 7)
        tmux.waitFor("> Number of nodules")
        tmux.sendKeys("2")
        tab(tmux, 1)
        tmux.sendKeys("1")
        tab(tmux, 1)
        tmux.type("7")
        tab(tmux, 2)
        tmux.sendKeys("1")
        let guidance = tmux.waitFor("Solid nodule, 7 mm, right upper lobe: CT at 6-12 months")
        XCTAssertTrue(guidance.contains("high risk"), "the smoking history makes the risk high:\n\(guidance)")
        let due = try XCTUnwrap(guidance.range(of: #"Due\s+20[0-9]{2}-[0-9]{2}-[0-9]{2}"#, options: .regularExpression)
            .map { String(guidance[$0].suffix(10)) }, guidance)

        // Pleura: pneumothorax on the right; a macro in the airways details.
        tab(tmux, 2)
        tmux.waitFor("> Pleura")
        tmux.sendKeys("5")
        tab(tmux, 1)
        tmux.type("Small right apical pneumothorax.")
        tab(tmux, 6)
        tmux.type("nfd ")
        tmux.waitFor("No focal abnormality detected.")
        tab(tmux, 5)
        tmux.waitFor("> Impression")
        tmux.type("Small left pneumothorax. Solid nodule, right upper lobe.")

        tmux.sendKeys("C-r")
        tmux.waitFor("c critical")
        tmux.type("c")
        tmux.sendKeys("Enter")
        tmux.waitFor("Message for the referring clinician")
        tmux.type("Pneumothorax: please call the reading room")
        tmux.sendKeys("Enter")
        tmux.waitFor("Flagged critical: sent to the clinician when you sign, to acknowledge within 1h 0m")
        tmux.waitFor("Critical result: critical, acknowledge within 1h 0m: Pneumothorax: please call the reading room")

        // The impression names the left side and the findings the right, so signing is blocked until it is fixed.
        tmux.sendKeys("C-s")
        tmux.waitFor("Cannot sign")
        // The dialog's title can be drawn a frame before its text.
        tmux.waitFor("laterality")
        tmux.sendKeys("Enter")
        tmux.sendKeys(contentsOf: Array(repeating: "BSpace", count: 60))
        tmux.type("Small right pneumothorax. Solid nodule, right upper lobe.")
        tmux.sendKeys("C-s")
        let confirm = tmux.waitFor("Sign the report")
        XCTAssertFalse(confirm.contains("critical-finding"), "the flagged result satisfies the check:\n\(confirm)")
        tmux.sendKeys("Enter")
        tmux.waitFor("Report signed and sealed; 1 follow-up recommended; critical result sent")

        // Follow-ups: the critical result counts down; the follow-up has its due date.
        tmux.sendKeys("5")
        let followUps = tmux.waitFor("Solid nodule, 7 mm")
        XCTAssertTrue(followUps.contains("unacknowledged"), followUps)
        XCTAssertTrue(followUps.contains("5 Follow-ups 1!"), followUps)
        let followUpLine = followUps.split(separator: "\n").first { $0.contains("Solid nodule, 7 mm") } ?? ""
        XCTAssertTrue(followUpLine.contains(due), "due \(due) missing: \(followUpLine)")
        XCTAssertTrue(followUpLine.contains("recommended"), String(followUpLine))
        XCTAssertTrue(followUpLine.contains("FLEISCHNER-2017"), String(followUpLine))

        // The client decrypts the report in another process.
        let export = hilum(["report", "export", caseID, "--format", "text", "--home", demo + "/client-hudson"])
        XCTAssertEqual(export.status, 0, export.output)
        XCTAssertTrue(export.output.contains("Small right pneumothorax. Solid nodule, right upper lobe."), export.output)
        XCTAssertTrue(export.output.contains("CT at 6-12 months"), export.output)
        XCTAssertTrue(export.output.contains("CRITICAL RESULT (red) communicated to Dr Priya Raman"), export.output)
        XCTAssertTrue(export.output.contains("No focal abnormality detected."), export.output)
        let clientCases = hilum(["client", "cases", "--home", demo + "/client-hudson"])
        XCTAssertTrue(clientCases.output.contains("critical red unacknowledged"), clientCases.output)

        // The client schedules the follow-up and the clinician acknowledges; both show on the screen.
        let listed = try jsonArray(hilum(["client", "follow-ups", "--json", "--home", demo + "/client-hudson"]).output)
        let followUp = try XCTUnwrap(listed.first { $0["case"] as? String == caseID }?["id"] as? String, "\(listed)")
        let scheduled = hilum(["client", "follow-up", String(followUp.prefix(12)), "--status", "scheduled", "--home", demo + "/client-hudson"])
        XCTAssertEqual(scheduled.status, 0, scheduled.output)
        let deadlineScheduled = Date().addingTimeInterval(5)
        var scheduledScreen = tmux.capture()
        while !scheduledScreen.split(separator: "\n").contains(where: { $0.contains("Solid nodule, 7 mm") && $0.contains("scheduled") })
            && Date() < deadlineScheduled {
            usleep(20_000)
            scheduledScreen = tmux.capture()
        }
        XCTAssertTrue(scheduledScreen.split(separator: "\n").contains { $0.contains("Solid nodule, 7 mm") && $0.contains("scheduled") },
                      scheduledScreen)
        let inbox = hilum(["clinician", "inbox", "--json", "--home", demo + "/clinician-raman"])
        let critical = try XCTUnwrap(try jsonArray(inbox.output).first {
            ($0["kind"] as? String ?? "").hasPrefix("critical") && $0["case"] as? String == caseID
        }?["id"] as? String, inbox.output)
        let acknowledged = hilum(["clinician", "ack", critical, "--home", demo + "/clinician-raman"])
        XCTAssertEqual(acknowledged.status, 0, acknowledged.output)
        let deadline = Date().addingTimeInterval(5)
        var after = tmux.capture()
        while after.contains("unacknowledged") && Date() < deadline {
            usleep(20_000)
            after = tmux.capture()
        }
        XCTAssertTrue(after.contains("acknowledged") && !after.contains("unacknowledged"), after)
        XCTAssertFalse(after.contains("5 Follow-ups 1!"), after)

        tmux.sendKeys("q")
        let quit = tmux.waitFor("EXIT=", seconds: 5)
        if quit.contains("Quit now?") { tmux.sendKeys("y") }
        tmux.waitFor("EXIT=0")
        let log = (try? String(contentsOfFile: demo + "/radiologist/worklist.log", encoding: .utf8)) ?? ""
        XCTAssertFalse(log.contains("pneumothorax"), "report text in worklist.log")
    }
}

extension Tmux {
    /// Sends several keys in one tmux call.
    func sendKeys(contentsOf keys: [String]) {
        for chunk in stride(from: 0, to: keys.count, by: 20) {
            let part = Array(keys[chunk..<min(chunk + 20, keys.count)])
            _ = Tmux.spawn(["/usr/bin/tmux", "-f", "/dev/null", "-S", socket, "send-keys"] + part, environment: ["PATH=/usr/bin:/bin", "LANG=C.UTF-8"])
        }
    }
}
