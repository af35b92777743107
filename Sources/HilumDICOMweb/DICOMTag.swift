/// A DICOM attribute tag, written `(gggg,eeee)` in messages and `GGGGEEEE`
/// as a DICOM JSON key (PS3.18 F.2.1).
public struct DICOMTag: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let group: UInt16
    public let element: UInt16

    public init(_ group: UInt16, _ element: UInt16) {
        self.group = group
        self.element = element
    }

    /// Parses an eight-digit hexadecimal DICOM JSON key; nil for anything else.
    public init?(key: String) {
        guard key.utf8.count == 8, key.allSatisfy(\.isHexDigit), let value = UInt32(key, radix: 16) else { return nil }
        self.init(UInt16(value >> 16), UInt16(value & 0xffff))
    }

    /// The eight uppercase hexadecimal digits used as a JSON key and in `includefield`.
    public var key: String { hex(group) + hex(element) }

    public var description: String {
        let name = DICOMTag.names[self].map { " \($0)" } ?? ""
        return "(\(hex(group)),\(hex(element)))\(name)"
    }

    public static func < (lhs: DICOMTag, rhs: DICOMTag) -> Bool {
        (lhs.group, lhs.element) < (rhs.group, rhs.element)
    }

    private func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}

extension DICOMTag {
    public static let studyDate = DICOMTag(0x0008, 0x0020)
    public static let accessionNumber = DICOMTag(0x0008, 0x0050)
    public static let modality = DICOMTag(0x0008, 0x0060)
    public static let modalitiesInStudy = DICOMTag(0x0008, 0x0061)
    public static let studyDescription = DICOMTag(0x0008, 0x1030)
    public static let seriesDescription = DICOMTag(0x0008, 0x103E)
    public static let patientName = DICOMTag(0x0010, 0x0010)
    public static let patientID = DICOMTag(0x0010, 0x0020)
    public static let patientBirthDate = DICOMTag(0x0010, 0x0030)
    public static let patientSex = DICOMTag(0x0010, 0x0040)
    public static let patientWeight = DICOMTag(0x0010, 0x1030)
    public static let contrastBolusAgent = DICOMTag(0x0018, 0x0010)
    public static let bodyPartExamined = DICOMTag(0x0018, 0x0015)
    public static let protocolName = DICOMTag(0x0018, 0x1030)
    public static let filterType = DICOMTag(0x0018, 0x1160)
    public static let studyInstanceUID = DICOMTag(0x0020, 0x000D)
    public static let seriesInstanceUID = DICOMTag(0x0020, 0x000E)
    public static let seriesNumber = DICOMTag(0x0020, 0x0011)
    public static let numberOfStudyRelatedSeries = DICOMTag(0x0020, 0x1206)
    public static let numberOfStudyRelatedInstances = DICOMTag(0x0020, 0x1208)
    public static let numberOfSeriesRelatedInstances = DICOMTag(0x0020, 0x1209)
    public static let requestedProcedureDescription = DICOMTag(0x0032, 0x1060)
    public static let sopInstanceUID = DICOMTag(0x0008, 0x0018)
    public static let instanceNumber = DICOMTag(0x0020, 0x0013)
    public static let numberOfFrames = DICOMTag(0x0028, 0x0008)
    public static let rows = DICOMTag(0x0028, 0x0010)
    public static let columns = DICOMTag(0x0028, 0x0011)
    public static let windowCenter = DICOMTag(0x0028, 0x1050)
    public static let windowWidth = DICOMTag(0x0028, 0x1051)

    /// Keywords of the tags Hilum reads, so that messages name the attribute that failed.
    static let names: [DICOMTag: String] = [
        .studyDate: "StudyDate", .accessionNumber: "AccessionNumber", .modality: "Modality",
        .modalitiesInStudy: "ModalitiesInStudy", .studyDescription: "StudyDescription",
        .seriesDescription: "SeriesDescription", .patientName: "PatientName", .patientID: "PatientID",
        .patientBirthDate: "PatientBirthDate", .patientSex: "PatientSex", .patientWeight: "PatientWeight",
        .contrastBolusAgent: "ContrastBolusAgent", .bodyPartExamined: "BodyPartExamined",
        .protocolName: "ProtocolName", .filterType: "FilterType", .studyInstanceUID: "StudyInstanceUID",
        .seriesInstanceUID: "SeriesInstanceUID", .seriesNumber: "SeriesNumber",
        .numberOfStudyRelatedSeries: "NumberOfStudyRelatedSeries",
        .numberOfStudyRelatedInstances: "NumberOfStudyRelatedInstances",
        .numberOfSeriesRelatedInstances: "NumberOfSeriesRelatedInstances",
        .requestedProcedureDescription: "RequestedProcedureDescription",
        .sopInstanceUID: "SOPInstanceUID", .instanceNumber: "InstanceNumber", .numberOfFrames: "NumberOfFrames",
        .rows: "Rows", .columns: "Columns", .windowCenter: "WindowCenter", .windowWidth: "WindowWidth",
    ]
}
