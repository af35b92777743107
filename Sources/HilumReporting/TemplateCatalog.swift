/// The templates a radiologist can report with, chosen by the study's
/// DICOM modality and body region.
public struct TemplateCatalog: Sendable {
    public struct Entry: Sendable {
        public var template: ReportTemplate
        /// Normalized modality groups (see `TemplateCatalog.modalityGroup`).
        public var modalities: Set<String>
        /// Normalized body regions (see `TemplateCatalog.bodyRegion`).
        public var bodyRegions: Set<String>
        public var isBuiltIn: Bool
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    /// Returns a catalog of the built-in templates.
    public static func builtIn() throws -> TemplateCatalog {
        var catalog = TemplateCatalog()
        for builtIn in BuiltInTemplates.all {
            catalog.entries.append(Entry(template: try builtIn.load(),
                                         modalities: Set(builtIn.modalities.map(modalityGroup)),
                                         bodyRegions: Set(builtIn.bodyRegions.map(bodyRegion)), isBuiltIn: true))
        }
        return catalog
    }

    /// Adds an imported template. Without explicit modalities or regions
    /// they are read from the template's RadLex terms; a template whose
    /// identifier is already present replaces the earlier entry.
    public mutating func add(_ template: ReportTemplate, modalities: [String]? = nil, bodyRegions: [String]? = nil) {
        let inferred = Self.infer(from: template.terms)
        let entry = Entry(template: template, modalities: Set((modalities ?? inferred.modalities).map(Self.modalityGroup)),
                          bodyRegions: Set((bodyRegions ?? inferred.regions).map(Self.bodyRegion)), isBuiltIn: false)
        entries.removeAll { $0.template.id == template.id }
        entries.append(entry)
    }

    /// Returns the best template for a study, preferring an imported
    /// template over a built-in one when both match modality and region.
    public func choose(modality: String, bodyRegion: String) -> Entry? {
        candidates(modality: modality, bodyRegion: bodyRegion).first {
            $0.modalities.contains(Self.modalityGroup(modality)) && $0.bodyRegions.contains(Self.bodyRegion(bodyRegion))
        }
    }

    /// Returns every template that matches the modality, the region or
    /// both, best first: both, then region only, then modality only.
    public func candidates(modality: String, bodyRegion: String) -> [Entry] {
        let group = Self.modalityGroup(modality)
        let region = Self.bodyRegion(bodyRegion)
        func score(_ entry: Entry) -> Int {
            (entry.bodyRegions.contains(region) ? 2 : 0) + (entry.modalities.contains(group) ? 1 : 0)
                + (entry.bodyRegions.contains(region) && entry.modalities.contains(group) ? 4 : 0)
        }
        return entries.enumerated()
            .filter { score($0.element) > 0 }
            .sorted { lhs, rhs in
                let (left, right) = (score(lhs.element), score(rhs.element))
                if left != right { return left > right }
                if lhs.element.isBuiltIn != rhs.element.isBuiltIn { return !lhs.element.isBuiltIn }
                return lhs.offset < rhs.offset
            }
            .map(\.element)
    }

    /// Returns the modality group of a DICOM modality code. CR, DX and DR are all
    /// projection radiography and match each other.
    public static func modalityGroup(_ modality: String) -> String {
        let code = modality.trimmingCharacters(in: .whitespaces).uppercased()
        return ["CR", "DX", "DR"].contains(code) ? "CR/DX" : code
    }

    /// Returns a body region in catalog spelling: upper case, "-" between words,
    /// and synonyms merged (THORAX is CHEST, BRAIN is HEAD, ABDOMENPELVIS
    /// is ABDOMEN-PELVIS).
    public static func bodyRegion(_ region: String) -> String {
        var words: [String] = []
        var current = ""
        for character in region.uppercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        let joined = words.filter { $0 != "AND" }.joined(separator: "-")
        switch joined {
        case "THORAX", "CHEST", "LUNG", "LUNGS": return "CHEST"
        case "BRAIN", "HEAD", "SKULL": return "HEAD"
        case "ABDOMENPELVIS", "ABDOMEN-PELVIS", "ABD-PELVIS", "ABDPELVIS": return "ABDOMEN-PELVIS"
        default: return joined
        }
    }

    private static let modalityCodes = ["RID10321": "CT", "RID10345": "CR", "RID10312": "MR", "RID10326": "US"]
    private static let regionCodes = ["RID1243": "CHEST", "RID56": "ABDOMEN", "RID2507": "PELVIS", "RID9080": "HEAD",
                                      "RID6434": "HEAD"]

    private static func infer(from terms: [TemplateTerm]) -> (modalities: [String], regions: [String]) {
        let modalities = terms.compactMap { modalityCodes[$0.code.value] }
        var regions = terms.compactMap { regionCodes[$0.code.value] }
        if regions.contains("ABDOMEN") && regions.contains("PELVIS") { regions.append("ABDOMEN-PELVIS") }
        return (modalities, regions)
    }
}
