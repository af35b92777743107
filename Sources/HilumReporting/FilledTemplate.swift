import Foundation

/// A report template with the values entered so far: the report editor's
/// working state. Values are checked against their field when set, select
/// values are kept in option order, and defaults are filled in at creation.
public struct FilledTemplate: Sendable, Equatable {
    public let template: ReportTemplate
    /// Entered values by field id.
    public private(set) var values: [String: FieldValue]

    /// Creates a filled template holding each field's default value.
    public init(template: ReportTemplate, applyingDefaults: Bool = true) {
        self.template = template
        var values: [String: FieldValue] = [:]
        if applyingDefaults {
            for field in template.allFields {
                if let value = field.defaultValue { values[field.id] = value }
            }
        }
        self.values = values
    }

    /// Restores a draft or sealed report's values onto its template.
    public init(template: ReportTemplate, document: ReportDocument) throws {
        guard document.template.identifier == template.id else {
            throw ReportValueError.templateMismatch(documentTemplate: document.template.identifier, template: template.id)
        }
        self.init(template: template, applyingDefaults: false)
        for entry in document.fields {
            try set(entry.value, for: entry.id)
        }
    }

    public func value(for idOrName: String) -> FieldValue? {
        guard let field = template.field(idOrName) else { return nil }
        return values[field.id]
    }

    /// Stores `value` in the field with this id (or name), or clears the
    /// field when `value` is nil.
    /// - Throws: `ReportValueError` when the field does not exist or the
    ///   value does not fit its kind, options or range.
    public mutating func set(_ value: FieldValue?, for idOrName: String) throws {
        guard let field = template.field(idOrName) else {
            throw ReportValueError.unknownField(idOrName, templateID: template.id)
        }
        guard let value else {
            values[field.id] = nil
            return
        }
        values[field.id] = try Self.checked(value, for: field)
    }

    /// Fields marked required that have no value, in template order.
    public var missingRequiredFields: [TemplateField] {
        template.allFields.filter { field in
            field.isRequired && (values[field.id]?.isEmpty ?? true)
        }
    }

    /// Checks that every required field has a value.
    public func validateComplete() throws {
        let missing = missingRequiredFields
        if !missing.isEmpty { throw ReportValueError.missingRequired(fieldIDs: missing.map(\.id)) }
    }

    /// Renders the plain-text report.
    public func renderReport() -> String { ReportRenderer().render(self) }

    /// Returns the structured data of the filled template as a versioned document.
    public func document() -> ReportDocument { ReportDocument(self) }

    static func checked(_ value: FieldValue, for field: TemplateField) throws -> FieldValue {
        func mismatch() -> ReportValueError {
            .wrongKind(fieldID: field.id, expected: field.kind.name, given: value.kindName)
        }
        switch (field.kind, value) {
        case (.text, .text), (.textarea, .text), (.time, .text):
            return value
        case (.date, .date(let text)), (.date, .text(let text)):
            guard Self.isISODate(text) else { throw ReportValueError.invalidDate(fieldID: field.id) }
            return .date(text)
        case (.checkbox, .flag):
            return value
        case (.number(let format), .number(let number)):
            let tooLow = format.minimum.map { number < $0 } ?? false
            let tooHigh = format.maximum.map { number > $0 } ?? false
            guard number.isFinite, !tooLow, !tooHigh else {
                throw ReportValueError.outOfRange(fieldID: field.id, value: number, minimum: format.minimum,
                                                  maximum: format.maximum)
            }
            return value
        case (.select(let options, false), .choice(let chosen)):
            try checkOptions([chosen], options, field)
            return value
        case (.select(let options, true), .choice(let chosen)):
            try checkOptions([chosen], options, field)
            return .choices([chosen])
        case (.select(let options, true), .choices(let chosen)):
            try checkOptions(chosen, options, field)
            let ordered = options.map(\.value).filter { chosen.contains($0) }
            return .choices(ordered)
        default:
            throw mismatch()
        }
    }

    private static func checkOptions(_ chosen: [String], _ options: [PickListOption], _ field: TemplateField) throws {
        for value in chosen where !options.contains(where: { $0.value == value }) {
            throw ReportValueError.unknownOption(fieldID: field.id, value: value, validValues: options.map(\.value))
        }
    }

    /// True for a calendar date written YYYY-MM-DD.
    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = day
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return (1...12).contains(month) && (1...31).contains(day) && components.isValidDate(in: calendar)
    }
}
