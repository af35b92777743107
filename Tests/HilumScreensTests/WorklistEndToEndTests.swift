import Foundation
import XCTest

/// The real `hilum` binary in tmux against a demo network on loopback, with
/// a client assigning from another process.
final class WorklistEndToEndTests: XCTestCase {
    private var directory = ""
    private var tmux: Tmux?

    override func setUpWithError() throws {
        try Tmux.requirements()
        directory = NSTemporaryDirectory() + "hilum-worklist-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        tmux?.stop()
        stopDemoNode()
        try? FileManager.default.removeItem(atPath: directory)
    }

    private var demo: String { directory + "/demo" }
    private var environment: [String] { ["PATH=/usr/bin:/bin", "HOME=\(directory)", "LANG=C.UTF-8", "HILUM_PASSPHRASE_FILE=\(demo)/passphrase"] }

    private func hilum(_ arguments: [String], output: String) -> Int32 {
        Tmux.spawn([Tmux.hilum] + arguments, stdout: output, environment: environment)
    }

    private func stopDemoNode() {
        guard let data = FileManager.default.contents(atPath: demo + "/demo.json"),
              let marker = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let pid = (marker["node_pid"] as? NSNumber)?.int32Value else { return }
        kill(pid, SIGTERM)
    }

    func testBidAssignOpenResizeLockQuit() throws {
        let port = 7700 + Int(getpid() % 200)
        XCTAssertEqual(hilum(["demo", "--dir", demo, "--port", String(port), "--setup-only"], output: directory + "/demo.out"), 0,
                       (try? String(contentsOfFile: directory + "/demo.out", encoding: .utf8)) ?? "")
        let viewer = directory + "/viewer.sh"
        try "#!/bin/sh\necho \"$1\" > \(directory)/viewed.txt\n".write(toFile: viewer, atomically: true, encoding: .utf8)
        chmod(viewer, 0o755)
        // The demo has no archive, and this test checks the Case screen's text at full width: no preview.
        let command = "env LANG=C.UTF-8 TERM=tmux-256color SWIFT_BACKTRACE=enable=no HILUM_PREVIEW=off HILUM_PASSPHRASE_FILE=\(demo)/passphrase "
            + "HILUM_VIEWER=\(viewer) \(Tmux.hilum) worklist --home \(demo)/radiologist; echo EXIT=$?"
        let tmux = try Tmux(directory: directory, command: command)
        self.tmux = tmux

        tmux.waitFor("1 Market")
        tmux.waitFor("● \"Demo Node\" 127.0.0.1:")
        tmux.waitFor("US-NY")

        tmux.sendKeys("b")
        tmux.waitFor("Your price in")
        tmux.sendKeys("C-u")
        tmux.type("41.50")
        tmux.sendKeys("Enter")
        tmux.waitFor("Turnaround you commit to")
        tmux.sendKeys("C-u")
        tmux.type("55")
        tmux.sendKeys("Enter")
        tmux.waitFor("Bid 41.50 USD, 55 min")
        let toReadBefore = tmux.capture()

        // A client in another process assigns an open New York case to the demo radiologist.
        XCTAssertEqual(hilum(["client", "cases", "--home", demo + "/client-hudson", "--json"], output: directory + "/cases.out"), 0)
        let output = try String(contentsOfFile: directory + "/cases.out", encoding: .utf8)
        let json = try XCTUnwrap(output.split(separator: "\n").last { $0.hasPrefix("[") })
        let cases = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let now = Date().timeIntervalSince1970 * 1000
        let open = try XCTUnwrap(cases.first { $0["status"] as? String == "open" && (($0["deadline_at"] as? NSNumber)?.doubleValue ?? 0) > now },
                                 "no open case at Hudson Valley: \(json)")
        let caseID = try XCTUnwrap(open["case"] as? String)
        XCTAssertEqual(hilum(["client", "assign", caseID, "--to", "Dr Demo Radiologist", "--home", demo + "/client-hudson"],
                             output: directory + "/assign.out"), 0, (try? String(contentsOfFile: directory + "/assign.out", encoding: .utf8)) ?? "")
        let assigned = Date()
        // One second, plus the 20 ms capture poll.
        tmux.waitFor("Assigned to you", seconds: 1.1)
        XCTAssertLessThan(Date().timeIntervalSince(assigned), 1.2)
        XCTAssertNotEqual(toReadBefore, tmux.capture())

        tmux.sendKeys("2")
        tmux.waitFor("Status")
        tmux.sendKeys("Enter")
        let caseScreen = tmux.waitFor("Link          http://127.0.0.1:8042/dicom-web/studies/2.25.")
        XCTAssertTrue(caseScreen.contains("Patient history"), caseScreen)
        XCTAssertTrue(caseScreen.contains("Patient: "), "the history summary's first line:\n\(caseScreen)")
        let patientLine = try XCTUnwrap(caseScreen.split(separator: "\n").first { $0.contains("Patient ID") })
        let patientID = try XCTUnwrap(patientLine.split(separator: " ").last.map(String.init))
        tmux.sendKeys("v")
        tmux.waitFor("Opening the study in the viewer")
        usleep(300_000)
        let viewed = (try? String(contentsOfFile: directory + "/viewed.txt", encoding: .utf8)) ?? ""
        XCTAssertTrue(viewed.hasPrefix("http://127.0.0.1:8042/dicom-web/studies/2.25."), viewed)

        tmux.resize(width: 132, height: 43)
        tmux.waitFor("Access")
        tmux.resize(width: 60, height: 20)
        tmux.waitFor("terminal too small: need 80×24, have 60×20")
        tmux.resize(width: 100, height: 30)
        tmux.waitFor("Patient history")

        tmux.sendKeys("L")
        let locked = tmux.waitFor("Hilum is locked")
        XCTAssertFalse(locked.contains(patientID), "patient data visible while locked:\n\(locked)")
        tmux.sendKeys("Enter")
        tmux.waitFor("Enter your passphrase")
        tmux.type("not the passphrase")
        tmux.sendKeys("Enter")
        tmux.waitFor("Wrong passphrase")
        tmux.type("hilum-demo")
        tmux.sendKeys("Enter")
        tmux.waitFor("Unlocked")
        tmux.waitFor(patientID)

        tmux.sendKeys("q")
        let after = tmux.waitFor("EXIT=", seconds: 5)
        if after.contains("Quit now?") { tmux.sendKeys("y") }
        tmux.waitFor("EXIT=0")
        let log = (try? String(contentsOfFile: demo + "/radiologist/worklist.log", encoding: .utf8)) ?? ""
        XCTAssertTrue(log.contains("worklist started"), log)
        XCTAssertTrue(log.contains("locked (by request)"), log)
        XCTAssertFalse(log.contains(patientID), "patient ID in worklist.log")
    }

