import Foundation
import HilumReporting
import HilumScreens
import HilumVoice

extension BenchCommands {
    static let voice = Command(
        path: ["bench", "voice"], summary: "measure voice recognition accuracy and decode time",
        help: """
        Usage: hilum bench voice [--voices N] [--template KEY] [--list] [--json]

        Speaks each phrase set with espeak-ng and flite, converts it with sox to
        16 kHz mono, decodes it with PocketSphinx and prints:

          command_word_accuracy     every command phrase, command grammar
          structured_word_accuracy  the structured grammar's example phrases
                                    for the template (measured findings, pick
                                    list options, follow-up recommendations)
          structured_fill_accuracy  share of those phrases that filled exactly
                                    the fields the phrase names
          free_word_accuracy        free dictation (experimental) on sentences
                                    from the templates and macros it is built from
          out_of_grammar_rejected   share of unrelated sentences rejected by the
                                    command grammar and by the structured grammar
          out_of_grammar_rejected_tuning, out_of_grammar_rejected_held_out
                                    the same for the sentences the rejection
                                    thresholds were tuned on, and for the
                                    held-out sentences they were not
          decode_ms_p50, decode_ms_p95
                                    from the last sample to the result, with the
                                    grammar decode and the rejection check
          streaming_latency_ms_p50  the part of that a decoder fed while the
                                    speaker talks still has to do after the end
          streamed_decode_ms_p50, streamed_decode_ms_p95
                                    the same through the microphone path: audio
                                    fed in 64 ms chunks to both grammars and the
                                    phone loop, then the end decoded and judged

          --voices N      how many of the voices espeak-ng en-us, espeak-ng
                          en-us+m3, flite slt and flite kal to use (default 4)
          --template KEY  built-in template for the structured set (default ct-chest)
          --list          print each utterance to standard error: voice, mode,
                          phrase, what was recognised and the score margin
        """,
        flags: ["json", "list"], options: ["voices", "template", "list", "json", "home"], run: runVoice)

    static func runVoice(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let voiceCount = try arguments.integer("voices", default: 4, range: 1...SpeechSynthesizer.standardVoices.count)
        let templateKey = arguments.option("template") ?? "ct-chest"
        let json = arguments.flag("json")
        let list = arguments.flag("list")
        try arguments.rejectUnknown(known: voice.options)
        guard let builtIn = BuiltInTemplates.all.first(where: { $0.key == templateKey }) else {
            throw UsageError("--template '\(templateKey)' is not a built-in template; use one of "
                             + BuiltInTemplates.all.map(\.key).joined(separator: ", "))
        }
        let voices = Array(SpeechSynthesizer.standardVoices.prefix(voiceCount))
        if let missing = voices.first(where: { !$0.isAvailable }) {
            throw CommandError("\(missing.engine.rawValue) or sox is not installed: apt-get install espeak-ng flite sox")
        }
        let template = try builtIn.load()
        let macros = ReportMacros()
        let recognizer = try VoiceRecognizer(macroShortcuts: Array(macros.expansions.keys))
        let structured = try recognizer.structuredGrammar(for: template)
        let corpus = VoicePhraseSets.dictationCorpus(templates: try BuiltInTemplates.all.map { try $0.load() },
                                                     macroTexts: Array(macros.expansions.values))

        let directory = NSTemporaryDirectory() + "hilum-bench-voice-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        var tally = VoiceTally()
        func show(_ synthesizer: SpeechSynthesizer, _ mode: String, _ phrase: String, _ result: VoiceResult) {
            guard list else { return }
            let heard: String
            switch result.outcome {
            case .rejected(let reason): heard = "REJECTED (\(reason)) \(result.recognition.text)"
            default: heard = result.recognition.text
            }
            printError("\(synthesizer) \(mode): \(phrase) -> \(heard) [margin \(rounded(result.scoreMargin)), \(rounded(result.decodeMilliseconds)) ms]")
        }
        for synthesizer in voices {
            for phrase in recognizer.commandGrammar.phrases {
                let audio = try synthesizer.speak(phrase, directory: directory)
                tally.streamedMilliseconds.append(try streamedDecode(audio, recognizer: recognizer, template: nil))
                let result = try recognizer.recognizeCommand(audio)
                tally.add(.command, reference: phrase, result: result)
                show(synthesizer, "command", phrase, result)
            }
            for phrase in structured.examplePhrases {
                let audio = try synthesizer.speak(phrase, directory: directory)
                tally.streamedMilliseconds.append(try streamedDecode(audio, recognizer: recognizer, template: template))
                let result = try recognizer.recognizeStructured(audio, template: template)
                tally.add(.structured, reference: phrase, result: result)
                show(synthesizer, "structured", phrase, result)
                if case .fills(let fills) = result.outcome, fills == structured.fills(for: phrase) { tally.exactFills += 1 }
            }
            for phrase in VoicePhraseSets.freeDictation {
                let result = try recognizer.recognizeFree(try synthesizer.speak(phrase, directory: directory), corpus: corpus)
                tally.add(.free, reference: phrase, result: result)
                show(synthesizer, "free", phrase, result)
            }
            for (heldOut, phrases) in [(false, VoicePhraseSets.outOfGrammar), (true, VoicePhraseSets.outOfGrammarHeldOut)] {
                let label = heldOut ? "held-out" : "out-of-grammar"
                for phrase in phrases {
                    let audio = try synthesizer.speak(phrase, directory: directory)
                    let asCommand = try recognizer.recognizeCommand(audio)
                    let asDictation = try recognizer.recognizeStructured(audio, template: template)
                    tally.addOutOfGrammar(asCommand, heldOut: heldOut)
                    tally.addOutOfGrammar(asDictation, heldOut: heldOut)
                    show(synthesizer, label + " command", phrase, asCommand)
                    show(synthesizer, label + " structured", phrase, asDictation)
                }
            }
        }

        let figures: [String: Any] = [
            "voices": voices.map(\.description),
            "template": templateKey,
            "command_phrases": recognizer.commandGrammar.phrases.count * voices.count,
            "structured_phrases": structured.examplePhrases.count * voices.count,
            "command_word_accuracy": share(tally.accuracy(.command)),
            "structured_word_accuracy": share(tally.accuracy(.structured)),
            "structured_fill_accuracy": share(Double(tally.exactFills) / Double(structured.examplePhrases.count * voices.count)),
            "free_word_accuracy": share(tally.accuracy(.free)),
            "out_of_grammar_rejected": share(Double(tally.outOfGrammarRejected.all) / Double(tally.outOfGrammarTotal.all)),
            "out_of_grammar_rejected_tuning": share(Double(tally.outOfGrammarRejected.tuning) / Double(tally.outOfGrammarTotal.tuning)),
            "out_of_grammar_rejected_held_out": share(Double(tally.outOfGrammarRejected.heldOut) / Double(tally.outOfGrammarTotal.heldOut)),
            "in_grammar_rejected": tally.inGrammarRejected,
            "decode_ms_p50": rounded(tally.percentile(0.5, of: \.decodeMilliseconds)),
            "decode_ms_p95": rounded(tally.percentile(0.95, of: \.decodeMilliseconds)),
            "streaming_latency_ms_p50": rounded(tally.percentile(0.5, of: \.streamingMilliseconds)),
            "streamed_decode_ms_p50": rounded(VoiceTally.percentile(0.5, of: tally.streamedMilliseconds)),
            "streamed_decode_ms_p95": rounded(VoiceTally.percentile(0.95, of: tally.streamedMilliseconds)),
        ]
        if json {
            printJSON(figures)
        } else {
            for key in figures.keys.sorted() { print("\(key): \(figures[key]!)") }
        }
        return 0
    }

