import Foundation

/// Turns the pulmonary-nodule fields of a filled CT chest template into a
/// Fleischner 2017 follow-up recommendation. Field ids are those of the
/// built-in CT chest template; a template without them has no nodule input.
public enum FleischnerRecommender {
    public static let guidelineCode = "FLEISCHNER-2017"

    /// Field ids the recommender reads.
    public enum FieldID {
        public static let multiplicity = "ct_chest_nodule_multiplicity"
        public static let composition = "ct_chest_nodule_composition"
        public static let longAxis = "ct_chest_nodule_long_axis"
        public static let shortAxis = "ct_chest_nodule_short_axis"
        public static let location = "ct_chest_nodule_location"
        public static let risk = "ct_chest_nodule_risk"
        public static let recommendation = "ct_chest_recommendation"
    }

    /// Patient facts, from the history summary where it has them.
    public struct Patient: Sendable, Equatable {
        public var age: Int?
        /// Used when the template's risk field is empty.
        public var risk: Fleischner.Risk?
        public var screening: Bool
        public var immunocompromised: Bool
        public var knownCancer: Bool

        public init(age: Int?, risk: Fleischner.Risk? = nil, screening: Bool = false, immunocompromised: Bool = false,
                    knownCancer: Bool = false) {
            self.age = age
            self.risk = risk
            self.screening = screening
            self.immunocompromised = immunocompromised
            self.knownCancer = knownCancer
        }
    }

    public enum Outcome: Sendable, Equatable {
        /// The template has no nodule fields, or "Number of nodules" is none.
        case noNodule
        /// Inputs the table needs are missing, by name.
        case incomplete(missing: [String])
        case notApplicable(reason: String, instead: String)
        case recommendation(FollowUpRecommendation)
    }

    /// Evaluates the nodule fields of `filled` for a report signed at `signedAt`.
    public static func recommend(_ filled: FilledTemplate, patient: Patient, signedAt: Date) -> Outcome {
        guard filled.template.field(FieldID.longAxis) != nil,
              case .choice(let count)? = filled.value(for: FieldID.multiplicity), count != "none" else { return .noNodule }
        var missing: [String] = []
        let composition: Fleischner.Composition?
        if case .choice(let value)? = filled.value(for: FieldID.composition) {
            composition = Fleischner.Composition(rawValue: value)
        } else {
            composition = nil
        }
        if composition == nil { missing.append("nodule composition (\(FieldID.composition))") }
        var longAxis: Double?
        if case .number(let value)? = filled.value(for: FieldID.longAxis) { longAxis = value }
        if longAxis == nil { missing.append("long axis (\(FieldID.longAxis))") }
        var shortAxis = longAxis
        if case .number(let value)? = filled.value(for: FieldID.shortAxis) { shortAxis = value }
        var risk = patient.risk
        if case .choice(let value)? = filled.value(for: FieldID.risk) { risk = Fleischner.Risk(rawValue: value) }
        if risk == nil { missing.append("patient risk (\(FieldID.risk), or the history)") }
        if patient.age == nil { missing.append("patient age (from the grant's history, or given)") }
        guard let composition, let longAxis, let shortAxis, let risk, let age = patient.age else {
            return .incomplete(missing: missing)
        }

        let nodule = Fleischner.Case(composition: composition, multiple: count == "multiple", longAxisMillimetres: longAxis,
                                     shortAxisMillimetres: shortAxis, risk: risk, age: age, screening: patient.screening,
                                     immunocompromised: patient.immunocompromised, knownCancer: patient.knownCancer)
        switch Fleischner.evaluate(nodule) {
        case .notApplicable(let reason, let instead):
            return .notApplicable(reason: reason, instead: instead)
        case .recommendation(let row):
            let finding = findingText(nodule, location: filled.value(for: FieldID.location), filled: filled)
            let text = "\(finding): \(row.text) (\(Fleischner.guideline), \(risk.rawValue) risk.)"
            guard let months = row.firstCTMonths else {
                return .recommendation(FollowUpRecommendation(
                    finding: finding, guideline: "Fleischner Society", guidelineVersion: "2017", guidelineCode: guidelineCode,
                    isFollowUpIndicated: false, modality: nil, intervalDays: nil, dueDate: nil, urgency: .routine, text: text))
            }
            let due = dueDate(from: signedAt, months: months.lowerBound)
            return .recommendation(FollowUpRecommendation(
                finding: finding, guideline: "Fleischner Society", guidelineVersion: "2017", guidelineCode: guidelineCode,
                modality: "CT", intervalDays: due.days, dueDate: due.date,
                urgency: months.lowerBound <= 3 ? .soon : .routine, text: text + " Due \(due.date)."))
        }
    }

    /// Returns the signing day plus `months` calendar months (UTC), as a date and as whole days.
    static func dueDate(from signedAt: Date, months: Int) -> (date: String, days: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.startOfDay(for: signedAt)
        let due = calendar.date(byAdding: .month, value: months, to: start)!
        let days = calendar.dateComponents([.day], from: start, to: due).day!
        let parts = calendar.dateComponents([.year, .month, .day], from: due)
        let date = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        return (date, days)
    }

    private static func findingText(_ nodule: Fleischner.Case, location: FieldValue?, filled: FilledTemplate) -> String {
        let kind: String
        switch nodule.composition {
        case .solid: kind = "solid"
        case .partSolid: kind = "part-solid"
        case .groundGlass: kind = "ground-glass"
        }
        var text = (nodule.multiple ? "Multiple \(kind) nodules, largest " : "\(kind.prefix(1).uppercased() + kind.dropFirst()) nodule, ")
            + "\(nodule.sizeMillimetres) mm"
        if let location, let field = filled.template.field(FieldID.location), !location.isEmpty {
            text += ", " + ReportRenderer.display(location, for: field).lowercased()
        }
        return text
    }
}
