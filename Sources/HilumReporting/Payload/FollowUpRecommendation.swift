/// A structured follow-up recommendation of a report.
public struct FollowUpRecommendation: Codable, Sendable, Equatable {
    /// How soon the follow-up matters to the referring clinician.
    public enum Urgency: String, Codable, Sendable, CaseIterable {
        case routine, soon, urgent
    }

    /// The finding the recommendation is about, e.g. "Solid nodule, 7 mm, right upper lobe".
    public var finding: String
    /// The guideline followed, e.g. "Fleischner Society", or nil for expert opinion.
    public var guideline: String?
    public var guidelineVersion: String?
    /// The ledger's code for the guideline (A-Z, 0-9, '-'), e.g. "FLEISCHNER-2017".
    public var guidelineCode: String?
    /// False for a statement that no follow-up is needed, such as
    /// Fleischner's "No routine follow-up."
    public var isFollowUpIndicated: Bool
    /// DICOM modality of the recommended study, e.g. "CT"; nil when none is indicated.
    public var modality: String?
    /// Days from signing to the due date; nil when no follow-up is indicated.
    public var intervalDays: Int?
    /// Due date (YYYY-MM-DD, UTC): signing time plus the interval.
    public var dueDate: String?
    public var urgency: Urgency
    /// The recommendation as the report states it.
    public var text: String

    public init(finding: String, guideline: String? = nil, guidelineVersion: String? = nil, guidelineCode: String? = nil,
                isFollowUpIndicated: Bool = true, modality: String?, intervalDays: Int?, dueDate: String?, urgency: Urgency, text: String) {
        self.finding = finding
        self.guideline = guideline
        self.guidelineVersion = guidelineVersion
        self.guidelineCode = guidelineCode
        self.isFollowUpIndicated = isFollowUpIndicated
        self.modality = modality
        self.intervalDays = intervalDays
        self.dueDate = dueDate
        self.urgency = urgency
        self.text = text
    }
}
