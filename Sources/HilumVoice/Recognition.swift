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
    /// The best path word by word, silences and fillers included, as the
    /// decoder aligned it to the audio.
    public var segments: [Segment]

    public init(text: String, score: Int32 = 0, acousticScorePerFrame: Double = 0, frames: Int = 0, latencyMilliseconds: Double = 0,
                totalMilliseconds: Double = 0, segments: [Segment] = []) {
        self.text = text
        self.score = score
        self.acousticScorePerFrame = acousticScorePerFrame
        self.frames = frames
        self.latencyMilliseconds = latencyMilliseconds
        self.totalMilliseconds = totalMilliseconds
        self.segments = segments
    }

    public var words: [String] { text.split(separator: " ").map(String.init) }

    /// One word (a phone for the phone loop) of the best path.
    public struct Segment: Sendable, Equatable {
        /// The dictionary word as the decoder reports it: "accept", "a(2)",
        /// "<sil>", "[NOISE]", or a phone such as "AH" for the phone loop.
        public var word: String
        /// First and last 10 ms frame, both inclusive.
        public var firstFrame: Int
        public var lastFrame: Int
        /// Acoustic score of the segment (log base 1.0001).
        public var acousticScore: Int32

        public init(word: String, firstFrame: Int, lastFrame: Int, acousticScore: Int32) {
            self.word = word
            self.firstFrame = firstFrame
            self.lastFrame = lastFrame
            self.acousticScore = acousticScore
        }

        public var frameCount: Int { lastFrame - firstFrame + 1 }
    }
}
