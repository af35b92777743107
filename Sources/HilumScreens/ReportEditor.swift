import Foundation
import HilumCore
import HilumReporting
import HilumTerminal
import HilumWorklist

/// The report editor's state for one case: the template with its values,
/// the focused field, the text being typed into number and date fields and
/// their errors. It draws nothing, so tests drive it key by key.
struct ReportEditor {
    /// The effect of a key on the editor.
    enum Outcome: Equatable {
        /// A value changed, so the draft must be saved.
        case changed
        /// The focus or a view state moved; nothing to save.
        case moved
        /// The editor did not use the key; it may be a command.
        case ignored
    }

    /// Keys that pick options of a select field, in option order.
    static let optionKeys = Array("123456789abcdefghijklmnopqrstuvwxyz")

    let caseID: EventID
    /// Templates that fit the case's modality and region, the first being the catalog's choice.
    let candidates: [ReportTemplate]
    private(set) var templateIndex: Int
    private(set) var filled: FilledTemplate
    /// Index of the focused field in `fields`; voice commands set it too.
    var focus = 0
    /// Text typed into number and date fields, kept while it is not a valid value.
    var buffers: [String: String] = [:]
    /// The reason the text in a field is not a valid value, by field id.
    private(set) var errors: [String: String] = [:]
    let macros: ReportMacros
    /// Text put into an empty indication or history field when a template is chosen.
    let history: String?
    /// The critical result to flag when the report is signed; kept beside the draft.
    var critical: CriticalFlag?
    /// Age and Fleischner risk from the case's grant, read once when the editor opens.
    var patient = FleischnerRecommender.Patient(age: nil)
    /// Decision support for the current values, such as the Fleischner recommendation with its due date.
    var guidance: String?

    init(caseID: EventID, candidates: [ReportTemplate], macros: ReportMacros, history: String?) {
        precondition(!candidates.isEmpty, "the editor needs at least one template")
        self.caseID = caseID
        self.candidates = candidates
        self.macros = macros
        self.history = history
        templateIndex = 0
        filled = FilledTemplate(template: candidates[0])
        prefillHistory()
    }

    /// Restores a draft; throws when its template is not among the candidates or a value no longer fits.
    init(caseID: EventID, candidates: [ReportTemplate], macros: ReportMacros, history: String?, draft: ReportDocument) throws {
        self.init(caseID: caseID, candidates: candidates, macros: macros, history: history)
        guard let index = candidates.firstIndex(where: { $0.id == draft.template.identifier }) else {
            throw ReportValueError.templateMismatch(documentTemplate: draft.template.identifier, template: candidates[0].id)
        }
        templateIndex = index
        filled = try FilledTemplate(template: candidates[index], document: draft)
        for field in fields {
            if case .number = field.kind, case .number(let number)? = filled.values[field.id] {
                buffers[field.id] = Self.format(number)
            }
        }
    }

    var template: ReportTemplate { filled.template }
    var fields: [TemplateField] { template.allFields }
    var focusedField: TemplateField? { fields.indices.contains(focus) ? fields[focus] : nil }

    /// The field's value as typed: the buffer of a number or date field, else the stored value.
    func displayText(_ field: TemplateField) -> String {
        if let buffer = buffers[field.id] { return buffer }
        switch filled.values[field.id] {
        case .text(let text)?, .date(let text)?: return text
        case .number(let number)?: return Self.format(number)
        default: return ""
        }
    }

    /// Replaces the text of a text field, as an external editor returns it
    /// (without the final newline editors add).
    mutating func replaceText(_ text: String, for fieldID: String) -> Outcome {
        guard let field = template.field(fieldID), isText(field) else { return .ignored }
        let trimmed = text.hasSuffix("\n") ? String(text.dropLast()) : text
        set(trimmed.isEmpty ? nil : .text(trimmed), for: field)
        return .changed
    }

    /// Switches to the next candidate template, keeping values whose field ids it shares.
    mutating func nextTemplate() -> Outcome {
        guard candidates.count > 1 else { return .ignored }
        templateIndex = (templateIndex + 1) % candidates.count
        let old = filled
        filled = FilledTemplate(template: candidates[templateIndex])
        for (id, value) in old.values where template.field(id) != nil {
            try? filled.set(value, for: id)
        }
        buffers = buffers.filter { template.field($0.key) != nil }
        errors = errors.filter { template.field($0.key) != nil }
        focus = 0
        prefillHistory()
        return .changed
    }

    mutating func handle(_ key: Key) -> Outcome {
        guard let field = focusedField else { return .ignored }
        switch key {
        case .tab:
            if isText(field), expandMacro(in: field, trigger: "") { return .changed }
            return move(by: 1)
        case .backTab: return move(by: -1)
        case .down: return move(by: 1)
        case .up: return move(by: -1)
        default: break
        }
        switch field.kind {
        case .text, .textarea, .time:
            return editText(field, key)
        case .date:
            return editBuffer(field, key, allowed: { $0.isNumber || $0 == "-" }) { text in .date(text) }
        case .number:
            return editBuffer(field, key, allowed: { $0.isNumber || $0 == "." || $0 == "-" }) { text in
                Double(text).map(FieldValue.number)
            }
        case .checkbox:
            guard key == .character(" ") || key == .character("x") else { return .ignored }
            let isSet = filled.values[field.id] == .flag(true)
            set(.flag(!isSet), for: field)
            return .changed
        case .select(let options, let multiple):
            return pick(field, options: options, multiple: multiple, key)
        }
    }

