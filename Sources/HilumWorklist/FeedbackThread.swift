import HilumCore

/// A referring clinician's question or rating on one of this radiologist's
/// reports, with the report it concerns and the replies so far. The message,
/// the report excerpt and the replies are decrypted into this value only;
/// the worklist drops it when it locks.
public struct FeedbackThread: Sendable, Equatable {
    public struct Reply: Sendable, Equatable {
        public let id: EventID
        public let at: Int64
        /// The decrypted reply, or a note saying why it cannot be read.
        public let text: String
        /// The addendum the reply points to, if any.
        public let addendumID: EventID?
    }

    /// The feedback event's id.
    public let id: EventID
    public let reportID: EventID
    public let caseID: EventID
    public let clinicianName: String
    public let modality: String
    public let region: String
    public let procedure: String
    public let isQuestion: Bool
    /// 1 (poor) to 5 (excellent), nil for a question without a rating.
    public let rating: Int?
    /// The ledger's time for the feedback event (as deadlines judge it), in milliseconds.
    public let givenAt: Int64
    /// The clinician's decrypted question or comment; nil when the feedback is a bare rating.
    public let message: String?
    public let reportSignedAt: Int64
    /// The report's impression, else the start of its text.
    public let reportExcerpt: String
    public let replies: [Reply]
    /// Problems opening or reading the thread, in plain words.
    public let notes: [String]

    public var isAnswered: Bool { !replies.isEmpty }

    /// A question without a reply yet.
    public var awaitsReply: Bool { isQuestion && replies.isEmpty }

    /// Returns whether the question has waited for a reply longer than `limit` milliseconds at `now`.
    public func isOverdue(now: Int64, limit: Int64) -> Bool {
        awaitsReply && now - givenAt > limit
    }

    /// Unanswered questions first, then the rest; newest first within each group.
    public static func inDisplayOrder(_ threads: [FeedbackThread]) -> [FeedbackThread] {
        threads.sorted { lhs, rhs in
            if lhs.awaitsReply != rhs.awaitsReply { return lhs.awaitsReply }
            if lhs.givenAt != rhs.givenAt { return lhs.givenAt > rhs.givenAt }
            return lhs.id.hex < rhs.id.hex
        }
    }
}
