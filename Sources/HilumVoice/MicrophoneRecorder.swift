import Foundation
import Synchronization

/// Records from an ALSA capture device with `arecord` (alsa-utils) as raw
/// 16 kHz mono 16-bit PCM through a pipe, and hands the samples to
/// `onSamples` as they arrive, so a `VoiceStream` decodes while the
/// radiologist speaks. Push-to-talk starts one recorder per utterance.
public final class MicrophoneRecorder: @unchecked Sendable {
    // Unchecked: the constants are set once in init. `recorded` is written
    // by the reader thread and read by it or after `finished` signals.
    // `state` is a Mutex.
    private let pid: pid_t
    private let output: Int32
    /// An unlinked temporary file that receives the recorder's stderr, so a
    /// failure can quote it without a pipe that could fill and block it.
    private let errorOutput: Int32
    /// The recorder's program name and what it records from, for errors.
    private let program: String
    private let source: String
    private let finished = DispatchSemaphore(value: 0)
    private var recorded = 0
    private let state = Mutex(State())

    private struct State {
        var stopped = false
    }

    /// Returns the arecord command for `device` (nil: ALSA's default device).
    public static func arecord(device: String?) -> [String] {
        ["arecord", "-q", "-f", "S16_LE", "-r", "16000", "-c", "1", "-t", "raw"] + (device.map { ["-D", $0] } ?? [])
    }

    /// Starts arecord on the ALSA capture `device` (nil: ALSA's default).
    /// `environment` is added to the recorder's environment only, for
    /// example ALSA_CONFIG_PATH to define devices. `onFailure` runs on the
    /// reader thread when arecord exits before `stop` without recording
    /// anything, for example because the device does not exist. `stop` then
    /// throws an error naming the device too.
    /// NOTE: when arecord exits after it has recorded audio (a device
    /// unplugged mid-utterance), nothing reports it until `stop`, which
    /// returns what was recorded.
    public convenience init(device: String?, environment: [String: String] = [:],
                            onFailure: @escaping @Sendable (VoiceError) -> Void = { _ in },
                            onSamples: @escaping @Sendable ([Int16]) -> Void) throws(VoiceError) {
        try self.init(command: Self.arecord(device: device), environment: environment,
                      source: device.map { "ALSA device '\($0)'" } ?? "ALSA's default capture device",
                      onFailure: onFailure, onSamples: onSamples)
    }

    /// Starts `command`, which must write raw 16 kHz mono S16_LE samples to
    /// its standard output until it gets SIGINT, as `arecord(device:)`
    /// does, or until its input ends, as a file converter does.
    public init(command: [String], environment: [String: String] = [:], source: String? = nil,
                onFailure: @escaping @Sendable (VoiceError) -> Void = { _ in },
                onSamples: @escaping @Sendable ([Int16]) -> Void) throws(VoiceError) {
        program = command[0]
        self.source = source ?? command[0]
        var template = Array((NSTemporaryDirectory() + "/hilum-recorder-XXXXXX").utf8CString)
        let errorOutput = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard errorOutput >= 0 else {
            throw VoiceError("cannot create a temporary file in \(NSTemporaryDirectory()) for \(command[0])'s errors: "
                             + String(cString: strerror(errno)))
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        _ = fcntl(errorOutput, F_SETFD, FD_CLOEXEC)
        self.errorOutput = errorOutput
        do throws(VoiceError) {
            (pid, output) = try Subprocess.spawnPiped(command, environment: environment, errorOutput: errorOutput)
        } catch {
            close(errorOutput)
            throw error
        }
        let thread = Thread { [self] in
            readSamples(onSamples)
            let failed = recorded == 0 && !state.withLock { $0.stopped }
            finished.signal()
            if failed { onFailure(failure()) }
        }
        thread.start()
    }

    deinit {
        if !state.withLock({ $0.stopped }) {
            kill(pid, SIGKILL)
            _ = Subprocess.wait(pid)
            finished.wait()
        }
        close(output)
        close(errorOutput)
    }

    /// Stops recording, waits until every sample has been handed over, and
    /// returns how many were recorded. Throws when the recorder recorded
    /// nothing.
    public func stop() throws(VoiceError) -> Int {
        let alreadyStopped = state.withLock { state in
            defer { state.stopped = true }
            return state.stopped
        }
        guard !alreadyStopped else { throw VoiceError("this recording was already stopped") }
        kill(pid, SIGINT)
        let status = Subprocess.wait(pid)
        finished.wait()
        guard recorded > 0 else { throw failure(status: status) }
        return recorded
    }

    /// Builds the error for a recorder that recorded nothing, quoting the
    /// last line it wrote to stderr. The device and the fix come first,
    /// because the worklist's status line is cut at the terminal's width.
    private func failure(status: Int32? = nil) -> VoiceError {
        let detail = lastErrorLine().map { "\(program): \($0)" } ?? status.map { "\(program) exited with status \($0)" } ?? program
        return VoiceError("recording from \(source) failed: 'arecord -L' lists the capture devices for --audio-device NAME, "
                          + "or use --audio-file FILE (\(detail))")
    }

    /// The last non-empty line of the recorder's stderr, without arecord's
    /// "arecord: main:834: " source position, at most 200 characters.
    private func lastErrorLine() -> String? {
        var bytes = [UInt8](repeating: 0, count: 4096)
        let size = lseek(errorOutput, 0, SEEK_END)
        let offset = max(0, size - off_t(bytes.count))
        let count = bytes.withUnsafeMutableBytes { pread(errorOutput, $0.baseAddress, $0.count, offset) }
        guard count > 0 else { return nil }
        let text = String(decoding: bytes[0..<count], as: UTF8.self)
        guard var line = text.split(whereSeparator: \.isNewline).last.map(String.init) else { return nil }
        let parts = line.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        if line.hasPrefix("arecord: "), parts.count == 4, Int(parts[2]) != nil {
            line = parts[3].trimmingCharacters(in: .whitespaces)
        }
        return String(line.prefix(200))
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
