/// A condition of an ACR Assist module: on a branch, a conditional
/// property or a report-text branch.
public indirect enum AssistCondition: Sendable, Equatable {
    public enum Comparison: String, Sendable {
        case equal = "EqualCondition"
        case notEqual = "NotEqualCondition"
        case greaterThan = "GreaterThanCondition"
        case greaterThanOrEquals = "GreaterThanOrEqualsCondition"
        case lessThan = "LessThanCondition"
        case lessThanOrEquals = "LessThanOrEqualsCondition"
    }

    case compare(Comparison, elementID: String, value: String)
    case between(elementID: String, minimum: Double, maximum: Double)
    case contains(elementID: String, value: String)
    case and([AssistCondition])
    case or([AssistCondition])
    case not(AssistCondition)
    /// `SectionIf`: the element has a value.
    case hasValue(elementID: String)
    /// `SectionIfNot`: the element has no value.
    case hasNoValue(elementID: String)

    /// Evaluates the condition. Like the ACR's own simulator, comparisons on
    /// an element without a value are false (NotEqual included), and choice
    /// values compare without regard to case.
    func holds(in values: [String: AssistValue]) -> Bool {
        switch self {
        case .compare(let comparison, let id, let expected):
            guard let value = values[id], !value.isEmpty else { return false }
            return Self.compare(comparison, value, expected)
        case .between(let id, let minimum, let maximum):
            guard let number = values[id]?.number else { return false }
            return minimum <= number && number <= maximum
        case .contains(let id, let expected):
            guard let value = values[id] else { return false }
            return value.textValues.contains { $0.caseInsensitiveCompare(expected) == .orderedSame }
        case .and(let conditions):
            return conditions.allSatisfy { $0.holds(in: values) }
        case .or(let conditions):
            return conditions.contains { $0.holds(in: values) }
        case .not(let condition):
            return !condition.holds(in: values)
        case .hasValue(let id):
            return !(values[id]?.isEmpty ?? true)
        case .hasNoValue(let id):
            return values[id]?.isEmpty ?? true
        }
    }

    private static func compare(_ comparison: Comparison, _ value: AssistValue, _ expected: String) -> Bool {
        let expectedNumber = Double(expected.trimmingCharacters(in: .whitespaces))
        switch comparison {
        case .equal, .notEqual:
            let matches: Bool
            if let number = value.number, let expectedNumber {
                matches = number == expectedNumber
            } else {
                matches = value.textValues.contains { $0.caseInsensitiveCompare(expected) == .orderedSame }
            }
            return comparison == .equal ? matches : !matches
        case .greaterThan, .greaterThanOrEquals, .lessThan, .lessThanOrEquals:
            guard let number = value.number, let expectedNumber else { return false }
            switch comparison {
            case .greaterThan: return number > expectedNumber
            case .greaterThanOrEquals: return number >= expectedNumber
            case .lessThan: return number < expectedNumber
            default: return number <= expectedNumber
            }
        }
    }
}

/// An answer or a computed value of a data element.
public enum AssistValue: Sendable, Equatable {
    case number(Double)
    case choice(String)
    case choices([String])
    case text(String)

    var number: Double? {
        switch self {
        case .number(let number): number
        case .text(let text), .choice(let text): Double(text.trimmingCharacters(in: .whitespaces))
        case .choices: nil
        }
    }

    var textValues: [String] {
        switch self {
        case .number(let number): [ReportRenderer.format(number)]
        case .choice(let text), .text(let text): [text]
        case .choices(let values): values
        }
    }

    var isEmpty: Bool {
        switch self {
        case .number: false
        case .choice(let text), .text(let text): text.isEmpty
        case .choices(let values): values.isEmpty
        }
    }
}
