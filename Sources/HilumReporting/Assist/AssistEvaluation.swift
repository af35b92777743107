/// The outcome of evaluating a module for a set of answers.
public struct AssistEvaluation: Sendable, Equatable {
    /// Answers in force after relevance (irrelevant answers dropped, defaults
    /// filled in) and every computed value, by data element id.
    public var values: [String: AssistValue]
    /// Ids of data elements that are not relevant for these answers.
    public var irrelevantElements: Set<String>
    /// Relevant required elements that have no value, in display order.
    public var missingRequired: [String]
    /// End points reached, in rule order.
    public var endPoints: [String]
    /// Report text by section, in the order the end points produce them.
    public var sections: [Section]
    /// Answers that were ignored because their element is not relevant.
    public var notes: [String]

    public struct Section: Sendable, Equatable {
        public var id: String
        public var text: String

        public init(id: String, text: String) {
            self.id = id
            self.text = text
        }
    }

    /// All sections as plain text: each section's id on its own line,
    /// followed by its text.
    public var reportText: String {
        sections.map { "\($0.id)\n\($0.text)" }.joined(separator: "\n\n")
    }
}

/// One question of the form the editor shows for a module.
public struct AssistFormItem: Sendable, Equatable {
    public var id: String
    public var label: String
    public var hint: String?
    public var kind: AssistDataElement.Kind
    /// Choices that apply for the current answers.
    public var choices: [AssistChoice]
    public var minimum: Double?
    public var maximum: Double?
    public var unit: String?
    public var isRequired: Bool
    public var isRelevant: Bool
    public var value: AssistValue?
}
