import Foundation

/// The structured data of a filled template as a stable, versioned JSON
/// document, used for drafts and for the structured part of a sealed
/// report. Each field carries its label, section path, display text and
/// codes, so the document can be read without the template.
public struct ReportDocument: Codable, Sendable, Equatable {
    public static let formatName = "hilum-structured-report"
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    public var template: TemplateReference
    /// Filled fields in template order; empty fields are left out.
    public var fields: [Entry]

    /// Reference to the template the document was filled from.
    public struct TemplateReference: Codable, Sendable, Equatable {
        public var identifier: String
        public var title: String
        public var date: String?
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var id: String
        /// Names of the enclosing sections, outermost first.
        public var section: [String]
        public var label: String
        public var value: FieldValue
        /// The value as the report text shows it.
        public var display: String
        /// The field's codes followed by the codes of the chosen options.
        public var codes: [TemplateCode]
    }

    init(_ filled: FilledTemplate) {
        format = Self.formatName
        version = Self.currentVersion
        let metadata = filled.template.metadata
        template = TemplateReference(identifier: metadata.identifier, title: metadata.title, date: metadata.date)
        var entries: [Entry] = []
        func collect(_ section: TemplateSection, path: [String]) {
            let path = path + [section.name]
            for item in section.items {
                switch item {
                case .field(let field):
                    guard let value = filled.values[field.id], !value.isEmpty else { continue }
                    var codes = field.codes
                    switch value {
                    case .choice(let chosen):
                        codes += field.options.first { $0.value == chosen }?.codes ?? []
                    case .choices(let chosen):
                        codes += field.options.filter { chosen.contains($0.value) }.flatMap(\.codes)
                    default:
                        break
                    }
                    entries.append(Entry(id: field.id, section: path, label: field.label, value: value,
                                         display: ReportRenderer.display(value, for: field), codes: codes))
                case .section(let child):
                    collect(child, path: path)
                case .missingEmbed:
                    continue
                }
            }
        }
        for section in filled.template.sections { collect(section, path: []) }
        fields = entries
    }

    /// Returns the document as JSON with sorted keys, so equal documents
    /// encode to equal bytes.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Decodes a document, rejecting other formats and newer versions.
    public static func decode(_ data: Data) throws -> ReportDocument {
        let document = try JSONDecoder().decode(ReportDocument.self, from: data)
        guard document.format == formatName, document.version == currentVersion else {
            throw ReportValueError.unsupportedDocument(format: document.format, version: document.version)
        }
        return document
    }
}
