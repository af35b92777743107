import Foundation

/// One reader per summarised resource type. Each returns nil only for a
/// resource that must not count (entered in error, refuted, not done), and
/// notes why.
extension RecordBuilder {
    func readCondition(_ entry: RawEntry, _ reader: FieldReader) -> ClinicalEntry? {
        let verification = reader.concept("verificationStatus")
        let verificationCode = statusCode(verification)
        if verificationCode == "entered-in-error" || verificationCode == "refuted" {
            notes.add("\(entry.place): verificationStatus is \(verificationCode ?? ""); left out")
            return nil
        }
        let code = reader.concept("code")
        let clinical = reader.concept("clinicalStatus")
        var status = statusText(clinical)
        if let verificationLabel = statusText(verification), verificationCode != "confirmed" {
            status = "\(status ?? "unknown status") (verification: \(verificationLabel))"
        }
        var details = reader.objects("note").compactMap { $0.string("text") }
        if let abated = date(reader, "abatementDateTime") {
            details.insert("until \(dayPart(abated))", at: 0)
        }
        let onset = date(reader, "onsetDateTime") ?? reader.object("onsetPeriod").flatMap { date($0, "start") }
            ?? date(reader, "recordedDate")
        return ClinicalEntry(kind: .condition, text: code?.label ?? "(uncoded problem)", value: nil, status: status,
                             detail: details.isEmpty ? nil : details.joined(separator: "; "), date: onset,
                             codes: code?.codings ?? [], isActive: activity(statusCode(clinical)), source: entry.source)
    }

    func readObservation(_ entry: RawEntry, _ reader: FieldReader) -> ClinicalEntry? {
        let status = reader.string("status")
        if status == "entered-in-error" || status == "cancelled" {
            notes.add("\(entry.place): status is \(status ?? ""); left out")
            return nil
        }
        let code = reader.concept("code")
        let valueConcept = reader.has("valueCodeableConcept") ? reader.concept("valueCodeableConcept") : nil
        let date = date(reader, "effectiveDateTime") ?? reader.object("effectivePeriod").flatMap { self.date($0, "start") }
            ?? date(reader, "effectiveInstant") ?? date(reader, "issued")
        return ClinicalEntry(kind: .observation, text: code?.label ?? "(uncoded observation)",
                             value: ObservationValue.text(reader), status: nil,
                             detail: reader.objects("note").compactMap { $0.string("text") }.first, date: date,
                             codes: (code?.codings ?? []) + (valueConcept?.codings ?? []), isActive: nil, source: entry.source)
    }

    func readMedication(_ entry: RawEntry, _ reader: FieldReader) -> ClinicalEntry? {
        let status = reader.string("status")
        if status == "entered-in-error" {
            notes.add("\(entry.place): status is entered-in-error; left out")
            return nil
        }
        var concept = reader.concept("medicationCodeableConcept")
        var label = concept?.label
        if label == nil, let reference = reader.reference("medicationReference") {
            if let target = reference.reference.flatMap({ resolveMedication($0, in: reader) }) {
                concept = target.concept("code")
                label = concept?.label
            }
            label = label ?? reference.display
        }
        if label == nil {
            notes.add("\(entry.place): no medication code or resolvable medicationReference; shown as unnamed")
        }
        let active: Bool? = switch status {
        case "active", "on-hold", "intended": true
        case "stopped", "completed", "cancelled", "not-taken", "revoked": false
        default: nil
        }
        let date = date(reader, "authoredOn") ?? date(reader, "effectiveDateTime")
            ?? reader.object("effectivePeriod").flatMap { self.date($0, "start") } ?? date(reader, "dateAsserted")
        let dosage = reader.objects("dosageInstruction").first?.string("text") ?? reader.objects("dosage").first?.string("text")
        return ClinicalEntry(kind: .medication, text: label ?? "(unnamed medication)", value: nil, status: status,
                             detail: dosage, date: date, codes: concept?.codings ?? [], isActive: active, source: entry.source)
    }

    /// A Medication resource: contained ("#id") or elsewhere in the bundle.
    private func resolveMedication(_ reference: String, in reader: FieldReader) -> FieldReader? {
        if reference.hasPrefix("#") {
            let id = String(reference.dropFirst())
            return reader.objects("contained").first { $0.string("id") == id }
        }
        guard let target = resolve(reference) else { return nil }
        return FieldReader(target.json, place: target.place, notes: notes)
    }

