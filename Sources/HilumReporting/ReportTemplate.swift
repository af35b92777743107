/// A structured report template: metadata, the codes of what it
/// applies to, and its sections. Importing an MRRT HTML file with
/// `TemplateImporter` produces one.
public struct ReportTemplate: Codable, Sendable, Equatable {
    public var metadata: TemplateMetadata
    public var codingSchemes: [CodingScheme]
    /// Template-level terms such as the modality and body part.
    public var terms: [TemplateTerm]
    public var sections: [TemplateSection]

    public init(metadata: TemplateMetadata, codingSchemes: [CodingScheme] = [], terms: [TemplateTerm] = [],
                sections: [TemplateSection]) {
        self.metadata = metadata
        self.codingSchemes = codingSchemes
        self.terms = terms
        self.sections = sections
    }

    public var id: String { metadata.identifier }
    public var title: String { metadata.title }

    /// Every field of the template in document order.
    public var allFields: [TemplateField] { sections.flatMap(\.allFields) }

    /// Returns the field with this id, or else the first field with this name.
    public func field(_ idOrName: String) -> TemplateField? {
        let fields = allFields
        return fields.first { $0.id == idOrName } ?? fields.first { $0.name == idOrName }
    }

    /// UIDs of embedded templates that were not available at import.
    public var missingEmbeds: [String] {
        func collect(_ section: TemplateSection) -> [String] {
            section.items.flatMap { item -> [String] in
                switch item {
                case .missingEmbed(let uid): [uid]
                case .section(let child): collect(child)
                case .field: []
                }
            }
        }
        return sections.flatMap(collect)
    }
}

/// Dublin Core metadata and MRRT template attributes of a template.
public struct TemplateMetadata: Codable, Sendable, Equatable {
    /// `dcterms.identifier`: the template's UID or URI.
    public var identifier: String
    /// `dcterms.title`, else the `<title>` text.
    public var title: String
    public var description: String?
    public var language: String?
    public var type: String?
    public var publisher: String?
    public var creator: String?
    public var contributors: [String]
    public var rights: String?
    public var license: String?
    public var date: String?
    /// `status` from the template attributes, such as ACTIVE or DRAFT.
    public var status: String?
    /// `top-level-flag`: false for templates meant only to be embedded.
    public var isTopLevel: Bool

    public init(identifier: String, title: String, description: String? = nil, language: String? = nil,
                type: String? = nil, publisher: String? = nil, creator: String? = nil, contributors: [String] = [],
                rights: String? = nil, license: String? = nil, date: String? = nil, status: String? = nil,
                isTopLevel: Bool = true) {
        self.identifier = identifier
        self.title = title
        self.description = description
        self.language = language
        self.type = type
        self.publisher = publisher
        self.creator = creator
        self.contributors = contributors
        self.rights = rights
        self.license = license
        self.date = date
        self.status = status
        self.isTopLevel = isTopLevel
    }
}
