import Foundation

/// Records from the default ALSA capture device with `arecord` (alsa-utils)
/// as 16 kHz mono 16-bit WAV into a file, until `stop()`. Push-to-talk
/// starts one recorder per utterance.
public final class MicrophoneRecorder: @unchecked Sendable {
    // Unchecked: pid and path are set once in init; stop() is called from
    // the one loop that started the recording.
    private let pid: pid_t
    public let path: String
    private var stopped = false

    /// Starts `arecord`, writing to a new file in `directory`. `device` is an
    /// ALSA device name; nil uses the default.
    public init(directory: String, device: String? = nil) throws(VoiceError) {
        path = directory + "/dictation-\(UUID().uuidString).wav"
        var arguments = ["arecord", "-q", "-f", "S16_LE", "-r", "16000", "-c", "1", "-t", "wav"]
        if let device { arguments += ["-D", device] }
        pid = try Subprocess.spawn(arguments + [path], output: "/dev/null")
    }

    deinit {
        if !stopped { kill(pid, SIGKILL); _ = Subprocess.wait(pid) }
        unlink(path)
    }

    /// Stops recording and returns what was recorded. arecord finishes the
    /// WAV header on SIGINT; a header it could not finish is tolerated by
    /// the reader.
    public func stop() throws(VoiceError) -> PCMAudio {
        guard !stopped else { throw VoiceError("this recording was already stopped") }
        stopped = true
        kill(pid, SIGINT)
        let status = Subprocess.wait(pid)
        guard FileManager.default.fileExists(atPath: path) else {
            throw VoiceError("arecord exited with status \(status) and recorded nothing: check the microphone "
                             + "(arecord -l lists capture devices) or use --audio-file FILE")
        }
        return try WAVReader.read(path: path)
    }
}