    func isText(_ field: TemplateField) -> Bool {
        switch field.kind {
        case .text, .textarea, .time: true
        default: false
        }
    }

    private mutating func move(by step: Int) -> Outcome {
        let target = focus + step
        guard fields.indices.contains(target) else { return .ignored }
        focus = target
        return .moved
    }

    private mutating func editText(_ field: TemplateField, _ key: Key) -> Outcome {
        var text = displayText(field)
        switch key {
        case .character(" "):
            if expandMacro(in: field, trigger: " ") { return .changed }
            text.append(" ")
        case .character(let character):
            text.append(character)
        case .paste(let pasted):
            text += pasted
        case .enter:
            guard case .textarea = field.kind else { return .ignored }
            text.append("\n")
        case .backspace:
            guard !text.isEmpty else { return .ignored }
            text.removeLast()
        default:
            return .ignored
        }
        set(text.isEmpty ? nil : .text(text), for: field)
        return .changed
    }

    /// Expands a macro at the end of the field's text, then appends `trigger`.
    private mutating func expandMacro(in field: TemplateField, trigger: String) -> Bool {
        guard let expanded = macros.expand(displayText(field)) else { return false }
        set(.text(expanded + trigger), for: field)
        return true
    }

    /// Edits the typed text of a number or date field. The value is stored
    /// only when the text parses and fits the field. Otherwise the error shows.
    private mutating func editBuffer(_ field: TemplateField, _ key: Key, allowed: (Character) -> Bool,
                                     parse: (String) -> FieldValue?) -> Outcome {
        var text = displayText(field)
        switch key {
        case .character(let character) where allowed(character):
            text.append(character)
        case .paste(let pasted):
            text += pasted.filter(allowed)
        case .backspace:
            guard !text.isEmpty else { return .ignored }
            text.removeLast()
        default:
            return .ignored
        }
        buffers[field.id] = text
        errors[field.id] = nil
        if text.isEmpty {
            set(nil, for: field)
        } else if let value = parse(text) {
            set(value, for: field)
        } else {
            errors[field.id] = field.kind == .date ? "type a date as YYYY-MM-DD" : "\"\(text)\" is not a number"
            try? filled.set(nil, for: field.id)
        }
        return .changed
    }

    private mutating func pick(_ field: TemplateField, options: [PickListOption], multiple: Bool, _ key: Key) -> Outcome {
        let current = filled.values[field.id]
        var index: Int?
        switch key {
        case .character(" "):
            guard !multiple else { return .ignored }
            if case .choice(let chosen)? = current, let at = options.firstIndex(where: { $0.value == chosen }) {
                index = at + 1 < options.count ? at + 1 : nil
                if index == nil {
                    set(nil, for: field)
                    return .changed
                }
            } else {
                index = 0
            }
        case .character(let character):
            guard let at = Self.optionKeys.firstIndex(of: character), at < options.count else { return .ignored }
            index = at
        case .backspace, .delete:
            set(nil, for: field)
            return .changed
        default:
            return .ignored
        }
        guard let index else { return .ignored }
        let value = options[index].value
        if multiple {
            var chosen: [String] = if case .choices(let list)? = current { list } else { [] }
            if let at = chosen.firstIndex(of: value) { chosen.remove(at: at) } else { chosen.append(value) }
            set(chosen.isEmpty ? nil : .choices(chosen), for: field)
        } else {
            set(.choice(value), for: field)
        }
        return .changed
    }

    /// Stores a value, or the reason it does not fit the field.
    mutating func set(_ value: FieldValue?, for field: TemplateField) {
        do {
            try filled.set(value, for: field.id)
            errors[field.id] = nil
        } catch {
            errors[field.id] = Self.message(error, field: field)
            try? filled.set(nil, for: field.id)
        }
    }

    static func message(_ error: any Error, field: TemplateField) -> String {
        if case .number(let format) = field.kind, case ReportValueError.outOfRange = error {
            let unit = format.unit.map { " " + $0 } ?? ""
            switch (format.minimum, format.maximum) {
            case let (low?, high?): return "must be from \(Self.format(low)) to \(Self.format(high))\(unit)"
            case let (low?, nil): return "must be \(Self.format(low))\(unit) or more"
            case let (nil, high?): return "must be \(Self.format(high))\(unit) or less"
            default: return "must be a finite number"
            }
        }
        return "\(error)"
    }

    /// Puts the history summary into an empty indication, history or clinical information field.
    private mutating func prefillHistory() {
        guard let history, !history.isEmpty else { return }
        let target = fields.first { field in
            let words = (field.id + " " + field.name + " " + field.label).lowercased()
            let isText = field.kind == .text || field.kind == .textarea
            return isText && ["indication", "history", "clinical"].contains { words.contains($0) }
        }
        guard let target, filled.values[target.id]?.isEmpty ?? true else { return }
        try? filled.set(.text(history), for: target.id)
    }

    static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
