/// A problem found while reading DICOM JSON (PS3.18 F.2). Messages name the
/// tag and the problem. They quote a value only for numeric VRs (IS, DS),
/// never for names, IDs or free text, because those may be patient data.
public enum DICOMJSONError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidJSON(String)
    case notAnArray(found: String)
    case notAnObject(index: Int, found: String)
    case invalidKey(String)
    case attribute(DICOMTag, String)

    public var description: String {
        switch self {
        case let .invalidJSON(detail):
            "the response is not valid JSON (\(detail)); check that the URL is a DICOMweb QIDO-RS endpoint"
        case let .notAnArray(found):
            "the response is a JSON \(found), but DICOM JSON is an array of datasets; check that the URL is a DICOMweb QIDO-RS endpoint"
        case let .notAnObject(index, found):
            "dataset \(index) of the response is a JSON \(found), not an object; it was skipped"
        case let .invalidKey(key):
            "key \"\(key)\" is not an eight-digit hexadecimal tag; it was ignored"
        case let .attribute(tag, problem):
            "\(tag): \(problem)"
        }
    }
}
