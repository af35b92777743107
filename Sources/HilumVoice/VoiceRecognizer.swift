import Foundation
import HilumReporting

/// The decoders of voice control, one per search: spoken commands, the
/// structured grammar of the template in use, free dictation, and a phone
/// loop that scores how well any match fits the audio.
///
/// Decoding blocks for tens of milliseconds, so callers run it off their
/// UI loop. Every method runs on one private serial queue.
public final class VoiceRecognizer: @unchecked Sendable {
    // Unchecked: the decoders are not thread-safe. The phone loop is used
    // only on `referenceQueue` after init, the others and the caches below
    // only on `queue`. The members that `VoiceStream` uses are internal.
    let queue = DispatchQueue(label: "hilum.voice")
    /// Runs only the phone loop, which no other queue touches after init.
    let referenceQueue = DispatchQueue(label: "hilum.voice.reference")
    private let model: AcousticModel
    let phoneLoop: SpeechDecoder
    let commandDecoder: SpeechDecoder
    public let commandGrammar: CommandGrammar
    private var structured: (templateID: String, grammar: StructuredGrammar, decoder: SpeechDecoder)?
    private var free: (decoder: SpeechDecoder, path: String)?
    /// Lowest accepted score margin (acoustic score per 10 ms frame of the
    /// match minus the phone loop's) for commands. Measured with speech from
    /// espeak-ng and flite (`hilum bench voice --list`, four voices): spoken
    /// commands scored -30.4 to +6.6, and unrelated sentences forced onto a
    /// command -69.5 to -6.2, 3 of 40 of them above -30. Those 3 are caught
    /// by `maximumCommandUnmatchedShare`. The same recording's margin moved
    /// by as much as 18 with what the decoders heard before (see `SpeechDecoder`).
    public var minimumCommandMargin: Double = -30
    /// The same for structured dictation, whose medical words the
    /// synthesisers pronounce further from the dictionary. Correct phrases
    /// scored -63.6 to -0.4, 228 of 244 of them above -40. Unrelated
    /// sentences scored -71.8 to -18.3. "please pass the salt" (espeak-ng
    /// en-us+m3) scored -42.6 in one run and -42.0 in the next, with too
    /// little unmatched speech to be rejected for it, so the threshold
    /// keeps 2 points clear of it.
    public var minimumStructuredMargin: Double = -40
    /// Highest accepted share of the speech frames that a command match
    /// leaves to silence or fillers (see `SpeechActivity`). Spoken commands
    /// left at most 0.27. Every unrelated sentence that the margin let
    /// through as a command left 0.42 or more, because the grammar explained
    /// most of it as silence ("the weather is nice today" heard as "accept").
    public var maximumCommandUnmatchedShare = 0.35
    /// The same for structured dictation. Correctly heard phrases left at
    /// most 0.36 ("solid", the only one above 0.3 of 244), and nodule
    /// sentences whose size was missed left 0.27 to 0.31. Unrelated sentences
    /// that the margin let through left 0.32 to 0.75, and misheard phrases
    /// ("emphysema" heard as "solid") left 0.5 and more.
    public var maximumStructuredUnmatchedShare = 0.3

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
        queue.sync { commandDecoder.knows(word) }
    }

    /// Decodes `audio` as a command.
    public func recognizeCommand(_ audio: PCMAudio) throws(VoiceError) -> VoiceResult {
        let reference = startReference(audio)
        return try onQueue { () throws(VoiceError) -> VoiceResult in
            let recognition = try commandDecoder.decode(audio)
            return judgeCommand(recognition, reference: try reference.wait(), activity: SpeechActivity(samples: audio.samples))
        }
    }

    func judgeCommand(_ recognition: Recognition, reference: Recognition, activity: SpeechActivity) -> VoiceResult {
        judge(recognition, reference: reference, activity: activity, minimumMargin: minimumCommandMargin,
              maximumUnmatchedShare: maximumCommandUnmatchedShare) { text in
            commandGrammar.command(for: text).map(VoiceOutcome.command)
        }
    }

    /// Decodes `audio` against the structured grammar of `template`.
    public func recognizeStructured(_ audio: PCMAudio, template: ReportTemplate) throws(VoiceError) -> VoiceResult {
        let reference = startReference(audio)
        return try onQueue { () throws(VoiceError) -> VoiceResult in
            let (grammar, decoder) = try structuredDecoder(template)
            let recognition = try decoder.decode(audio)
            return judgeStructured(recognition, grammar: grammar, reference: try reference.wait(),
                                   activity: SpeechActivity(samples: audio.samples))
        }
    }

    func judgeStructured(_ recognition: Recognition, grammar: StructuredGrammar, reference: Recognition,
                         activity: SpeechActivity) -> VoiceResult {
        judge(recognition, reference: reference, activity: activity, minimumMargin: minimumStructuredMargin,
              maximumUnmatchedShare: maximumStructuredUnmatchedShare) { text in
            let fills = grammar.fills(for: text)
            return fills.isEmpty ? nil : .fills(fills)
        }
    }

    /// Decodes `audio` as a command or as structured dictation for
    /// `template`, whichever fits the audio better; commands only when
    /// `template` is nil.
    public func recognize(_ audio: PCMAudio, template: ReportTemplate?) throws(VoiceError) -> VoiceResult {
        guard let template else { return try recognizeCommand(audio) }
        let reference = startReference(audio)
        let (command, dictation) = try onQueue { () throws(VoiceError) -> (VoiceResult, VoiceResult) in
            let commandRecognition = try commandDecoder.decode(audio)
            let (grammar, decoder) = try structuredDecoder(template)
            let dictationRecognition = try decoder.decode(audio)
            let loop = try reference.wait()
            let activity = SpeechActivity(samples: audio.samples)
            return (judgeCommand(commandRecognition, reference: loop, activity: activity),
                    judgeStructured(dictationRecognition, grammar: grammar, reference: loop, activity: activity))
        }
        return Self.better(command, dictation)
    }

    /// The accepted one of a command and a dictation result, or the one
    /// with the higher score margin when both are accepted.
    static func better(_ command: VoiceResult, _ dictation: VoiceResult) -> VoiceResult {
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
            // The n-gram search reports acoustic scores on another scale than
            // the phone loop, so free text is not checked for confidence: it
            // goes into a text field the user reads, never runs a command.
            let outcome: VoiceOutcome = recognition.text.isEmpty ? .rejected(reason: "no words recognised") : .text(recognition.text)
            return VoiceResult(outcome: outcome, recognition: recognition, scoreMargin: 0, decodeMilliseconds: recognition.totalMilliseconds)
        }
    }

    /// Returns the structured grammar of `template`, building it on first use.
    public func structuredGrammar(for template: ReportTemplate) throws(VoiceError) -> StructuredGrammar {
        try onQueue { () throws(VoiceError) -> StructuredGrammar in try structuredDecoder(template).grammar }
    }

    func structuredDecoder(_ template: ReportTemplate) throws(VoiceError) -> (grammar: StructuredGrammar, decoder: SpeechDecoder) {
        if let structured, structured.templateID == template.id { return (structured.grammar, structured.decoder) }
        let grammar = StructuredGrammar(template: template, knows: commandDecoder.knows)
        let decoder = try SpeechDecoder(model: model, extraWords: RadiologyDictionary.entries, search: .grammar(jsgf: grammar.jsgf))
        structured = (template.id, grammar, decoder)
        return (grammar, decoder)
    }

    func freeDecoder(_ corpus: [String]) throws(VoiceError) -> SpeechDecoder {
        if let free { return free.decoder }
        var builder = LanguageModelBuilder()
        for text in corpus { builder.add(text, knows: commandDecoder.knows) }
        guard !builder.sentences.isEmpty else { throw VoiceError("free dictation has no sentences to build its language model from") }
        let path = NSTemporaryDirectory() + "/hilum-dictation-\(getpid())-\(UUID().uuidString).lm"
        guard FileManager.default.createFile(atPath: path, contents: Data(builder.arpa().utf8)) else {
            throw VoiceError("cannot write the dictation language model to \(path)")
        }
        let decoder = try SpeechDecoder(model: model, extraWords: RadiologyDictionary.entries, search: .languageModel(path: path))
        free = (decoder, path)
        return decoder
    }

    /// Accepts `recognition` when it maps to an outcome, fits the audio
    /// nearly as well as the phone loop `reference` does, and its words
    /// cover nearly all the speech that `activity` found.
    ///
    /// NOTE: short words outside the grammar still pass both checks
    /// ("hello" as "cancel", "okay" as "accept"). Two further checks were
    /// measured on the benchmark's four synthetic voices and dropped. A
    /// second decode with the 1000 commonest words of the en-us language
    /// model plus the command phrases shared no word with 5 of 5 such
    /// matches, but also with 7 of 49 correctly heard commands, and took
    /// 160 ms. Real commands lasted 6.6 to 14.0 frames per phone and the
    /// false matches 7.0 to 13.2, so durations do not separate them either.
    private func judge(_ recognition: Recognition, reference: Recognition, activity: SpeechActivity, minimumMargin: Double,
                       maximumUnmatchedShare: Double, outcome: (String) -> VoiceOutcome?) -> VoiceResult {
        let milliseconds = max(recognition.totalMilliseconds, reference.totalMilliseconds)
        guard !recognition.text.isEmpty else {
            return VoiceResult(outcome: .rejected(reason: "no phrase matched"), recognition: recognition, scoreMargin: -.infinity,
                               decodeMilliseconds: milliseconds)
        }
        let margin = recognition.acousticScorePerFrame - reference.acousticScorePerFrame
        guard margin >= minimumMargin else {
            return VoiceResult(outcome: .rejected(reason: "not sure what was said (confidence too low)"), recognition: recognition,
                               scoreMargin: margin, decodeMilliseconds: milliseconds)
        }
        guard activity.unmatchedShare(of: recognition) <= maximumUnmatchedShare else {
            return VoiceResult(outcome: .rejected(reason: "only part of the speech matched a phrase (\"\(recognition.text)\")"),
                               recognition: recognition, scoreMargin: margin, decodeMilliseconds: milliseconds)
        }
        guard let mapped = outcome(recognition.text) else {
            return VoiceResult(outcome: .rejected(reason: "no phrase matched"), recognition: recognition, scoreMargin: margin,
                               decodeMilliseconds: milliseconds)
        }
        return VoiceResult(outcome: mapped, recognition: recognition, scoreMargin: margin, decodeMilliseconds: milliseconds)
    }

    /// Starts the phone loop on `audio` on its own queue, so it runs on the
    /// second core while a grammar decodes.
    private func startReference(_ audio: PCMAudio) -> PendingRecognition {
        let pending = PendingRecognition()
        referenceQueue.async(group: pending.group) { [self] in
            pending.result = Result { () throws(VoiceError) -> Recognition in try phoneLoop.decode(audio) }
        }
        return pending
    }

    func onQueue<T>(_ body: () throws(VoiceError) -> T) throws(VoiceError) -> T {
        let result: Result<T, VoiceError> = queue.sync {
            do throws(VoiceError) { return .success(try body()) } catch { return .failure(error) }
        }
        return try result.get()
    }
}

/// The phone loop's result for one utterance, set on the reference queue
/// and read after `group` finishes.
private final class PendingRecognition: @unchecked Sendable {
    // Unchecked: `result` is written once inside the group and read only
    // after `group.wait()`, which orders the two.
    let group = DispatchGroup()
    var result: Result<Recognition, VoiceError>?

    func wait() throws(VoiceError) -> Recognition {
        group.wait()
        guard let result else { throw VoiceError("the phone loop did not run") }
        return try result.get()
    }
}
