import Foundation

/// Which 10 ms frames of an utterance hold speech, judged by their energy.
///
/// A grammar decoder that meets speech it does not cover explains most of
/// it as silence and matches a short phrase to the rest ("the weather is
/// nice today" became "accept"). The free phone loop is no help there,
/// because it also scores much of that speech as silence. Frame energy
/// shows whether the frames the decoder called silence were silent.
public struct SpeechActivity: Sendable, Equatable {
    /// Frames 100 per second, each measured over 410 samples (25.6 ms) as
    /// PocketSphinx frames its 16 kHz input.
    static let frameShift = 160
    static let frameLength = 410
    /// A frame is speech when its energy is at most this many decibels
    /// below the loudest frame. Between 20 and 40 dB the benchmark's
    /// rejections changed by at most 3 utterances in 664.
    static let rangeDecibels = 30.0
    /// A frame is speech only when its energy is also at least this many
    /// decibels above the quietest tenth of the frames, so that steady
    /// background noise does not count as speech.
    /// NOTE: measured only on synthetic speech with silent pauses, not on
    /// microphone recordings in a noisy room.
    static let floorDecibels = 10.0

    /// True for each frame of speech.
    public let isSpeech: [Bool]

    public init(samples: [Int16]) {
        var energies: [Double] = []
        var start = 0
        while start < samples.count {
            let end = min(samples.count, start + Self.frameLength)
            var sum = 0.0
            for sample in samples[start..<end] { sum += Double(sample) * Double(sample) }
            energies.append(10 * log10(sum / Double(end - start) + 1))
            start += Self.frameShift
        }
        guard let peak = energies.max() else {
            isSpeech = []
            return
        }
        let floor = energies.sorted()[energies.count / 10]
        let threshold = max(peak - Self.rangeDecibels, floor + Self.floorDecibels)
        isSpeech = energies.map { $0 >= threshold }
    }

    public var speechFrameCount: Int { isSpeech.lazy.filter { $0 }.count }

    /// Share of the speech frames that `recognition` leaves to silence,
    /// fillers or no segment at all: 0 when its words cover all the
    /// speech, 1 when they cover none of it.
    public func unmatchedShare(of recognition: Recognition) -> Double {
        let speech = speechFrameCount
        guard speech > 0 else { return 0 }
        var matched = [Bool](repeating: false, count: isSpeech.count)
        // PocketSphinx 0.8+5prealpha fed in blocks numbers segment frames on
        // from earlier utterances instead of from this one's start, so the
        // first segment's frame is taken as the start of the audio.
        let origin = recognition.segments.first?.firstFrame ?? 0
        for segment in recognition.segments where !segment.isFiller {
            let first = max(0, segment.firstFrame - origin)
            let last = min(isSpeech.count - 1, segment.lastFrame - origin)
            guard first <= last else { continue }
            for frame in first...last { matched[frame] = true }
        }
        let unmatched = zip(isSpeech, matched).lazy.filter { $0.0 && !$0.1 }.count
        return Double(unmatched) / Double(speech)
    }
}

extension Recognition.Segment {
    /// True for silence, noise and other filler words, and for the empty
    /// "(NULL)" transitions of a grammar.
    var isFiller: Bool {
        word.hasPrefix("<") || word.hasPrefix("[") || word.hasPrefix("+") || word.hasPrefix("(")
    }
}
