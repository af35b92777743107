/// The effect of an utterance: a command, values for template fields, free
/// text, or nothing because it was rejected.
public enum VoiceOutcome: Sendable, Equatable {
    case command(VoiceCommand)
    case fills([StructuredFill])
    case text(String)
    /// Rejected: nothing matched, the match scored too far below a free
    /// phone loop to trust, or its words left much of the speech unmatched.
    /// The reason is shown to the user.
    case rejected(reason: String)
}

/// The outcome of one utterance with the decoder's figures.
public struct VoiceResult: Sendable, Equatable {
    public var outcome: VoiceOutcome
    public var recognition: Recognition
    /// Acoustic score per frame of the match minus that of the phone loop;
    /// near zero or positive for speech the grammar covers.
    public var scoreMargin: Double
    /// Milliseconds from the complete audio to this result: the grammar's
    /// decode and the phone loop's, run one after the other.
    public var decodeMilliseconds: Double

    public init(outcome: VoiceOutcome, recognition: Recognition, scoreMargin: Double, decodeMilliseconds: Double) {
        self.outcome = outcome
        self.recognition = recognition
        self.scoreMargin = scoreMargin
        self.decodeMilliseconds = decodeMilliseconds
    }
}
