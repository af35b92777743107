import Foundation

/// Turns a bundle's entries into a `FHIRRecord`: finds the patient, resolves
/// references, keeps the resources about that patient and reads each type.
struct RecordBuilder {
    /// Types read into entries; every other type is counted, not read.
    static let summarisedTypes: Set<String> = [
        "Condition", "Observation", "MedicationRequest", "MedicationStatement", "AllergyIntolerance",
        "Procedure", "ImagingStudy", "DiagnosticReport", "Encounter",
    ]
    /// Types that are valid FHIR R4 and expected in EMR exports but carry
    /// nothing a radiologist needs in the summary (billing, care teams,
    /// vaccines). They are counted without a note.
    static let knownSkippedTypes: Set<String> = [
        "Immunization", "Claim", "ExplanationOfBenefit", "CareTeam", "CarePlan", "Organization", "Practitioner",
        "PractitionerRole", "Location", "Medication", "MedicationAdministration", "MedicationDispense", "Provenance",
        "Device", "Coverage", "DocumentReference", "SupplyDelivery", "Goal", "RelatedPerson", "ServiceRequest",
        "Specimen", "QuestionnaireResponse", "Composition", "Binary", "Media", "FamilyMemberHistory",
        "ClinicalImpression", "Consent", "Communication", "Appointment", "EpisodeOfCare", "Account",
    ]

    let entries: [RawEntry]
    let notes: NoteCollector
    var bundleType: String?
    /// fullUrl and "Type/id" of every entry, to its position in `entries`.
    private var index: [String: Int] = [:]

    init(entries: [RawEntry], notes: NoteCollector) {
        self.entries = entries
        self.notes = notes
        for (position, entry) in entries.enumerated() {
            if let fullUrl = entry.fullUrl, index[fullUrl] == nil {
                index[fullUrl] = position
            }
            if let id = entry.id, index["\(entry.resourceType)/\(id)"] == nil {
                index["\(entry.resourceType)/\(id)"] = position
            }
        }
    }

    /// Finds the entry a reference points to: by fullUrl (urn:uuid:…, absolute URL)
    /// first, then by "Type/id", also when the reference is an absolute URL
    /// ending in Type/id. Conditional references (`Practitioner?identifier=…`)
    /// never resolve, because they name a server-side search.
    func resolve(_ reference: String) -> RawEntry? {
        if reference.contains("?") { return nil }
        if let position = index[reference] { return entries[position] }
        let parts = reference.split(separator: "/")
        if parts.count >= 2, let position = index["\(parts[parts.count - 2])/\(parts[parts.count - 1])"] {
            return entries[position]
        }
        return nil
    }

    mutating func build() -> FHIRRecord {
        let patients = entries.filter { $0.resourceType == "Patient" }
        let subject = patients.first
        if patients.count > 1 {
            notes.add("Bundle has \(patients.count) Patient resources; summarising the first, resources about the others are left out")
        }
        if subject == nil {
            notes.add("Bundle has no Patient resource: age and sex are unknown")
        }
        let demographics = subject.map(readPatient)

        var clinical: [ClinicalEntry] = []
        var skipped: [String: Int] = [:]
        var unknown: [String: Int] = [:]
        var otherSubject: [String: Int] = [:]
        var firstSubjectReference: String?
        for entry in entries where entry.resourceType != "Patient" {
            let type = entry.resourceType
            guard Self.summarisedTypes.contains(type) else {
                if Self.knownSkippedTypes.contains(type) {
                    skipped[type, default: 0] += 1
                } else {
                    unknown[FHIRReader.safeResourceType(type), default: 0] += 1
                }
                continue
            }
            let reader = FieldReader(entry.json, place: entry.place, notes: notes)
            if let reference = subjectReference(reader) {
                let isSubject: Bool
                if let subject {
                    isSubject = refers(reference, to: subject)
                } else {
                    // Without a Patient, the first subject seen stands for the patient.
                    firstSubjectReference = firstSubjectReference ?? reference
                    isSubject = reference == firstSubjectReference
                }
                guard isSubject else {
                    notes.add("\(entry.place): refers to another subject than this bundle's patient; left out")
                    otherSubject[type, default: 0] += 1
                    continue
                }
            }
            if let read = readClinical(entry, reader) {
                clinical.append(read)
            }
        }
        if !unknown.isEmpty {
            let list = unknown.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            notes.add("Resource types this reader does not know were skipped: \(list)")
        }
        return FHIRRecord(bundleType: bundleType, patient: demographics, entries: clinical,
                          skippedResourceCounts: skipped, notes: notes.finish())
    }

