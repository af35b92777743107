import Foundation
import HilumReporting
import XCTest

/// ACR TI-RADS module: points for composition, echogenicity and other
/// features sum to a level, and the module's size thresholds (in cm) pick
/// FNA, follow-up or neither. Expected end points are read from the module:
/// 0 points TR1, 2 TR2, 3 TR3 (FNA >= 2.5, follow 1.5-2.5), 4-6 TR4 (FNA >=
/// 1.5, follow 1-1.5), >= 7 TR5 (FNA >= 1, follow 0.5-1).
final class TIRADSModuleTests: XCTestCase {
    private func module() throws -> AssistModule {
        try AssistModule(contentsOf: TestData.fixture("acr-assist/TI-RADS-OPER.xml"))
    }

    private func nodule(_ composition: String, _ echogenicity: String? = nil, other: [String] = [],
                        diameter: Double) -> [String: AssistValue] {
        var answers: [String: AssistValue] = [
            "lobe_1": .choice("Rightlobe"), "diameter_1": .number(diameter), "composition_1": .choice(composition),
        ]
        if let echogenicity { answers["echogenicity_1"] = .choice(echogenicity) }
        if !other.isEmpty { answers["other_1"] = .choices(other) }
        return answers
    }

    private func assertOutcome(_ answers: [String: AssistValue], points: Double, endPoint: String, category: String,
                               recommendation: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let evaluation = try module().evaluate(answers: answers)
        XCTAssertEqual(evaluation.values["addtr1_1"], .number(points), file: file, line: line)
        XCTAssertEqual(evaluation.endPoints, [endPoint], file: file, line: line)
        let text = evaluation.reportText
        XCTAssertTrue(text.contains("ACR TI-RADS risk category: \(category)\n"), text, file: file, line: line)
        XCTAssertTrue(text.contains("ACR TI-RADS recommendation: \(recommendation)"), text, file: file, line: line)
    }

    func testMetadataAndForm() throws {
        let module = try module()
        XCTAssertEqual(module.metadata.id, "TI-RADS")
        XCTAssertEqual(module.metadata.label, "TI RADS")
        let form = try module.form(answers: [:])
        XCTAssertEqual(form.first?.id, "nodulenumber_1")
        let diameter = try XCTUnwrap(form.first { $0.id == "diameter_1" })
        XCTAssertEqual(diameter.minimum, 0.1)
        XCTAssertEqual(diameter.maximum, 15)
        XCTAssertEqual(diameter.unit, "cm")
        XCTAssertTrue(diameter.isRequired)
        XCTAssertEqual(form.first { $0.id == "composition_1" }?.choices.count, 5)
        XCTAssertEqual(form.first { $0.id == "nodulequestion_1" }?.value, .choice("no"))
        XCTAssertEqual(form.first { $0.id == "lobe_2" }?.isRelevant, false)
        XCTAssertFalse(form.contains { $0.id == "addtr1_1" })
    }

    func testRelevanceFollowsAnswers() throws {
        let module = try module()
        let cystic = try module.form(answers: ["composition_1": .choice("cystic")])
        XCTAssertEqual(cystic.first { $0.id == "echogenicity_1" }?.isRelevant, false)
        let solid = try module.form(answers: ["composition_1": .choice("solid"), "lobe_1": .choice("Isthmus")])
        XCTAssertEqual(solid.first { $0.id == "echogenicity_1" }?.isRelevant, true)
        XCTAssertEqual(solid.first { $0.id == "lobe_location_1" }?.choices.map(\.value),
                       ["Rightisthmus", "Leftisthmus", "Midlineisthmus"])
    }

    func testCysticNoduleIsTR1() throws {
        try assertOutcome(nodule("cystic", diameter: 3), points: 0, endPoint: "ReporttextTR1_1", category: "TR1",
                          recommendation: "No FNA or follow up")
    }

    func testEchogenicityIgnoredForSpongiform() throws {
        let answers = nodule("spongiform", "Very_Hypoechoic", diameter: 2)
        let evaluation = try module().evaluate(answers: answers)
        XCTAssertEqual(evaluation.values["addtr1_1"], .number(0))
        XCTAssertTrue(evaluation.irrelevantElements.contains("echogenicity_1"))
        XCTAssertEqual(evaluation.notes.count, 1)
    }

    func testTwoPointsIsTR2() throws {
        try assertOutcome(nodule("mixed_cystic_solid", "Hyperechoic", diameter: 2), points: 2, endPoint: "ReporttextTR2_1",
                          category: "TR2", recommendation: "No FNA or follow up")
    }

