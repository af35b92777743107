import Foundation

/// A patient history ranked for one study. It is encoded with `encoded()`
/// and sealed into the access grant; `version` changes whenever a field
/// changes meaning, so a reader can reject a summary it does not understand.
///
/// `patientName` and `birthDate` identify the patient. They are for the
/// radiologist's screen only: `description` and `customMirror` leave them out
/// so that logging or dumping a summary does not expose them.
public struct HistorySummary: Codable, Sendable, Equatable {
    public static let currentVersion = 1

    public struct Item: Codable, Sendable, Equatable {
        public var text: String
        /// An observation's value, as written with its comparator and unit.
        public var value: String?
        public var status: String?
        public var detail: String?
        /// The FHIR date or dateTime of the newest occurrence, as written.
        public var date: String?
        /// How many entries with this text were merged into this item (1 when not merged).
        public var occurrences: Int
        /// The oldest occurrence's date when entries were merged.
        public var firstDate: String?
        public var category: EntryKind
        /// The rule that placed the item here, and its reason.
        public var rule: String
        public var why: String
        public var priority: Int
        public var source: SourceReference
    }

    public struct Section: Codable, Sendable, Equatable {
        public var heading: String
        /// The highest priority among the section's items.
        public var priority: Int
        public var items: [Item]
        /// Items left out by a rule's `limit`.
        public var omittedCount: Int
    }

    public var version: Int
    public var study: StudyContext
    /// The day ages and `within:` periods are counted to (YYYY-MM-DD).
    public var referenceDate: String
    public var ageYears: Int?
    public var sex: String?
    public var deceased: Bool
    public var patientName: String?
    public var birthDate: String?
    public var sections: [Section]
    /// What could not be read, or was left out, and why. Notes name fields and entries, never values.
    public var notes: [String]
    /// Entries read but matched by no rule, by resource type.
    public var unlistedCounts: [String: Int]
    /// Resources of types the summary does not use (Claim, Immunization, …), by type.
    public var skippedResourceCounts: [String: Int]

    /// A stable JSON encoding: sorted keys, no whitespace.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Decodes `encoded()` output, rejecting versions this code does not know.
    public static func decode(_ data: Data) throws -> HistorySummary {
        let summary = try JSONDecoder().decode(HistorySummary.self, from: data)
        guard summary.version == currentVersion else {
            throw DecodingError.dataCorrupted(.init(codingPath: [],
                debugDescription: "history summary version \(summary.version) is not supported; this build reads version \(currentVersion)"))
        }
        return summary
    }
}

extension HistorySummary: CustomStringConvertible, CustomReflectable {
    public var description: String {
        let itemCount = sections.reduce(0) { $0 + $1.items.count }
        return "HistorySummary(version \(version), \(study.modality) \(study.bodyRegion), \(sections.count) sections, "
            + "\(itemCount) items, \(notes.count) notes, identity hidden)"
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["version": version, "study": study, "sections": sections.count, "notes": notes.count],
               displayStyle: .struct)
    }
}
