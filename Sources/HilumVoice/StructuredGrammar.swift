import HilumReporting

/// A JSGF grammar generated from a report template, and the mapping from
/// recognised words back to field values.
///
/// Three kinds of sentence are accepted:
/// - a measured finding, for each section with a number field in mm or cm:
///   "there is a seven millimeter solid nodule in the right upper lobe"
///   fills the size, the descriptor pick list ("solid"), the location pick
///   list and, when the section has a single/multiple pick list, its number;
/// - a pick-list option said on its own ("right pleural effusion");
/// - a follow-up recommendation for the template's recommendation field:
///   "recommend follow up c t in twelve months".
public struct StructuredGrammar: Sendable {
    public let jsgf: String
    /// One sentence for every rule and option, for tests and the benchmark.
    public let examplePhrases: [String]
    private let findings: [FindingRule]
    private let statements: [String: StructuredFill]
    private let recommendationFieldID: String?

    /// Builds the grammar of `template`; `knows` reports whether the
    /// decoder's dictionary has a word. Options whose label has a word the
    /// dictionary lacks are left out.
    public init(template: ReportTemplate, knows: (String) -> Bool) {
        var findings: [FindingRule] = []
        var optionCounts: [String: Int] = [:]
        var statementFills: [String: StructuredFill] = [:]
        for field in template.allFields {
            var seen: Set<String> = []
            for option in field.options {
                guard let phrase = SpokenPhrase.speakable(option.label, knows: knows), seen.insert(phrase).inserted else { continue }
                optionCounts[phrase, default: 0] += 1
                statementFills[phrase] = StructuredFill(fieldID: field.id, value: Self.value(option.value, field: field))
            }
        }
        // A phrase that names options of two fields could mean either, so
        // it is only accepted inside a finding sentence.
        statements = statementFills.filter { optionCounts[$0.key] == 1 }

        var nouns: Set<String> = []
        for section in Self.flatten(template.sections) {
            if let rule = FindingRule(section: section, knows: knows), nouns.insert(rule.singular).inserted {
                findings.append(rule)
            }
        }
        self.findings = findings
        recommendationFieldID = template.allFields.first { field in
            (field.kind == .textarea || field.kind == .text) && field.name.lowercased().contains("recommend")
        }?.id

        var rules = ["#JSGF V1.0;", "grammar structured;"]
        var top = findings.indices.map { "<finding\($0)>" }
        if !statements.isEmpty { top.append("<statement>") }
        if recommendationFieldID != nil { top.append("<recommendation>") }
        rules.append("public <utterance> = " + (top.isEmpty ? "<VOID>" : top.joined(separator: " | ")) + ";")
        for (index, rule) in findings.enumerated() { rules += rule.jsgfRules(index: index) }
        if !statements.isEmpty {
            rules.append("<statement> = [there is | there are] [a | an] (" + statements.keys.sorted().joined(separator: " | ") + ");")
        }
        if recommendationFieldID != nil { rules += FollowUpPhrase.jsgfRules }
        jsgf = rules.joined(separator: "\n") + "\n"

        examplePhrases = findings.flatMap(\.examplePhrases) + statements.keys.sorted()
            + (recommendationFieldID == nil ? [] : FollowUpPhrase.examplePhrases)
    }

    /// The fields that recognised `text` fills; empty when the words fit no
    /// sentence of this grammar.
    public func fills(for text: String) -> [StructuredFill] {
        let words = text.split(separator: " ").map(String.init)
        if words.first == "recommend" {
            guard let fieldID = recommendationFieldID, let sentence = FollowUpPhrase.sentence(words) else { return [] }
            return [StructuredFill(fieldID: fieldID, value: .text(sentence))]
        }
        for rule in findings {
            if let fills = rule.fills(words) { return fills }
        }
        var body = ArraySlice(words)
        if body.starts(with: ["there", "is"]) || body.starts(with: ["there", "are"]) { body = body.dropFirst(2) }
        if body.first == "a" || body.first == "an" { body = body.dropFirst() }
        return statements[body.joined(separator: " ")].map { [$0] } ?? []
    }

    static func value(_ optionValue: String, field: TemplateField) -> FieldValue {
        if case .select(_, true) = field.kind { return .choices([optionValue]) }
        return .choice(optionValue)
    }

    private static func flatten(_ sections: [TemplateSection]) -> [TemplateSection] {
        sections.flatMap { [$0] + flatten($0.subsections) }
    }
}
