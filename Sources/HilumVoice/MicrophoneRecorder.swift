import Foundation

/// Records from an ALSA capture device with `arecord` (alsa-utils) as raw
/// 16 kHz mono 16-bit PCM through a pipe, and hands the samples to
/// `onSamples` as they arrive, so a `VoiceStream` decodes while the
/// radiologist speaks. Push-to-talk starts one recorder per utterance.
public final class MicrophoneRecorder: @unchecked Sendable {
    // Unchecked: `pid` and `output` are set once in init; `recorded` is
    // written by the reader thread and read only after `finished` signals.
    private let pid: pid_t
    private let output: Int32
    private let finished = DispatchSemaphore(value: 0)
    private var recorded = 0
    private var stopped = false

    /// Returns the arecord command for `device` (nil: ALSA's default device).
    public static func arecord(device: String?) -> [String] {
        ["arecord", "-q", "-f", "S16_LE", "-r", "16000", "-c", "1", "-t", "raw"] + (device.map { ["-D", $0] } ?? [])
    }

    /// Starts `command`, which must write raw 16 kHz mono S16_LE samples to
    /// its standard output, such as `arecord(device:)`.
    public init(command: [String], onSamples: @escaping @Sendable ([Int16]) -> Void) throws(VoiceError) {
        (pid, output) = try Subprocess.spawnPiped(command)
        let thread = Thread { [self] in
            readSamples(onSamples)
            finished.signal()
        }
        thread.start()
    }

    deinit {
        if !stopped {
            kill(pid, SIGKILL)
            _ = Subprocess.wait(pid)
            finished.wait()
        }
        close(output)
    }

    /// Stops recording, waits until every sample has been handed over, and
    /// returns how many were recorded.
    public func stop() throws(VoiceError) -> Int {
        guard !stopped else { throw VoiceError("this recording was already stopped") }
        stopped = true
        kill(pid, SIGINT)
        let status = Subprocess.wait(pid)
        finished.wait()
        guard recorded > 0 else {
            throw VoiceError("the recorder exited with status \(status) and recorded nothing: check the microphone "
                             + "(arecord -l lists capture devices) or use --audio-file FILE")
        }
        return recorded
    }

    private func readSamples(_ onSamples: @Sendable ([Int16]) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var carry: UInt8?
        while true {
            let count = buffer.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            var bytes = Array(buffer[0..<count])
            if let odd = carry {
                bytes.insert(odd, at: 0)
                carry = nil
            }
            if bytes.count % 2 == 1 { carry = bytes.removeLast() }
            let samples = stride(from: 0, to: bytes.count, by: 2).map { Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8) }
            recorded += samples.count
            if !samples.isEmpty { onSamples(samples) }
        }
    }
}
