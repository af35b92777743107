import Foundation

/// Speaks text into 16 kHz mono WAV files with espeak-ng or flite and sox,
/// for tests and `hilum bench voice`. Text is passed as an argument, never
/// through a shell.
public struct SpeechSynthesizer: Sendable, Hashable, CustomStringConvertible {
    public enum Engine: String, Sendable {
        case espeak = "espeak-ng"
        case flite
    }

    public var engine: Engine
    /// espeak-ng voice (`en-us`, `en-us+m3`, …) or flite voice (`slt`, `kal`, …).
    public var voice: String

    public init(engine: Engine, voice: String) {
        self.engine = engine
        self.voice = voice
    }

    /// Voices the benchmark and tests use: two espeak-ng and two flite.
    public static let standardVoices = [
        SpeechSynthesizer(engine: .espeak, voice: "en-us"), SpeechSynthesizer(engine: .espeak, voice: "en-us+m3"),
        SpeechSynthesizer(engine: .flite, voice: "slt"), SpeechSynthesizer(engine: .flite, voice: "kal"),
    ]

    public var description: String { "\(engine.rawValue) \(voice)" }

    /// True when the engine and sox are on PATH.
    public var isAvailable: Bool {
        [engine.rawValue, "sox"].allSatisfy { program in
            (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
                .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
        }
    }

    /// Speaks `text` into a WAV under `directory`, converted to 16 kHz mono
    /// 16-bit, and returns its samples.
    public func speak(_ text: String, directory: String) throws(VoiceError) -> PCMAudio {
        let raw = directory + "/synth-\(UUID().uuidString).wav"
        let converted = directory + "/speech-\(UUID().uuidString).wav"
        defer {
            unlink(raw)
            unlink(converted)
        }
        let speak: [String] = switch engine {
        case .espeak: ["espeak-ng", "-v", voice, "-w", raw, text]
        case .flite: ["flite", "-voice", voice, "-t", text, "-o", raw]
        }
        guard try Subprocess.run(speak) == 0 else { throw VoiceError("\(engine.rawValue) failed to speak with voice \(voice)") }
        // -R: sox dithers the resampled audio with noise from a time-seeded
        // generator, so without it the same phrase gave different samples on
        // every run and `hilum bench voice` moved by a few utterances between
        // identical builds (held-out rejection 0.972, then 0.965).
        guard try Subprocess.run(["sox", "-R", raw, "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", converted]) == 0 else {
            throw VoiceError("sox failed to convert \(engine.rawValue) output to 16 kHz mono")
        }
        return try WAVReader.read(path: converted)
    }
}
