/// One component group of a DICOM Person Name: the five `^`-separated
/// components of PS3.5 6.2.1.
public struct PersonNameGroup: Sendable, Equatable {
    public let family: String
    public let given: String
    public let middle: String
    public let prefix: String
    public let suffix: String

    init(_ text: String) {
        let components = text.split(separator: "^", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        func component(_ index: Int) -> String { index < components.count ? components[index] : "" }
        family = component(0)
        given = component(1)
        middle = component(2)
        prefix = component(3)
        suffix = component(4)
    }

    public var isEmpty: Bool { [family, given, middle, prefix, suffix].allSatisfy(\.isEmpty) }

    /// "Family, Given Middle" for alphabetic names; prefix and suffix stay in their properties.
    var westernDisplay: String {
        let first = [given, middle].filter { !$0.isEmpty }.joined(separator: " ")
        if family.isEmpty { return first }
        return first.isEmpty ? family : "\(family), \(first)"
    }

    /// "Family Given" as ideographic and phonetic names are written.
    var eastAsianDisplay: String {
        [family, given, middle].filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// A DICOM Person Name (PN) with its Alphabetic, Ideographic and Phonetic
/// component groups. An Alphabetic group that still contains `=` (a server
/// that did not split the groups) is split here, and the parts fill the
/// Ideographic and Phonetic groups when the server left those out.
public struct PersonName: Sendable, Equatable {
    public let alphabetic: PersonNameGroup?
    public let ideographic: PersonNameGroup?
    public let phonetic: PersonNameGroup?

    /// Reads a PN value given as a DICOM JSON object.
    init(jsonGroups: [String: JSONValue]) {
        func text(_ key: String) -> String? {
            if case let .string(value)? = jsonGroups[key] { return value }
            return nil
        }
        var groups = [text("Alphabetic"), text("Ideographic"), text("Phonetic")]
        if let alphabetic = groups[0], alphabetic.contains("=") {
            let parts = alphabetic.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
            groups[0] = parts[0]
            for index in 1..<min(parts.count, 3) where groups[index] == nil {
                groups[index] = parts[index]
            }
        }
        self.init(groups: groups)
    }

    /// Reads a PN value in its DICOM string form, `Alphabetic=Ideographic=Phonetic`.
    init(dicomString: String) {
        let parts = dicomString.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
        self.init(groups: (0..<3).map { $0 < parts.count ? parts[$0] : nil })
    }

    private init(groups: [String?]) {
        func group(_ text: String?) -> PersonNameGroup? {
            guard let text else { return nil }
            let parsed = PersonNameGroup(text)
            return parsed.isEmpty ? nil : parsed
        }
        alphabetic = group(groups[0])
        ideographic = group(groups[1])
        phonetic = group(groups[2])
    }

    public var isEmpty: Bool { alphabetic == nil && ideographic == nil && phonetic == nil }

    /// The name for a worklist row: the Alphabetic group ("Nowak, Ewa"), else
    /// the Ideographic ("王 秀英"), else the Phonetic; "" only when all are empty.
    public var formatted: String {
        let candidates = [alphabetic?.westernDisplay, ideographic?.eastAsianDisplay, phonetic?.eastAsianDisplay]
        return candidates.compactMap { $0 }.first { !$0.isEmpty } ?? ""
    }
}
