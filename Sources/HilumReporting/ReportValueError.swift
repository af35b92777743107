/// Error raised when a value cannot be stored in a filled template, or when
/// a filled template cannot be completed or restored. Messages quote template
/// vocabulary (field ids, option values, ranges) and numbers, never free
/// text the radiologist typed.
public enum ReportValueError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownField(String, templateID: String)
    case wrongKind(fieldID: String, expected: String, given: String)
    case unknownOption(fieldID: String, value: String, validValues: [String])
    case outOfRange(fieldID: String, value: Double, minimum: Double?, maximum: Double?)
    case invalidDate(fieldID: String)
    case missingRequired(fieldIDs: [String])
    case templateMismatch(documentTemplate: String, template: String)
    case unsupportedDocument(format: String, version: Int)

    public var description: String {
        switch self {
        case .unknownField(let name, let templateID):
            return "template \(templateID) has no field with id or name \"\(name)\"; use an id from the template's fields"
        case .wrongKind(let fieldID, let expected, let given):
            return "field \(fieldID) takes a \(expected) value, not a \(given) value; pass a \(expected) value"
        case .unknownOption(let fieldID, let value, let validValues):
            let list = validValues.prefix(12).map { "\"\($0)\"" }.joined(separator: ", ")
            return "field \(fieldID) has no option \"\(value)\"; valid values: \(list)\(validValues.count > 12 ? ", …" : "")"
        case .outOfRange(let fieldID, let value, let minimum, let maximum):
            let lower = minimum.map { ReportRenderer.format($0) } ?? "any"
            let upper = maximum.map { ReportRenderer.format($0) } ?? "any"
            return "field \(fieldID) value \(ReportRenderer.format(value)) is outside the allowed range \(lower) to \(upper); enter a value in range"
        case .invalidDate(let fieldID):
            return "field \(fieldID) needs a date written YYYY-MM-DD"
        case .missingRequired(let fieldIDs):
            return "required fields are empty: \(fieldIDs.joined(separator: ", ")); fill them before sealing the report"
        case .templateMismatch(let documentTemplate, let template):
            return "the report was written with template \(documentTemplate), not \(template); open it with template \(documentTemplate)"
        case .unsupportedDocument(let format, let version):
            return "report document format \"\(format)\" version \(version) is not supported; this build reads \"\(ReportDocument.formatName)\" version \(ReportDocument.currentVersion)"
        }
    }
}