    func testUnusableTerminalsGetAMessage() throws {
        let empty = directory + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let port = 7900 + Int(getpid() % 90)
        XCTAssertEqual(hilum(["demo", "--dir", demo, "--port", String(port), "--setup-only"], output: directory + "/demo.out"), 0)
        let home = "--home \(demo)/radiologist"
        let variables = "LANG=C.UTF-8 SWIFT_BACKTRACE=enable=no HILUM_PASSPHRASE_FILE=\(demo)/passphrase"
        let base = "env \(variables)"
        let command = [
            "env -u TERM \(variables) \(Tmux.hilum) worklist \(home); echo NO-TERM=$?",
            "\(base) TERM=dumb \(Tmux.hilum) worklist \(home); echo DUMB=$?",
            "\(base) TERM=tmux-256color \(Tmux.hilum) worklist \(home) < /dev/null; echo NO-TTY=$?",
            "\(base) TERM=tmux-256color \(Tmux.hilum) worklist --home \(empty); echo NO-IDENTITY=$?",
        ].joined(separator: "; ")
        let tmux = try Tmux(directory: directory, command: command, width: 200, height: 40)
        self.tmux = tmux
        let screen = tmux.waitFor("NO-IDENTITY=", seconds: 15)
        XCTAssertTrue(screen.contains("TERM is not set"), screen)
        XCTAssertTrue(screen.contains("NO-TERM=1"), screen)
        XCTAssertTrue(screen.contains("TERM=dumb cannot move the cursor"), screen)
        XCTAssertTrue(screen.contains("DUMB=1"), screen)
        XCTAssertTrue(screen.contains("standard input is not a terminal"), screen)
        XCTAssertTrue(screen.contains("NO-TTY=1"), screen)
        XCTAssertTrue(screen.contains("hilum init --role radiologist"), screen)
        XCTAssertTrue(screen.contains("hilum demo"), screen)
        XCTAssertTrue(screen.contains("NO-IDENTITY=1"), screen)
    }
}
