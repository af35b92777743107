/// Range and format checks shared by the event bodies. Each throws a
/// `DecodeError.invalidValue` naming the field, so a bad event is rejected
/// with the reason whether it was decoded from the network or built locally.
public enum FieldRules {
    /// One monetary amount in minor units (cents) may not exceed this.
    public static let maxAmount: UInt64 = 100_000_000_00

    static func check(_ condition: Bool, _ field: String, _ reason: @autoclosure () -> String) throws(DecodeError) {
        guard condition else { throw .invalidValue(field: field, reason: reason()) }
    }

    /// Upper-case letters, digits, '-' and '_', 1 to `maxLength` characters:
    /// the shape of modality, body region, subspecialty and finding codes.
    public static func code(_ value: String, _ field: String, maxLength: Int = 32) throws(DecodeError) {
        let scalars = value.unicodeScalars
        try check(!scalars.isEmpty && scalars.count <= maxLength, field, "'\(value)' must be 1 to \(maxLength) characters")
        let allowed = scalars.allSatisfy {
            ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
        try check(allowed, field, "'\(value)' may contain only A-Z, 0-9, '-' and '_'")
    }

    /// An ISO 3166 country code, optionally with a subdivision: "US", "US-CA", "GB-ENG".
    public static func jurisdiction(_ value: String, _ field: String) throws(DecodeError) {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        let country = parts.first.map(String.init) ?? ""
        let countryValid = country.count == 2 && country.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
        let subdivisionValid = parts.count == 1 || (parts.count == 2 && (1...3).contains(parts[1].count)
            && parts[1].unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) })
        try check(countryValid && subdivisionValid, field, "'\(value)' is not an ISO 3166 code such as US or US-CA")
    }

    /// An ISO 4217 currency code such as USD.
    public static func currency(_ value: String, _ field: String) throws(DecodeError) {
        let valid = value.unicodeScalars.count == 3 && value.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
        try check(valid, field, "'\(value)' is not an ISO 4217 code such as USD")
    }

    public static func amount(_ value: UInt64, _ field: String) throws(DecodeError) {
        try check(value <= maxAmount, field, "\(value) exceeds the maximum of \(maxAmount) minor units")
    }

    /// Display text: 1 to `maxLength` characters with no control characters.
    public static func text(_ value: String, _ field: String, maxLength: Int) throws(DecodeError) {
        try check(!value.isEmpty && value.count <= maxLength, field, "must be 1 to \(maxLength) characters")
        // The decoders allow 4 UTF-8 bytes per character; a character can take more (combining marks, flags, emoji sequences).
        try check(value.utf8.count <= 4 * maxLength, field, "is \(value.utf8.count) bytes of UTF-8, more than \(4 * maxLength)")
        let clean = value.unicodeScalars.allSatisfy { $0.properties.generalCategory != .control }
        try check(clean, field, "contains a control character")
    }

    public static func time(_ value: Int64, _ field: String) throws(DecodeError) {
        try check(value >= 0, field, "\(value) is before 1970")
    }
}
