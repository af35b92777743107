import Foundation
import XCTest
import HilumReporting
@testable import HilumVoice

/// Real PocketSphinx on speech synthesised by espeak-ng and flite and
/// converted by sox. Skips when those are missing, unless
/// HILUM_REQUIRE_INTEGRATION is set.
final class SpeechRecognitionTests: XCTestCase {
    nonisolated(unsafe) private static var shared: VoiceRecognizer?
    private static let espeak = SpeechSynthesizer(engine: .espeak, voice: "en-us")
    private static let flite = SpeechSynthesizer(engine: .flite, voice: "slt")
    private let directory = NSTemporaryDirectory()

    private func recognizer() throws -> VoiceRecognizer {
        let missing = [Self.espeak, Self.flite].filter { !$0.isAvailable }.map(\.engine.rawValue)
        let model = AcousticModel.standard()
        let modelMissing = (try? model.validate()) == nil
        if !missing.isEmpty || modelMissing {
            let reason = "needs espeak-ng, flite, sox and pocketsphinx-en-us; missing: \((missing + (modelMissing ? ["the model"] : [])).joined(separator: ", "))"
            if ProcessInfo.processInfo.environment["HILUM_REQUIRE_INTEGRATION"] != nil { XCTFail(reason) }
            throw XCTSkip(reason)
        }
        if let shared = Self.shared { return shared }
        let loaded = try VoiceRecognizer(macroShortcuts: ["nad", "nlc", "nfd", "ncp"])
        Self.shared = loaded
        return loaded
    }

    private func ctChest() throws -> ReportTemplate {
        try XCTUnwrap(BuiltInTemplates.all.first { $0.key == "ct-chest" }).load()
    }

    func testEveryCommandRecognised() throws {
        let recognizer = try recognizer()
        for voice in [Self.espeak, Self.flite] {
            for phrase in recognizer.commandGrammar.phrases {
                let result = try recognizer.recognizeCommand(try voice.speak(phrase, directory: directory))
                XCTAssertEqual(result.outcome, .command(try XCTUnwrap(recognizer.commandGrammar.command(for: phrase))),
                               "\(voice): \"\(phrase)\" heard as \"\(result.recognition.text)\", margin \(result.scoreMargin)")
            }
        }
    }

    func testOutOfGrammarRejected() throws {
        let recognizer = try recognizer()
        for voice in [Self.espeak, Self.flite] {
            var accepted: [String] = []
            for phrase in VoicePhraseSets.outOfGrammar {
                let result = try recognizer.recognizeCommand(try voice.speak(phrase, directory: directory))
                if case .rejected = result.outcome { continue }
                accepted.append("\"\(phrase)\" as \"\(result.recognition.text)\" (margin \(Int(result.scoreMargin)))")
            }
            XCTAssertEqual(accepted, [], "\(voice) took unrelated sentences for commands")
        }
    }

    func testHeldOutSentencesMostlyRejected() throws {
        let recognizer = try recognizer()
        let template = try ctChest()
        var accepted: [String] = []
        var total = 0
        for voice in [Self.espeak, Self.flite] {
            for phrase in VoicePhraseSets.outOfGrammarHeldOut {
                let audio = try voice.speak(phrase, directory: directory)
                for result in [try recognizer.recognizeCommand(audio), try recognizer.recognizeStructured(audio, template: template)] {
                    total += 1
                    if case .rejected = result.outcome { continue }
                    accepted.append("\(voice): \"\(phrase)\" as \"\(result.recognition.text)\"")
                }
            }
        }
        // NOTE: the rejection thresholds were not tuned on these sentences. In `hilum bench
        // voice` 4 of these 144 passed, mostly one- or two-word greetings ("hello" as
        // "cancel") that fit a short phrase as well as the phone loop does.
        XCTAssertLessThanOrEqual(Double(accepted.count), 0.1 * Double(total), accepted.joined(separator: "; "))
    }

    func testStreamRejectsOutOfGrammar() throws {
        let recognizer = try recognizer()
        // In `hilum bench voice` this voice's sentence matched "accept" at a margin of -6,
        // well above the threshold, so only the share of speech left unmatched rejects it.
        let voice = SpeechSynthesizer(engine: .espeak, voice: "en-us+m3")
        let audio = try voice.speak("the weather is nice today", directory: directory)
        let stream = try recognizer.beginStream(.commands(template: try ctChest()))
        stream.feed(audio.samples)
        let result = try stream.finish()
        guard case .rejected(let reason) = result.outcome else {
            return XCTFail("accepted as \"\(result.recognition.text)\": \(result.outcome)")
        }
        XCTAssertTrue(reason.hasPrefix("only part of the speech matched a phrase"), reason)
    }

