import Foundation

/// What an export needs besides the sealed payload: the patient (when the
/// reader has the details), the study, the report's ledger ids and its
/// addenda. Every patient field is optional, because a clinician's replica
/// holds no patient details.
public struct ReportExportContext: Sendable {
    public struct Patient: Sendable, Equatable {
        /// "Family, Given" as the client stores it, or a single name.
        public var name: String?
        public var identifier: String?
        /// YYYY-MM-DD.
        public var birthDate: String?
        /// DICOM sex: "F", "M" or "O".
        public var sex: String?

        public init(name: String? = nil, identifier: String? = nil, birthDate: String? = nil, sex: String? = nil) {
            self.name = name
            self.identifier = identifier
            self.birthDate = birthDate
            self.sex = sex
        }

        /// Family and given names: "Family, Given" splits at the comma, a
        /// DICOM "Family^Given" at the caret, anything else is the family name.
        public var nameParts: (family: String, given: String?)? {
            guard let name, !name.isEmpty else { return nil }
            for separator in [",", "^"] {
                let parts = name.split(separator: Character(separator), maxSplits: 1).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                if parts.count == 2 { return (parts[0], parts[1].isEmpty ? nil : parts[1]) }
            }
            return (name, nil)
        }
    }

    /// The report event's id (hex), used as the document's identifier.
    public var reportID: String
    public var caseID: String
    public var patient: Patient?
    public var studyUID: String?
    public var accessionNumber: String?
    /// DICOM modality and the procedure as posted, e.g. "CT" and "CT chest without contrast".
    public var modality: String
    public var procedure: String
    /// Addenda in filing order.
    public var addenda: [AddendumPayload]

    public init(reportID: String, caseID: String, patient: Patient?, studyUID: String?, accessionNumber: String?,
                modality: String, procedure: String, addenda: [AddendumPayload] = []) {
        self.reportID = reportID
        self.caseID = caseID
        self.patient = patient
        self.studyUID = studyUID
        self.accessionNumber = accessionNumber
        self.modality = modality
        self.procedure = procedure
        self.addenda = addenda
    }

    /// True once an addendum amends the report.
    public var isAmended: Bool { !addenda.isEmpty }
}
