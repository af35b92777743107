/// What a decoder made of one utterance.
public struct Recognition: Sendable, Equatable {
    /// The recognised words, lowercase, separated by single spaces; empty
    /// when nothing matched.
    public var text: String
    /// Total path score (log base 1.0001, as PocketSphinx reports it).
    public var score: Int32
    /// Acoustic score per 10 ms frame, for comparison with a phone loop.
    public var acousticScorePerFrame: Double
    public var frames: Int
    /// Milliseconds from the end of the audio to the hypothesis (what a
    /// speaker waits after stopping), and for the whole utterance.
    public var latencyMilliseconds: Double
    public var totalMilliseconds: Double

    public init(text: String, score: Int32 = 0, acousticScorePerFrame: Double = 0, frames: Int = 0, latencyMilliseconds: Double = 0,
                totalMilliseconds: Double = 0) {
        self.text = text
        self.score = score
        self.acousticScorePerFrame = acousticScorePerFrame
        self.frames = frames
        self.latencyMilliseconds = latencyMilliseconds
        self.totalMilliseconds = totalMilliseconds
    }

    public var words: [String] { text.split(separator: " ").map(String.init) }
}
