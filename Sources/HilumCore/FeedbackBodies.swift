/// The referring clinician's rating of a report and an optional question or
/// comment sealed to its author.
public struct FeedbackBody: EventBody {
    public static let kind = EventKind.feedback

    public var report: EventID
    /// 1 (poor) to 5 (excellent), or nil for a question without a rating.
    public var rating: UInt8?
    public var isQuestion: Bool
    public var sealed: Sealed?

    public init(report: EventID, rating: UInt8?, isQuestion: Bool, sealed: Sealed?) {
        self.report = report
        self.rating = rating
        self.isQuestion = isQuestion
        self.sealed = sealed
    }

    public func encodeFields(to writer: inout ByteWriter) {
        writer.writeFixed(report)
        writer.write(rating ?? 0)
        writer.write(isQuestion)
        writer.write(sealed != nil)
        sealed?.encode(to: &writer)
    }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        report = try reader.readKey("feedback.report")
        let rawRating = try reader.readUInt8("feedback.rating")
        rating = rawRating == 0 ? nil : rawRating
        isQuestion = try reader.readBool("feedback.isQuestion")
        sealed = try reader.readBool("feedback.sealed") ? try Sealed(decoding: &reader, field: "feedback.sealed") : nil
    }

    public func validate() throws(DecodeError) {
        if let rating { try FieldRules.check((1...5).contains(rating), "feedback.rating", "\(rating) is outside 1 to 5") }
        try FieldRules.check(rating != nil || sealed != nil, "feedback", "needs a rating, a message or both")
        try FieldRules.check(!isQuestion || sealed != nil, "feedback.sealed", "a question needs its sealed text")
    }
}

/// The radiologist's reply to feedback, optionally pointing at an addendum.
public struct ReplyBody: EventBody {
    public static let kind = EventKind.reply

    public var feedback: EventID
    public var addendum: EventID?
    public var sealed: Sealed

    public init(feedback: EventID, addendum: EventID?, sealed: Sealed) {
        self.feedback = feedback
        self.addendum = addendum
        self.sealed = sealed
    }

    public func encodeFields(to writer: inout ByteWriter) {
        writer.writeFixed(feedback)
        writer.write(addendum)
        sealed.encode(to: &writer)
    }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        feedback = try reader.readKey("reply.feedback")
        addendum = try reader.readOptionalKey("reply.addendum")
        sealed = try Sealed(decoding: &reader, field: "reply.sealed")
    }
}

/// RADPEER clinical significance of a discrepancy (scores 2 to 4 only).
public enum Significance: UInt8, Sendable, CaseIterable {
    case none = 0
    case unlikely = 1
    case likely = 2

    /// The RADPEER letter: "a" (unlikely to be significant) or "b" (likely).
    public var letter: String {
        switch self {
        case .none: ""
        case .unlikely: "a"
        case .likely: "b"
        }
    }
}

/// A RADPEER-style peer review: score 1 (concur) to 4 (should be made almost
/// every time), with a/b significance for 2 to 4. The score is public; the
/// optional comment is sealed to the report's author.
public struct PeerReviewBody: EventBody {
    public static let kind = EventKind.peerReview

    public var report: EventID
    public var score: UInt8
    public var significance: Significance
    public var sealed: Sealed?

    public init(report: EventID, score: UInt8, significance: Significance, sealed: Sealed?) {
        self.report = report
        self.score = score
        self.significance = significance
        self.sealed = sealed
    }

    public func encodeFields(to writer: inout ByteWriter) {
        writer.writeFixed(report)
        writer.write(score)
        writer.write(significance.rawValue)
        writer.write(sealed != nil)
        sealed?.encode(to: &writer)
    }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        report = try reader.readKey("peerReview.report")
        score = try reader.readUInt8("peerReview.score")
        significance = try reader.readEnum(Significance.self, "peerReview.significance")
        sealed = try reader.readBool("peerReview.sealed") ? try Sealed(decoding: &reader, field: "peerReview.sealed") : nil
    }

    public func validate() throws(DecodeError) {
        try FieldRules.check((1...4).contains(score), "peerReview.score", "\(score) is outside 1 to 4")
        try FieldRules.check((score == 1) == (significance == .none), "peerReview.significance",
                             score == 1 ? "score 1 takes no a/b significance" : "scores 2 to 4 need significance a or b")
    }
}

public enum AILabelValue: UInt8, Sendable, CaseIterable {
    case truePositive = 1
    case falsePositive = 2
    case falseNegative = 3

    public var name: String {
        switch self {
        case .truePositive: "true-positive"
        case .falsePositive: "false-positive"
        case .falseNegative: "false-negative"
        }
    }
}

/// A radiologist's judgement of an AI finding on a posting, or of a finding
/// the AI missed; a peer reviewer may confirm or dispute an earlier label.
public struct AILabelBody: EventBody {
    public static let kind = EventKind.aiLabel

    public var posting: EventID
    public var findingCode: String
    public var label: AILabelValue
    /// The label this one confirms (`agrees` true) or disputes.
    public var reviewOf: EventID?
    public var agrees: Bool

    public init(posting: EventID, findingCode: String, label: AILabelValue, reviewOf: EventID? = nil, agrees: Bool = true) {
        self.posting = posting
        self.findingCode = findingCode
        self.label = label
        self.reviewOf = reviewOf
        self.agrees = agrees
    }

    public func encodeFields(to writer: inout ByteWriter) {
        writer.writeFixed(posting)
        writer.write(findingCode)
        writer.write(label.rawValue)
        writer.write(reviewOf)
        writer.write(agrees)
    }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        posting = try reader.readKey("aiLabel.posting")
        findingCode = try reader.readString("aiLabel.findingCode", maxLength: 32)
        label = try reader.readEnum(AILabelValue.self, "aiLabel.label")
        reviewOf = try reader.readOptionalKey("aiLabel.reviewOf")
        agrees = try reader.readBool("aiLabel.agrees")
    }

    public func validate() throws(DecodeError) {
        try FieldRules.code(findingCode, "aiLabel.findingCode")
        try FieldRules.check(reviewOf != nil || agrees, "aiLabel.agrees", "only a review of another label can disagree")
    }
}
