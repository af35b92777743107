import Foundation

extension AssistModule {
    /// Loads a module from its XML file.
    public init(contentsOf url: URL) throws {
        try self.init(xml: Data(contentsOf: url))
    }

    /// Loads a module from XML. Elements the loader does not know are
    /// skipped and listed in `notes`; malformed XML throws.
    public init(xml: Data) throws {
        let root = try AssistXMLReader.parse(xml)
        guard root.name == "ReportingModule" else { throw AssistError.notAModule(rootElement: root.name) }
        var loader = AssistModuleLoader()
        self = try loader.load(root)
    }
}

/// Turns the XML tree of a module into the model, noting what it skips.
struct AssistModuleLoader {
    private(set) var notes: [String] = []

    private static let conditionNames: Set<String> = [
        "EqualCondition", "NotEqualCondition", "GreaterThanCondition", "GreaterThanOrEqualsCondition", "LessThanCondition",
        "LessThanOrEqualsCondition", "BetweenCondition", "ContainsCondition", "AndCondition", "OrCondition", "NotCondition",
        "SectionIf", "SectionIfNot",
    ]

    mutating func load(_ root: MarkupElement) throws -> AssistModule {
        let metadataElement = root.children(named: "Metadata").first
        let metadata = AssistModule.Metadata(
            id: text(metadataElement, "ID") ?? "unnamed-module",
            label: text(metadataElement, "Label") ?? text(metadataElement, "ID") ?? "ACR Assist module",
            schemaVersion: text(metadataElement, "SchemaVersion"), moduleVersion: text(metadataElement, "ModuleVersion"),
            description: metadataElement?.descendants(named: "Description").first.map { $0.textContent().collapsingWhitespace },
            citation: text(metadataElement, "ReportCitationText"))

        var dataElements: [AssistDataElement] = []
        for element in root.children(named: "DataElements").first?.elementChildren ?? [] {
            if let dataElement = try loadDataElement(element) { dataElements.append(dataElement) }
        }

        let rules = try (root.children(named: "Rules").first?.children(named: "DecisionPoint") ?? []).map { try loadDecisionPoint($0) }

        var endPoints: [String: AssistEndPoint] = [:]
        var partials: [String: [AssistReportBranch]] = [:]
        for element in root.children(named: "EndPoints").first?.elementChildren ?? [] {
            switch element.name {
            case "EndPoint":
                let id = element.attribute("Id") ?? ""
                let sections = try element.descendants(named: "ReportSection").map { section in
                    AssistReportSection(sectionID: section.attribute("SectionId") ?? "Report",
                                        branches: try loadReportBranches(section))
                }
                endPoints[id] = AssistEndPoint(id: id, label: text(element, "Label"), sections: sections)
            case "TemplatePartial":
                partials[element.attribute("Id") ?? ""] = try loadReportBranches(element)
            default:
                note(element, in: "EndPoints")
            }
        }
        return AssistModule(metadata: metadata, dataElements: dataElements, rules: rules, endPoints: endPoints,
                            templatePartials: partials, notes: notes)
    }

    private mutating func note(_ element: MarkupElement, in parent: String) {
        notes.append("line \(element.line): <\(element.name)> in <\(parent)> is not supported and was ignored")
    }

    private func text(_ element: MarkupElement?, _ child: String) -> String? {
        guard let value = element?.children(named: child).first?.textContent().collapsingWhitespace, !value.isEmpty else {
            return nil
        }
        return value
    }

    private func number(_ element: MarkupElement, _ child: String) -> Double? {
        text(element, child).flatMap { Double($0) }
    }

