extension AssistModule {
    /// Checks the answers, then settles relevance and computed values: an
    /// answer to an element that is not relevant is replaced by the
    /// element's default (as the ACR simulator does), which can change what
    /// else is relevant, so the steps repeat until nothing changes.
    func resolve(_ answers: [String: AssistValue])
        throws -> (values: [String: AssistValue], effective: [String: EffectiveProperties], notes: [String]) {
        let checked = try checkKinds(answers)
        var dropped: Set<String> = []
        var values: [String: AssistValue] = [:]
        var effective: [String: EffectiveProperties] = [:]
        for _ in 0..<16 {
            values = [:]
            for element in dataElements {
                if let answer = checked[element.id], !dropped.contains(element.id) {
                    values[element.id] = answer
                } else if let fallback = element.defaultValue {
                    values[element.id] = fallback
                }
            }
            computeValues(into: &values)
            effective = effectiveProperties(values)
            var nowDropped: Set<String> = []
            for (id, answer) in checked {
                guard let properties = effective[id] else { continue }
                let choiceExcluded = answer.textValues.contains { properties.notRelevantChoices.contains($0) }
                if !properties.isRelevant || choiceExcluded { nowDropped.insert(id) }
            }
            if nowDropped == dropped { break }
            dropped = nowDropped
        }

        for (id, answer) in checked where !dropped.contains(id) {
            guard let element = dataElement(id), let number = answer.number, let properties = effective[id] else { continue }
            let tooLow = properties.minimum.map { number < $0 } ?? false
            let tooHigh = properties.maximum.map { number > $0 } ?? false
            if tooLow || tooHigh || !number.isFinite {
                throw AssistError.valueOutOfRange(elementID: id, label: element.label, value: number,
                                                  minimum: properties.minimum, maximum: properties.maximum)
            }
            if case .integer = element.kind, number != number.rounded() {
                throw AssistError.notAnInteger(elementID: id, label: element.label, value: number)
            }
        }
        let notes = dropped.sorted().map { "the answer to \($0) was ignored because the element is not relevant" }
        return (values, effective, notes)
    }

    /// Checks each answer against its element's kind and choices, and
    /// returns the answers with choice values spelled as the module spells them.
    private func checkKinds(_ answers: [String: AssistValue]) throws -> [String: AssistValue] {
        var checked: [String: AssistValue] = [:]
        for (id, answer) in answers {
            guard let element = dataElement(id) else { throw AssistError.unknownDataElement(id) }
            func canonical(_ value: String) throws -> String {
                guard let match = element.choices.first(where: { $0.value.caseInsensitiveCompare(value) == .orderedSame }) else {
                    throw AssistError.unknownChoice(elementID: id, value: value, validValues: element.choices.map(\.value))
                }
                return match.value
            }
            switch (element.kind, answer) {
            case (.computed, _):
                throw AssistError.computedElementAnswered(id)
            case (.integer, .number), (.numeric, .number):
                checked[id] = answer
            case (.choice, .choice(let value)):
                checked[id] = .choice(try canonical(value))
            case (.multiChoice, .choice(let value)):
                checked[id] = .choices([try canonical(value)])
            case (.multiChoice, .choices(let chosen)):
                checked[id] = .choices(try chosen.map(canonical))
            default:
                throw AssistError.wrongAnswerKind(elementID: id, expected: element.kind.answerDescription)
            }
        }
        return checked
    }

    /// Computes every computed element in document order. A computed
    /// element may use those before it, so the pass runs twice to let later
    /// ones feed earlier ones too.
    private func computeValues(into values: inout [String: AssistValue]) {
        for _ in 0..<2 {
            for element in dataElements {
                guard case .computed(let points) = element.kind else { continue }
                values[element.id] = nil
                for point in points {
                    if let value = computedValue(point, values: values, depth: 0) {
                        values[element.id] = value
                        break
                    }
                }
            }
        }
    }

    /// Returns the value of the first branch whose condition is true.
    private func computedValue(_ point: AssistDecisionPoint, values: [String: AssistValue], depth: Int) -> AssistValue? {
        guard depth < 64 else { return nil }
        let branch = point.branches.first { $0.condition?.holds(in: values) ?? true } ?? point.defaultBranch
        switch branch?.outcome {
        case .arithmetic(let expression):
            var arithmetic = AssistArithmetic(values: values)
            return arithmetic.evaluate(expression).map(AssistValue.number)
        case .text(let template):
            let text = substitute(template, values: values)
            return Double(text).map(AssistValue.number) ?? .text(text)
        case .decisionPoints(let points):
            for nested in points {
                if let value = computedValue(nested, values: values, depth: depth + 1) { return value }
            }
            return nil
        default:
            return nil
        }
    }

    /// Replaces each `{elementID}` in `template` with the element's report text.
    private func substitute(_ template: String, values: [String: AssistValue]) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            result += display(String(rest[rest.index(after: open)..<close]), values: values)
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    private func effectiveProperties(_ values: [String: AssistValue]) -> [String: EffectiveProperties] {
        var result: [String: EffectiveProperties] = [:]
        for element in dataElements {
            var properties = EffectiveProperties(isRequired: element.isRequired)
            switch element.kind {
            case .integer(let minimum, let maximum), .numeric(let minimum, let maximum, _):
                properties.minimum = minimum
                properties.maximum = maximum
            default:
                break
            }
            if let property = element.conditionalProperties.first(where: { $0.condition.holds(in: values) }) {
                properties.isRelevant = property.isRelevant
                properties.isRequired = property.isRequired ?? properties.isRequired
                properties.minimum = property.minimum ?? properties.minimum
                properties.maximum = property.maximum ?? properties.maximum
                properties.notRelevantChoices = property.notRelevantChoices
            }
            result[element.id] = properties
        }
        return result
    }
}
