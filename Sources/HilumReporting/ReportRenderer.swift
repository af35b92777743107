import Foundation

/// Renders a filled template as plain report text: top-level section names
/// in capitals, subsections indented by two spaces per level, one
/// "Label: value" line per filled field. Empty fields and sections with
/// nothing filled are left out; an embedded template that was not available
/// leaves a bracketed placeholder where it sat.
public struct ReportRenderer: Sendable {
    public init() {}

    public func render(_ filled: FilledTemplate) -> String {
        var blocks: [[String]] = []
        for section in filled.template.sections {
            let content = lines(of: section, depth: 0, filled: filled)
            guard !content.isEmpty else { continue }
            blocks.append([section.name.uppercased()] + content)
        }
        return blocks.map { $0.joined(separator: "\n") }.joined(separator: "\n\n") + (blocks.isEmpty ? "" : "\n")
    }

    /// Returns the content lines of a top-level section without its heading.
    public func render(section: TemplateSection, filled: FilledTemplate) -> [String] {
        lines(of: section, depth: 0, filled: filled)
    }

    /// Content lines of `section` without its own heading.
    private func lines(of section: TemplateSection, depth: Int, filled: FilledTemplate) -> [String] {
        let indent = String(repeating: " ", count: depth == 0 ? 0 : 2 * (depth + 1))
        var result: [String] = []
        for item in section.items {
            switch item {
            case .field(let field):
                guard let value = filled.values[field.id], !value.isEmpty else { continue }
                let text = Self.display(value, for: field)
                let prefix = field.omitsLabelInReport ? "" : "\(field.label): "
                let textLines = text.split(separator: "\n", omittingEmptySubsequences: false)
                for (index, line) in textLines.enumerated() {
                    let trimmed = line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
                    result.append(indent + (index == 0 ? prefix : "") + trimmed)
                }
            case .section(let child):
                let childLines = lines(of: child, depth: depth + 1, filled: filled)
                guard !childLines.isEmpty else { continue }
                result.append(String(repeating: " ", count: 2 * (depth + 1)) + child.name)
                result += childLines
            case .missingEmbed(let uid):
                result.append(indent + "[embedded template \(uid) not available]")
            }
        }
        return result
    }

    /// Returns the report text for a value: option labels for selections (in option
    /// order), numbers without a trailing ".0" and with the field's unit.
    public static func display(_ value: FieldValue, for field: TemplateField) -> String {
        switch value {
        case .text(let text), .date(let text):
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        case .number(let number):
            if case .number(let numberFormat) = field.kind, let unit = numberFormat.unit, !unit.isEmpty {
                return "\(format(number)) \(unit)"
            }
            return format(number)
        case .choice(let chosen):
            return field.options.first { $0.value == chosen }?.label ?? chosen
        case .choices(let chosen):
            return field.options.filter { chosen.contains($0.value) }.map(\.label).joined(separator: ", ")
        case .flag(let isSet):
            return isSet ? "yes" : "no"
        }
    }

    /// Formats a number with up to four decimals and no trailing zeros.
    public static func format(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        var text = String(format: "%.4f", number)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
