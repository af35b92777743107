/// Speech samples as the decoder takes them: 16 kHz, mono, signed 16-bit.
public struct PCMAudio: Sendable, Equatable {
    public static let sampleRate = 16_000

    public var samples: [Int16]

    public init(samples: [Int16]) {
        self.samples = samples
    }

    public var durationSeconds: Double { Double(samples.count) / Double(Self.sampleRate) }
}
