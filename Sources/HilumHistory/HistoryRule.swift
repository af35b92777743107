import Foundation

/// One ranking rule from the rules file: for which studies it applies, which
/// entries it matches, and under what heading and priority they are shown.
public struct HistoryRule: Sendable, Equatable {
    public enum StatusFilter: String, Sendable {
        /// Active entries, and entries with no status (an allergy without a status still counts).
        case active
        /// Resolved, inactive or stopped entries only.
        case inactive
        case any
    }

    /// A code to match: a system short name (SNOMED, LOINC, RXNORM, ICD-10)
    /// and a code, or a code prefix when written with a trailing `*`.
    public struct CodePattern: Sendable, Equatable {
        public var system: String
        public var code: String
        public var isPrefix: Bool

        func matches(_ coding: Coding) -> Bool {
            guard let code = coding.code, let name = coding.systemName?.uppercased() else { return false }
            // ICD-10 in a rule covers the WHO edition and ICD-10-CM.
            let systemMatches = name == system || (system == "ICD-10" && name.hasPrefix("ICD-10"))
            guard systemMatches else { return false }
            return isPrefix ? code.uppercased().hasPrefix(self.code) : code.uppercased() == self.code
        }
    }

    public var name: String
    public var heading: String
    /// The reason the rule ranks what it matches, shown with each item.
    public var why: String?
    /// 1 to 100: higher comes first. 0 turns the rule off.
    public var priority: Int
    /// nil means any.
    public var modalities: Set<String>?
    public var regions: Set<String>?
    public var contrast: Bool?
    public var resources: Set<EntryKind>?
    public var status: StatusFilter
    public var codes: [CodePattern]
    /// Any of these must appear in the entry's text (when there are any).
    public var words: [String]
    /// And, when present, also one of these.
    public var andWords: [String]
    /// Only entries dated within this many days before the reference date.
    public var withinDays: Int?
    /// At most this many items from this rule, newest first; the rest are counted.
    public var limit: Int?
    /// The line where the rule starts, for messages.
    public var line: Int

    func applies(to study: StudyContext) -> Bool {
        guard priority > 0 else { return false }
        if let modalities, !modalities.contains(study.modality) { return false }
        if let regions, !regions.contains(study.bodyRegion) { return false }
        if let contrast, contrast != study.contrast { return false }
        return true
    }

    /// Checks kind, status and date, which is cheap.
    func passesFilters(_ entry: ClinicalEntry, referenceDay: Int) -> Bool {
        if let resources, !resources.contains(entry.kind) { return false }
        switch status {
        case .active where entry.isActive == false: return false
        case .inactive where entry.isActive != false: return false
        default: break
        }
        if let withinDays {
            guard let day = entry.date.flatMap(dayNumber), referenceDay - day <= withinDays else { return false }
        }
        return true
    }

    /// Checks codes and words. The result depends only on the entry's codes and
    /// text, so the summarizer caches them for repeated entries.
    func matchesContent(codes entryCodes: [Coding], searchText: String) -> Bool {
        if !andWords.isEmpty && !andWords.contains(where: { Self.contains(searchText, word: $0) }) {
            return false
        }
        if codes.isEmpty && words.isEmpty { return true }
        if entryCodes.contains(where: { coding in codes.contains { $0.matches(coding) } }) { return true }
        return words.contains { Self.contains(searchText, word: $0) }
    }

    /// Searches `text` (lowercased) for `word` at word boundaries. A trailing
    /// `*` in `word` allows any ending: "metasta*" finds "metastatic".
    static func contains(_ text: String, word: String) -> Bool {
        let isPrefix = word.hasSuffix("*")
        let needle = isPrefix ? String(word.dropLast()) : word
        guard !needle.isEmpty else { return false }
        var searchStart = text.startIndex
        while let range = text.range(of: needle, range: searchStart..<text.endIndex) {
            let startsWord = range.lowerBound == text.startIndex || !isWordCharacter(text[text.index(before: range.lowerBound)])
            let endsWord = isPrefix || range.upperBound == text.endIndex || !isWordCharacter(text[range.upperBound])
            if startsWord && endsWord { return true }
            searchStart = text.index(after: range.lowerBound)
        }
        return false
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }
}

/// A day count (days since 0000-03-01, proleptic Gregorian) for the date part
/// of a FHIR date; a year alone counts as 1 July, a month alone as its 15th.
func dayNumber(_ fhirDate: String) -> Int? {
    let parts = fhirDate.prefix(10).split(separator: "-").map { Int($0) }
    guard let year = parts.first ?? nil, year > 0 else { return nil }
    let month = parts.count > 1 ? (parts[1] ?? 7) : 7
    let day = parts.count > 2 ? (parts[2] ?? 15) : (parts.count > 1 ? 15 : 1)
    guard (1...12).contains(month), (1...31).contains(day) else { return nil }
    // Howard Hinnant's days_from_civil, without its shift to 1970.
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = shiftedYear / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra
}
