/// A registry quality measure written as data: who is in the denominator,
/// what puts a report in the numerator, what excludes it, and where the
/// definition comes from. `MeasureEvaluator` applies it to one report.
public struct QualityMeasure: Sendable {
    /// The ledger's code, e.g. "MIPS-364".
    public let code: String
    public let title: String
    /// The specification this definition follows, and how Hilum reads what it needs.
    public let source: String
    /// The specification in a few words, for places with little room.
    public let citation: String
    /// The reports counted, ending with a comma: "final CT reports, patients aged 18 or older,".
    public let denominatorText: String
    /// The action the counted reports must show, as a verb phrase: "document at least one ...".
    public let numeratorText: String
    public let exclusionsText: String
    /// True when the numerator is the outcome to avoid, so a lower rate is better.
    public let inverse: Bool
    /// DICOM modalities in the initial population.
    public let modalities: Set<String>
    /// Posting body regions in the initial population; nil for any region.
    public let bodyRegions: Set<String>?
    public let minimumAge: Int
    /// The finding that puts a report of the right kind in the denominator.
    public let trigger: MeasureCondition
    public let exclusion: MeasureCondition?
    public let numerator: MeasureCondition
}

/// A patient fact that a measure's exclusions read, from the history
/// summary the client handed over or from what the radiologist states.
public enum PatientFact: String, Sendable, CaseIterable {
    case knownCancer = "known-cancer"
    case immunocompromised
    case lungCancerScreening = "lung-cancer-screening"
}

/// A test on one report's structured data, text and recommendations.
public indirect enum MeasureCondition: Sendable {
    case always
    /// A single-choice field contains one of the option values.
    case choice(field: String, in: Set<String>)
    /// A number field's value lies in the range (in the field's unit).
    case number(field: String, in: ClosedRange<Double>)
    case all([MeasureCondition])
    case any([MeasureCondition])
    case not(MeasureCondition)
    case patient(PatientFact)
    /// The report text contains one of the phrases, ignoring case.
    case phrase([String])
    /// A sentence of the report text that names one of the subjects also
    /// gives a size (mm or cm) whose largest value lies in the range, in millimetres.
    case sizeNear(subjects: [String], millimetres: ClosedRange<Double>)
    /// A recommendation names its guideline and gives a modality and an
    /// interval, or states that no follow-up is needed.
    case guidelineRecommendation
    /// A recommendation states that no follow-up is needed, or the text
    /// contains one of the phrases that say so.
    case noFollowUpStatement(phrases: [String])
    /// A recommendation indicates follow-up imaging, optionally only one
    /// whose finding or text names one of the subjects.
    case followUpImaging(subjects: [String])
}
