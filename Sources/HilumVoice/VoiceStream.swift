import Foundation
import HilumReporting

/// One utterance decoded while it is spoken: `feed` passes audio to every
/// decoder as it arrives, so `finish` has only the end left to decode.
/// Only one stream or other recognition may run on a recognizer at a time.
public final class VoiceStream: @unchecked Sendable {
    // Unchecked: the decoders are touched only on the recognizer's queues,
    // and `samples` only on `recognizer.queue`.
    public enum Mode: Sendable {
        /// Commands, and structured dictation for the template when given.
        case commands(template: ReportTemplate?)
        /// Free dictation with a model built from the corpus (experimental).
        case free(corpus: [String])
    }

    private let recognizer: VoiceRecognizer
    private let mode: Mode
    private let structured: (grammar: StructuredGrammar, decoder: SpeechDecoder)?
    private let free: SpeechDecoder?
    /// The audio so far, for `SpeechActivity` when the utterance ends.
    private var samples: [Int16] = []

    init(recognizer: VoiceRecognizer, mode: Mode) throws(VoiceError) {
        self.recognizer = recognizer
        self.mode = mode
        var structured: (grammar: StructuredGrammar, decoder: SpeechDecoder)?
        var free: SpeechDecoder?
        try recognizer.onQueue { () throws(VoiceError) in
            switch mode {
            case .commands(let template):
                try recognizer.commandDecoder.begin()
                if let template {
                    structured = try recognizer.structuredDecoder(template)
                    try structured?.decoder.begin()
                }
            case .free(let corpus):
                free = try recognizer.freeDecoder(corpus)
                try free?.begin()
            }
        }
        self.structured = structured
        self.free = free
        if case .commands = mode {
            let loop = recognizer.phoneLoop
            let failure: VoiceError? = recognizer.referenceQueue.sync {
                do throws(VoiceError) { try loop.begin(); return nil } catch { return error }
            }
            if let failure { throw failure }
        }
    }

    /// Passes `samples` to the decoders without waiting for them.
    public func feed(_ samples: [Int16]) {
        recognizer.queue.async { [self] in
            self.samples += samples
            recognizer.commandDecoder.feedIfCommands(mode, samples)
            structured?.decoder.feed(samples[...])
            free?.feed(samples[...])
        }
        if case .commands = mode {
            recognizer.referenceQueue.async { [recognizer] in recognizer.phoneLoop.feed(samples[...]) }
        }
    }

    /// Decodes the end of the utterance and judges it as `recognize` does.
    public func finish() throws(VoiceError) -> VoiceResult {
        let started = DispatchTime.now().uptimeNanoseconds
        let loop: Result<Recognition, VoiceError>? = {
            guard case .commands = mode else { return nil }
            return recognizer.referenceQueue.sync { [recognizer] in
                Result { () throws(VoiceError) -> Recognition in try recognizer.phoneLoop.finish() }
            }
        }()
        var result = try recognizer.onQueue { () throws(VoiceError) -> VoiceResult in
            guard !samples.isEmpty else { throw VoiceError("no audio was recorded: check the microphone (arecord -l lists capture devices)") }
            switch mode {
            case .free:
                let recognition = try free!.finish()
                let outcome: VoiceOutcome = recognition.text.isEmpty ? .rejected(reason: "no words recognised") : .text(recognition.text)
                return VoiceResult(outcome: outcome, recognition: recognition, scoreMargin: 0, decodeMilliseconds: 0)
            case .commands:
                let reference = try loop!.get()
                let activity = SpeechActivity(samples: samples)
                let command = recognizer.judgeCommand(try recognizer.commandDecoder.finish(), reference: reference, activity: activity)
                guard let structured else { return command }
                let dictation = recognizer.judgeStructured(try structured.decoder.finish(), grammar: structured.grammar, reference: reference,
                                                           activity: activity)
                return VoiceRecognizer.better(command, dictation)
            }
        }
        result.decodeMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        return result
    }
}

extension SpeechDecoder {
    fileprivate func feedIfCommands(_ mode: VoiceStream.Mode, _ samples: [Int16]) {
        if case .commands = mode { feed(samples[...]) }
    }
}

extension VoiceRecognizer {
    /// Starts decoding an utterance while it is spoken.
    public func beginStream(_ mode: VoiceStream.Mode) throws(VoiceError) -> VoiceStream {
        try VoiceStream(recognizer: self, mode: mode)
    }
}