    func testNoduleSentenceFillsStructuredFields() throws {
        let recognizer = try recognizer()
        let audio = try Self.flite.speak("there is a seven millimeter solid nodule in the right upper lobe", directory: directory)
        let result = try recognizer.recognizeStructured(audio, template: try ctChest())
        guard case .fills(let fills) = result.outcome else { return XCTFail("not filled: \(result.outcome)") }
        XCTAssertTrue(fills.contains(StructuredFill(fieldID: "ct_chest_nodule_long_axis", value: .number(7))), "\(fills)")
        XCTAssertTrue(fills.contains(StructuredFill(fieldID: "ct_chest_nodule_composition", value: .choice("solid"))), "\(fills)")
        XCTAssertTrue(fills.contains(StructuredFill(fieldID: "ct_chest_nodule_location", value: .choice("RUL"))), "\(fills)")
    }

    func testRecommendationFillsRecommendationField() throws {
        let recognizer = try recognizer()
        let audio = try Self.flite.speak("recommend follow up c t in twelve months", directory: directory)
        let result = try recognizer.recognizeStructured(audio, template: try ctChest())
        XCTAssertEqual(result.outcome, .fills([StructuredFill(fieldID: "ct_chest_recommendation", value: .text("Follow-up CT in 12 months."))]))
    }

    func testFieldPhrasesFillTheirFields() throws {
        let recognizer = try recognizer()
        let template = try ctChest()
        let grammar = try recognizer.structuredGrammar(for: template)
        var misses: [String] = []
        for phrase in grammar.examplePhrases {
            let result = try recognizer.recognizeStructured(try Self.flite.speak(phrase, directory: directory), template: template)
            if result.outcome != .fills(grammar.fills(for: phrase)) { misses.append("\"\(phrase)\" as \"\(result.recognition.text)\"") }
        }
        // Measured with flite slt: about 9 in 10 fill exactly the right fields; the rest are
        // mostly rejected (nothing filled) rather than filled wrongly.
        XCTAssertLessThanOrEqual(Double(misses.count), 0.15 * Double(grammar.examplePhrases.count), misses.joined(separator: "; "))
    }

    func testOutOfGrammarFillsNoField() throws {
        let recognizer = try recognizer()
        let template = try ctChest()
        for voice in [Self.espeak, Self.flite] {
            var filled: [String] = []
            for phrase in VoicePhraseSets.outOfGrammar {
                let result = try recognizer.recognizeStructured(try voice.speak(phrase, directory: directory), template: template)
                if case .fills = result.outcome { filled.append("\"\(phrase)\" as \"\(result.recognition.text)\" (margin \(Int(result.scoreMargin)))") }
            }
            XCTAssertEqual(filled, [], "\(voice) filled fields from unrelated sentences")
        }
    }

    func testFreeDictationWritesText() throws {
        let recognizer = try recognizer()
        let corpus = VoicePhraseSets.dictationCorpus(templates: [try ctChest()], macroTexts: ["No acute abnormality."])
        let result = try recognizer.recognizeFree(try Self.flite.speak("no acute abnormality", directory: directory), corpus: corpus)
        XCTAssertEqual(result.outcome, .text("no acute abnormality"))
    }

    func testRecordedStreamDecodesCommand() throws {
        let recognizer = try recognizer()
        let path = directory + "/stream-\(UUID().uuidString).wav"
        defer { unlink(path) }
        let audio = try Self.flite.speak("open next case", directory: directory)
        try Data(audio.wavData()).write(to: URL(fileURLWithPath: path))
        let stream = try recognizer.beginStream(.commands(template: try ctChest()))
        // sox writes the same raw 16 kHz mono S16_LE to stdout as arecord, and then exits on
        // its own, which the recorder accepts. ALSACaptureTests runs the real arecord.
        let recorder = try MicrophoneRecorder(command: ["sox", path, "-t", "raw", "-"]) { stream.feed($0) }
        usleep(500_000)
        XCTAssertEqual(try recorder.stop(), audio.samples.count)
        let result = try stream.finish()
        XCTAssertEqual(result.outcome, .command(.openNextCase), "heard \"\(result.recognition.text)\"")
    }

    func testRecorderWithoutAudioFails() throws {
        _ = try recognizer()
        let recorder = try MicrophoneRecorder(command: ["true"]) { _ in }
        XCTAssertThrowsError(try recorder.stop()) { error in
            XCTAssertTrue("\(error)".hasPrefix("recording from true failed: "), "\(error)")
        }
    }

    func testWrongFormatAudioFileRejected() throws {
        _ = try recognizer()
        let path = directory + "/stereo-\(UUID().uuidString).wav"
        defer { unlink(path) }
        XCTAssertEqual(try Subprocess.run(["sox", "-n", "-r", "44100", "-c", "2", path, "trim", "0", "0.2"]), 0)
        XCTAssertThrowsError(try WAVReader.read(path: path)) { error in
            XCTAssertTrue("\(error)".contains("2 channels (need 1, mono), 44100 Hz (need 16000 Hz)"), "\(error)")
        }
    }
}
