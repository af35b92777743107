/// One rule run on a report before signing: an id the radiologist can name
/// in an override, a severity, a summary for help text, and the rule.
public struct ReportCheck: Sendable {
    public enum Severity: String, Sendable, Codable {
        /// The report cannot be signed until the problem is fixed.
        case block
        /// The report can be signed once the radiologist overrides the warning with a reason.
        case warn
    }

    public let id: String
    public let severity: Severity
    public let summary: String
    /// Returns one message per problem found, or none.
    public let evaluate: @Sendable (ReportCheckInput) -> [String]

    public init(id: String, severity: Severity, summary: String, evaluate: @escaping @Sendable (ReportCheckInput) -> [String]) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.evaluate = evaluate
    }
}

/// A problem one check found.
public struct ReportCheckFinding: Sendable, Equatable {
    public let checkID: String
    public let severity: ReportCheck.Severity
    public let message: String

    public init(checkID: String, severity: ReportCheck.Severity, message: String) {
        self.checkID = checkID
        self.severity = severity
        self.message = message
    }
}
