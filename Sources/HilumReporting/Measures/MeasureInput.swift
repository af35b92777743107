/// The facts a measure reads about one signed report: the study's modality and
/// region, the patient's age and facts, the filled fields, the report text
/// and its follow-up recommendations.
public struct MeasureInput: Sendable {
    public var modality: String
    public var bodyRegion: String
    public var patientAge: Int?
    public var facts: Set<PatientFact>
    public var fields: [String: FieldValue]
    public var text: String
    public var recommendations: [FollowUpRecommendation]

    public init(modality: String, bodyRegion: String, patientAge: Int?, facts: Set<PatientFact> = [], fields: [String: FieldValue] = [:],
                text: String, recommendations: [FollowUpRecommendation] = []) {
        self.modality = modality.uppercased()
        self.bodyRegion = bodyRegion.uppercased()
        self.patientAge = patientAge
        self.facts = facts
        self.fields = fields
        self.text = text
        self.recommendations = recommendations
    }

    /// Reads a report payload: its structured fields (when it was filled
    /// from a template), text and recommendations.
    public init(payload: ReportPayload, modality: String, bodyRegion: String, patient: FleischnerRecommender.Patient) {
        var fields: [String: FieldValue] = [:]
        for entry in payload.document?.fields ?? [] { fields[entry.id] = entry.value }
        var facts: Set<PatientFact> = []
        if patient.knownCancer { facts.insert(.knownCancer) }
        if patient.immunocompromised { facts.insert(.immunocompromised) }
        if patient.screening { facts.insert(.lungCancerScreening) }
        self.init(modality: modality, bodyRegion: bodyRegion, patientAge: patient.age, facts: facts, fields: fields,
                  text: payload.text, recommendations: payload.recommendations)
    }
}

/// The study facts a measure needs besides the report: the posting's
/// modality and region, and the patient facts known at signing.
public struct MeasureStudy: Sendable {
    public var modality: String
    public var bodyRegion: String
    public var patient: FleischnerRecommender.Patient

    public init(modality: String, bodyRegion: String, patient: FleischnerRecommender.Patient) {
        self.modality = modality
        self.bodyRegion = bodyRegion
        self.patient = patient
    }
}
