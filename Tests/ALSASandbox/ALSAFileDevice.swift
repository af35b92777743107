import Foundation
import Synchronization
import HilumVoice

/// A capture device that real `arecord` can open, for machines without a
/// sound card: ALSA's `file` PCM plugin over the `null` PCM. It is defined
/// in a private configuration file that only the recorder's environment
/// names (ALSA_CONFIG_PATH), so no system ALSA file is touched.
///
/// The plugin reads its samples from `infile` but takes its timing from
/// the `null` slave, which has none. With a regular file arecord (alsa-utils
/// 1.2.8) delivered about 200 MB/s, and after the end of the file it kept
/// going at that rate with whatever was left in its buffer. So `infile` is a
/// FIFO that a thread here fills at real time, like a microphone: the
/// speech given to `play`, and faint noise before and after it.
///
/// The thread writes 4000-byte chunks (2000 frames, 125 ms) because the
/// plugin (alsa-lib 1.2.8, pcm_file.c) hands arecord a whole period even
/// when read() from `infile` returns less, and leaves the rest stale.
/// arecord's period here is 2000 frames: with 3200-byte chunks its output
/// differed from the input from byte 3201 on. A FIFO write of at most
/// PIPE_BUF (4096) bytes is atomic, so every read gets whole chunks.
public final class ALSAFileDevice: @unchecked Sendable {
    // Unchecked: `fifo`, `directory` and `environment` are set once in init,
    // and the queue of speech and the stop flag are behind `state`.
    public static let name = "hilumtest"
    static let chunkBytes = 4000

    public let directory: String
    /// The recorder's environment: ALSA's own configuration plus the device.
    public let environment: [String: String]
    private let fifo: Int32
    private let state = Mutex(State())
    private let done = DispatchSemaphore(value: 0)

    private struct State {
        var pending: [UInt8] = []
        var stopped = false
    }

    /// True when alsa-utils' arecord is installed.
    public static var isAvailable: Bool {
        ["/usr/bin/arecord", "/bin/arecord"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public init() throws {
        var template = Array((NSTemporaryDirectory() + "/hilum-alsa-XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw VoiceError("mkdtemp failed: \(String(cString: strerror(errno)))")
        }
        directory = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let fifoPath = directory + "/capture.raw"
        let configPath = directory + "/asound.conf"
        guard mkfifo(fifoPath, 0o600) == 0 else { throw VoiceError("mkfifo \(fifoPath) failed: \(String(cString: strerror(errno)))") }
        try """
        pcm.\(Self.name) {
            type file
            slave.pcm "null"
            file "/dev/null"
            infile "\(fifoPath)"
            format "raw"
        }

        """.write(toFile: configPath, atomically: true, encoding: .utf8)
        environment = ["ALSA_CONFIG_PATH": "/usr/share/alsa/alsa.conf:\(configPath)"]
        // Opened for reading too, so that open does not wait for arecord and
        // writes never raise SIGPIPE. Non-blocking with a 16 KiB pipe: when
        // no recorder reads, at most 0.5 s of silence waits for the next one.
        fifo = open(fifoPath, O_RDWR | O_NONBLOCK)
        guard fifo >= 0 else { throw VoiceError("cannot open \(fifoPath): \(String(cString: strerror(errno)))") }
        let setPipeSize: Int32 = 1031  // F_SETPIPE_SZ (Linux), a macro Swift does not import
        _ = fcntl(fifo, setPipeSize, 16384)
        Thread { [self] in
            writeInRealTime()
            done.signal()
        }.start()
    }

    /// Stops the writer and removes the device's files.
    public func close() {
        state.withLock { $0.stopped = true }
        done.wait()
        _ = Glibc.close(fifo)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Queues `audio` to be spoken into the device after what is queued.
    public func play(_ audio: PCMAudio) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(audio.samples.count * 2)
        for sample in audio.samples {
            let bits = UInt16(bitPattern: sample)
            bytes += [UInt8(bits & 0xff), UInt8(bits >> 8)]
        }
        state.withLock { $0.pending += bytes }
    }

    /// Seconds until everything queued has been written.
    public var secondsQueued: Double {
        Double(state.withLock { $0.pending.count }) / 32000
    }

    private func writeInRealTime() {
        let start = DispatchTime.now().uptimeNanoseconds
        var written: UInt64 = 0
        var noise = RoomNoise()
        while true {
            let chunk: (bytes: [UInt8], isSpeech: Bool)? = state.withLock { state in
                guard !state.stopped else { return nil }
                let count = min(Self.chunkBytes, state.pending.count) & ~1
                let speech = Array(state.pending.prefix(count))
                state.pending.removeFirst(count)
                return (speech + noise.bytes(Self.chunkBytes - count), count > 0)
            }
            guard let chunk else { return }
            // Speech waits for room, so that a recorder that falls behind
            // under load loses none of it. Silence is dropped instead.
            while chunk.bytes.withUnsafeBytes({ write(fifo, $0.baseAddress, $0.count) }) < 0 && errno == EAGAIN && chunk.isSpeech {
                if state.withLock({ $0.stopped }) { return }
                usleep(5000)
            }
            written += 1
            let due = start + written * 125_000_000
            let now = DispatchTime.now().uptimeNanoseconds
            if due > now { usleep(useconds_t((due - now) / 1000)) }
        }
    }
}

/// Faint white noise, about 77 dB below full scale (RMS 4.6), for the
/// pauses around speech. A live microphone rarely delivers exact zeros, and
/// PocketSphinx's live cepstral mean normalisation treats them badly: with
/// 0.25 to 0.75 s of zeros before "open next case" the command grammar
/// matched nothing in two runs of three.
private struct RoomNoise {
    private var state: UInt32 = 0x2545_F491

    /// `count` bytes (an even number) of noise samples, little-endian.
    mutating func bytes(_ count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for _ in 0..<(count / 2) {
            // xorshift32, then a sample from -8 to 7.
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            let bits = UInt16(bitPattern: Int16(state % 16) - 8)
            bytes += [UInt8(bits & 0xff), UInt8(bits >> 8)]
        }
        return bytes
    }
}
