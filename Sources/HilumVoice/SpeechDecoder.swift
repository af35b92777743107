import CPocketSphinx
import Foundation

/// One PocketSphinx decoder with one search: a JSGF grammar, an n-gram
/// language model or a phone loop. It owns its `ps_decoder_t` and frees it
/// in `deinit`. Not thread-safe: confine each decoder to one queue.
public final class SpeechDecoder {
    /// The search a decoder runs.
    public enum Search: Sendable, Equatable {
        case grammar(jsgf: String)
        case languageModel(path: String)
        case phoneLoop
    }

    private static let searchName = "hilum"
    /// Samples fed per call, as a microphone delivers them (64 ms).
    static let chunkSamples = 1024

    private let decoder: OpaquePointer

    /// Loads the model and dictionary, adds `extraWords` (words already in
    /// the dictionary keep the stock pronunciation) and sets `search`.
    public init(model: AcousticModel, extraWords: [PronunciationEntry] = [], search: Search) throws(VoiceError) {
        try model.validate()
        hilum_ps_silence_logging()
        // NOTE: audio is fed in blocks, and SphinxBase 0.8+5prealpha then
        // replaces batch cepstral mean normalisation with live normalisation,
        // whose mean carries over from one utterance to the next. Scores
        // therefore depend on what the decoder heard before: the same
        // recording scored margins 18 apart after different utterances.
        // Restoring the model's initial mean (-cmninit) before each utterance
        // made scores repeatable but cut command word accuracy from 0.99 to
        // 0.79 on the benchmark's synthetic voices.
        var arguments = ["-hmm", model.hmmDirectory, "-dict", model.dictionaryPath, "-logfn", "/dev/null", "-cmn", "batch"]
        switch search {
        case .phoneLoop:
            // Context-independent phones: with triphones the phone loop took
            // seconds per utterance, with them it keeps pace with the grammars.
            // -topn 2 (default 4): the loop takes longer than the grammar it
            // runs beside, and with 2 Gaussians per codebook its median CPU
            // time per `hilum bench voice` utterance fell from 118 to 109 ms.
            // Held-out rejection lost 1 of 288 sentences ("yes" as "accept").
            // -ds 2 accepted 3 to 4 % more unrelated sentences, so it was not kept.
            arguments += ["-allphone_ci", "yes", "-topn", "2"]
        case .grammar:
            // Wider beams than the defaults (1e-48, 7e-29): with them, long
            // measured-finding sentences from espeak-ng often lost every path
            // before the grammar's end. No lattice: only the best path is used.
            arguments += ["-beam", "1e-80", "-wbeam", "1e-60", "-pbeam", "1e-80", "-bestpath", "no"]
        case .languageModel:
            break
        }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        defer { argv.forEach { free($0) } }
        guard let config = hilum_ps_config(Int32(arguments.count), &argv) else {
            throw VoiceError("PocketSphinx rejected its configuration for model \(model.hmmDirectory)")
        }
        defer { cmd_ln_free_r(config) }
        guard let decoder = ps_init(config) else {
            throw VoiceError("PocketSphinx could not load the model in \(model.hmmDirectory) with dictionary \(model.dictionaryPath)")
        }
        self.decoder = decoder

        for entry in extraWords where !knows(entry.word) {
            guard ps_add_word(decoder, entry.word, entry.phones.joined(separator: " "), 0) >= 0 else {
                throw VoiceError("the decoder rejected the pronunciation of \"\(entry.word)\": \(entry.phones.joined(separator: " "))")
            }
        }

        let status: Int32
        switch search {
        case .grammar(let jsgf):
            status = ps_set_jsgf_string(decoder, Self.searchName, jsgf)
        case .languageModel(let path):
            status = ps_set_lm_file(decoder, Self.searchName, path)
        case .phoneLoop:
            status = ps_set_allphone_file(decoder, Self.searchName, model.phoneModelPath)
        }
        guard status >= 0, ps_set_search(decoder, Self.searchName) >= 0 else {
            throw VoiceError("PocketSphinx rejected the \(search.name); check that every word is in the dictionary")
        }
    }

