/// Modality codes (PS3.3 C.7.3.1.1.1) and which of them are images.
enum Modality {
    /// Codes for objects that are not images: reports, key objects,
    /// presentation states, segmentations, waveforms, RT plans and documents.
    static let nonImage: Set<String> = [
        "SR", "KO", "PR", "DOC", "SEG", "REG", "RTSTRUCT", "RTPLAN", "RTDOSE", "RTRECORD", "RWV", "PLAN",
        "FID", "AU", "ECG", "HD", "EPS", "RESP", "SMR", "OT",
    ]

    static func isImage(_ code: String) -> Bool { !nonImage.contains(code) }

    /// Distinct codes, image modalities first; each group keeps the order given.
    static func ordered(_ codes: [String]) -> [String] {
        var seen: Set<String> = []
        let distinct = codes.filter { seen.insert($0).inserted }
        return distinct.filter(isImage) + distinct.filter { !isImage($0) }
    }
}

/// Contrast phrases used in study, series and protocol descriptions.
enum ContrastWords {
    /// "W AND WO" and its variants: contrast was given, so they count as with contrast.
    private static let withAndWithout = ["W AND WO", "W/WO", "W/ AND W/O", "W+WO", "WITH AND WITHOUT", "WO AND W", "WO/W", "PRE AND POST"]
    private static let without = ["WITHOUT CONTRAST", "W/O CONTRAST", "WO CONTRAST", "W/O", "WO", "NON CONTRAST",
                                  "NON-CONTRAST", "NONCONTRAST", "NON CON", "C-", "-C", "PLAIN", "UNENHANCED", "NATIVE"]
    private static let with = ["WITH CONTRAST", "W CONTRAST", "W/ CONTRAST", "W/CONTRAST", "W CON", "WITH IV CONTRAST",
                               "W IV CONTRAST", "C+", "+C", "CONTRAST ENHANCED", "CONTRAST-ENHANCED", "POST CONTRAST",
                               "POSTCONTRAST", "ENHANCED", "W/", "CE"]

    /// True or false when the text names contrast use, nil when it does not.
    /// Phrases match whole words only, so "WO" does not match inside "WORK".
    static func contrast(in description: String) -> Bool? {
        let text = " " + description.uppercased().replacingOccurrences(of: "_", with: " ")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ") + " "
        func has(_ phrases: [String]) -> Bool { phrases.contains { text.contains(" \($0) ") } }
        if has(withAndWithout) { return true }
        if has(without) { return false }
        if has(with) { return true }
        return nil
    }
}
