import Foundation

/// Builds one synthetic transaction bundle: resources linked by urn:uuid
/// fullUrls, as Synthea writes them.
struct BundleBuilder {
    static let snomed = "http://snomed.info/sct"
    static let loinc = "http://loinc.org"
    static let rxnorm = "http://www.nlm.nih.gov/research/umls/rxnorm"

    private var random: SplitMix64
    private let referenceNumber: Int
    private var entries: [JSONObject] = []
    private(set) var patientURL = ""

    init(seed: UInt64, referenceDay: String) {
        random = SplitMix64(seed: seed)
        referenceNumber = dayNumber(referenceDay) ?? dayNumber("2024-06-01")!
    }

    func data() -> Data {
        let bundle: JSONObject = ["resourceType": "Bundle", "type": "transaction", "entry": entries]
        // Sorted keys make the bytes depend on the seed alone.
        return (try? JSONSerialization.data(withJSONObject: bundle, options: [.sortedKeys])) ?? Data()
    }

    private mutating func uuid() -> String {
        let high = random.next(), low = random.next()
        let hex = String(format: "%016llx%016llx", high, low)
        let chars = Array(hex)
        return "\(String(chars[0..<8]))-\(String(chars[8..<12]))-4\(String(chars[13..<16]))-8\(String(chars[17..<20]))-\(String(chars[20..<32]))"
    }

    /// The date `days` before the reference day, as YYYY-MM-DD.
    func day(_ days: Int) -> String {
        civilDate(referenceNumber - days)
    }

    private mutating func add(_ resource: JSONObject) {
        var resource = resource
        let id = uuid()
        resource["id"] = id
        let url = "urn:uuid:\(id)"
        if resource["resourceType"] as? String == "Patient" {
            patientURL = url
        } else if resource["subject"] == nil && resource["patient"] == nil {
            resource[resource["resourceType"] as? String == "AllergyIntolerance" ? "patient" : "subject"] = ["reference": patientURL]
        }
        entries.append(["fullUrl": url, "resource": resource,
                        "request": ["method": "POST", "url": resource["resourceType"] as? String ?? ""]])
    }

    private func concept(_ system: String, _ code: String, _ display: String) -> JSONObject {
        ["coding": [["system": system, "code": code, "display": display]], "text": display]
    }

    mutating func patient(ageYears: Int, sex: String) {
        let given = sex == "female" ? ["Ana", "Mirela", "Sofia", "Ines", "Leena"] : ["Tomas", "Kofi", "Arjun", "Marek", "Ivo"]
        let family = ["Demo", "Sample", "Example", "Testwell", "Placeholder"]
        let birthDays = ageYears * 365 + ageYears / 4 + 30 + random.below(300)
        add(["resourceType": "Patient", "gender": sex, "birthDate": day(birthDays),
             "name": [["use": "official", "family": family[random.below(family.count)],
                       "given": [given[random.below(given.count)]]]]])
    }

    mutating func condition(_ code: String, _ display: String, daysAgo: Int, status: String = "active") {
        add(["resourceType": "Condition", "code": concept(Self.snomed, code, display), "onsetDateTime": day(daysAgo),
             "clinicalStatus": ["coding": [["system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": status]]],
             "verificationStatus": ["coding": [["system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": "confirmed"]]]])
    }

    mutating func quantity(_ code: String, _ display: String, _ value: Double, _ unit: String, daysAgo: Int,
                           comparator: String? = nil) {
        var quantity: JSONObject = ["value": value, "unit": unit, "system": "http://unitsofmeasure.org", "code": unit]
        quantity["comparator"] = comparator
        add(["resourceType": "Observation", "status": "final", "code": concept(Self.loinc, code, display),
             "effectiveDateTime": day(daysAgo), "valueQuantity": quantity])
    }

    mutating func smokingStatus(_ code: String, _ display: String, daysAgo: Int) {
        add(["resourceType": "Observation", "status": "final",
             "code": concept(Self.loinc, "72166-2", "Tobacco smoking status"), "effectiveDateTime": day(daysAgo),
             "valueCodeableConcept": concept(Self.snomed, code, display)])
    }

    mutating func medication(_ code: String, _ display: String, daysAgo: Int, status: String = "active") {
        add(["resourceType": "MedicationRequest", "status": status, "intent": "order",
             "medicationCodeableConcept": concept(Self.rxnorm, code, display), "authoredOn": day(daysAgo)])
    }

    mutating func procedure(_ code: String, _ display: String, daysAgo: Int) {
        add(["resourceType": "Procedure", "status": "completed", "code": concept(Self.snomed, code, display),
             "performedDateTime": day(daysAgo)])
    }

    /// An ImagingStudy and its DiagnosticReport with a conclusion.
    mutating func priorStudy(modality: String, site: (code: String, display: String), description: String,
                             conclusion: String, daysAgo: Int) {
        add(["resourceType": "ImagingStudy", "status": "available", "started": day(daysAgo), "description": description,
             "numberOfSeries": 1, "numberOfInstances": 120 + random.below(200),
             "series": [["uid": "2.25.\(random.next())", "number": 1,
                         "modality": ["system": "http://dicom.nema.org/resources/ontology/DCM", "code": modality],
                         "bodySite": ["system": Self.snomed, "code": site.code, "display": site.display]]]])
        add(["resourceType": "DiagnosticReport", "status": "final", "effectiveDateTime": day(daysAgo),
             "category": [["coding": [["system": "http://terminology.hl7.org/CodeSystem/v2-0074", "code": "RAD", "display": "Radiology"]]]],
             "code": ["text": description], "conclusion": conclusion])
    }

    mutating func encounter(_ classCode: String, reason: String?, practitioner: String, daysAgo: Int) {
        var resource: JSONObject = ["resourceType": "Encounter", "status": "finished",
                                    "class": ["system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": classCode],
                                    "period": ["start": day(daysAgo)],
                                    "participant": [["individual": ["reference": "Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|99990\(random.below(90000) + 10000)",
                                                                    "display": practitioner]]]]
        if let reason {
            resource["reasonCode"] = [["text": reason]]
        }
        add(resource)
    }

    mutating func allergy(_ text: String, reaction: String, criticality: String, daysAgo: Int) {
        add(["resourceType": "AllergyIntolerance", "code": ["text": text], "criticality": criticality,
             "clinicalStatus": ["coding": [["system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "code": "active"]]],
             "recordedDate": day(daysAgo), "reaction": [["manifestation": [concept(Self.snomed, "126485001", reaction)]]]])
    }
}

/// YYYY-MM-DD for a day number from `dayNumber` (Howard Hinnant's civil_from_days).
func civilDate(_ days: Int) -> String {
    let era = (days >= 0 ? days : days - 146_096) / 146_097
    let dayOfEra = days - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return String(format: "%04d-%02d-%02d", year, month, day)
}
