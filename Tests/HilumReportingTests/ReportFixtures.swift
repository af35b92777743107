import Foundation
@testable import HilumReporting

/// Filled templates and payloads the report tests share.
enum ReportFixtures {
    static func ctChest(_ values: [String: FieldValue]) throws -> FilledTemplate {
        var filled = FilledTemplate(template: try BuiltInTemplates.ctChest.load())
        for (id, value) in values { try filled.set(value, for: id) }
        return filled
    }

    static func ctHead(_ values: [String: FieldValue]) throws -> FilledTemplate {
        var filled = FilledTemplate(template: try BuiltInTemplates.ctHead.load())
        for (id, value) in values { try filled.set(value, for: id) }
        return filled
    }

    /// 2026-01-31 12:00 UTC, in milliseconds.
    static let signedAt: Int64 = 1_769_860_800_000

    /// A signed CT chest report with a nodule, text that needs HL7 escaping, and a recommendation.
    static func payload() throws -> ReportPayload {
        let filled = try ctChest([
            "ct_chest_indication": .text("Cough | weight loss ^ fever & chills ~ 2 weeks \\ smoker"),
            "ct_chest_nodule_multiplicity": .choice("single"),
            "ct_chest_nodule_composition": .choice("solid"),
            "ct_chest_nodule_long_axis": .number(8),
            "ct_chest_nodule_short_axis": .number(6),
            "ct_chest_nodule_location": .choice("RUL"),
            "ct_chest_impression": .text("7 mm solid nodule in the right upper lobe."),
            "ct_chest_recommendation": .text("CT at 6-12 months."),
        ])
        let recommendation = FollowUpRecommendation(
            finding: "Solid nodule, 7 mm, right upper lobe", guideline: "Fleischner Society", guidelineVersion: "2017",
            guidelineCode: "FLEISCHNER-2017", modality: "CT", intervalDays: 181, dueDate: "2026-07-31", urgency: .routine,
            text: "CT at 6-12 months.")
        return ReportPayload(signedAt: signedAt, radiologistName: "Dr Demo Radiologist", text: filled.renderReport(),
                             document: filled.document(), sections: ReportSection.sections(of: filled),
                             recommendations: [recommendation])
    }

    static func context(addenda: [AddendumPayload] = []) -> ReportExportContext {
        ReportExportContext(reportID: String(repeating: "ab", count: 32), caseID: String(repeating: "cd", count: 32),
                            patient: .init(name: "Okafor, Grace", identifier: "NSI-300121", birthDate: "1957-03-14", sex: "F"),
                            studyUID: "2.25.1234567", accessionNumber: "ACC-1", modality: "CT",
                            procedure: "CT CHEST WITHOUT CONTRAST", addenda: addenda)
    }
}
