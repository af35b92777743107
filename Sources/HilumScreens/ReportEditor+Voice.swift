import HilumReporting
import HilumVoice

/// Editor operations for spoken commands and dictation.
extension ReportEditor {
    /// Focuses the first field of the first section named `name` (any
    /// level, case-insensitive); `.ignored` when the template has none.
    mutating func focusSection(named name: String) -> Outcome {
        func find(_ sections: [TemplateSection]) -> TemplateSection? {
            for section in sections {
                if section.name.lowercased() == name { return section }
                if let inner = find(section.subsections) { return inner }
            }
            return nil
        }
        guard let section = find(template.sections), let first = section.allFields.first,
              let index = fields.firstIndex(where: { $0.id == first.id }) else { return .ignored }
        focus = index
        return .moved
    }

    /// Moves the focus by `step` fields, staying inside the template.
    mutating func moveFocus(by step: Int) -> Outcome {
        let target = min(max(0, focus + step), fields.count - 1)
        guard target != focus else { return .ignored }
        focus = target
        return .moved
    }

    /// Stores a value structured dictation recognised. A choice joins those
    /// already ticked in a multiple select; text is added after what the
    /// field holds.
    mutating func apply(_ fill: StructuredFill) -> Outcome {
        guard let field = template.field(fill.fieldID) else { return .ignored }
        var value = fill.value
        switch (fill.value, filled.values[field.id]) {
        case (.choices(let new), .choices(let old)?):
            value = .choices(old + new.filter { !old.contains($0) })
        case (.text(let new), .text(let old)?) where !old.isEmpty:
            value = .text(old + " " + new)
        default:
            break
        }
        if case .number(let number) = value { buffers[field.id] = Self.format(number) }
        set(value, for: field)
        return .changed
    }

    /// Adds `text` to the focused text field; `.ignored` when the focused
    /// field does not take text.
    mutating func insertText(_ text: String) -> Outcome {
        guard let field = focusedField, isText(field) else { return .ignored }
        let current = displayText(field)
        let joined = current.isEmpty || current.hasSuffix(" ") ? current + text : current + " " + text
        set(.text(joined), for: field)
        return .changed
    }
}