    private mutating func loadDataElement(_ element: MarkupElement) throws -> AssistDataElement? {
        let id = element.attribute("Id") ?? ""
        let kind: AssistDataElement.Kind
        switch element.name {
        case "IntegerDataElement":
            kind = .integer(minimum: number(element, "Minimum"), maximum: number(element, "Maximum"))
        case "NumericDataElement":
            kind = .numeric(minimum: number(element, "Minimum"), maximum: number(element, "Maximum"), unit: element.attribute("Unit"))
        case "ChoiceDataElement":
            kind = .choice(choices(element))
        case "MultiChoiceDataElement":
            kind = .multiChoice(choices(element))
        case "ComputedDataElement":
            kind = .computed(try element.children(named: "DecisionPoint").map { try loadDecisionPoint($0) })
        default:
            note(element, in: "DataElements")
            return nil
        }
        guard !id.isEmpty else {
            throw AssistError.missingElement("Id attribute", parent: element.name, line: element.line)
        }
        let defaultChoice = element.descendants(named: "Choice").first { $0.attribute("IsDefault")?.lowercased() == "true" }
        let defaultValue = defaultChoice.flatMap { text($0, "Value") }.map { value -> AssistValue in
            if case .multiChoice = kind { return .choices([value]) }
            return .choice(value)
        }
        let properties = try (element.children(named: "ConditionalProperties").first?.children(named: "ConditionalProperty") ?? [])
            .compactMap { try loadConditionalProperty($0) }
        return AssistDataElement(id: id, label: text(element, "Label") ?? id, hint: text(element, "Hint"), kind: kind,
                                 isRequired: element.attribute("IsRequired")?.lowercased() == "true",
                                 displaySequence: element.attribute("DisplaySequence").flatMap { Int($0) },
                                 conditionalProperties: properties, defaultValue: defaultValue)
    }

    private func choices(_ element: MarkupElement) -> [AssistChoice] {
        element.descendants(named: "Choice").compactMap { choice in
            guard let value = text(choice, "Value") else { return nil }
            return AssistChoice(value: value, label: text(choice, "Label") ?? value)
        }
    }

    private mutating func loadConditionalProperty(_ element: MarkupElement) throws -> AssistConditionalProperty? {
        guard let condition = try loadCondition(in: element) else {
            notes.append("line \(element.line): <ConditionalProperty> has no condition and was ignored")
            return nil
        }
        return AssistConditionalProperty(
            condition: condition, isRelevant: text(element, "IsRelevant")?.lowercased() != "false",
            isRequired: text(element, "IsRequired").map { $0.lowercased() == "true" }, minimum: number(element, "Minimum"),
            maximum: number(element, "Maximum"),
            notRelevantChoices: element.children(named: "ChoiceNotRelevant").compactMap { $0.attribute("ChoiceValue") })
    }

    /// Returns the condition among `element`'s children (several are
    /// combined with AND), or nil when there is none.
    private mutating func loadCondition(in element: MarkupElement) throws -> AssistCondition? {
        let conditions = try element.elementChildren.filter { Self.conditionNames.contains($0.name) }.map { try loadCondition($0) }
        if conditions.count > 1 { return .and(conditions) }
        return conditions.first
    }

    private mutating func loadCondition(_ element: MarkupElement) throws -> AssistCondition {
        let id = element.attribute("DataElementId") ?? ""
        let value = element.attribute("ComparisonValue") ?? ""
        switch element.name {
        case "AndCondition", "OrCondition":
            let children = try element.elementChildren.compactMap { child -> AssistCondition? in
                guard Self.conditionNames.contains(child.name) else {
                    note(child, in: element.name)
                    return nil
                }
                return try loadCondition(child)
            }
            return element.name == "AndCondition" ? .and(children) : .or(children)
        case "NotCondition":
            return .not(try loadCondition(in: element) ?? .and([]))
        case "SectionIf":
            return .hasValue(elementID: id)
        case "SectionIfNot":
            return .hasNoValue(elementID: id)
        case "ContainsCondition":
            return .contains(elementID: id, value: value)
        case "BetweenCondition":
            // NOTE: the attribute names of BetweenCondition were not checked
            // against the ACR schema; Start/End and Minimum/Maximum are read.
            let lower = (element.attribute("Start") ?? element.attribute("Minimum")).flatMap { Double($0) } ?? -.infinity
            let upper = (element.attribute("End") ?? element.attribute("Maximum")).flatMap { Double($0) } ?? .infinity
            return .between(elementID: id, minimum: lower, maximum: upper)
        default:
            guard let comparison = AssistCondition.Comparison(rawValue: element.name) else {
                throw AssistError.missingElement("a known condition", parent: element.name, line: element.line)
            }
            return .compare(comparison, elementID: id, value: value)
        }
    }

