import Foundation

/// A code from a terminology, as written in the bundle.
public struct Coding: Codable, Sendable, Hashable {
    public var system: String?
    public var code: String?
    public var display: String?

    public init(system: String?, code: String?, display: String?) {
        self.system = system
        self.code = code
        self.display = display
    }

    /// The short name rules use for `system`: SNOMED, LOINC, RXNORM, ICD-10,
    /// ICD-10-CM, CVX; otherwise the last part of the system URI.
    public var systemName: String? {
        guard let system else { return nil }
        switch system.lowercased() {
        case "http://snomed.info/sct", "urn:oid:2.16.840.1.113883.6.96": return "SNOMED"
        case "http://loinc.org", "urn:oid:2.16.840.1.113883.6.1": return "LOINC"
        case "http://www.nlm.nih.gov/research/umls/rxnorm", "urn:oid:2.16.840.1.113883.6.88": return "RXNORM"
        case "http://hl7.org/fhir/sid/icd-10", "urn:oid:2.16.840.1.113883.6.3": return "ICD-10"
        case "http://hl7.org/fhir/sid/icd-10-cm", "urn:oid:2.16.840.1.113883.6.90": return "ICD-10-CM"
        case "http://hl7.org/fhir/sid/cvx": return "CVX"
        default:
            let last = system.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? system
            return last.isEmpty ? nil : last
        }
    }
}

/// A FHIR CodeableConcept: codings plus free text.
public struct CodeableConcept: Sendable, Hashable {
    public var codings: [Coding]
    public var text: String?

    var isEmpty: Bool { codings.isEmpty && text == nil }

    /// A label for people: `text`, else the first coding's `display`, else the
    /// first code with its system's short name ("N18.3 (ICD-10-CM)"), else nil.
    public var label: String? {
        if let text { return text }
        if let display = codings.first(where: { $0.display != nil })?.display { return display }
        if let coding = codings.first(where: { $0.code != nil }), let code = coding.code {
            return coding.systemName.map { "\(code) (\($0))" } ?? code
        }
        return nil
    }
}

/// What kind of clinical fact an entry is. The raw values are the words the
/// rules file uses in its `resources:` field.
public enum EntryKind: String, Codable, Sendable, CaseIterable {
    case condition, observation, medication, allergy, procedure, imaging, report, encounter
}

/// The resource an item came from.
public struct SourceReference: Codable, Sendable, Hashable {
    public var resourceType: String
    public var id: String?
    public var fullUrl: String?

    public init(resourceType: String, id: String?, fullUrl: String?) {
        self.resourceType = resourceType
        self.id = id
        self.fullUrl = fullUrl
    }

    /// "Condition/c7", else the fullUrl, else the bare resource type.
    public var label: String {
        if let id { return "\(resourceType)/\(id)" }
        if let fullUrl { return "\(resourceType) \(fullUrl)" }
        return resourceType
    }
}

/// One clinical fact read from a resource, before ranking.
public struct ClinicalEntry: Sendable {
    public var kind: EntryKind
    /// The label: a condition's name, an observation's code, a drug.
    public var text: String
    /// An observation's value as text ("> 90 mL/min/{1.73_m2}", "128/82 mm[Hg]").
    public var value: String?
    /// Clinical or workflow status as written ("active", "resolved", "stopped").
    public var status: String?
    /// Further text: a note, a report's conclusion, an allergy's reactions.
    public var detail: String?
    /// A FHIR date or dateTime as written in the resource.
    public var date: String?
    public var codes: [Coding]
    /// True for active problems and current medications, false for resolved or
    /// stopped ones, nil when the resource gives no status.
    public var isActive: Bool?
    public var source: SourceReference
}

/// The patient's demographics as read. The name and birth date identify the
/// patient: they are kept out of logs and out of the summary's items.
public struct PatientDemographics: Sendable, Equatable {
    public var name: String?
    public var birthDate: String?
    public var sex: String?
    public var deceased: Bool
    public var deceasedDate: String?
    public var source: SourceReference
}

/// Everything read from one bundle: the patient, the entries about them, and
/// notes on what could not be read.
public struct FHIRRecord: Sendable {
    public var bundleType: String?
    public var patient: PatientDemographics?
    public var entries: [ClinicalEntry]
    /// Resources read but not summarised, by type ("Claim": 43, "Immunization": 10).
    public var skippedResourceCounts: [String: Int]
    public var notes: [String]
}