    deinit { ps_free(decoder) }

    /// True when the dictionary has a pronunciation for `word`.
    public func knows(_ word: String) -> Bool {
        guard let phones = ps_lookup_word(decoder, word) else { return false }
        free(phones)
        return true
    }

    /// Decodes one utterance, fed in microphone-sized chunks so the latency
    /// measures only the work left after the last sample.
    public func decode(_ audio: PCMAudio) throws(VoiceError) -> Recognition {
        try begin()
        var offset = 0
        while offset < audio.samples.count {
            let count = min(Self.chunkSamples, audio.samples.count - offset)
            feed(audio.samples[offset..<(offset + count)])
            offset += count
        }
        return try finish()
    }

    private var utteranceStarted: UInt64 = 0
    private var feedFailed = false

    /// Starts an utterance; `feed` gives it audio and `finish` decodes the end.
    public func begin() throws(VoiceError) {
        utteranceStarted = DispatchTime.now().uptimeNanoseconds
        feedFailed = false
        guard ps_start_utt(decoder) >= 0 else { throw VoiceError("PocketSphinx could not start an utterance") }
    }

    /// Decodes `samples` as they arrive.
    public func feed(_ samples: ArraySlice<Int16>) {
        guard !feedFailed, !samples.isEmpty else { return }
        samples.withUnsafeBufferPointer { buffer in
            feedFailed = ps_process_raw(decoder, buffer.baseAddress!, buffer.count, 0, 0) < 0
        }
    }

    /// Ends the utterance and returns the best hypothesis.
    public func finish() throws(VoiceError) -> Recognition {
        let endOfSpeech = DispatchTime.now().uptimeNanoseconds
        guard ps_end_utt(decoder) >= 0, !feedFailed else { throw VoiceError("PocketSphinx failed while decoding the audio") }

        var score: Int32 = 0
        let text = ps_get_hyp(decoder, &score).map { String(cString: $0) } ?? ""
        var acoustic: Int64 = 0
        var segments: [Recognition.Segment] = []
        var segment = ps_seg_iter(decoder)
        while let current = segment {
            var ascr: Int32 = 0, lscr: Int32 = 0, lback: Int32 = 0
            _ = ps_seg_prob(current, &ascr, &lscr, &lback)
            acoustic += Int64(ascr)
            var first: Int32 = 0, last: Int32 = 0
            ps_seg_frames(current, &first, &last)
            segments.append(Recognition.Segment(word: ps_seg_word(current).map { String(cString: $0) } ?? "", firstFrame: Int(first),
                                                lastFrame: Int(last), acousticScore: ascr))
            segment = ps_seg_next(current)
        }
        let frames = Int(ps_get_n_frames(decoder))
        let finished = DispatchTime.now().uptimeNanoseconds
        return Recognition(text: Self.normalise(text), score: score,
                           acousticScorePerFrame: frames > 0 ? Double(acoustic) / Double(frames) : 0, frames: frames,
                           latencyMilliseconds: Double(finished - endOfSpeech) / 1e6,
                           totalMilliseconds: Double(finished - utteranceStarted) / 1e6, segments: segments)
    }

    /// Drops alternate-pronunciation marks such as "a(2)" and filler words.
    static func normalise(_ hypothesis: String) -> String {
        hypothesis.split(separator: " ")
            .map { word in word.split(separator: "(").first.map(String.init) ?? String(word) }
            .filter { !$0.hasPrefix("<") && !$0.hasPrefix("[") && !$0.hasPrefix("+") }
            .joined(separator: " ")
    }
}

extension SpeechDecoder.Search {
    var name: String {
        switch self {
        case .grammar: "JSGF grammar"
        case .languageModel(let path): "language model \(path)"
        case .phoneLoop: "phone loop"
        }
    }
}
