/// One input of a report template: what the radiologist fills in.
public struct TemplateField: Codable, Sendable, Equatable {
    /// Unique within the template; values are stored under it.
    public var id: String
    /// The HTML `name` attribute (MRRT's field name), or the id when absent.
    public var name: String
    /// The text shown before the value: the `<label>` text, else the name.
    public var label: String
    public var kind: Kind
    public var isRequired: Bool
    public var defaultValue: FieldValue?
    public var codes: [TemplateCode]
    /// True when the report shows the value without "Label: " because the
    /// field has no label of its own and is named like its section (as in an
    /// Impression section holding one text box).
    public var omitsLabelInReport: Bool

    public init(id: String, name: String? = nil, label: String? = nil, kind: Kind, isRequired: Bool = false,
                defaultValue: FieldValue? = nil, codes: [TemplateCode] = [], omitsLabelInReport: Bool = false) {
        self.id = id
        self.name = name ?? id
        self.label = label ?? name ?? id
        self.kind = kind
        self.isRequired = isRequired
        self.defaultValue = defaultValue
        self.codes = codes
        self.omitsLabelInReport = omitsLabelInReport
    }

    /// Kind of value the field takes.
    public enum Kind: Codable, Sendable, Equatable {
        case text
        case textarea
        case number(format: NumberFormat)
        case select(options: [PickListOption], multiple: Bool)
        case checkbox
        case date
        case time

        public var name: String {
            switch self {
            case .text: "text"
            case .textarea: "textarea"
            case .number: "number"
            case .select(_, let multiple): multiple ? "multiple select" : "select"
            case .checkbox: "checkbox"
            case .date: "date"
            case .time: "time"
            }
        }
    }

    /// Unit and allowed range of a number field.
    public struct NumberFormat: Codable, Sendable, Equatable {
        public var unit: String?
        public var minimum: Double?
        public var maximum: Double?
        public var step: Double?

        public init(unit: String? = nil, minimum: Double? = nil, maximum: Double? = nil, step: Double? = nil) {
            self.unit = unit
            self.minimum = minimum
            self.maximum = maximum
            self.step = step
        }
    }

    /// The options of a select field, in template order (empty otherwise).
    public var options: [PickListOption] {
        if case .select(let options, _) = kind { return options }
        return []
    }
}

/// One choice of a pick list: the stored value, the text the report shows,
/// and the codes bound to it.
public struct PickListOption: Codable, Sendable, Equatable {
    public var value: String
    public var label: String
    public var codes: [TemplateCode]
    /// The `<optgroup>` label the option sits under, if any.
    public var group: String?

    public init(value: String, label: String, codes: [TemplateCode] = [], group: String? = nil) {
        self.value = value
        self.label = label
        self.codes = codes
        self.group = group
    }
}
