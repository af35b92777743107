import XCTest
@testable import HilumReporting

final class ReportCheckTests: XCTestCase {
    private func findings(_ filled: FilledTemplate, recommendations: [FollowUpRecommendation] = [],
                          critical: [CriticalCommunication] = []) -> [ReportCheckFinding] {
        ReportChecks.run(ReportCheckInput(filled: filled, recommendations: recommendations, criticalResults: critical))
    }

    private func ids(_ findings: [ReportCheckFinding]) -> [String] { findings.map(\.checkID) }

    private let impression: [String: FieldValue] = ["ct_chest_impression": .text("No acute abnormality.")]

    func testCheckIDsAreUnique() {
        XCTAssertEqual(Set(ReportChecks.all.map(\.id)).count, ReportChecks.all.count)
    }

    // MARK: - required-field

    func testEmptyImpressionBlocks() throws {
        let result = findings(try ReportFixtures.ctChest([:]))
        XCTAssertEqual(ids(result), ["required-field"])
        XCTAssertEqual(result.first?.severity, .block)
        XCTAssertTrue(result.first?.message.contains("ct_chest_impression") ?? false)
    }

    func testCompleteReportPasses() throws {
        XCTAssertEqual(findings(try ReportFixtures.ctChest(impression)), [])
    }

    // MARK: - laterality

    func testImpressionSideMissingFromFindingsBlocks() throws {
        let filled = try ReportFixtures.ctChest(["ct_chest_pleura": .choice("effusion-left"),
                                                 "ct_chest_impression": .text("Right pleural effusion.")])
        let result = findings(filled)
        XCTAssertEqual(ids(result), ["laterality"])
        XCTAssertEqual(result.first?.severity, .block)
    }

    func testMatchingSidesPass() throws {
        let filled = try ReportFixtures.ctChest(["ct_chest_pleura": .choice("effusion-left"),
                                                 "ct_chest_impression": .text("Small left pleural effusion.")])
        XCTAssertEqual(findings(filled), [])
    }

    func testBilateralFindingsCoverEitherSide() throws {
        let filled = try ReportFixtures.ctChest(["ct_chest_pleura": .choice("effusion-bilateral"),
                                                 "ct_chest_impression": .text("Effusions, larger on the right.")])
        XCTAssertEqual(findings(filled), [])
    }

    func testLobeAbbreviationCountsAsSide() {
        XCTAssertEqual(Laterality.sides(in: "Nodule in the RLL."), [.right])
        XCTAssertEqual(Laterality.sides(in: "Lingular atelectasis."), [.left])
        XCTAssertEqual(Laterality.conflicts(findings: "Nodule in the LUL.", impression: "Right upper lobe nodule.").count, 1)
    }

    func testImpressionWithoutSidePasses() {
        XCTAssertEqual(Laterality.conflicts(findings: "Left effusion.", impression: "Pleural effusion."), [])
        XCTAssertEqual(Laterality.conflicts(findings: "Effusion.", impression: "Right effusion."), [])
    }

    // MARK: - recommendation-incomplete

    func testRecommendationWithoutModalityWarns() throws {
        let recommendation = FollowUpRecommendation(finding: "Adrenal nodule", modality: nil, intervalDays: 365, dueDate: nil,
                                                    urgency: .routine, text: "Follow-up in a year.")
        let result = findings(try ReportFixtures.ctChest(impression), recommendations: [recommendation])
        XCTAssertEqual(ids(result), ["recommendation-incomplete"])
        XCTAssertEqual(result.first?.severity, .warn)
        XCTAssertTrue(result.first?.message.contains("a modality") ?? false)
    }

    func testRecommendationWithoutIntervalWarns() throws {
        let recommendation = FollowUpRecommendation(finding: "Adrenal nodule", modality: "CT", intervalDays: nil, dueDate: nil,
                                                    urgency: .routine, text: "Follow-up CT.")
        let result = findings(try ReportFixtures.ctChest(impression), recommendations: [recommendation])
        XCTAssertEqual(result.first?.message.contains("an interval"), true)
    }

