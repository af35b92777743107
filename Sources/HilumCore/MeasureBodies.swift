/// A report's result on one quality measure. For an inverse measure the
/// numerator is the outcome to avoid, as in the measure's own specification.
public enum MeasureResult: UInt8, Sendable, CaseIterable {
    /// In the denominator and in the numerator ("performance met").
    case numerator = 1
    /// In the denominator, not in the numerator ("performance not met").
    case notNumerator = 2
    /// In the initial population but removed by a denominator exclusion or exception.
    case excluded = 3

    public var name: String {
        switch self {
        case .numerator: "numerator"
        case .notNumerator: "not-numerator"
        case .excluded: "excluded"
        }
    }
}

/// One measure's result for a report.
public struct MeasureOutcome: Sendable, Equatable {
    /// The measure's code, e.g. "MIPS-364".
    public var measure: String
    public var result: MeasureResult

    public init(measure: String, result: MeasureResult) {
        self.measure = measure
        self.result = result
    }
}

/// The report's author publishes, with the report, its result on each
/// quality measure that applies to it, computed from the structured report
/// data at signing. Only measure codes and results are clear; the report
/// itself stays sealed, so its readers can check the results against it.
public struct MeasureOutcomesBody: EventBody {
    public static let kind = EventKind.measureOutcomes
    public static let maxOutcomes = 16

    public var report: EventID
    public var outcomes: [MeasureOutcome]

    public init(report: EventID, outcomes: [MeasureOutcome]) {
        self.report = report
        self.outcomes = outcomes
    }

    public func encodeFields(to writer: inout ByteWriter) {
        writer.writeFixed(report)
        writer.write(UInt8(outcomes.count))
        for outcome in outcomes {
            writer.write(outcome.measure)
            writer.write(outcome.result.rawValue)
        }
    }

    public init(decodingFields reader: inout ByteReader) throws(DecodeError) {
        report = try reader.readKey("measureOutcomes.report")
        let count = Int(try reader.readUInt8("measureOutcomes.outcomes"))
        guard count <= Self.maxOutcomes else {
            throw .tooLong(field: "measureOutcomes.outcomes", length: count, maximum: Self.maxOutcomes)
        }
        outcomes = []
        for _ in 0..<count {
            let measure = try reader.readString("measureOutcomes.measure", maxLength: 32)
            outcomes.append(MeasureOutcome(measure: measure, result: try reader.readEnum(MeasureResult.self, "measureOutcomes.result")))
        }
    }

    public func validate() throws(DecodeError) {
        try FieldRules.check(!outcomes.isEmpty && outcomes.count <= Self.maxOutcomes, "measureOutcomes.outcomes",
                             "must hold 1 to \(Self.maxOutcomes) measures, not \(outcomes.count)")
        for outcome in outcomes { try FieldRules.code(outcome.measure, "measureOutcomes.measure") }
        let codes = outcomes.map(\.measure)
        try FieldRules.check(Set(codes).count == codes.count, "measureOutcomes.outcomes", "names one measure twice")
    }
}
