import HilumReporting

/// One value that structured dictation puts into a template field.
public struct StructuredFill: Sendable, Equatable {
    public var fieldID: String
    public var value: FieldValue

    public init(fieldID: String, value: FieldValue) {
        self.fieldID = fieldID
        self.value = value
    }
}
