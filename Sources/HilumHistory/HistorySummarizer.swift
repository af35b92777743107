import Foundation

/// Ranks a record's entries for a study with the rules, and builds the summary.
public enum HistorySummarizer {
    /// Kinds whose entries stay separate even with the same text, because each
    /// is a distinct study or report the radiologist may compare with.
    static let unmergedKinds: Set<EntryKind> = [.imaging, .report]
    /// The order of kinds within a section.
    static let kindOrder: [EntryKind] = [.allergy, .condition, .observation, .medication, .imaging, .report, .procedure, .encounter]

    /// Summarises `record` for `study`. Ages and `within:` periods count to
    /// `referenceDate` (its UTC day).
    public static func summarize(_ record: FHIRRecord, for study: StudyContext, rules: HistoryRules = .builtIn,
                                 referenceDate: Date = Date()) -> HistorySummary {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: referenceDate)
        let day = String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
        return summarize(record, for: study, rules: rules, referenceDay: day)
    }

    /// Summarises with the reference date given as YYYY-MM-DD, for reproducible output.
    public static func summarize(_ record: FHIRRecord, for study: StudyContext, rules: HistoryRules = .builtIn,
                                 referenceDay: String) -> HistorySummary {
        var notes = record.notes
        let referenceNumber = dayNumber(referenceDay) ?? 0
        let applicable = rules.rules.enumerated()
            .filter { $0.element.applies(to: study) }
            .sorted { ($0.element.priority, -$0.offset) > ($1.element.priority, -$1.offset) }
            .map(\.element)

        // Each entry goes to the first (highest-priority) rule that matches it.
        // Word matching is the slow part and records repeat the same
        // observation many times, so content matches are cached by text and codes.
        var matched: [String: [ClinicalEntry]] = [:]
        var unlisted: [String: Int] = [:]
        var contentMatches: [String: [Bool]] = [:]
        for entry in record.entries {
            let searchText = searchableText(entry)
            let codeKey = entry.codes.map { "\($0.system ?? "")|\($0.code ?? "")" }.joined(separator: ",")
            let cacheKey = searchText + "\u{1}" + codeKey
            let content = contentMatches[cacheKey] ?? applicable.map { $0.matchesContent(codes: entry.codes, searchText: searchText) }
            contentMatches[cacheKey] = content
            let index = applicable.indices.first { content[$0] && applicable[$0].passesFilters(entry, referenceDay: referenceNumber) }
            if let index {
                matched[applicable[index].name, default: []].append(entry)
            } else {
                unlisted[entry.source.resourceType, default: 0] += 1
            }
        }

        var sections: [HistorySummary.Section] = []
        for rule in applicable {
            guard let entries = matched[rule.name] else { continue }
            var items = mergedItems(entries, rule: rule)
            var omitted = 0
            if let limit = rule.limit, items.count > limit {
                omitted = items.count - limit
                items = Array(items.prefix(limit))
            }
            if let index = sections.firstIndex(where: { $0.heading == rule.heading }) {
                sections[index].items += items
                sections[index].omittedCount += omitted
            } else {
                sections.append(.init(heading: rule.heading, priority: rule.priority, items: items, omittedCount: omitted))
            }
        }
        // `applicable` is sorted by priority, so sections already are. Within a
        // section, items from a higher rule come first, then diagnoses before
        // the tests and treatments that follow them, then newer items.
        for index in sections.indices {
            sections[index].items.sort { lhs, rhs in
                if lhs.priority != rhs.priority { return lhs.priority > rhs.priority }
                let lhsKind = kindOrder.firstIndex(of: lhs.category) ?? 0
                let rhsKind = kindOrder.firstIndex(of: rhs.category) ?? 0
                if lhsKind != rhsKind { return lhsKind < rhsKind }
                return sortDay(lhs.date) > sortDay(rhs.date)
            }
        }

        let patient = record.patient
        var age: Int?
        if let birthDate = patient?.birthDate {
            let ageDay = patient?.deceased == true ? (patient?.deceasedDate.map(dayPart) ?? referenceDay) : referenceDay
            age = years(from: birthDate, to: ageDay)
            if birthDate.count < 10 {
                notes.append("Patient: birthDate has no day; the age may be one year too high")
            }
        }
        if patient?.deceased == true {
            notes.append("Patient: recorded as deceased; the age is at death when the date is known")
        }
        return HistorySummary(version: HistorySummary.currentVersion, study: study, referenceDate: referenceDay,
                              ageYears: age, sex: patient?.sex, deceased: patient?.deceased ?? false,
                              patientName: patient?.name, birthDate: patient?.birthDate, sections: sections, notes: notes,
                              unlistedCounts: unlisted, skippedResourceCounts: record.skippedResourceCounts)
    }

    /// The text rules search: label, value, status, details and code displays, lowercased.
    static func searchableText(_ entry: ClinicalEntry) -> String {
        let parts = [entry.text, entry.value, entry.detail] + entry.codes.map(\.display)
        return parts.compactMap { $0 }.joined(separator: " | ").lowercased()
    }

    /// Entries with the same kind and text become one item showing the newest
    /// one, with the count and the oldest date. Items are returned newest first.
    static func mergedItems(_ entries: [ClinicalEntry], rule: HistoryRule) -> [HistorySummary.Item] {
        var order: [String] = []
        var groups: [String: [ClinicalEntry]] = [:]
        for (index, entry) in entries.enumerated() {
            let key = unmergedKinds.contains(entry.kind) ? "#\(index)" : "\(entry.kind.rawValue)|\(entry.text.lowercased())"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(entry)
        }
        var items: [HistorySummary.Item] = []
        for key in order {
            let group = groups[key]!.sorted { sortDay($0.date) > sortDay($1.date) }
            let newest = group[0]
            let oldestDate = group.count > 1 ? group.last?.date : nil
            items.append(.init(text: newest.text, value: newest.value, status: newest.status, detail: newest.detail,
                               date: newest.date, occurrences: group.count, firstDate: oldestDate, category: newest.kind,
                               rule: rule.name, why: rule.why ?? rule.name, priority: rule.priority, source: newest.source))
        }
        return items.sorted { sortDay($0.date) > sortDay($1.date) }
    }

    /// Undated items sort as oldest.
    static func sortDay(_ date: String?) -> Int {
        date.flatMap(dayNumber) ?? Int.min
    }

    /// Whole years between two FHIR dates. A missing month or day counts as the
    /// first, which can make the age one year too high.
    static func years(from birth: String, to day: String) -> Int? {
        func fields(_ date: String) -> (Int, Int, Int)? {
            let parts = date.prefix(10).split(separator: "-").map { Int($0) }
            guard let year = parts.first ?? nil else { return nil }
            let month = parts.count > 1 ? (parts[1] ?? 1) : 1
            let dayOfMonth = parts.count > 2 ? (parts[2] ?? 1) : 1
            return (year, month, dayOfMonth)
        }
        guard let born = fields(birth), let now = fields(day) else { return nil }
        var age = now.0 - born.0
        if (now.1, now.2) < (born.1, born.2) { age -= 1 }
        return age >= 0 ? age : nil
    }
}
