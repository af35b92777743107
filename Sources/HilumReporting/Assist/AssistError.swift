/// Error raised when an ACR Assist module cannot be loaded or an answer cannot be used.
/// Messages name data elements by id and label, which are module
/// vocabulary; answers appear only as numbers or choice values.
public enum AssistError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformedXML(line: Int, column: Int, parserCode: Int)
    case notAModule(rootElement: String)
    case missingElement(String, parent: String, line: Int)
    case unknownDataElement(String)
    case computedElementAnswered(String)
    case wrongAnswerKind(elementID: String, expected: String)
    case valueOutOfRange(elementID: String, label: String, value: Double, minimum: Double?, maximum: Double?)
    case notAnInteger(elementID: String, label: String, value: Double)
    case unknownChoice(elementID: String, value: String, validValues: [String])

    public var description: String {
        switch self {
        case .malformedXML(let line, let column, let code):
            return "the module is not well-formed XML (XMLParser error \(code) at line \(line), column \(column)); correct the XML there"
        case .notAModule(let root):
            return "the root element is <\(root)>, not <ReportingModule>; load an ACR Assist module file"
        case .missingElement(let name, let parent, let line):
            return "<\(parent)> on line \(line) has no <\(name)>; add it"
        case .unknownDataElement(let id):
            return "the module has no data element \"\(id)\"; answer one of the ids the form lists"
        case .computedElementAnswered(let id):
            return "data element \(id) is computed by the module and cannot be answered; remove the answer"
        case .wrongAnswerKind(let id, let expected):
            return "data element \(id) takes \(expected); pass \(expected)"
        case .valueOutOfRange(let id, let label, let value, let minimum, let maximum):
            let lower = minimum.map(ReportRenderer.format) ?? "any"
            let upper = maximum.map(ReportRenderer.format) ?? "any"
            return "answer \(ReportRenderer.format(value)) for data element \(id) (\"\(label)\") is outside the allowed range \(lower) to \(upper); enter a value in that range"
        case .notAnInteger(let id, let label, let value):
            return "answer \(ReportRenderer.format(value)) for data element \(id) (\"\(label)\") is not a whole number; enter an integer"
        case .unknownChoice(let id, let value, let valid):
            return "data element \(id) has no choice \"\(value)\"; valid values: \(valid.joined(separator: ", "))"
        }
    }
}