    func testThreePointsBySize() throws {
        try assertOutcome(nodule("mixed_cystic_solid", "Hypoechoic", diameter: 2.5), points: 3, endPoint: "ReporttextTR7_1",
                          category: "TR3", recommendation: "FNA")
        try assertOutcome(nodule("mixed_cystic_solid", "Hypoechoic", diameter: 1.6), points: 3, endPoint: "ReporttextTR6_1",
                          category: "TR3", recommendation: "Follow")
        try assertOutcome(nodule("mixed_cystic_solid", "Hypoechoic", diameter: 1.0), points: 3, endPoint: "ReporttextTR8_1",
                          category: "TR3", recommendation: "No FNA or Follow-up")
    }

    func testFourToSixPointsBySize() throws {
        try assertOutcome(nodule("solid", "Hypoechoic", diameter: 1.5), points: 4, endPoint: "ReporttextTR9_1",
                          category: "TR4", recommendation: "FNA")
        try assertOutcome(nodule("solid", "Hypoechoic", other: ["Macrocalcifications"], diameter: 1.2), points: 5,
                          endPoint: "ReporttextTR10_1", category: "TR4", recommendation: "Follow")
        try assertOutcome(nodule("solid", "Hypoechoic", other: ["Lobulated"], diameter: 0.8), points: 6,
                          endPoint: "ReporttextTR11_1", category: "TR4 Moderately Suspicious", recommendation: "No FNA or Follow-up")
    }

    func testSevenOrMorePointsBySize() throws {
        let features = ["Punctate", "Taller"]
        try assertOutcome(nodule("solid", "Very_Hypoechoic", other: features, diameter: 1.0), points: 11,
                          endPoint: "ReporttextTR12_1", category: "TR5", recommendation: "FNA")
        try assertOutcome(nodule("solid", "Very_Hypoechoic", other: features, diameter: 0.7), points: 11,
                          endPoint: "ReporttextTR13_1", category: "TR5", recommendation: "Follow")
        try assertOutcome(nodule("solid", "Very_Hypoechoic", other: features, diameter: 0.4), points: 11,
                          endPoint: "ReporttextTR14_1", category: "TR5", recommendation: "No FNA or Follow-up")
    }

    func testReportTextInsertsValues() throws {
        let evaluation = try module().evaluate(answers: nodule("solid", "Hypoechoic", other: ["Macrocalcifications"],
                                                               diameter: 1.2))
        XCTAssertEqual(evaluation.sections.map(\.id), ["Nodule 1 - Findings"])
        XCTAssertEqual(evaluation.sections.first?.text, """
            Gland: Right lobe
            Maximum Size: 1.2 cm
            Composition: Solid or almost completely solid (2 points)
            Echogenicity: Hypoechoic (2 points)
            Other Features:  Macrocalcifications (1 points)

            ACR TI-RADS total points: 5
            ACR TI-RADS risk category: TR4
            ACR TI-RADS recommendation: Follow
            """)
    }

    func testSecondNoduleIsReportedToo() throws {
        var answers = nodule("cystic", diameter: 1)
        answers["nodulequestion_1"] = .choice("yes")
        answers["lobe_2"] = .choice("Leftlobe")
        answers["diameter_2"] = .number(0.8)
        answers["composition_2"] = .choice("solid")
        answers["echogenicity_2"] = .choice("Hypoechoic")
        let evaluation = try module().evaluate(answers: answers)
        XCTAssertEqual(evaluation.endPoints, ["ReporttextTR1_1", "ReporttextTR11_2"])
    }

    func testDiameterAboveMaximumIsRejected() throws {
        XCTAssertThrowsError(try module().evaluate(answers: nodule("solid", "Hypoechoic", diameter: 16))) { error in
            XCTAssertEqual(error as? AssistError,
                           .valueOutOfRange(elementID: "diameter_1", label: "Maximum Diameter", value: 16, minimum: 0.1, maximum: 15))
            XCTAssertTrue("\(error)".contains("diameter_1 (\"Maximum Diameter\") is outside the allowed range 0.1 to 15"))
        }
    }

    func testUnknownChoiceIsRejected() throws {
        XCTAssertThrowsError(try module().evaluate(answers: ["composition_1": .choice("gelatinous")])) { error in
            XCTAssertTrue("\(error)".contains("composition_1 has no choice \"gelatinous\""))
        }
    }

    func testComputedElementCannotBeAnswered() throws {
        XCTAssertThrowsError(try module().evaluate(answers: ["addtr1_1": .number(3)])) { error in
            XCTAssertEqual(error as? AssistError, .computedElementAnswered("addtr1_1"))
        }
    }
}
