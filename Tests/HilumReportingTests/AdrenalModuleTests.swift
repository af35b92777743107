import Foundation
import HilumReporting
import XCTest

/// ACR incidental adrenal mass on CT: washout, diagnostic benign features,
/// size (cm), stability and cancer history lead to the module's end points.
final class AdrenalModuleTests: XCTestCase {
    private func module() throws -> AssistModule {
        try AssistModule(contentsOf: TestData.fixture("acr-assist/IF_AdrenalCT2.0.xml"))
    }

    private func endPoints(_ answers: [String: AssistValue], file: StaticString = #filePath,
                           line: UInt = #line) throws -> [String] {
        var all: [String: AssistValue] = ["side": .choice("left")]
        all.merge(answers) { $1 }
        return try module().evaluate(answers: all).endPoints
    }

    func testMetadataAndDefaults() throws {
        let module = try module()
        XCTAssertEqual(module.metadata.id, "ACR_Adrenal_CT_2_0")
        XCTAssertEqual(module.metadata.label, "Adrenal CT")
        XCTAssertEqual(module.dataElements.count, 8)
        let form = try module.form(answers: [:])
        XCTAssertEqual(form.map(\.id), ["side", "adrenalmass", "diagimagfeatures", "imgenlarge", "cancerhx", "washout",
                                        "seriesnumber", "imagenumber"])
        XCTAssertEqual(form.first { $0.id == "washout" }?.value, .choice("none"))
        XCTAssertEqual(form.first { $0.id == "adrenalmass" }?.minimum, 1)
        XCTAssertEqual(module.notes, [])
    }

    func testWashoutBranches() throws {
        XCTAssertEqual(try endPoints(["adrenalmass": .number(2), "washout": .choice("greaterthan60")]), ["benignadenoma"])
        XCTAssertEqual(try endPoints(["adrenalmass": .number(2), "washout": .choice("lessthan60")]), ["ImagingFU"])
    }

    func testDiagnosticFeatures() throws {
        XCTAssertEqual(try endPoints(["adrenalmass": .number(3), "diagimagfeatures": .choice("myelolipoma")]), ["benignnoFU"])
        XCTAssertEqual(try endPoints(["adrenalmass": .number(3), "diagimagfeatures": .choice("lessthan10HU")]), ["benignadenoma"])
    }

    func testBenignFeatureMakesWashoutIrrelevant() throws {
        let evaluation = try module().evaluate(answers: [
            "adrenalmass": .number(3), "diagimagfeatures": .choice("noenhancement"), "washout": .choice("lessthan60"),
        ])
        XCTAssertEqual(evaluation.endPoints, ["benignnoFU"])
        XCTAssertTrue(evaluation.irrelevantElements.contains("washout"))
    }

    func testLargeIndeterminateMass() throws {
        XCTAssertEqual(try endPoints(["adrenalmass": .number(5)]), ["considerresection"])
        XCTAssertEqual(try endPoints(["adrenalmass": .number(5), "cancerhx": .choice("Yes")]), ["considerBX"])
    }

    func testPriorImagingBranches() throws {
        XCTAssertEqual(try endPoints(["adrenalmass": .number(2), "imgenlarge": .choice("stablemorethan1year")]), ["benignnoFU"])
        XCTAssertEqual(try endPoints(["adrenalmass": .number(2.5), "imgenlarge": .choice("Neworenlarging"),
                                      "cancerhx": .choice("No")]), ["consider12"])
    }

    func testNoPriorImagingBySize() throws {
        XCTAssertEqual(try endPoints(["adrenalmass": .number(1.5)]), ["consider12probBenign"])
        XCTAssertEqual(try endPoints(["adrenalmass": .number(3)]), ["benignadenoma"])
        // The module compares cancerhx with "yes" while the choice is "Yes";
        // comparisons ignore case, as in the ACR simulator.
        XCTAssertEqual(try endPoints(["adrenalmass": .number(2.5), "cancerhx": .choice("Yes")]), ["benignadenoma"])
    }

    func testImpressionText() throws {
        let evaluation = try module().evaluate(answers: ["adrenalmass": .number(5)])
        XCTAssertEqual(evaluation.sections, [AssistEvaluation.Section(id: "Impression", text: "Consider resection")])
        XCTAssertEqual(evaluation.reportText, "Impression\nConsider resection")
    }

    func testSizeOutsideLimitsIsRejected() throws {
        XCTAssertThrowsError(try endPoints(["adrenalmass": .number(11)])) { error in
            XCTAssertEqual(error as? AssistError,
                           .valueOutOfRange(elementID: "adrenalmass", label: "Size(cm)", value: 11, minimum: 1, maximum: 10))
        }
        XCTAssertThrowsError(try endPoints(["adrenalmass": .number(0.5)])) { error in
            XCTAssertTrue("\(error)".contains("adrenalmass"))
        }
    }

    func testIntegerElementRejectsFraction() throws {
        XCTAssertThrowsError(try endPoints(["adrenalmass": .number(2), "seriesnumber": .number(2.5)])) { error in
            XCTAssertEqual(error as? AssistError, .notAnInteger(elementID: "seriesnumber", label: "Series", value: 2.5))
        }
    }
}
