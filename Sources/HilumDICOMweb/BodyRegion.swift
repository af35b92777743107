/// The coarse body region shown on the public ledger. It is derived only
/// from coded values and a fixed vocabulary, so it never carries free text.
public enum BodyRegion: String, Sendable, CaseIterable {
    case chest = "CHEST"
    case head = "HEAD"
    case neck = "NECK"
    case abdomen = "ABDOMEN"
    case pelvis = "PELVIS"
    case abdomenPelvis = "ABDOMEN-PELVIS"
    case spine = "SPINE"
    case extremity = "EXTREMITY"
    case breast = "BREAST"
    case wholeBody = "WHOLEBODY"
    case other = "OTHER"

    /// Maps a BodyPartExamined (0018,0015) value. Defined terms from PS3.16
    /// Annex L are matched whole; other values go through the word table.
    public static func fromBodyPart(_ value: String) -> BodyRegion? {
        let code = value.uppercased().trimmingCharacters(in: .whitespaces)
        if let region = bodyPartCodes[code] { return region }
        return fromText(code)
    }

    /// Finds region words in a description ("CT THORAX W CONTRAST",
    /// "C-SPINE"); nil when there are none. Words of several regions give
    /// ABDOMEN-PELVIS for abdomen with pelvis, SPINE when a spine word is
    /// present ("THORACIC SPINE"), WHOLEBODY when named, else OTHER.
    public static func fromText(_ text: String) -> BodyRegion? {
        let words = text.uppercased().split { !$0.isLetter }.map(String.init)
        var found = Set(words.compactMap { regionWords[$0] })
        for (first, second) in zip(words, words.dropFirst()) where ["WHOLE", "TOTAL"].contains(first) && second == "BODY" {
            found.insert(.wholeBody)
        }
        return combine(found)
    }

    /// Combines the regions found in several places into one.
    static func combine(_ regions: Set<BodyRegion>) -> BodyRegion? {
        if regions.isEmpty { return nil }
        if regions.count == 1 { return regions.first }
        if regions.contains(.wholeBody) { return .wholeBody }
        if regions.contains(.spine) { return .spine }
        if regions.isSubset(of: [.abdomen, .pelvis, .abdomenPelvis]) { return .abdomenPelvis }
        return .other
    }

    private static let bodyPartCodes: [String: BodyRegion] = [
        "ABDOMENPELVIS": .abdomenPelvis, "ABDPELVIS": .abdomenPelvis,
        "CSPINE": .spine, "TSPINE": .spine, "LSPINE": .spine, "SSPINE": .spine, "CTSPINE": .spine,
        "TLSPINE": .spine, "LSSPINE": .spine, "WHOLESPINE": .spine,
        "HEADNECK": .other, "CHESTABDOMEN": .other, "CHESTABDPELVIS": .other, "NECKCHEST": .other,
        "WHOLEBODY": .wholeBody, "UPRLIMB": .extremity, "LOWLIMB": .extremity,
        "UPREXM": .extremity, "LOWEREXM": .extremity, "LOWEXM": .extremity,
    ]

    /// Single words that name a region, in body-part codes and descriptions.
    private static let regionWords: [String: BodyRegion] = {
        var table: [String: BodyRegion] = [:]
        let groups: [(BodyRegion, [String])] = [
            (.chest, ["CHEST", "THORAX", "THORACIC", "LUNG", "LUNGS", "PULMONARY", "HEART", "CARDIAC", "CORONARY",
                      "RIB", "RIBS", "STERNUM", "MEDIASTINUM", "CXR"]),
            (.head, ["HEAD", "BRAIN", "SKULL", "CRANIUM", "CRANIAL", "ORBIT", "ORBITS", "SINUS", "SINUSES", "FACE",
                     "FACIAL", "IAC", "SELLA", "PITUITARY", "TMJ", "MANDIBLE", "JAW", "NASOPHARYNX"]),
            (.neck, ["NECK", "THYROID", "LARYNX", "CAROTID", "CAROTIDS", "PHARYNX"]),
            (.abdomen, ["ABDOMEN", "ABD", "ABDOMINAL", "LIVER", "PANCREAS", "KIDNEY", "KIDNEYS", "RENAL", "SPLEEN",
                        "ADRENAL", "ADRENALS", "GALLBLADDER", "STOMACH", "BOWEL", "MRCP", "ENTEROGRAPHY"]),
            (.pelvis, ["PELVIS", "PELVIC", "PEL", "BLADDER", "PROSTATE", "UTERUS", "OVARY", "OVARIES", "RECTUM"]),
            (.spine, ["SPINE", "SPINAL", "CSPINE", "TSPINE", "LSPINE", "LUMBAR", "SACRUM", "COCCYX", "MYELOGRAM"]),
            (.extremity, ["EXTREMITY", "EXTREMITIES", "LIMB", "SHOULDER", "CLAVICLE", "SCAPULA", "HUMERUS", "ARM",
                          "ELBOW", "FOREARM", "WRIST", "HAND", "FINGER", "THUMB", "HIP", "FEMUR", "THIGH", "KNEE",
                          "LEG", "TIBIA", "FIBULA", "ANKLE", "FOOT", "TOE", "CALCANEUS"]),
            (.breast, ["BREAST", "BREASTS", "MAMMO", "MAMMOGRAM", "MAMMOGRAPHY"]),
            (.wholeBody, ["WHOLEBODY"]),
        ]
        for (region, words) in groups {
            for word in words { table[word] = region }
        }
        return table
    }()
}
