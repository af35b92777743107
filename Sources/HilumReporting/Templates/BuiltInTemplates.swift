/// Hilum's own MRRT templates, kept as string literals so that loading them
/// cannot fail for a missing resource file. A test imports each one under
/// strict conformance.
///
/// NOTE: the RadLex RIDs bound to findings and options were written from
/// memory and not checked against a RadLex release; the LOINC section codes
/// and the modality and body-part RIDs match those in RSNA's templates.
public enum BuiltInTemplates {
    public static let all: [BuiltInTemplate] = [chestRadiograph, ctChest, ctHead, ctAbdomenPelvis, mrBrain, usAbdomen]
}

/// A built-in template: its MRRT HTML and the DICOM modalities and body
/// regions it is meant for.
public struct BuiltInTemplate: Sendable {
    public let key: String
    /// DICOM modality codes (CT, MR, US, CR, DX, DR).
    public let modalities: [String]
    /// Body regions in catalog spelling (CHEST, HEAD, ABDOMEN …).
    public let bodyRegions: [String]
    public let html: String

    /// Imports the template; a test guarantees this succeeds for every built-in.
    public func load() throws -> ReportTemplate {
        try TemplateImporter().importTemplate(html: html, source: "built-in template \(key)").template
    }
}
