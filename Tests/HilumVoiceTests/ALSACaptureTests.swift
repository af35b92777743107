import Foundation
import HilumReporting
import Synchronization
import XCTest
@testable import HilumVoice
import ALSASandbox

/// Push-to-talk through real `arecord` from an `ALSAFileDevice`, decoded by
/// a `VoiceStream` as microphone audio is. Skips when arecord, the speech
/// synthesisers or the model are missing, unless HILUM_REQUIRE_INTEGRATION
/// is set.
final class ALSACaptureTests: XCTestCase {
    nonisolated(unsafe) private static var shared: VoiceRecognizer?
    private static let flite = SpeechSynthesizer(engine: .flite, voice: "slt")
    private let directory = NSTemporaryDirectory()
    private var device: ALSAFileDevice?

    override func tearDown() {
        device?.close()
        device = nil
        super.tearDown()
    }

    private func requireTools() throws {
        var missing: [String] = []
        if !ALSAFileDevice.isAvailable { missing.append("arecord (alsa-utils)") }
        if !Self.flite.isAvailable { missing.append("flite or sox") }
        if (try? AcousticModel.standard().validate()) == nil { missing.append("the pocketsphinx-en-us model") }
        guard !missing.isEmpty else { return }
        let reason = "needs arecord, flite, sox and pocketsphinx-en-us; missing: \(missing.joined(separator: ", "))"
        if ProcessInfo.processInfo.environment["HILUM_REQUIRE_INTEGRATION"] != nil { XCTFail(reason) }
        throw XCTSkip(reason)
    }

    private func recognizer() throws -> VoiceRecognizer {
        try requireTools()
        if let shared = Self.shared { return shared }
        let loaded = try VoiceRecognizer(macroShortcuts: ["nad", "nlc", "nfd", "ncp"])
        Self.shared = loaded
        return loaded
    }

    private func newDevice() throws -> ALSAFileDevice {
        let created = try ALSAFileDevice()
        device = created
        return created
    }

    private func ctChest() throws -> ReportTemplate {
        try XCTUnwrap(BuiltInTemplates.all.first { $0.key == "ct-chest" }).load()
    }

    /// Speaks `phrase` into a new device while arecord records it into a
    /// stream, as one press and release of push-to-talk. Returns the
    /// result and every sample the recorder delivered.
    private func pushToTalk(_ phrase: String, template: ReportTemplate?) throws -> (result: VoiceResult, audio: PCMAudio, recorded: [Int16]) {
        let recognizer = try recognizer()
        let device = try newDevice()
        let audio = try Self.flite.speak(phrase, directory: directory)
        let stream = try recognizer.beginStream(.commands(template: template))
        let recorded = Mutex<[Int16]>([])
        let recorder = try MicrophoneRecorder(device: ALSAFileDevice.name, environment: device.environment) { samples in
            recorded.withLock { $0 += samples }
            stream.feed(samples)
        }
        usleep(250_000)
        device.play(audio)
        while device.secondsQueued > 0 { usleep(50_000) }
        usleep(500_000)
        let count = try recorder.stop()
        let samples = recorded.withLock { $0 }
        XCTAssertEqual(count, samples.count)
        return (try stream.finish(), audio, samples)
    }

    func testCommandThroughArecord() throws {
        let (result, audio, recorded) = try pushToTalk("open next case", template: try ctChest())
        XCTAssertEqual(result.outcome, .command(.openNextCase), "heard \"\(result.recognition.text)\"")
        XCTAssertTrue(recorded.contains(run: audio.samples), "the recorded audio lacks the spoken samples")
        // The speech, 0.5 s of pause after it, and before it the 0.25 s wait plus
        // up to 0.5 s of pause that waited in the FIFO, in 0.125 s chunks.
        let seconds = Double(recorded.count) / 16000
        let spoken = Double(audio.samples.count) / 16000
        XCTAssertGreaterThanOrEqual(seconds, spoken + 0.5)
        XCTAssertLessThanOrEqual(seconds, spoken + 1.5)
    }

    func testNoduleSentenceThroughArecord() throws {
        let (result, audio, recorded) = try pushToTalk("there is a seven millimeter solid nodule in the right upper lobe",
                                                       template: try ctChest())
        XCTAssertTrue(recorded.contains(run: audio.samples), "the recorded audio lacks the spoken samples")
        guard case .fills(let fills) = result.outcome else { return XCTFail("not filled: \(result.outcome)") }
        XCTAssertTrue(fills.contains(StructuredFill(fieldID: "ct_chest_nodule_long_axis", value: .number(7))), "\(fills)")
        XCTAssertTrue(fills.contains(StructuredFill(fieldID: "ct_chest_nodule_composition", value: .choice("solid"))), "\(fills)")
        XCTAssertTrue(fills.contains(StructuredFill(fieldID: "ct_chest_nodule_location", value: .choice("RUL"))), "\(fills)")
    }

    func testSilenceThroughArecordRejected() throws {
        let recognizer = try recognizer()
        let device = try newDevice()
        let stream = try recognizer.beginStream(.commands(template: nil))
        let recorder = try MicrophoneRecorder(device: ALSAFileDevice.name, environment: device.environment) { stream.feed($0) }
        usleep(600_000)
        XCTAssertGreaterThan(try recorder.stop(), 0)
        let result = try stream.finish()
        guard case .rejected = result.outcome else { return XCTFail("silence accepted as \(result.outcome)") }
    }

    func testUnknownDeviceNamedInError() throws {
        try requireTools()
        let device = try newDevice()
        let reported = expectation(description: "arecord's failure reported before stop")
        let failure = Mutex<VoiceError?>(nil)
        let recorder = try MicrophoneRecorder(device: "nosuchdevice", environment: device.environment, onFailure: { error in
            failure.withLock { $0 = error }
            reported.fulfill()
        }) { _ in }
        wait(for: [reported], timeout: 5)
        let message = try XCTUnwrap(failure.withLock { $0 }).message
        XCTAssertTrue(message.hasPrefix("recording from ALSA device 'nosuchdevice' failed: "), message)
        XCTAssertTrue(message.contains("'arecord -L' lists the capture devices for --audio-device NAME"), message)
        XCTAssertTrue(message.hasSuffix("(arecord: audio open error: No such file or directory)"), message)
        XCTAssertThrowsError(try recorder.stop()) { error in
            XCTAssertEqual(error as? VoiceError, failure.withLock { $0 })
        }
    }
}

extension Array where Element: Equatable {
    /// True when `run` occurs in this array as consecutive elements.
    fileprivate func contains(run: [Element]) -> Bool {
        guard !run.isEmpty, run.count <= count else { return run.isEmpty }
        return indices.dropLast(run.count - 1).contains { start in self[start..<(start + run.count)].elementsEqual(run) }
    }
}