    /// `subject`, or `patient` for AllergyIntolerance and older exports.
    private func subjectReference(_ reader: FieldReader) -> String? {
        for key in ["subject", "patient"] where reader.has(key) {
            if let reference = reader.reference(key)?.reference {
                return reference
            }
        }
        return nil
    }

    /// Checks that `reference` points at `subject`: equal to its fullUrl, or to
    /// Patient/id (relative or absolute). A urn:uuid is not taken to equal the
    /// id, because transaction bundles link by fullUrl and may omit ids.
    private func refers(_ reference: String, to subject: RawEntry) -> Bool {
        if reference == subject.fullUrl { return true }
        if let id = subject.id {
            if reference == "Patient/\(id)" || reference.hasSuffix("/Patient/\(id)") { return true }
        }
        if let resolved = resolve(reference) {
            return resolved.index == subject.index
        }
        return false
    }

    private func readClinical(_ entry: RawEntry, _ reader: FieldReader) -> ClinicalEntry? {
        switch entry.resourceType {
        case "Condition": return readCondition(entry, reader)
        case "Observation": return readObservation(entry, reader)
        case "MedicationRequest", "MedicationStatement": return readMedication(entry, reader)
        case "AllergyIntolerance": return readAllergy(entry, reader)
        case "Procedure": return readProcedure(entry, reader)
        case "ImagingStudy": return readImagingStudy(entry, reader)
        case "DiagnosticReport": return readReport(entry, reader)
        case "Encounter": return readEncounter(entry, reader)
        default: return nil
        }
    }

    private func readPatient(_ entry: RawEntry) -> PatientDemographics {
        let reader = FieldReader(entry.json, place: entry.place, notes: notes)
        let names = reader.objects("name")
        let chosen = names.first(where: { $0.string("use") == "official" }) ?? names.first
        var name: String?
        if let chosen {
            if let text = chosen.string("text") {
                name = text
            } else {
                let parts = chosen.strings("prefix") + chosen.strings("given") + [chosen.string("family")].compactMap { $0 }
                name = parts.isEmpty ? nil : parts.joined(separator: " ")
            }
        }
        let birthDate = date(reader, "birthDate")
        if reader.has("birthDate") && birthDate == nil {
            notes.add("\(entry.place): 'birthDate' is not a FHIR date; age unknown")
        }
        var deceased = reader.has("deceasedDateTime")
        if let flag = reader.bool("deceasedBoolean") {
            deceased = flag
        }
        return PatientDemographics(name: name, birthDate: birthDate, sex: reader.string("gender"), deceased: deceased,
                                   deceasedDate: date(reader, "deceasedDateTime"), source: entry.source)
    }

    /// Reads a FHIR date or dateTime (YYYY, YYYY-MM, YYYY-MM-DD, optionally followed
    /// by a time). Anything else is noted and dropped, so sorting by date stays sound.
    func date(_ reader: FieldReader, _ key: String) -> String? {
        guard let text = reader.string(key) else { return nil }
        guard Self.isFHIRDate(text) else {
            notes.add("\(reader.place): '\(reader.path.isEmpty ? key : reader.path + "." + key)' is not a FHIR date; ignored")
            return nil
        }
        return text
    }

    static func isFHIRDate(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars.prefix(10))
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= scalars.count && range.allSatisfy { ("0"..."9").contains(scalars[$0]) }
        }
        guard digits(0..<4) else { return false }
        if scalars.count == 4 { return true }
        guard scalars[4] == "-", digits(5..<7) else { return false }
        if scalars.count == 7 { return true }
        return scalars.count == 10 && scalars[7] == "-" && digits(8..<10)
    }
}
