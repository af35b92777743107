import Foundation
import HilumReporting

/// The decoders of voice control, one per search: spoken commands, the
/// structured grammar of the template in use, free dictation, and a phone
/// loop that scores how well any match fits the audio.
///
/// Decoding blocks for tens of milliseconds, so callers run it off their
/// UI loop. Every method runs on one private serial queue.
public final class VoiceRecognizer: @unchecked Sendable {
    // Unchecked: the decoders are not thread-safe, and every access to them
    // and to the caches below goes through `queue.sync`.
    private let queue = DispatchQueue(label: "hilum.voice")
    private let model: AcousticModel
    private let phoneLoop: SpeechDecoder
    private let commandDecoder: SpeechDecoder
    public let commandGrammar: CommandGrammar
    private var structured: (templateID: String, grammar: StructuredGrammar, decoder: SpeechDecoder)?
    private var free: (decoder: SpeechDecoder, path: String)?
    /// Lowest accepted score margin (acoustic score per 10 ms frame of the
    /// match minus the phone loop's). Measured with synthesised speech: in-
    /// grammar phrases scored -24 to +11, unrelated sentences forced onto a
    /// command -34 to -57.
    public var minimumScoreMargin: Double = -30

    /// Loads the model for the commands with the macro `shortcuts`.
    public init(model: AcousticModel = .standard(), macroShortcuts: [String]) throws(VoiceError) {
        self.model = model
        phoneLoop = try SpeechDecoder(model: model, extraWords: RadiologyDictionary.entries, search: .phoneLoop)
        commandGrammar = CommandGrammar(macroShortcuts: macroShortcuts, knows: phoneLoop.knows)
        commandDecoder = try SpeechDecoder(model: model, extraWords: RadiologyDictionary.entries,
                                           search: .grammar(jsgf: commandGrammar.jsgf))
    }

    deinit {
        if let path = free?.path { unlink(path) }
    }

    /// True when the dictionary, with the radiology words, has `word`.
    public func knows(_ word: String) -> Bool {
        queue.sync { phoneLoop.knows(word) }
    }

    /// Decodes `audio` as a command.
    public func recognizeCommand(_ audio: PCMAudio) throws(VoiceError) -> VoiceResult {
        try onQueue { () throws(VoiceError) -> VoiceResult in
            let recognition = try commandDecoder.decode(audio)
            return try judge(recognition, audio: audio) { text in commandGrammar.command(for: text).map(VoiceOutcome.command) }
        }
    }

    /// Decodes `audio` against the structured grammar of `template`.
    public func recognizeStructured(_ audio: PCMAudio, template: ReportTemplate) throws(VoiceError) -> VoiceResult {
        try onQueue { () throws(VoiceError) -> VoiceResult in
            let (grammar, decoder) = try structuredDecoder(template)
            let recognition = try decoder.decode(audio)
            return try judge(recognition, audio: audio) { text in
                let fills = grammar.fills(for: text)
                return fills.isEmpty ? nil : .fills(fills)
            }
        }
    }

    /// Decodes `audio` as a command or as structured dictation for
    /// `template`, whichever fits the audio better; commands only when
    /// `template` is nil.
    public func recognize(_ audio: PCMAudio, template: ReportTemplate?) throws(VoiceError) -> VoiceResult {
        let command = try recognizeCommand(audio)
        guard let template else { return command }
        let dictation = try recognizeStructured(audio, template: template)
        if case .rejected = command.outcome { return dictation }
        if case .rejected = dictation.outcome { return command }
        return command.scoreMargin >= dictation.scoreMargin ? command : dictation
    }

    /// Decodes `audio` with a language model built from `corpus` (template
    /// text and macros). Experimental: see BENCHMARKS.md for its accuracy.
    public func recognizeFree(_ audio: PCMAudio, corpus: [String]) throws(VoiceError) -> VoiceResult {
        try onQueue { () throws(VoiceError) -> VoiceResult in
            let decoder = try freeDecoder(corpus)
            let recognition = try decoder.decode(audio)
            return try judge(recognition, audio: audio) { text in .text(text) }
        }
    }

    /// The structured grammar of `template`, built on first use.
    public func structuredGrammar(for template: ReportTemplate) throws(VoiceError) -> StructuredGrammar {
        try onQueue { () throws(VoiceError) -> StructuredGrammar in try structuredDecoder(template).grammar }
    }

    private func structuredDecoder(_ template: ReportTemplate) throws(VoiceError) -> (grammar: StructuredGrammar, decoder: SpeechDecoder) {
        if let structured, structured.templateID == template.id { return (structured.grammar, structured.decoder) }
        let grammar = StructuredGrammar(template: template, knows: phoneLoop.knows)
        let decoder = try SpeechDecoder(model: model, extraWords: RadiologyDictionary.entries, search: .grammar(jsgf: grammar.jsgf))
        structured = (template.id, grammar, decoder)
        return (grammar, decoder)
    }

    private func freeDecoder(_ corpus: [String]) throws(VoiceError) -> SpeechDecoder {
        if let free { return free.decoder }
        var builder = LanguageModelBuilder()
        for text in corpus { builder.add(text, knows: phoneLoop.knows) }
        guard !builder.sentences.isEmpty else { throw VoiceError("free dictation has no sentences to build its language model from") }
        let path = NSTemporaryDirectory() + "/hilum-dictation-\(getpid())-\(UUID().uuidString).lm"
        guard FileManager.default.createFile(atPath: path, contents: Data(builder.arpa().utf8)) else {
            throw VoiceError("cannot write the dictation language model to \(path)")
        }
        let decoder = try SpeechDecoder(model: model, extraWords: RadiologyDictionary.entries, search: .languageModel(path: path))
        free = (decoder, path)
        return decoder
    }

    /// Accepts `recognition` when it maps to an outcome and fits the audio
    /// nearly as well as the phone loop does.
    private func judge(_ recognition: Recognition, audio: PCMAudio,
                       outcome: (String) -> VoiceOutcome?) throws(VoiceError) -> VoiceResult {
        guard !recognition.text.isEmpty else {
            return VoiceResult(outcome: .rejected(reason: "no phrase matched"), recognition: recognition, scoreMargin: -.infinity)
        }
        let reference = try phoneLoop.decode(audio)
        let margin = recognition.acousticScorePerFrame - reference.acousticScorePerFrame
        guard margin >= minimumScoreMargin else {
            return VoiceResult(outcome: .rejected(reason: "not sure what was said (confidence too low)"), recognition: recognition,
                               scoreMargin: margin)
        }
        guard let mapped = outcome(recognition.text) else {
            return VoiceResult(outcome: .rejected(reason: "no phrase matched"), recognition: recognition, scoreMargin: margin)
        }
        return VoiceResult(outcome: mapped, recognition: recognition, scoreMargin: margin)
    }

    private func onQueue<T>(_ body: () throws(VoiceError) -> T) throws(VoiceError) -> T {
        let result: Result<T, VoiceError> = queue.sync {
            do throws(VoiceError) { return .success(try body()) } catch { return .failure(error) }
        }
        return try result.get()
    }
}
