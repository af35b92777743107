import Foundation

/// The study a summary is ranked for: what rules compare against.
public struct StudyContext: Codable, Sendable, Hashable {
    /// A DICOM modality code: CT, MR, CR, DX, US, XA, NM, PT, MG.
    public var modality: String
    /// A body region code as postings use it: CHEST, HEAD, ABDOMEN, PELVIS, NECK, SPINE, …
    public var bodyRegion: String
    public var contrast: Bool

    public init(modality: String, bodyRegion: String, contrast: Bool) {
        self.modality = modality.uppercased()
        self.bodyRegion = bodyRegion.uppercased()
        self.contrast = contrast
    }

    /// A context whose contrast flag comes from a procedure name such as
    /// "CT ABDOMEN AND PELVIS WITH CONTRAST".
    public init(modality: String, bodyRegion: String, procedure: String) {
        self.init(modality: modality, bodyRegion: bodyRegion, contrast: Self.procedureUsesContrast(procedure))
    }

    /// Reads the usual catalogue wordings: "WITH AND WITHOUT", "W/WO" and
    /// "WITH CONTRAST" mean contrast; "WITHOUT", "WO", "W/O" and "NON-CONTRAST"
    /// mean none; a bare "CONTRAST", "ENHANCED" or an angiogram means contrast.
    public static func procedureUsesContrast(_ procedure: String) -> Bool {
        let words = " " + procedure.uppercased().replacingOccurrences(of: "-", with: " ") + " "
        if words.contains("WITH AND WITHOUT") || words.contains(" W/WO ") || words.contains(" W WO ") {
            return true
        }
        let none = [" WITHOUT ", " WO ", " W/O ", " NON CONTRAST ", " NONCONTRAST ", " UNENHANCED "]
        if none.contains(where: { words.contains($0) }) {
            return false
        }
        let some = [" CONTRAST ", " ENHANCED ", " ANGIO", " CTA ", " MRA ", " ARTHROGRAM "]
        return some.contains(where: { words.contains($0) })
    }
}
