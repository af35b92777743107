/// A section of a report template (Findings, Liver, Impression …) holding
/// fields and subsections in document order.
public struct TemplateSection: Codable, Sendable, Equatable {
    public var id: String?
    /// The MRRT `data-section-name`, else the section's heading.
    public var name: String
    /// The text of the section's `<header>` when it differs from `name`.
    public var heading: String?
    public var codes: [TemplateCode]
    public var items: [Item]

    public init(id: String? = nil, name: String, heading: String? = nil, codes: [TemplateCode] = [], items: [Item] = []) {
        self.id = id
        self.name = name
        self.heading = heading
        self.codes = codes
        self.items = items
    }

    /// One entry of a section, in document order.
    public enum Item: Codable, Sendable, Equatable {
        case field(TemplateField)
        case section(TemplateSection)
        /// An `<embed>`ded template that could not be loaded, by its UID.
        case missingEmbed(uid: String)
    }

    /// Every field in this section and its subsections, in document order.
    public var allFields: [TemplateField] {
        items.flatMap { item -> [TemplateField] in
            switch item {
            case .field(let field): [field]
            case .section(let section): section.allFields
            case .missingEmbed: []
            }
        }
    }

    public var subsections: [TemplateSection] {
        items.compactMap { item in
            if case .section(let section) = item { return section }
            return nil
        }
    }
}