    func readAllergy(_ entry: RawEntry, _ reader: FieldReader) -> ClinicalEntry? {
        let verification = statusCode(reader.concept("verificationStatus"))
        if verification == "entered-in-error" || verification == "refuted" {
            notes.add("\(entry.place): verificationStatus is \(verification ?? ""); left out")
            return nil
        }
        let code = reader.concept("code")
        let clinical = reader.concept("clinicalStatus")
        var details: [String] = []
        var reactionCodes: [Coding] = []
        for reaction in reader.objects("reaction") {
            let manifestations = reaction.concepts("manifestation")
            details += manifestations.compactMap(\.label)
            reactionCodes += reaction.concept("substance")?.codings ?? []
            if let severity = reaction.string("severity") {
                details.append("\(severity) reaction")
            }
        }
        if let criticality = reader.string("criticality") {
            details.append("criticality \(criticality)")
        }
        let date = date(reader, "onsetDateTime") ?? date(reader, "recordedDate")
        return ClinicalEntry(kind: .allergy, text: code?.label ?? "(uncoded allergy)", value: nil, status: statusText(clinical),
                             detail: details.isEmpty ? nil : details.joined(separator: "; "), date: date,
                             codes: (code?.codings ?? []) + reactionCodes, isActive: activity(statusCode(clinical)),
                             source: entry.source)
    }

    func readProcedure(_ entry: RawEntry, _ reader: FieldReader) -> ClinicalEntry? {
        let status = reader.string("status")
        if status == "not-done" || status == "entered-in-error" {
            notes.add("\(entry.place): status is \(status ?? ""); left out")
            return nil
        }
        let code = reader.concept("code")
        let sites = reader.concepts("bodySite")
        let details = sites.compactMap(\.label) + reader.objects("note").compactMap { $0.string("text") }
        let date = date(reader, "performedDateTime") ?? reader.object("performedPeriod").flatMap { self.date($0, "start") }
        return ClinicalEntry(kind: .procedure, text: code?.label ?? "(uncoded procedure)", value: nil, status: nil,
                             detail: details.isEmpty ? nil : details.joined(separator: "; "), date: date,
                             codes: (code?.codings ?? []) + sites.flatMap(\.codings), isActive: nil, source: entry.source)
    }

    func readImagingStudy(_ entry: RawEntry, _ reader: FieldReader) -> ClinicalEntry? {
        if reader.string("status") == "entered-in-error" {
            notes.add("\(entry.place): status is entered-in-error; left out")
            return nil
        }
        // R4 puts modality and bodySite in Codings, not CodeableConcepts.
        var modalities: [String] = []
        var sites: [String] = []
        var codes: [Coding] = []
        // Modalities read best as their code ("CR"), body sites as their display ("Thoracic structure").
        func addCoding(_ coding: FieldReader?, to list: inout [String], preferCode: Bool) {
            guard let coding else { return }
            let value = Coding(system: coding.string("system"), code: coding.string("code"), display: coding.string("display"))
            codes.append(value)
            let word = preferCode ? (value.code ?? value.display) : (value.display ?? value.code)
            if let word, !list.contains(word) { list.append(word) }
        }
        for modality in reader.objects("modality") {
            addCoding(modality, to: &modalities, preferCode: true)
        }
        let series = reader.objects("series")
        for item in series {
            addCoding(item.object("modality"), to: &modalities, preferCode: true)
            addCoding(item.object("bodySite"), to: &sites, preferCode: false)
        }
        let procedures = reader.concepts("procedureCode")
        codes += procedures.flatMap(\.codings)
        let summary = ([modalities.joined(separator: "/")] + [sites.joined(separator: ", ")]).filter { !$0.isEmpty }
        let text = reader.string("description") ?? procedures.first?.label
            ?? (summary.isEmpty ? "Imaging study" : summary.joined(separator: " "))

        var details: [String] = []
        if reader.string("description") != nil || procedures.first?.label != nil, !summary.isEmpty {
            details.append(summary.joined(separator: " "))
        }
        let seriesCount = reader.number("numberOfSeries")?.intValue ?? series.count
        let instances = reader.number("numberOfInstances")?.intValue
            ?? series.reduce(0) { $0 + ($1.number("numberOfInstances")?.intValue ?? $1.objects("instance").count) }
        details.append("\(seriesCount) series, \(instances) images")
        details += reader.concepts("reasonCode").compactMap(\.label)
        return ClinicalEntry(kind: .imaging, text: text, value: nil, status: nil, detail: details.joined(separator: "; "),
                             date: date(reader, "started"), codes: codes, isActive: nil, source: entry.source)
    }

    /// The longest report text kept. Longer text is cut with an ellipsis and a note.
    static let maxReportCharacters = 4000

