/// A problem found while importing a template: which rule it breaks, where,
/// and how to fix it. Messages name elements and attributes, never field
/// values, so they can be logged.
public struct TemplateIssue: Error, Sendable, Equatable, CustomStringConvertible {
    public var defect: Defect
    /// 1-based line in the template file, when the problem has a place.
    public var line: Int?
    public var message: String
    public var fix: String

    public init(_ defect: Defect, line: Int? = nil, _ message: String, fix: String) {
        self.defect = defect
        self.line = line
        self.message = message
        self.fix = fix
    }

    public var description: String {
        let place = line.map { "line \($0): " } ?? ""
        return "\(place)\(message); \(fix)"
    }

    /// The rules an MRRT template can break. Conformance defects reject a
    /// template under `TemplateImporter.Conformance.strict`; the others are
    /// always warnings.
    public enum Defect: String, Sendable, CaseIterable {
        case inputTooLarge
        case missingHTMLElement
        case multipleHTMLElements
        case missingHeadElement
        case multipleHeadElements
        case missingBodyElement
        case multipleBodyElements
        case missingTitleElement
        case missingCharsetMeta
        case multipleCharsetMeta
        case charsetNotUTF8
        case missingDublinCoreMeta
        case missingDublinCoreTitle
        case missingDublinCoreIdentifier
        case missingScriptElement
        case multipleScriptElements
        case missingTemplateAttributes
        case multipleTemplateAttributes
        case codeMissingAttributes
        case termWithoutCode
        case multipleCodesInTerm
        // Warnings from here on.
        case templateAttributesNotWellFormed
        case undeclaredCodingScheme
        case unboundCodedContent
        case malformedMarkup
        case duplicateFieldID
        case fieldOutsideSection
        case missingEmbed
        case noSections

        /// True when the MRRT profile requires what this defect breaks.
        public var isConformance: Bool {
            switch self {
            case .templateAttributesNotWellFormed, .undeclaredCodingScheme, .unboundCodedContent, .malformedMarkup,
                 .duplicateFieldID, .fieldOutsideSection, .missingEmbed, .noSections:
                false
            default:
                true
            }
        }

        /// True when no template can be built at all, even leniently.
        var isFatal: Bool { self == .inputTooLarge || self == .missingBodyElement }
    }
}

/// Thrown when a template cannot be imported; lists every problem found,
/// not only the first.
public struct TemplateImportError: Error, Sendable, CustomStringConvertible {
    /// The file name or label the caller gave for the template.
    public var source: String
    public var issues: [TemplateIssue]

    public var description: String {
        let list = issues.map { "  - \($0)" }.joined(separator: "\n")
        return "\(source) is not a valid MRRT report template (\(issues.count) problem\(issues.count == 1 ? "" : "s")):\n\(list)"
    }

    public var defects: [TemplateIssue.Defect] { issues.map(\.defect) }
}

/// A successfully imported template and the warnings it produced.
public struct ImportedTemplate: Sendable {
    public var template: ReportTemplate
    public var warnings: [TemplateIssue]
}
