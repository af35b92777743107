import HilumDICOMweb

/// A window (centre and width) to render an image with. `archive` leaves
/// the choice to the archive, which applies the instance's own window; the
/// others are the usual CT presets, in Hounsfield units.
public enum WindowPreset: String, CaseIterable, Sendable {
    case archive
    case lung
    case mediastinum
    case bone
    case brain

    /// The window sent as the `window` parameter, or nil for the archive's choice.
    public var window: DICOMwebClient.Window? {
        switch self {
        case .archive: nil
        case .lung: DICOMwebClient.Window(center: -600, width: 1500)
        case .mediastinum: DICOMwebClient.Window(center: 40, width: 400)
        case .bone: DICOMwebClient.Window(center: 400, width: 1800)
        case .brain: DICOMwebClient.Window(center: 40, width: 80)
        }
    }

    /// A short label with the centre and width, such as "lung C-600 W1500".
    public var label: String {
        guard let window else { return "archive window" }
        return "\(rawValue) C\(Int(window.center)) W\(Int(window.width))"
    }

    /// The presets that make sense for a modality: all of them for CT
    /// (whose pixels are Hounsfield units), only the archive's window otherwise.
    public static func presets(forModality modality: String) -> [WindowPreset] {
        modality.uppercased() == "CT" ? allCases : [.archive]
    }
}
