import Foundation
@testable import HilumHistory
import XCTest

/// The rules format: the built-in file, parse errors with line and field, overrides.
final class HistoryRulesTests: XCTestCase {
    private func problems(_ text: String) -> [RulesParseError.Problem] {
        do {
            _ = try HistoryRules.parse(text, fileName: "test.rules")
            XCTFail("expected a parse error")
            return []
        } catch {
            return error.problems
        }
    }

    func testBuiltInRulesParse() throws {
        let rules = try HistoryRules.parse(DefaultRules.text)
        XCTAssertGreaterThan(rules.rules.count, 30)
        XCTAssertEqual(rules, HistoryRules.builtIn)
        for rule in rules.rules {
            XCTAssertNotNil(rule.why, "\(rule.name) has no why")
        }
    }

    func testBuiltInRulesCoverTheRadiologistsExamples() {
        let headings = Set(HistoryRules.builtIn.rules.map(\.heading))
        for heading in ["Oncology", "Smoking", "Lung disease", "Kidney function (contrast)", "Contrast allergy",
                        "Anticoagulation", "Stroke / TIA", "Trauma / fall", "Seizures", "Prior imaging",
                        "Prior abdominal surgery", "MR safety", "Allergies", "Active problems", "Medications"] {
            XCTAssertTrue(headings.contains(heading), heading)
        }
    }

    func testMisspelledFieldSuggestsTheFix() {
        let found = problems("rule: A\nheading: X\nprority: 5\n")
        XCTAssertEqual(found.count, 2, "\(found)")
        XCTAssertEqual(found.first?.line, 1)
        XCTAssertEqual(found.first?.field, "priority")
        let typo = found.first { $0.line == 3 }
        XCTAssertEqual(typo?.field, "prority")
        XCTAssertTrue(typo?.message.contains("did you mean 'priority'?") == true, typo?.message ?? "")
    }

    func testInvalidValuesNameLineAndField() {
        let text = """
        # comment
        rule: Bad values
        heading: X
        priority: 150
        contrast: maybe
        resources: condition, lab
        codes: SNOMED 123, MESH D001, 12345
        within: 3 weeks
        """
        let found = problems(text)
        XCTAssertEqual(found.map(\.line), [4, 5, 6, 7, 7, 8])
        XCTAssertEqual(found.map(\.field), ["priority", "contrast", "resources", "codes", "codes", "within"])
        XCTAssertTrue(found[1].message.contains("'maybe'"))
        XCTAssertTrue(found[2].message.contains("'lab'"))
    }

    func testDuplicateNamesAndFieldsBeforeRule() {
        let found = problems("heading: early\nrule: A\nheading: X\npriority: 1\nrule: a\nheading: Y\npriority: 2\n")
        XCTAssertEqual(found.map(\.line), [1, 5])
        XCTAssertTrue(found[1].message.contains("already used on line 2"))
    }

    func testErrorDescriptionListsEveryProblem() {
        do {
            _ = try HistoryRules.parse("rule: A\nheading: X\npriority: x\nstatus: open\n", fileName: "mine.rules")
        } catch {
            XCTAssertEqual(error.description, """
            mine.rules:3: field 'priority': 'x' is not a whole number from 0 to 100 (higher comes first, 0 turns the rule off)
            mine.rules:4: field 'status': 'open' is not one of active, inactive, any
            """)
        }
    }

    func testContinuationLinesAndPrefixCodes() throws {
        let rules = try HistoryRules.parse("""
        rule: Lung
        heading: Lung
        priority: 5
        codes: ICD-10 J43*,
          SNOMED 87433001
        words: emphysema,
          copd
        """)
        let rule = try XCTUnwrap(rules.rules.first)
        XCTAssertEqual(rule.codes, [.init(system: "ICD-10", code: "J43", isPrefix: true),
                                    .init(system: "SNOMED", code: "87433001", isPrefix: false)])
        XCTAssertEqual(rule.words, ["emphysema", "copd"])
        XCTAssertTrue(rule.codes[0].matches(Coding(system: "http://hl7.org/fhir/sid/icd-10-cm", code: "J43.9", display: nil)))
    }

    func testOverrideFileReplacesAndDisables() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hilum-rules-\(UUID().uuidString).rules")
        try """
        rule: Smoking in chest imaging
        heading: Tobacco
        priority: 99
        region: CHEST
        codes: LOINC 72166-2

        rule: Past problems
        heading: Past problems
        priority: 0
        """.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }

        let rules = try HistoryRules.builtIn(overriddenBy: url)
        XCTAssertEqual(rules.rules.count, HistoryRules.builtIn.rules.count)
        let summary = HistorySummarizer.summarize(try Fixtures.synthea("synthea-880930"), for: Fixtures.chestCTContrast,
                                                  rules: rules, referenceDay: Fixtures.referenceDay)
        XCTAssertEqual(summary.sections.first?.heading, "Tobacco")
        XCTAssertNil(summary.section("Past problems"))
    }

    func testOverrideFileErrorNamesTheFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString).rules")
        try "rule: X\nheading: Y\npriority: 1\ncolour: red\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        XCTAssertThrowsError(try HistoryRules.builtIn(overriddenBy: url)) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.hasPrefix("\(url.lastPathComponent):4: field 'colour': unknown field"), text)
        }
    }

    func testWordMatchingRespectsWordBoundaries() {
        XCTAssertTrue(HistoryRule.contains("fall at home", word: "fall"))
        XCTAssertFalse(HistoryRule.contains("fallopian tube", word: "fall"))
        XCTAssertTrue(HistoryRule.contains("metastatic disease", word: "metasta*"))
        XCTAssertFalse(HistoryRule.contains("ct scan", word: "scan*x"))
        XCTAssertTrue(HistoryRule.contains("history: ct chest", word: "ct"))
        XCTAssertFalse(HistoryRule.contains("acute", word: "ct"))
    }

    func testProcedureContrastWording() {
        XCTAssertTrue(StudyContext.procedureUsesContrast("CT ABDOMEN AND PELVIS WITH CONTRAST"))
        XCTAssertTrue(StudyContext.procedureUsesContrast("MR BRAIN WITH AND WITHOUT CONTRAST"))
        XCTAssertFalse(StudyContext.procedureUsesContrast("CT HEAD WITHOUT CONTRAST"))
        XCTAssertFalse(StudyContext.procedureUsesContrast("XR CHEST PA AND LATERAL"))
        XCTAssertTrue(StudyContext.procedureUsesContrast("CTA CHEST"))
        XCTAssertFalse(StudyContext.procedureUsesContrast("CT CHEST W/O"))
    }
}
