import Foundation
import XCTest
@testable import HilumVoice

final class WAVReaderTests: XCTestCase {
    /// Builds a WAV file with these format fields and `samples` 16-bit samples.
    private func wav(tag: UInt16 = 1, channels: UInt16 = 1, rate: UInt32 = 16_000, bits: UInt16 = 16, samples: Int = 4) -> Data {
        func little(_ value: UInt32, _ count: Int) -> [UInt8] { (0..<count).map { UInt8((value >> (8 * UInt32($0))) & 0xff) } }
        let size = UInt32(samples * 2)
        var bytes = Array("RIFF".utf8) + little(36 + size, 4) + Array("WAVEfmt ".utf8) + little(16, 4)
        bytes += little(UInt32(tag), 2) + little(UInt32(channels), 2) + little(rate, 4) + little(rate * 2, 4) + little(2, 2)
        bytes += little(UInt32(bits), 2) + Array("data".utf8) + little(size, 4) + [UInt8](repeating: 1, count: Int(size))
        return Data(bytes)
    }

    private func message(_ data: Data) -> String {
        do {
            _ = try WAVReader.parse(data, name: "take.wav")
            return "no error"
        } catch {
            return error.message
        }
    }

    func testRoundTripKeepsSamples() throws {
        let audio = PCMAudio(samples: [0, 1, -1, 32767, -32768, 1234])
        XCTAssertEqual(try WAVReader.parse(Data(audio.wavData()), name: "round.wav"), audio)
    }

    func testStereoRejectedWithFix() {
        let text = message(wav(channels: 2))
        XCTAssertTrue(text.contains("2 channels (need 1, mono)"), text)
        XCTAssertTrue(text.contains("sox 'take.wav' -r 16000 -c 1 -b 16"), text)
    }

    func testSampleRateRejected() {
        XCTAssertTrue(message(wav(rate: 44_100)).contains("44100 Hz (need 16000 Hz)"))
    }

    func testEightBitRejected() {
        XCTAssertTrue(message(wav(bits: 8)).contains("8-bit samples (need 16-bit)"))
    }

    func testFloatRejected() {
        XCTAssertTrue(message(wav(tag: 3)).contains("format tag 3 (need 1, PCM)"))
    }

    func testNotRIFFRejected() {
        XCTAssertTrue(message(Data("ID3 not a wave file".utf8)).contains("take.wav is not a WAV file"))
    }

    func testEmptyFileRejected() {
        XCTAssertTrue(message(Data()).contains("is not a WAV file"))
    }

    func testMissingFormatChunkRejected() {
        let bytes = Array("RIFF".utf8) + [4, 0, 0, 0] + Array("WAVE".utf8)
        XCTAssertTrue(message(Data(bytes)).contains("has no \"fmt \" chunk"))
    }

    func testTruncatedChunkRejected() {
        var data = wav()
        data = data.prefix(30)
        XCTAssertTrue(message(data).contains("is truncated"), message(data))
    }

    func testDataSizeBeyondFileKeepsSamplesPresent() throws {
        // arecord stopped mid-write leaves the declared size too large.
        var bytes = [UInt8](wav(samples: 4))
        bytes[40] = 0xff
        let audio = try WAVReader.parse(Data(bytes), name: "cut.wav")
        XCTAssertEqual(audio.samples.count, 4)
    }

    func testMissingFileNamed() {
        XCTAssertThrowsError(try WAVReader.read(path: "/nonexistent/take.wav")) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent/take.wav"))
        }
    }
}