    func readReport(_ entry: RawEntry, _ reader: FieldReader) -> ClinicalEntry? {
        let status = reader.string("status")
        if status == "entered-in-error" || status == "cancelled" {
            notes.add("\(entry.place): status is \(status ?? ""); left out")
            return nil
        }
        let code = reader.concept("code")
        let categories = reader.concepts("category")
        var text = reader.string("conclusion") ?? reader.concepts("conclusionCode").compactMap(\.label).first
        if text == nil {
            for form in reader.objects("presentedForm") {
                guard form.string("contentType")?.hasPrefix("text/") == true, let encoded = form.string("data") else { continue }
                guard let bytes = Data(base64Encoded: encoded), let decoded = String(data: bytes, encoding: .utf8) else {
                    notes.add("\(entry.place): 'presentedForm.data' is not base64 UTF-8 text; not shown")
                    continue
                }
                text = decoded.trimmingCharacters(in: .whitespacesAndNewlines)
                break
            }
        }
        if let full = text, full.count > Self.maxReportCharacters {
            text = String(full.prefix(Self.maxReportCharacters)) + "…"
            notes.add("\(entry.place): report text shortened to \(Self.maxReportCharacters) characters")
        }
        let date = date(reader, "effectiveDateTime") ?? reader.object("effectivePeriod").flatMap { self.date($0, "start") }
            ?? date(reader, "issued")
        return ClinicalEntry(kind: .report, text: code?.label ?? "(uncoded report)", value: nil, status: nil, detail: text,
                             date: date, codes: (code?.codings ?? []) + categories.flatMap(\.codings), isActive: nil,
                             source: entry.source)
    }

    func readEncounter(_ entry: RawEntry, _ reader: FieldReader) -> ClinicalEntry? {
        let status = reader.string("status")
        if status == "entered-in-error" || status == "cancelled" {
            notes.add("\(entry.place): status is \(status ?? ""); left out")
            return nil
        }
        let types = reader.concepts("type")
        let reasons = reader.concepts("reasonCode")
        // R4 Encounter.class is a Coding.
        let classCoding = reader.object("class").map {
            Coding(system: $0.string("system"), code: $0.string("code"), display: $0.string("display"))
        }
        let classWords = ["AMB": "Ambulatory encounter", "EMER": "Emergency encounter", "IMP": "Inpatient encounter",
                          "HH": "Home health encounter", "VR": "Virtual encounter", "OBSENC": "Observation encounter"]
        let text = types.first?.label ?? classCoding?.display ?? classCoding?.code.flatMap { classWords[$0] } ?? "Encounter"

        var details: [String] = []
        for participant in reader.objects("participant") {
            guard let individual = participant.reference("individual") else { continue }
            if let name = individual.display ?? individual.reference.flatMap(practitionerName) {
                details.append("with \(name)")
            }
        }
        details += reasons.compactMap(\.label).map { "reason: \($0)" }
        let start = reader.object("period").flatMap { date($0, "start") }
        var codes = types.flatMap(\.codings) + reasons.flatMap(\.codings)
        if let classCoding { codes.append(classCoding) }
        return ClinicalEntry(kind: .encounter, text: text, value: nil, status: status,
                             detail: details.isEmpty ? nil : details.joined(separator: "; "), date: start, codes: codes,
                             isActive: nil, source: entry.source)
    }

    /// A Practitioner's name when the reference resolves inside the bundle.
    private func practitionerName(_ reference: String) -> String? {
        guard let target = resolve(reference), target.resourceType == "Practitioner" else { return nil }
        let reader = FieldReader(target.json, place: target.place, notes: notes)
        guard let name = reader.objects("name").first else { return nil }
        if let text = name.string("text") { return text }
        let parts = name.strings("prefix") + name.strings("given") + [name.string("family")].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// The status code of a status CodeableConcept, lowercased: the first
    /// coding's code, else its text ("Active" sent as text only).
    func statusCode(_ concept: CodeableConcept?) -> String? {
        guard let concept else { return nil }
        return (concept.codings.first(where: { $0.code != nil })?.code ?? concept.text ?? concept.codings.first?.display)?.lowercased()
    }

    /// The status for display: the text if there is one ("Active"), else the code ("active").
    func statusText(_ concept: CodeableConcept?) -> String? {
        guard let concept else { return nil }
        return concept.text ?? concept.codings.first(where: { $0.code != nil })?.code ?? concept.codings.first?.display
    }

    func activity(_ code: String?) -> Bool? {
        switch code {
        case "active", "recurrence", "relapse": return true
        case "inactive", "remission", "resolved": return false
        default: return nil
        }
    }
}

/// The date part of a FHIR dateTime ("2024-02-01T09:00:00+01:00" -> "2024-02-01").
func dayPart(_ dateTime: String) -> String {
    String(dateTime.prefix(10))
}
