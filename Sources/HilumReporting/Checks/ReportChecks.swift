/// The checks run before a report is signed. To add one, append a
/// `ReportCheck` to `all`: its id is what `--override ID:REASON` names.
public enum ReportChecks {
    public static let all: [ReportCheck] = [
        ReportCheck(id: "required-field", severity: .block,
                    summary: "a field the template marks required is empty") { input in
            input.filled.missingRequiredFields.map { "required field '\($0.label)' (\($0.id)) is empty" }
        },
        ReportCheck(id: "laterality", severity: .block,
                    summary: "the impression names a side (left/right) that the findings do not") { input in
            Laterality.conflicts(findings: input.text(of: .findings), impression: input.text(of: .impression))
        },
        ReportCheck(id: "recommendation-incomplete", severity: .warn,
                    summary: "a follow-up recommendation lacks a modality or an interval") { input in
            input.recommendations.filter(\.isFollowUpIndicated).compactMap { recommendation in
                var missing: [String] = []
                if recommendation.modality == nil { missing.append("a modality") }
                if recommendation.intervalDays == nil { missing.append("an interval") }
                guard !missing.isEmpty else { return nil }
                return "the recommendation for '\(recommendation.finding)' lacks \(missing.joined(separator: " and "))"
            }
        },
        ReportCheck(id: "critical-finding", severity: .warn,
                    summary: "a finding names a critical condition but no critical result is recorded") { input in
            guard input.criticalResults.isEmpty else { return [] }
            var messages: [String] = []
            for (part, entry) in input.entries where part == .findings || part == .impression {
                for term in CriticalFindings.affirmedTerms(in: entry.display) {
                    messages.append("'\(entry.label)' reports \(term), but no critical result is recorded for the clinician")
                }
            }
            return messages
        },
        ReportCheck(id: "nodule-without-recommendation", severity: .warn,
                    summary: "a nodule is measured but the report has no follow-up recommendation") { input in
            guard input.recommendations.isEmpty else { return [] }
            let measured = input.entries.contains { _, entry in
                guard case .number = entry.value else { return false }
                return (entry.id + " " + entry.section.joined(separator: " ")).lowercased().contains("nodule")
            }
            return measured ? ["a nodule is measured but no follow-up recommendation is given"] : []
        },
    ]

    /// Runs `checks` on `input` and returns every problem, in check order.
    public static func run(_ input: ReportCheckInput, checks: [ReportCheck] = all) -> [ReportCheckFinding] {
        checks.flatMap { check in
            check.evaluate(input).map { ReportCheckFinding(checkID: check.id, severity: check.severity, message: $0) }
        }
    }

    public static func check(_ id: String) -> ReportCheck? { all.first { $0.id == id } }
}
