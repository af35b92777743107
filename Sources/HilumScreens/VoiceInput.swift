import Foundation
import HilumReporting
import HilumTerminal
import HilumVoice
import Synchronization

/// A message push-to-talk posts to the worklist's event queue.
public enum VoiceMessage: Sendable {
    /// The model is loaded and push-to-talk is ready.
    case ready
    /// A decoded utterance; `free` when it was free dictation.
    case heard(VoiceResult, free: Bool)
    /// Audio could not be recorded, read or decoded.
    case failed(String)
}

/// Push-to-talk for the worklist. The first press starts `arecord`, whose
/// samples are decoded as they arrive, and the second stops it and decodes
/// the end. With audio files, each press decodes the next file instead. Loading the model, reading audio
/// and decoding run on a private queue, and results come back as
/// `WorklistMessage.voice` messages, so the UI loop never waits for them.
public final class VoiceInput: Sendable {
    /// The source of the audio.
    public enum Source: Sendable, Equatable {
        /// The default ALSA capture device, or the named one.
        case microphone(device: String?)
        /// WAV files (16 kHz mono 16-bit), one per press, in order.
        case files([String])
    }

    /// The effect of a press, for the status bar.
    public enum Press: Sendable, Equatable {
        case listening
        case decoding(String)
        case unavailable(String)
    }

    private struct State: ~Copyable {
        var recognizer: VoiceRecognizer?
        var loadFailure: String?
        var recording: (recorder: MicrophoneRecorder, feeder: StreamFeeder, free: Bool)?
        var nextFile = 0
    }

    public let source: Source
    private let macroShortcuts: [String]
    private let corpus: [String]
    private let queue: EventQueue<WorklistMessage>
    private let work = DispatchQueue(label: "hilum.voice.input")
    private let state = Mutex(State())

    /// `corpus` is the text free dictation's language model is built from.
    public init(source: Source, macroShortcuts: [String], corpus: [String], queue: EventQueue<WorklistMessage>) {
        self.source = source
        self.macroShortcuts = macroShortcuts
        self.corpus = corpus
        self.queue = queue
    }

    /// Loads the model in the background and posts `.ready` or `.failed`.
    public func prepare() {
        work.async { [self] in
            do {
                _ = try recognizer()
                queue.post(.voice(.ready))
            } catch {
                queue.post(.voice(.failed("\(error)")))
            }
        }
    }

    /// Starts or stops listening. `template` is the report's template for
    /// structured dictation (nil outside the editor: commands only); `free`
    /// decodes with the free-dictation model instead.
    public func press(template: ReportTemplate?, free: Bool) -> Press {
        switch source {
        case .files(let paths):
            let index = state.withLock { state -> Int in
                defer { state.nextFile += 1 }
                return state.nextFile
            }
            guard index < paths.count else {
                return .unavailable("all \(paths.count) audio file(s) given with --audio-file have been used")
            }
            let path = paths[index]
            decode(template: template, free: free) { () throws(VoiceError) -> PCMAudio in try WAVReader.read(path: path) }
            return .decoding((path as NSString).lastPathComponent)
        case .microphone(let device):
            let recording = state.withLock { state in
                defer { state.recording = nil }
                return state.recording
            }
            if let recording {
                finishRecording(recording.recorder, recording.feeder, free: recording.free)
                return .decoding("the recording")
            }
            let feeder = StreamFeeder()
            do {
                // Started under the lock, so that a recorder failing at once
                // finds its recording in `state` (see `recorderFailed`).
                try state.withLock { state throws(VoiceError) in
                    let recorder = try MicrophoneRecorder(device: device, onFailure: { [self] _ in recorderFailed(feeder) }) { feeder.feed($0) }
                    state.recording = (recorder, feeder, free)
                }
            } catch {
                return .unavailable("\(error)")
            }
            let mode: VoiceStream.Mode = free ? .free(corpus: corpus) : .commands(template: template)
            work.async { [self] in
                do {
                    feeder.attach(try recognizer().beginStream(mode))
                } catch {
                    feeder.fail("\(error)")
                }
            }
            return .listening
        }
    }

    /// Ends the recording that `feeder` belongs to when arecord exited
    /// without recording anything before the second press, so the status
    /// line shows why at once instead of after the radiologist has spoken.
    private func recorderFailed(_ feeder: StreamFeeder) {
        let recording = state.withLock { state -> (recorder: MicrophoneRecorder, feeder: StreamFeeder, free: Bool)? in
            guard let recording = state.recording, recording.feeder === feeder else { return nil }
            state.recording = nil
            return recording
        }
        guard let recording else { return }
        finishRecording(recording.recorder, recording.feeder, free: recording.free)
    }

    /// Stops the recorder and decodes the end of the utterance on `work`.
    private func finishRecording(_ recorder: MicrophoneRecorder, _ feeder: StreamFeeder, free: Bool) {
        work.async { [self] in
            do throws(VoiceError) {
                _ = try recorder.stop()
                queue.post(.voice(.heard(try feeder.finish(), free: free)))
            } catch {
                queue.post(.voice(.failed("\(error)")))
            }
        }
    }

    private func decode(template: ReportTemplate?, free: Bool, audio: @escaping @Sendable () throws(VoiceError) -> PCMAudio) {
        work.async { [self] in
            do throws(VoiceError) {
                let recognizer = try recognizer()
                let samples = try audio()
                let result = free ? try recognizer.recognizeFree(samples, corpus: corpus)
                                  : try recognizer.recognize(samples, template: template)
                queue.post(.voice(.heard(result, free: free)))
            } catch {
                queue.post(.voice(.failed("\(error)")))
            }
        }
    }

    /// Returns the recognizer, loading it on first use. Call it only on `work`.
    private func recognizer() throws(VoiceError) -> VoiceRecognizer {
        if let loaded = state.withLock({ $0.recognizer }) { return loaded }
        if let failure = state.withLock({ $0.loadFailure }) { throw VoiceError(failure) }
        do {
            let loaded = try VoiceRecognizer(macroShortcuts: macroShortcuts)
            state.withLock { $0.recognizer = loaded }
            return loaded
        } catch {
            state.withLock { $0.loadFailure = error.message }
            throw error
        }
    }
}

/// Passes recorded samples to a `VoiceStream` once it exists, keeping those
/// that arrive while the stream is being set up.
private final class StreamFeeder: Sendable {
    private struct Slot: ~Copyable {
        var stream: VoiceStream?
        var pending: [Int16] = []
        var failure: String?
    }

    private let slot = Mutex(Slot())

    func feed(_ samples: [Int16]) {
        let stream = slot.withLock { slot -> VoiceStream? in
            if slot.stream == nil { slot.pending += samples }
            return slot.stream
        }
        stream?.feed(samples)
    }

    func attach(_ stream: VoiceStream) {
        slot.withLock { slot in
            stream.feed(slot.pending)
            slot.pending = []
            slot.stream = stream
        }
    }

    func fail(_ reason: String) {
        slot.withLock { $0.failure = reason }
    }

    /// Decodes the end of the utterance. Call it on the queue that attached
    /// the stream, after the recorder has stopped.
    func finish() throws(VoiceError) -> VoiceResult {
        let (stream, failure) = slot.withLock { ($0.stream, $0.failure) }
        if let failure { throw VoiceError(failure) }
        guard let stream else { throw VoiceError("the voice model is not loaded") }
        return try stream.finish()
    }
}
