/// The input of the sign-time checks: the filled template, the structured
/// recommendations and the critical results that go with it.
public struct ReportCheckInput: Sendable {
    public var filled: FilledTemplate
    public var recommendations: [FollowUpRecommendation]
    public var criticalResults: [CriticalCommunication]

    public init(filled: FilledTemplate, recommendations: [FollowUpRecommendation] = [],
                criticalResults: [CriticalCommunication] = []) {
        self.filled = filled
        self.recommendations = recommendations
        self.criticalResults = criticalResults
    }

    /// The part of the report a filled field sits in, decided by its top-level section's name.
    public enum Part: Sendable, Equatable {
        /// Indication, history, comparison and technique: context, not findings.
        case context
        case findings
        case impression
        case recommendations
    }

    /// Filled fields with the report part they belong to, in template order.
    public var entries: [(part: Part, entry: ReportDocument.Entry)] {
        filled.document().fields.map { (Self.part(of: $0.section.first ?? ""), $0) }
    }

    /// Returns the displayed text of every filled field in `part`, one field per line.
    public func text(of part: Part) -> String {
        entries.filter { $0.part == part }.map(\.entry.display).joined(separator: "\n")
    }

    static func part(of sectionName: String) -> Part {
        let name = sectionName.lowercased()
        if name.contains("impression") || name.contains("conclusion") { return .impression }
        if name.contains("recommend") { return .recommendations }
        let contextWords = ["clinical", "indication", "history", "comparison", "technique", "procedure"]
        if contextWords.contains(where: name.contains) { return .context }
        return .findings
    }
}
