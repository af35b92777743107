import Foundation

/// Reads the fields of one rule block, checking each value and recording
/// problems with the line and field name.
struct RuleParser {
    static let codeSystems: Set<String> = ["SNOMED", "LOINC", "RXNORM", "ICD-10", "ICD-10-CM", "CVX"]

    let startLine: Int
    private(set) var problems: [RulesParseError.Problem] = []
    private var seen: [String: Int] = [:]
    private var rule: HistoryRule

    init(startLine: Int) {
        self.startLine = startLine
        rule = HistoryRule(name: "", heading: "", why: nil, priority: -1, modalities: nil, regions: nil, contrast: nil,
                           resources: nil, status: .any, codes: [], words: [], andWords: [], withinDays: nil, limit: nil,
                           line: startLine)
    }

    private mutating func problem(_ line: Int, _ field: String?, _ message: String) {
        problems.append(.init(line: line, field: field, message: message))
    }

    mutating func apply(line: Int, key: String, value: String) {
        if let first = seen[key] {
            problem(line, key, "appears twice in one rule (first on line \(first)); keep one")
            return
        }
        seen[key] = line
        if value.isEmpty {
            problem(line, key, "has no value")
            return
        }
        switch key {
        case "rule": rule.name = value
        case "heading": rule.heading = value
        case "why": rule.why = value
        case "priority":
            guard let number = Int(value), (0...100).contains(number) else {
                problem(line, key, "'\(value)' is not a whole number from 0 to 100 (higher comes first, 0 turns the rule off)")
                return
            }
            rule.priority = number
        case "modality": rule.modalities = list(value)
        case "region": rule.regions = list(value)
        case "contrast":
            switch value.lowercased() {
            case "yes": rule.contrast = true
            case "no": rule.contrast = false
            case "any": rule.contrast = nil
            default: problem(line, key, "'\(value)' is not one of yes, no, any")
            }
        case "resources":
            let words = value.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            if words.contains(where: { $0.lowercased() == "any" }) { return }
            var kinds: Set<EntryKind> = []
            for word in words {
                guard let kind = EntryKind(rawValue: word.lowercased()) else {
                    let valid = EntryKind.allCases.map(\.rawValue).joined(separator: ", ")
                    problem(line, key, "'\(word)' is not one of \(valid), any")
                    continue
                }
                kinds.insert(kind)
            }
            rule.resources = kinds
        case "status":
            guard let filter = HistoryRule.StatusFilter(rawValue: value.lowercased()) else {
                problem(line, key, "'\(value)' is not one of active, inactive, any")
                return
            }
            rule.status = filter
        case "codes": rule.codes = codes(value, line: line)
        case "words": rule.words = words(value)
        case "and-words": rule.andWords = words(value)
        case "within": rule.withinDays = days(value, line: line)
        case "limit":
            guard let number = Int(value), number > 0 else {
                problem(line, key, "'\(value)' is not a whole number above 0")
                return
            }
            rule.limit = number
        default:
            let known = HistoryRules.fields.joined(separator: ", ")
            if let suggestion = HistoryRules.suggestion(for: key) {
                problem(line, key, "unknown field; did you mean '\(suggestion)'? Known fields: \(known)")
            } else {
                problem(line, key, "unknown field. Known fields: \(known)")
            }
        }
    }

    /// Upper-cased codes separated by spaces or commas; "any" gives nil (no restriction).
    private func list(_ value: String) -> Set<String>? {
        let items = value.split(whereSeparator: { $0 == " " || $0 == "," }).map { $0.uppercased() }
        return items.contains("ANY") ? nil : Set(items)
    }

    private func words(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }

    /// "SNOMED 87433001, ICD-10 J43*" into code patterns.
    private mutating func codes(_ value: String, line: Int) -> [HistoryRule.CodePattern] {
        var patterns: [HistoryRule.CodePattern] = []
        for item in value.split(separator: ",") {
            let parts = item.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2 else {
                problem(line, "codes", "'\(item.trimmingCharacters(in: .whitespaces))' is not 'SYSTEM CODE', e.g. 'SNOMED 87433001' or 'ICD-10 J43*'")
                continue
            }
            let system = parts[0].uppercased()
            guard Self.codeSystems.contains(system) else {
                problem(line, "codes", "system '\(parts[0])' is not one of \(Self.codeSystems.sorted().joined(separator: ", "))")
                continue
            }
            var code = parts[1].uppercased()
            let isPrefix = code.hasSuffix("*")
            if isPrefix { code.removeLast() }
            patterns.append(.init(system: system, code: code, isPrefix: isPrefix))
        }
        return patterns
    }

    /// "24 months", "2 years", "90 days" into days (a month counts 30.44 days).
    private mutating func days(_ value: String, line: Int) -> Int? {
        let parts = value.lowercased().split(separator: " ")
        guard parts.count == 2, let count = Int(parts[0]), count > 0 else {
            problem(line, "within", "'\(value)' is not 'N days', 'N months' or 'N years'")
            return nil
        }
        switch parts[1] {
        case "day", "days": return count
        case "month", "months": return Int((Double(count) * 30.44).rounded())
        case "year", "years": return Int((Double(count) * 365.25).rounded())
        default:
            problem(line, "within", "unit '\(parts[1])' is not days, months or years")
            return nil
        }
    }

    mutating func finish() -> HistoryRule? {
        // A field that is present but invalid was already reported on its own line.
        if seen["heading"] == nil {
            problem(startLine, "heading", "rule '\(rule.name)' has no 'heading:'")
        }
        if seen["priority"] == nil {
            problem(startLine, "priority", "rule '\(rule.name)' has no 'priority:' (0 to 100)")
        }
        return problems.isEmpty ? rule : nil
    }
}
