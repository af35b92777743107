import ALSASandbox
import Foundation
import HilumVoice
import XCTest

/// Push-to-talk in the real `hilum worklist` in tmux, fed with WAV files of
/// speech synthesised by flite and espeak-ng. A spoken command moves to the Impression,
/// a macro goes in, an unrelated sentence is rejected with a note, and
/// a second "sign report" signs, and "accept" before it does not. Every
/// command shows what was heard.
final class VoiceEndToEndTests: XCTestCase {
    private var directory = ""
    private var tmux: Tmux?
    private var device: ALSAFileDevice?

    override func setUpWithError() throws {
        try Tmux.requirements()
        let voices = [SpeechSynthesizer(engine: .flite, voice: "slt"), SpeechSynthesizer(engine: .espeak, voice: "en-us")]
        if !voices.allSatisfy(\.isAvailable) || (try? AcousticModel.standard().validate()) == nil {
            let reason = "needs flite, espeak-ng, sox and pocketsphinx-en-us"
            if ProcessInfo.processInfo.environment["HILUM_REQUIRE_INTEGRATION"] != nil { XCTFail(reason) }
            throw XCTSkip(reason)
        }
        directory = NSTemporaryDirectory() + "hilum-voice-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        tmux?.stop()
        device?.close()
        if let data = FileManager.default.contents(atPath: directory + "/demo/demo.json"),
           let marker = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let pid = (marker["node_pid"] as? NSNumber)?.int32Value {
            kill(pid, SIGTERM)
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Speaks each phrase into its own WAV file and returns the paths in order.
    private func speak(_ phrases: [(String, SpeechSynthesizer)]) throws -> [String] {
        try phrases.enumerated().map { index, item in
            let (phrase, voice) = item
            let path = directory + "/utterance-\(index + 1).wav"
            let audio = try voice.speak(phrase, directory: directory)
            try Data(audio.wavData()).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    /// Presses F4 until the model has loaded and the press decodes.
    private func press(_ tmux: Tmux, expecting file: String) {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            tmux.sendKeys("F4")
            usleep(300_000)
            if tmux.capture().contains("Decoding \(file)") || !tmux.capture().contains("still loading") { return }
        }
    }

    /// Sets up the demo's homes and returns the demo directory.
    private func setUpDemo() -> String {
        let demo = directory + "/demo"
        let port = 7700 + Int(getpid() % 200)
        XCTAssertEqual(Tmux.spawn([Tmux.hilum, "demo", "--dir", demo, "--port", String(port), "--setup-only"], stdout: directory + "/demo.out",
                                  environment: ["PATH=/usr/bin:/bin", "HOME=\(directory)", "LANG=C.UTF-8",
                                                "HILUM_PASSPHRASE_FILE=\(demo)/passphrase"]), 0,
                       (try? String(contentsOfFile: directory + "/demo.out", encoding: .utf8)) ?? "")
        return demo
    }

    /// Waits until the worklist has logged that the voice model is loaded,
    /// because until then F4 only reports that it is loading.
    private func waitForVoiceModel(_ demo: String) {
        let log = demo + "/radiologist/worklist.log"
        let deadline = Date().addingTimeInterval(15)
        while !((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("voice model loaded") && Date() < deadline {
            usleep(100_000)
        }
    }

    /// Opens the report editor on the first case of the demo radiologist's own list.
    private func openReportEditor(_ tmux: Tmux) {
        tmux.waitFor("1 Market")
        tmux.sendKeys("2")
        tmux.waitFor("Status")
        tmux.sendKeys("e")
        tmux.waitFor("Report: ")
    }

    /// Quits the worklist and waits for its exit status 0.
    private func quit(_ tmux: Tmux) {
        tmux.sendKeys("q")
        let deadline = Date().addingTimeInterval(5)
        var after = tmux.capture()
        while !after.contains("EXIT=") && !after.contains("Quit now?") && Date() < deadline {
            usleep(20_000)
            after = tmux.capture()
        }
        if after.contains("Quit now?") { tmux.sendKeys("y") }
        tmux.waitFor("EXIT=0")
    }

    func testSpokenCommandsFillAndSign() throws {
        let demo = setUpDemo()
        let flite = SpeechSynthesizer(engine: .flite, voice: "slt")
        // NOTE: flite's short "accept" scored -25 to -30 against the command
        // threshold of -30 in different runs, so "accept" uses espeak-ng's.
        let files = try speak([("impression", flite), ("insert macro n a d", flite), ("the weather is nice today", flite),
                               ("sign report", flite), ("accept", SpeechSynthesizer(engine: .espeak, voice: "en-us")),
                               ("sign report", flite)])
        let audio = files.map { "--audio-file \($0)" }.joined(separator: " ")
        let command = "env LANG=C.UTF-8 TERM=tmux-256color SWIFT_BACKTRACE=enable=no HILUM_PASSPHRASE_FILE=\(demo)/passphrase "
            + "\(Tmux.hilum) worklist --home \(demo)/radiologist \(audio); echo EXIT=$?"
        let tmux = try Tmux(directory: directory, command: command)
        self.tmux = tmux

        openReportEditor(tmux)

        press(tmux, expecting: "utterance-1.wav")
        tmux.waitFor("> Impression")
        tmux.waitFor("Heard \"impression\"")
        tmux.sendKeys("F4")
        tmux.waitFor("No acute abnormality.")
        tmux.sendKeys("F4")
        tmux.waitFor("nothing was done")
        tmux.sendKeys("F4")
        // The dialog can be drawn a moment before the status line, so wait for the note.
        let dialog = tmux.waitFor("Heard \"sign report\"")
        XCTAssertTrue(dialog.contains("Sign the report"), "the sign dialog is not open:\n\(dialog)")
        tmux.sendKeys("F4")
        let accepted = tmux.waitFor("\"accept\" does not sign")
        XCTAssertTrue(accepted.contains("Sign the report"), "the sign dialog stays open:\n\(accepted)")
        tmux.sendKeys("F4")
        tmux.waitFor("Heard \"sign report\": Report signed and sealed", seconds: 15)

        quit(tmux)
        let log = (try? String(contentsOfFile: demo + "/radiologist/worklist.log", encoding: .utf8)) ?? ""
        XCTAssertTrue(log.contains("voice: command impression"), log)
        XCTAssertTrue(log.contains("voice: utterance rejected"), log)
        XCTAssertFalse(log.contains("acute abnormality"), "report text in worklist.log")
    }

    func testPushToTalkThroughArecord() throws {
        guard ALSAFileDevice.isAvailable else {
            let reason = "needs arecord (alsa-utils)"
            if ProcessInfo.processInfo.environment["HILUM_REQUIRE_INTEGRATION"] != nil { XCTFail(reason) }
            throw XCTSkip(reason)
        }
        let demo = setUpDemo()
        let device = try ALSAFileDevice()
        self.device = device
        let flite = SpeechSynthesizer(engine: .flite, voice: "slt")
        let impression = try flite.speak("impression", directory: directory)
        let unrelated = try flite.speak("the weather is nice today", directory: directory)
        let command = "env LANG=C.UTF-8 TERM=tmux-256color SWIFT_BACKTRACE=enable=no HILUM_PASSPHRASE_FILE=\(demo)/passphrase "
            + "ALSA_CONFIG_PATH=\(device.environment["ALSA_CONFIG_PATH"]!) "
            + "\(Tmux.hilum) worklist --home \(demo)/radiologist --voice --audio-device \(ALSAFileDevice.name); echo EXIT=$?"
        let tmux = try Tmux(directory: directory, command: command)
        self.tmux = tmux

        openReportEditor(tmux)

        waitForVoiceModel(demo)
        tmux.sendKeys("F4")
        tmux.waitFor("Listening")
        device.play(impression)
        while device.secondsQueued > 0 { usleep(50_000) }
        usleep(500_000)
        tmux.sendKeys("F4")
        tmux.waitFor("> Impression")
        tmux.waitFor("Heard \"impression\"")

        tmux.sendKeys("F4")
        tmux.waitFor("Listening")
        device.play(unrelated)
        while device.secondsQueued > 0 { usleep(50_000) }
        usleep(500_000)
        tmux.sendKeys("F4")
        let rejected = tmux.waitFor("nothing was done")
        XCTAssertTrue(rejected.contains("> Impression"), "the focus moved:\n\(rejected)")

        tmux.sendKeys("Escape")
        tmux.waitFor("Report closed")
        quit(tmux)
        let log = (try? String(contentsOfFile: demo + "/radiologist/worklist.log", encoding: .utf8)) ?? ""
        XCTAssertTrue(log.contains("voice: command impression"), log)
        XCTAssertTrue(log.contains("voice: utterance rejected"), log)
        XCTAssertFalse(log.contains("voice failed"), log)
    }

    func testUnknownCaptureDeviceNamed() throws {
        guard ALSAFileDevice.isAvailable else {
            let reason = "needs arecord (alsa-utils)"
            if ProcessInfo.processInfo.environment["HILUM_REQUIRE_INTEGRATION"] != nil { XCTFail(reason) }
            throw XCTSkip(reason)
        }
        let demo = setUpDemo()
        let command = "env LANG=C.UTF-8 TERM=tmux-256color SWIFT_BACKTRACE=enable=no HILUM_PASSPHRASE_FILE=\(demo)/passphrase "
            + "\(Tmux.hilum) worklist --home \(demo)/radiologist --voice --audio-device nosuchdevice; echo EXIT=$?"
        let tmux = try Tmux(directory: directory, command: command)
        self.tmux = tmux

        tmux.waitFor("1 Market")
        waitForVoiceModel(demo)
        // One press: the failure shows without the second press that would stop recording.
        tmux.sendKeys("F4")
        let screen = tmux.waitFor("Voice: recording from ALSA device 'nosuchdevice' failed: 'arecord -L'")
        XCTAssertFalse(screen.contains("Listening"), screen)
        quit(tmux)
    }
}
