extension AssistModule {
    /// Relevance and overrides of one data element for the current values.
    struct EffectiveProperties {
        var isRelevant = true
        var isRequired: Bool
        var minimum: Double?
        var maximum: Double?
        var notRelevantChoices: [String] = []
    }

    /// Returns the questions to show for `answers`, in display order, with
    /// the choices, limits and required flags that apply to them.
    /// - Throws: `AssistError` for an answer the module cannot take.
    public func form(answers: [String: AssistValue]) throws -> [AssistFormItem] {
        let (values, effective, _) = try resolve(answers)
        let inputs = dataElements.enumerated().filter {
            if case .computed = $0.element.kind { return false }
            return true
        }
        let ordered = inputs.sorted {
            ($0.element.displaySequence ?? Int.max, $0.offset) < ($1.element.displaySequence ?? Int.max, $1.offset)
        }
        return ordered.map { _, element in
            let properties = effective[element.id] ?? EffectiveProperties(isRequired: element.isRequired)
            var unit: String?
            if case .numeric(_, _, let elementUnit) = element.kind { unit = elementUnit }
            return AssistFormItem(id: element.id, label: element.label, hint: element.hint, kind: element.kind,
                                  choices: element.choices.filter { !properties.notRelevantChoices.contains($0.value) },
                                  minimum: properties.minimum, maximum: properties.maximum, unit: unit,
                                  isRequired: properties.isRequired, isRelevant: properties.isRelevant,
                                  value: values[element.id])
        }
    }

    /// Evaluates the rules for `answers` (by data element id) and builds the
    /// report text of every end point reached.
    ///
    /// Every branch whose condition holds is followed, not only the first,
    /// so a module that lists several findings in one decision point (TI-RADS
    /// lists four nodules) reports each of them.
    /// - Throws: `AssistError` for an unknown element, a wrong kind of
    ///   answer, an unknown choice, or a number outside its limits.
    public func evaluate(answers: [String: AssistValue]) throws -> AssistEvaluation {
        let (values, effective, notes) = try resolve(answers)
        var endPointIDs: [String] = []
        func visit(_ point: AssistDecisionPoint, depth: Int) {
            guard depth < 64 else { return }
            var matched = false
            for branch in point.branches where branch.condition?.holds(in: values) ?? true {
                matched = true
                follow(branch, depth: depth)
            }
            if !matched, let fallback = point.defaultBranch { follow(fallback, depth: depth) }
        }
        func follow(_ branch: AssistBranch, depth: Int) {
            switch branch.outcome {
            case .endPoint(let id) where !endPointIDs.contains(id): endPointIDs.append(id)
            case .decisionPoints(let points): points.forEach { visit($0, depth: depth + 1) }
            default: break
            }
        }
        rules.forEach { visit($0, depth: 0) }

        var sections: [AssistEvaluation.Section] = []
        var allNotes = notes
        for id in endPointIDs {
            guard let endPoint = endPoints[id] else {
                allNotes.append("end point \(id) is referenced by a rule but not defined")
                continue
            }
            for section in endPoint.sections {
                let text = Self.tidy(render(section.branches, values: values, depth: 0))
                guard !text.isEmpty else { continue }
                if let index = sections.firstIndex(where: { $0.id == section.sectionID }) {
                    sections[index].text += "\n" + text
                } else {
                    sections.append(AssistEvaluation.Section(id: section.sectionID, text: text))
                }
            }
        }

        let missing = dataElements.filter { element in
            let properties = effective[element.id]
            return (properties?.isRelevant ?? true) && (properties?.isRequired ?? element.isRequired)
                && (values[element.id]?.isEmpty ?? true)
        }.map(\.id)
        let irrelevant = Set(effective.filter { !$0.value.isRelevant }.map(\.key))
        return AssistEvaluation(values: values, irrelevantElements: irrelevant, missingRequired: missing,
                                endPoints: endPointIDs, sections: sections, notes: allNotes)
    }

    /// Trims trailing spaces from each line and blank lines from both ends.
    private static func tidy(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var trimmed = Substring(line)
            while trimmed.last == " " || trimmed.last == "\t" { trimmed = trimmed.dropLast() }
            return String(trimmed)
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }

    private func render(_ branches: [AssistReportBranch], values: [String: AssistValue], depth: Int) -> String {
        guard depth < 16 else { return "" }
        var text = ""
        for branch in branches where branch.condition?.holds(in: values) ?? true {
            for item in branch.content {
                switch item {
                case .plain(let plain): text += plain
                case .newline: text += "\n"
                case .insertValue(let id): text += display(id, values: values)
                case .insertPartial(let id): text += render(templatePartials[id] ?? [], values: values, depth: depth + 1)
                case .branch(let nested): text += render([nested], values: values, depth: depth + 1)
                }
            }
        }
        return text
    }

    /// Returns the report text for an element's value: choice labels, numbers with
    /// the element's unit.
    func display(_ id: String, values: [String: AssistValue]) -> String {
        guard let value = values[id] else { return "" }
        let element = dataElement(id)
        let choices = element?.choices ?? []
        func label(_ choice: String) -> String { choices.first { $0.value == choice }?.label ?? choice }
        switch value {
        case .choice(let choice): return label(choice)
        case .choices(let chosen): return chosen.map(label).joined(separator: ", ")
        case .text(let text): return text
        case .number(let number):
            if case .numeric(_, _, let unit)? = element?.kind, let unit, !unit.isEmpty {
                return "\(ReportRenderer.format(number)) \(unit)"
            }
            return ReportRenderer.format(number)
        }
    }
}
