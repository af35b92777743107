/// An ACR Assist ("CARDS") decision-support module: metadata, the data
/// elements the radiologist answers or the module computes, decision-point
/// rules and the end points with their report text.
public struct AssistModule: Sendable {
    public var metadata: Metadata
    /// Data elements in document order; the form orders them by `displaySequence`.
    public var dataElements: [AssistDataElement]
    public var rules: [AssistDecisionPoint]
    public var endPoints: [String: AssistEndPoint]
    /// Reusable report text inserted by `InsertPartialTemplate`, by id.
    public var templatePartials: [String: [AssistReportBranch]]
    /// Elements the loader did not know and skipped, with their lines.
    public var notes: [String]

    public struct Metadata: Sendable, Equatable {
        public var id: String
        public var label: String
        public var schemaVersion: String?
        public var moduleVersion: String?
        public var description: String?
        public var citation: String?
    }

    public func dataElement(_ id: String) -> AssistDataElement? {
        dataElements.first { $0.id == id }
    }
}

/// One data element of a module.
public struct AssistDataElement: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case integer(minimum: Double?, maximum: Double?)
        case numeric(minimum: Double?, maximum: Double?, unit: String?)
        case choice([AssistChoice])
        case multiChoice([AssistChoice])
        case computed([AssistDecisionPoint])

        var answerDescription: String {
            switch self {
            case .integer: "a whole number"
            case .numeric: "a number"
            case .choice: "one choice value"
            case .multiChoice: "a list of choice values"
            case .computed: "no answer"
            }
        }
    }

    public var id: String
    public var label: String
    public var hint: String?
    public var kind: Kind
    public var isRequired: Bool
    public var displaySequence: Int?
    public var conditionalProperties: [AssistConditionalProperty]
    /// The choice marked `IsDefault`, used until the element is answered.
    public var defaultValue: AssistValue?

    public var choices: [AssistChoice] {
        switch kind {
        case .choice(let choices), .multiChoice(let choices): choices
        default: []
        }
    }
}

public struct AssistChoice: Sendable, Equatable {
    public var value: String
    public var label: String
}

/// Properties that apply while a condition holds: the first property whose
/// condition holds decides relevance and overrides.
public struct AssistConditionalProperty: Sendable, Equatable {
    public var condition: AssistCondition
    public var isRelevant: Bool
    public var isRequired: Bool?
    public var minimum: Double?
    public var maximum: Double?
    public var notRelevantChoices: [String]
}

public struct AssistDecisionPoint: Sendable, Equatable {
    public var id: String?
    public var label: String?
    public var branches: [AssistBranch]
    public var defaultBranch: AssistBranch?
}

public struct AssistBranch: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case endPoint(String)
        case decisionPoints([AssistDecisionPoint])
        /// `ArithmeticExpression` text, with `{elementID}` references.
        case arithmetic(String)
        /// `TextExpression` text, with `{elementID}` references.
        case text(String)
        case none
    }

    public var label: String?
    /// nil when the branch always applies.
    public var condition: AssistCondition?
    public var outcome: Outcome
}

public struct AssistEndPoint: Sendable, Equatable {
    public var id: String
    public var label: String?
    public var sections: [AssistReportSection]
}

public struct AssistReportSection: Sendable, Equatable {
    public var sectionID: String
    public var branches: [AssistReportBranch]
}

/// Report text emitted when `condition` holds (always when nil).
public struct AssistReportBranch: Sendable, Equatable {
    public var condition: AssistCondition?
    public var content: [AssistReportText]
}

public enum AssistReportText: Sendable, Equatable {
    case plain(String)
    case newline
    case insertValue(elementID: String)
    case insertPartial(id: String)
    case branch(AssistReportBranch)
}
