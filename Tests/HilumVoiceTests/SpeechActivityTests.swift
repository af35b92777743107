import XCTest
@testable import HilumVoice

/// Speech frames found by energy, and the share of them a hypothesis
/// leaves to silence, on audio built in code.
final class SpeechActivityTests: XCTestCase {
    /// `silent` seconds of near silence, `loud` seconds of a 440 Hz tone,
    /// then `silent` seconds again, at 16 kHz.
    private func audio(silent: Double, loud: Double) -> [Int16] {
        let quiet = (0..<Int(silent * 16000)).map { Int16($0 % 3) - 1 }
        let tone = (0..<Int(loud * 16000)).map { Int16(8000 * sin(2 * Double.pi * 440 * Double($0) / 16000)) }
        return quiet + tone + quiet
    }

    private func segment(_ word: String, _ first: Int, _ last: Int) -> Recognition.Segment {
        Recognition.Segment(word: word, firstFrame: first, lastFrame: last, acousticScore: 0)
    }

    func testToneFramesAreSpeech() {
        let activity = SpeechActivity(samples: audio(silent: 0.5, loud: 1))
        XCTAssertEqual(activity.isSpeech.count, 200)
        XCTAssertFalse(activity.isSpeech[10])
        XCTAssertTrue(activity.isSpeech[100])
        XCTAssertFalse(activity.isSpeech[190])
        // 100 frames of tone, and the two frames whose window reaches into it from before.
        XCTAssertEqual(activity.speechFrameCount, 102)
    }

    func testSteadyNoiseIsNotSpeech() {
        let noise = (0..<16000).map { Int16(truncatingIfNeeded: ($0 &* 7919) % 2001) - 1000 }
        var samples = noise
        for index in 4000..<8000 { samples[index] = Int16(clamping: Int(noise[index]) + Int(20000 * sin(Double(index) / 5))) }
        let activity = SpeechActivity(samples: samples)
        XCTAssertFalse(activity.isSpeech[10])
        XCTAssertTrue(activity.isSpeech[35])
        XCTAssertFalse(activity.isSpeech[80])
    }

    func testWordsOverSpeechLeaveNothingUnmatched() {
        let activity = SpeechActivity(samples: audio(silent: 0.5, loud: 1))
        // Frames counted from an earlier utterance, as PocketSphinx reports them.
        let recognition = Recognition(text: "next field", segments: [
            segment("<sil>", 1000, 1047), segment("next", 1048, 1099), segment("field", 1100, 1150), segment("<sil>", 1151, 1199),
        ])
        XCTAssertEqual(activity.unmatchedShare(of: recognition), 0)
    }

    func testSilenceOverSpeechIsUnmatched() {
        let activity = SpeechActivity(samples: audio(silent: 0.5, loud: 1))
        let recognition = Recognition(text: "accept", segments: [
            segment("<sil>", 0, 124), segment("accept(2)", 125, 149), segment("<sil>", 150, 199),
        ])
        XCTAssertEqual(activity.unmatchedShare(of: recognition), 77.0 / 102.0, accuracy: 1e-9)
    }

    func testEmptyAudioHasNoSpeech() {
        let activity = SpeechActivity(samples: [])
        XCTAssertEqual(activity.speechFrameCount, 0)
        XCTAssertEqual(activity.unmatchedShare(of: Recognition(text: "")), 0)
    }
}