    func testNoFollowUpStatementIsComplete() throws {
        let statement = FollowUpRecommendation(finding: "Solid nodule, 4 mm", isFollowUpIndicated: false, modality: nil,
                                               intervalDays: nil, dueDate: nil, urgency: .routine, text: "No routine follow-up.")
        XCTAssertEqual(findings(try ReportFixtures.ctChest(impression), recommendations: [statement]), [])
    }

    // MARK: - critical-finding

    func testAffirmedCriticalTermWarns() throws {
        let filled = try ReportFixtures.ctChest(["ct_chest_pleura": .choice("pneumothorax"),
                                                 "ct_chest_impression": .text("Moderate pneumothorax.")])
        let result = findings(filled)
        XCTAssertEqual(ids(result), ["critical-finding", "critical-finding"])
        XCTAssertEqual(result.first?.severity, .warn)
    }

    func testRecordedCriticalResultSatisfiesCheck() throws {
        let filled = try ReportFixtures.ctChest(["ct_chest_impression": .text("Moderate pneumothorax.")])
        let call = CriticalCommunication(category: "red", message: "Pneumothorax", acknowledgeWithinMinutes: 60,
                                         recipientName: "Dr Raman", communicatedAt: 1)
        XCTAssertEqual(findings(filled, critical: [call]), [])
    }

    func testNegatedCriticalTermsPass() {
        let negated = [
            "No pneumothorax.",
            "No pleural effusion or pneumothorax.",
            "No evidence of acute intracranial haemorrhage.",
            "Negative for pulmonary embolism.",
            "Without free air.",
            "Pneumothorax has resolved.",
            "Aortic dissection is excluded.",
            "Pulmonary embolism is not seen.",
            "No acute intracranial hemorrhage.",
            "No mass effect or midline shift.",
        ]
        for text in negated {
            XCTAssertEqual(CriticalFindings.affirmedTerms(in: text), [], text)
        }
    }

    func testAffirmedCriticalTermsFound() {
        let cases: [(String, String)] = [
            ("Small apical pneumothorax.", "pneumothorax"),
            ("Acute subdural haematoma over the left convexity.", "intracranial haemorrhage"),
            ("Acute subdural hematoma.", "intracranial haemorrhage"),
            ("Pneumoperitoneum.", "free intraperitoneal air"),
            ("Type A aortic dissection.", "aortic dissection"),
            ("Filling defects consistent with pulmonary emboli.", "pulmonary embolism"),
            ("No effusion but a small pneumothorax.", "pneumothorax"),
            ("No pleural effusion. Small pneumothorax.", "pneumothorax"),
            ("No change in the small left pneumothorax.", "pneumothorax"),
        ]
        for (text, term) in cases {
            XCTAssertEqual(CriticalFindings.affirmedTerms(in: text), [term], text)
        }
    }

    func testCriticalTermInIndicationIgnored() throws {
        let filled = try ReportFixtures.ctChest(["ct_chest_indication": .text("Pulmonary embolism?"),
                                                 "ct_chest_impression": .text("No acute abnormality.")])
        XCTAssertEqual(findings(filled), [])
    }

    // MARK: - nodule-without-recommendation

    func testMeasuredNoduleWithoutRecommendationWarns() throws {
        let filled = try ReportFixtures.ctChest(["ct_chest_nodule_multiplicity": .choice("single"),
                                                 "ct_chest_nodule_long_axis": .number(7),
                                                 "ct_chest_impression": .text("Pulmonary nodule.")])
        let result = findings(filled)
        XCTAssertEqual(ids(result), ["nodule-without-recommendation"])
        XCTAssertEqual(result.first?.severity, .warn)
    }

    func testMeasuredNoduleWithRecommendationPasses() throws {
        let filled = try ReportFixtures.ctChest(["ct_chest_nodule_long_axis": .number(7),
                                                 "ct_chest_impression": .text("Pulmonary nodule.")])
        let recommendation = FollowUpRecommendation(finding: "Nodule", modality: "CT", intervalDays: 180, dueDate: "2026-07-30",
                                                    urgency: .routine, text: "CT at 6-12 months.")
        XCTAssertEqual(findings(filled, recommendations: [recommendation]), [])
    }
}
