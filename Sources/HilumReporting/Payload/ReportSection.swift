/// A top-level section of a signed report: its name, the template's codes
/// for it (a LOINC section code where the template has one) and its text.
public struct ReportSection: Codable, Sendable, Equatable {
    public var name: String
    public var codes: [TemplateCode]
    /// One line per filled field, "Label: value" as the report shows it.
    public var lines: [String]

    public init(name: String, codes: [TemplateCode], lines: [String]) {
        self.name = name
        self.codes = codes
        self.lines = lines
    }

    public var text: String { lines.joined(separator: "\n") }

    /// The section's LOINC code, if the template gives one.
    public var loincCode: TemplateCode? {
        codes.first { $0.scheme.uppercased() == "LOINC" || $0.scheme == "2.16.840.1.113883.6.1" }
    }

    /// Returns the filled top-level sections of `filled`, leaving out empty ones.
    public static func sections(of filled: FilledTemplate) -> [ReportSection] {
        filled.template.sections.compactMap { section in
            let lines = ReportRenderer().render(section: section, filled: filled)
            return lines.isEmpty ? nil : ReportSection(name: section.name, codes: section.codes, lines: lines)
        }
    }
}
