import Foundation
import HilumCore
import HilumCrypto
import HilumLedger
import HilumReporting
import HilumWorklist
import XCTest

/// The report editor in the real `hilum worklist` in tmux: a draft typed
/// before a SIGKILL is there after a restart, and signing marks the case.
final class ReportEditorEndToEndTests: XCTestCase {
    private var directory = ""
    private var tmux: Tmux?

    override func setUpWithError() throws {
        try Tmux.requirements()
        directory = NSTemporaryDirectory() + "hilum-editor-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        tmux?.stop()
        stopDemoNode()
        try? FileManager.default.removeItem(atPath: directory)
    }

    private var demo: String { directory + "/demo" }
    private var home: String { demo + "/radiologist" }
    private var pidFile: String { directory + "/worklist.pid" }
    /// An editor that replaces the file's text, standing in for `$EDITOR`.
    private var editorScript: String { directory + "/editor.sh" }

    private func stopDemoNode() {
        guard let data = FileManager.default.contents(atPath: demo + "/demo.json"),
              let marker = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let pid = (marker["node_pid"] as? NSNumber)?.int32Value else { return }
        kill(pid, SIGTERM)
    }

    /// Opens the drafts with the demo radiologist's key, as the worklist does.
    private func draftStore() throws -> ReportDraftStore {
        let file = try XCTUnwrap(FileManager.default.contents(atPath: home + "/device.key"))
        var passphrase = Array("hilum-demo".utf8)
        let packed = try KeyFile.open(Array(file), passphrase: SecretBytes(consuming: &passphrase))
        let secrets = try XCTUnwrap(DeviceSecrets(packed: packed))
        return ReportDraftStore(directory: home + "/drafts", key: secrets.encryption.localKey(.reportDrafts))
    }

    /// Runs the worklist twice in a row; each run writes its PID first, so
    /// the test can kill exactly that process.
    private var command: String {
        let run = "sh -c 'echo $$ > \(pidFile); exec env LANG=C.UTF-8 TERM=tmux-256color SWIFT_BACKTRACE=enable=no EDITOR=\(editorScript) "
            + "HILUM_PASSPHRASE_FILE=\(demo)/passphrase \(Tmux.hilum) worklist --home \(home)'"
        return "\(run); echo EXIT=$?; \(run); echo SECOND=$?"
    }

    private func worklistPID() throws -> pid_t {
        let text = try String(contentsOfFile: pidFile, encoding: .utf8)
        return try XCTUnwrap(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    func testDraftSurvivesKillAndSigns() throws {
        let port = 7500 + Int(getpid() % 200)
        XCTAssertEqual(Tmux.spawn([Tmux.hilum, "demo", "--dir", demo, "--port", String(port), "--setup-only"], stdout: directory + "/demo.out",
                                  environment: ["PATH=/usr/bin:/bin", "HOME=\(directory)", "LANG=C.UTF-8",
                                                "HILUM_PASSPHRASE_FILE=\(demo)/passphrase"]), 0,
                       (try? String(contentsOfFile: directory + "/demo.out", encoding: .utf8)) ?? "")
        try "#!/bin/sh\nprintf 'Written in the editor.' > \"$1\"\n".write(toFile: editorScript, atomically: true, encoding: .utf8)
        chmod(editorScript, 0o755)
        let tmux = try Tmux(directory: directory, command: command)
        self.tmux = tmux

        tmux.waitFor("1 Market")
        tmux.sendKeys("2")
        // The demo radiologist's earlier reports already show as signed, once the list has loaded.
        let toRead = tmux.waitFor(" signed")
        let signedBefore = toRead.split(separator: "\n").filter { $0.contains(" signed") }.count
        tmux.sendKeys("e")
        tmux.waitFor("Report: ")
        for _ in 0..<40 { tmux.sendKeys("Tab") }
        tmux.sendKeys("BTab")
        tmux.waitFor("> Impression*")
        tmux.type("Stable. nad ")
        tmux.waitFor("Stable. No acute abnormality.")
        let firstPID = try worklistPID()
        XCTAssertEqual(kill(firstPID, SIGKILL), 0)
        tmux.waitFor("EXIT=137")

        let drafts = try draftStore()
        let caseID = try XCTUnwrap(drafts.caseIDs().first, "no draft file after the kill")
        let document = try XCTUnwrap(drafts.load(caseID))
        let impression = document.fields.first { $0.id.hasSuffix("_impression") }?.value
        XCTAssertEqual(impression, .text("Stable. No acute abnormality. "))

        tmux.waitFor("1 Market")
        XCTAssertNotEqual(try worklistPID(), firstPID)
        tmux.sendKeys("2")
        tmux.waitFor("draft")
        tmux.sendKeys("e")
        tmux.waitFor("Draft restored")
        tmux.sendKeys("C-e")
        tmux.waitFor("Written in the editor.")
        XCTAssertEqual(try drafts.load(caseID)?.fields.first { $0.id.hasSuffix("_indication") }?.value, .text("Written in the editor."))
        tmux.sendKeys("C-s")
        tmux.waitFor("Sign the report")
        tmux.sendKeys("Enter")
        let signed = tmux.waitFor("Report signed and sealed")
        let rows = signed.split(separator: "\n").filter { $0.contains(" signed") && !$0.contains("Report signed") }
        XCTAssertEqual(rows.count, signedBefore + 1, "one more case shows as signed in To read:\n\(signed)")
        XCTAssertNil(try drafts.load(caseID), "the draft stays after signing")

        // The signed report may still wait for upload, and then quitting asks first.
        tmux.sendKeys("q")
        let deadline = Date().addingTimeInterval(5)
        var after = tmux.capture()
        while !after.contains("SECOND=") && !after.contains("Quit now?") && Date() < deadline {
            usleep(20_000)
            after = tmux.capture()
        }
        if after.contains("Quit now?") { tmux.sendKeys("y") }
        tmux.waitFor("SECOND=0")
        let log = (try? String(contentsOfFile: home + "/worklist.log", encoding: .utf8)) ?? ""
        XCTAssertFalse(log.contains("acute abnormality"), "report text in worklist.log")
    }
}
