import Foundation
import XCTest
@testable import HilumReporting

final class FleischnerRecommendationTests: XCTestCase {
    private let signedAt = Date(timeIntervalSince1970: Double(ReportFixtures.signedAt) / 1000)

    private func nodule(_ composition: String = "solid", count: String = "single", long: Double, short: Double,
                        risk: String? = "low") throws -> FilledTemplate {
        var values: [String: FieldValue] = [
            "ct_chest_nodule_multiplicity": .choice(count), "ct_chest_nodule_composition": .choice(composition),
            "ct_chest_nodule_long_axis": .number(long), "ct_chest_nodule_short_axis": .number(short),
            "ct_chest_nodule_location": .choice("RUL"),
        ]
        if let risk { values["ct_chest_nodule_risk"] = .choice(risk) }
        return try ReportFixtures.ctChest(values)
    }

    func testSolidSevenMillimetreLowRisk() throws {
        let outcome = FleischnerRecommender.recommend(try nodule(long: 8, short: 6), patient: .init(age: 60), signedAt: signedAt)
        guard case .recommendation(let recommendation) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(recommendation.modality, "CT")
        XCTAssertEqual(recommendation.dueDate, "2026-07-31", "six months after 2026-01-31, the lower bound of 6-12 months")
        XCTAssertEqual(recommendation.intervalDays, 181)
        XCTAssertEqual(recommendation.guidelineCode, "FLEISCHNER-2017")
        XCTAssertEqual(recommendation.finding, "Solid nodule, 7 mm, right upper lobe")
        XCTAssertTrue(recommendation.text.contains("CT at 6-12 months, then consider CT at 18-24 months."), recommendation.text)
        XCTAssertTrue(recommendation.isFollowUpIndicated)
    }

    func testLargeSolidNoduleIsDueInThreeMonths() throws {
        let outcome = FleischnerRecommender.recommend(try nodule(long: 12, short: 10), patient: .init(age: 60), signedAt: signedAt)
        guard case .recommendation(let recommendation) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(recommendation.dueDate, "2026-04-30", "Calendar clamps January 31 plus 3 months to April 30")
        XCTAssertEqual(recommendation.urgency, .soon)
    }

    func testSmallLowRiskNoduleNeedsNoFollowUp() throws {
        let outcome = FleischnerRecommender.recommend(try nodule(long: 4, short: 4), patient: .init(age: 60), signedAt: signedAt)
        guard case .recommendation(let recommendation) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertFalse(recommendation.isFollowUpIndicated)
        XCTAssertNil(recommendation.modality)
        XCTAssertNil(recommendation.dueDate)
        XCTAssertTrue(recommendation.text.contains("No routine follow-up."))
    }

    func testRiskFromHistoryWhenFieldEmpty() throws {
        let outcome = FleischnerRecommender.recommend(try nodule(long: 4, short: 4, risk: nil), patient: .init(age: 60, risk: .high),
                                                      signedAt: signedAt)
        guard case .recommendation(let recommendation) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(recommendation.dueDate, "2027-01-31", "optional CT at 12 months for high risk")
    }

    func testYoungPatientNotApplicable() throws {
        let outcome = FleischnerRecommender.recommend(try nodule(long: 8, short: 6), patient: .init(age: 30), signedAt: signedAt)
        guard case .notApplicable(let reason, let instead) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(reason.contains("35"), reason)
        XCTAssertFalse(instead.isEmpty)
    }

    func testKnownCancerNotApplicable() throws {
        let outcome = FleischnerRecommender.recommend(try nodule(long: 8, short: 6), patient: .init(age: 60, knownCancer: true),
                                                      signedAt: signedAt)
        guard case .notApplicable = outcome else { return XCTFail("\(outcome)") }
    }

    func testMissingAgeIsIncomplete() throws {
        let outcome = FleischnerRecommender.recommend(try nodule(long: 8, short: 6), patient: .init(age: nil), signedAt: signedAt)
        guard case .incomplete(let missing) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(missing.count, 1)
        XCTAssertTrue(missing[0].contains("age"))
    }

    func testNoNoduleSelected() throws {
        let outcome = FleischnerRecommender.recommend(try ReportFixtures.ctChest([:]), patient: .init(age: 60), signedAt: signedAt)
        XCTAssertEqual(outcome, .noNodule)
    }

    func testOtherTemplateHasNoNodule() throws {
        let outcome = FleischnerRecommender.recommend(try ReportFixtures.ctHead([:]), patient: .init(age: 60), signedAt: signedAt)
        XCTAssertEqual(outcome, .noNodule)
    }
}
