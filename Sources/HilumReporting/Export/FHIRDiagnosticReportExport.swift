import Foundation

/// The report as a FHIR R4 DiagnosticReport: each section a contained
/// Observation coded with the template's LOINC section code where it has
/// one, the impression as `conclusion`, and the full text as a base64
/// `presentedForm`.
public enum FHIRDiagnosticReportExport {
    /// LOINC 18748-4, "Diagnostic imaging study", with the procedure as text.
    static func reportCode(procedure: String) -> [String: Any] {
        ["coding": [["system": "http://loinc.org", "code": "18748-4", "display": "Diagnostic imaging study"]], "text": procedure]
    }

    /// Returns the resource as a JSON object (Foundation property-list types).
    public static func resource(_ payload: ReportPayload, context: ReportExportContext) -> [String: Any] {
        var resource: [String: Any] = [
            "resourceType": "DiagnosticReport",
            "id": String(context.reportID.prefix(64)),
            "identifier": [["system": "urn:hilum:report", "value": context.reportID]],
            "status": context.isAmended ? "amended" : "final",
            "category": [[
                "coding": [["system": "http://terminology.hl7.org/CodeSystem/v2-0074", "code": "RAD", "display": "Radiology"]],
            ]],
            "code": reportCode(procedure: context.procedure),
            "issued": ExportTime.iso8601(payload.signedAt),
            "performer": [["display": payload.radiologistName]],
            "resultsInterpreter": [["display": payload.radiologistName]],
            "presentedForm": [[
                "contentType": "text/plain",
                "language": "en",
                "data": Data(PlainTextExport.render(payload, context: context).utf8).base64EncodedString(),
                "title": context.procedure,
            ]],
        ]
        if let subject = subject(context.patient) { resource["subject"] = subject }
        if let studyUID = context.studyUID {
            resource["imagingStudy"] = [[
                "identifier": ["system": "urn:dicom:uid", "value": "urn:oid:\(studyUID)"],
                "display": "Study \(studyUID)",
            ]]
        }
        if let impression = payload.impression { resource["conclusion"] = impression }

        var contained: [[String: Any]] = []
        var results: [[String: Any]] = []
        for (index, section) in payload.sections.enumerated() {
            let id = "section-\(index + 1)"
            var code: [String: Any] = ["text": section.name]
            if let loinc = section.loincCode {
                code["coding"] = [["system": "http://loinc.org", "code": loinc.value, "display": loinc.meaning]]
            }
            contained.append(["resourceType": "Observation", "id": id, "status": context.isAmended ? "amended" : "final",
                              "code": code, "valueString": section.text])
            results.append(["reference": "#\(id)", "display": section.name])
        }
        if !contained.isEmpty {
            resource["contained"] = contained
            resource["result"] = results
        }
        return resource
    }

    /// Returns the resource as pretty-printed JSON with sorted keys.
    public static func json(_ payload: ReportPayload, context: ReportExportContext) throws -> Data {
        try JSONSerialization.data(withJSONObject: resource(payload, context: context),
                                   options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// Returns a logical reference to the patient: the display name and,
    /// when the exporter has it, the client's MRN.
    private static func subject(_ patient: ReportExportContext.Patient?) -> [String: Any]? {
        guard let patient, patient.name != nil || patient.identifier != nil else { return nil }
        var subject: [String: Any] = ["type": "Patient"]
        if let name = patient.name { subject["display"] = name }
        if let identifier = patient.identifier { subject["identifier"] = ["type": ["text": "MRN"], "value": identifier] }
        return subject
    }
}