    /// `value` rounded to three decimals, printed without binary noise
    /// such as 0.9259999999999999.
    private static func share(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    /// Milliseconds from the last sample to the result when `audio` is fed
    /// to a `VoiceStream` in 64 ms chunks, as the microphone path does; in
    /// the editor, both grammars listen, as with `template`.
    private static func streamedDecode(_ audio: PCMAudio, recognizer: VoiceRecognizer, template: ReportTemplate?) throws -> Double {
        let stream = try recognizer.beginStream(.commands(template: template))
        var offset = 0
        while offset < audio.samples.count {
            let count = min(1024, audio.samples.count - offset)
            stream.feed(Array(audio.samples[offset..<(offset + count)]))
            offset += count
            // Real time would be 64 ms per chunk; a short pause lets the decoders keep up as they would.
            usleep(2_000)
        }
        usleep(20_000)
        return try stream.finish().decodeMilliseconds
    }
}

/// Running totals of `hilum bench voice`.
struct VoiceTally {
    enum Mode { case command, structured, free }

    struct Timing {
        var decodeMilliseconds: Double
        var streamingMilliseconds: Double
    }

    private var pairs: [Mode: [(reference: String, hypothesis: String)]] = [:]
    private var timings: [Timing] = []
    var streamedMilliseconds: [Double] = []
    var exactFills = 0
    var inGrammarRejected = 0
    /// Counts of unrelated sentences, for the tuning set and the held-out set.
    struct Split {
        var tuning = 0
        var heldOut = 0
        var all: Int { tuning + heldOut }

        mutating func add(heldOut isHeldOut: Bool) {
            if isHeldOut { heldOut += 1 } else { tuning += 1 }
        }
    }

    var outOfGrammarRejected = Split()
    var outOfGrammarTotal = Split()

    mutating func add(_ mode: Mode, reference: String, result: VoiceResult) {
        var hypothesis = result.recognition.text
        if case .rejected = result.outcome {
            inGrammarRejected += 1
            hypothesis = ""
        }
        pairs[mode, default: []].append((reference, hypothesis))
        if mode != .free {
            timings.append(Timing(decodeMilliseconds: result.decodeMilliseconds, streamingMilliseconds: result.recognition.latencyMilliseconds))
        }
    }

    mutating func addOutOfGrammar(_ result: VoiceResult, heldOut: Bool) {
        outOfGrammarTotal.add(heldOut: heldOut)
        if case .rejected = result.outcome { outOfGrammarRejected.add(heldOut: heldOut) }
    }

    func accuracy(_ mode: Mode) -> Double { WordAccuracy.accuracy(pairs[mode] ?? []) }

    func percentile(_ fraction: Double, of key: KeyPath<Timing, Double>) -> Double {
        Self.percentile(fraction, of: timings.map { $0[keyPath: key] })
    }

    static func percentile(_ fraction: Double, of values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }
}
