/// Speech samples as the decoder takes them: 16 kHz, mono, signed 16-bit.
public struct PCMAudio: Sendable, Equatable {
    public static let sampleRate = 16_000

    public var samples: [Int16]

    public init(samples: [Int16]) {
        self.samples = samples
    }

    public var durationSeconds: Double { Double(samples.count) / Double(Self.sampleRate) }
}

extension PCMAudio {
    /// Encodes the samples as a WAV file (RIFF, PCM, 16 kHz mono 16-bit), the format
    /// `WAVReader` and `--audio-file` take.
    public func wavData() -> [UInt8] {
        func little(_ value: UInt32, _ count: Int) -> [UInt8] { (0..<count).map { UInt8((value >> (8 * UInt32($0))) & 0xff) } }
        let dataSize = UInt32(samples.count * 2)
        var bytes = Array("RIFF".utf8) + little(36 + dataSize, 4) + Array("WAVEfmt ".utf8) + little(16, 4)
        bytes += little(1, 2) + little(1, 2) + little(UInt32(Self.sampleRate), 4) + little(UInt32(Self.sampleRate * 2), 4)
        bytes += little(2, 2) + little(16, 2) + Array("data".utf8) + little(dataSize, 4)
        bytes.reserveCapacity(bytes.count + samples.count * 2)
        for sample in samples { bytes += little(UInt32(UInt16(bitPattern: sample)), 2) }
        return bytes
    }
}
