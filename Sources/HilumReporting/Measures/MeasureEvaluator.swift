import Foundation
import HilumCore

/// One report's result on one measure, with the reason in words.
public struct MeasureEvaluation: Sendable, Equatable {
    public let measure: String
    public let result: MeasureResult
    public let reason: String

    public init(measure: String, result: MeasureResult, reason: String) {
        self.measure = measure
        self.result = result
        self.reason = reason
    }
}

/// Applies `QualityMeasure` definitions to a report.
public enum MeasureEvaluator {
    /// Returns the evaluation of every measure whose initial population
    /// contains the report; measures that do not apply are left out. A report
    /// whose patient age is unknown is outside every measure, since each
    /// has an age criterion.
    public static func evaluate(_ input: MeasureInput, measures: [QualityMeasure] = QualityMeasures.all) -> [MeasureEvaluation] {
        measures.compactMap { evaluate(input, $0) }
    }

    public static func evaluate(_ input: MeasureInput, _ measure: QualityMeasure) -> MeasureEvaluation? {
        guard measure.modalities.contains(input.modality) else { return nil }
        if let regions = measure.bodyRegions, !regions.contains(input.bodyRegion) { return nil }
        guard let age = input.patientAge, age >= measure.minimumAge else { return nil }
        guard holds(measure.trigger, input) else { return nil }
        if let exclusion = measure.exclusion, holds(exclusion, input) {
            return MeasureEvaluation(measure: measure.code, result: .excluded, reason: measure.exclusionsText)
        }
        if holds(measure.numerator, input) {
            return MeasureEvaluation(measure: measure.code, result: .numerator, reason: "does " + measure.numeratorText)
        }
        return MeasureEvaluation(measure: measure.code, result: .notNumerator, reason: "does not " + measure.numeratorText)
    }

    static func holds(_ condition: MeasureCondition, _ input: MeasureInput) -> Bool {
        switch condition {
        case .always:
            return true
        case .choice(let field, let values):
            if case .choice(let value)? = input.fields[field] { return values.contains(value) }
            return false
        case .number(let field, let range):
            if case .number(let value)? = input.fields[field] { return range.contains(value) }
            return false
        case .all(let conditions):
            return conditions.allSatisfy { holds($0, input) }
        case .any(let conditions):
            return conditions.contains { holds($0, input) }
        case .not(let inner):
            return !holds(inner, input)
        case .patient(let fact):
            return input.facts.contains(fact)
        case .phrase(let phrases):
            return contains(input.text, phrases)
        case .sizeNear(let subjects, let range):
            return sentences(of: input.text).contains { sentence in
                guard contains(sentence, subjects), let size = largestSize(in: sentence) else { return false }
                return range.contains(size)
            }
        case .guidelineRecommendation:
            return input.recommendations.contains { recommendation in
                let named = recommendation.guideline != nil || recommendation.guidelineCode != nil
                let complete = !recommendation.isFollowUpIndicated || (recommendation.modality != nil && recommendation.intervalDays != nil)
                return named && complete
            }
        case .noFollowUpStatement(let phrases):
            return input.recommendations.contains { !$0.isFollowUpIndicated } || contains(input.text, phrases)
        case .followUpImaging(let subjects):
            return input.recommendations.contains { recommendation in
                recommendation.isFollowUpIndicated && recommendation.modality != nil
                    && (subjects.isEmpty || contains(recommendation.finding + " " + recommendation.text, subjects))
            }
        }
    }

    static func contains(_ text: String, _ phrases: [String]) -> Bool {
        let lowered = text.lowercased()
        return phrases.contains { lowered.contains($0.lowercased()) }
    }

    /// Splits text at line ends and at a full stop followed by a space, so "0.6 cm" stays whole.
    static func sentences(of text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).flatMap { $0.components(separatedBy: ". ") }
    }

    /// Returns the largest size in a sentence, in millimetres: a number followed by "mm" or "cm".
    static func largestSize(in sentence: String) -> Double? {
        let pattern = try! NSRegularExpression(pattern: #"(\d+(?:\.\d+)?)\s*(mm|cm)\b"#, options: [.caseInsensitive])
        let range = NSRange(sentence.startIndex..., in: sentence)
        var largest: Double?
        for match in pattern.matches(in: sentence, range: range) {
            guard let numberRange = Range(match.range(at: 1), in: sentence), let unitRange = Range(match.range(at: 2), in: sentence),
                  let number = Double(sentence[numberRange]) else { continue }
            let millimetres = sentence[unitRange].lowercased() == "cm" ? number * 10 : number
            largest = max(largest ?? millimetres, millimetres)
        }
        return largest
    }
}