    private mutating func loadDecisionPoint(_ element: MarkupElement) throws -> AssistDecisionPoint {
        let branches = try element.children(named: "Branch").map { try loadBranch($0) }
        let defaultBranch = try element.children(named: "DefaultBranch").first.map { try loadBranch($0) }
        return AssistDecisionPoint(id: element.attribute("Id"), label: text(element, "Label"), branches: branches,
                                   defaultBranch: defaultBranch)
    }

    private mutating func loadBranch(_ element: MarkupElement) throws -> AssistBranch {
        let condition = try loadCondition(in: element)
        let outcome: AssistBranch.Outcome
        if let endPoint = element.children(named: "EndPointRef").first {
            outcome = .endPoint(endPoint.attribute("EndPointId") ?? "")
        } else if !element.children(named: "DecisionPoint").isEmpty {
            outcome = .decisionPoints(try element.children(named: "DecisionPoint").map { try loadDecisionPoint($0) })
        } else if let arithmetic = element.children(named: "ArithmeticExpression").first {
            outcome = .arithmetic(arithmetic.textContent())
        } else if let textExpression = element.children(named: "TextExpression").first {
            outcome = .text(textExpression.textContent().collapsingWhitespace)
        } else {
            outcome = .none
        }
        for child in element.elementChildren where !Self.conditionNames.contains(child.name) && ![
            "Label", "EndPointRef", "DecisionPoint", "ArithmeticExpression", "TextExpression",
        ].contains(child.name) {
            note(child, in: "Branch")
        }
        return AssistBranch(label: text(element, "Label"), condition: condition, outcome: outcome)
    }

    /// Reads the `<Branch>` children of a report section or partial.
    private mutating func loadReportBranches(_ element: MarkupElement) throws -> [AssistReportBranch] {
        try element.children(named: "Branch").map { try loadReportBranch($0) }
    }

    private mutating func loadReportBranch(_ element: MarkupElement) throws -> AssistReportBranch {
        var content: [AssistReportText] = []
        for child in element.elementChildren {
            switch child.name {
            case "ReportText":
                content += loadReportText(child)
            case "Branch":
                content.append(.branch(try loadReportBranch(child)))
            case _ where Self.conditionNames.contains(child.name):
                continue
            default:
                note(child, in: "Branch")
            }
        }
        return AssistReportBranch(condition: try loadCondition(in: element), content: content)
    }

    /// Reads a `<ReportText>`: schema 2.0 writes its kind in `Type`
    /// (PlainText, Newline, InsertDataElementValue, InsertPartialTemplate);
    /// older modules mix text with `<InsertValue>` and `<InsertPartial>`.
    private mutating func loadReportText(_ element: MarkupElement) -> [AssistReportText] {
        switch element.attribute("Type") {
        case "Newline":
            return [.newline]
        case "InsertDataElementValue", "InsertValue":
            return [.insertValue(elementID: element.attribute("Value") ?? element.attribute("DataElementId") ?? "")]
        case "InsertPartialTemplate", "InsertPartial":
            return [.insertPartial(id: element.attribute("Value") ?? element.attribute("PartialId") ?? "")]
        default:
            var content: [AssistReportText] = []
            for node in element.children {
                switch node {
                case .text(let text):
                    content.append(.plain(text))
                case .element(let child) where child.name == "InsertValue":
                    content.append(.insertValue(elementID: child.attribute("DataElementId") ?? ""))
                case .element(let child) where child.name == "InsertPartial":
                    content.append(.insertPartial(id: child.attribute("PartialId") ?? ""))
                case .element(let child) where child.name == "NewLine" || child.name == "Newline":
                    content.append(.newline)
                case .element(let child):
                    note(child, in: "ReportText")
                }
            }
            return content
        }
    }
}
