import Foundation
import HilumHistory
import XCTest

/// Every expected value in the edge cases' CASE.md files (copied beside
/// their bundles under Fixtures/edge-cases).
final class EdgeCaseTests: XCTestCase {
    // MARK: 07: urn:uuid references, a Patient without id, conditional references

    func testUrnUuidPatientWithoutId() throws {
        let record = try Fixtures.edgeCase("07-fhir-urn-uuid-and-conditional-refs")
        let patient = try XCTUnwrap(record.patient)
        XCTAssertEqual(patient.name, "Ilona Varga")
        XCTAssertEqual(patient.sex, "female")
        XCTAssertEqual(patient.birthDate, "1968-04-09")
        XCTAssertNil(patient.source.id)
        XCTAssertEqual(patient.source.fullUrl, "urn:uuid:7b0a3c1e-1111-4a8e-9d3e-000000000001")
    }

    func testUrnUuidEncounterConditionAndCreatinine() throws {
        let summary = Fixtures.summary(try Fixtures.edgeCase("07-fhir-urn-uuid-and-conditional-refs"), Fixtures.chestCTContrast)
        let encounters = summary.allItems.filter { $0.category == .encounter }
        XCTAssertEqual(encounters.count, 1)
        XCTAssertEqual(encounters.first?.date.map { String($0.prefix(10)) }, "2024-02-01")
        XCTAssertEqual(encounters.first?.detail, "with Dr. Tomas Invented")

        let hypertension = try XCTUnwrap(summary.items(containing: "Hypertension").first)
        XCTAssertEqual(hypertension.date, "2015-06-01")
        XCTAssertEqual(hypertension.status, "active")

        let creatinine = try XCTUnwrap(summary.items(containing: "Creatinine").first)
        XCTAssertEqual(creatinine.value, "1.1 mg/dL")
    }

    func testConditionalReferenceWithoutDisplayIsOmitted() throws {
        let summary = Fixtures.summary(try Fixtures.edgeCase("07-fhir-urn-uuid-and-conditional-refs"), Fixtures.chestCTContrast)
        let text = SummaryRenderer.render(summary, width: 200).joined(separator: "\n")
        XCTAssertFalse(text.contains("?identifier"))
        XCTAssertFalse(text.contains("Organization"))
    }

    func testOtherSubjectObservationIsLeftOutAndNoted() throws {
        let record = try Fixtures.edgeCase("07-fhir-urn-uuid-and-conditional-refs")
        XCTAssertEqual(record.entries.count, 3)
        let summary = Fixtures.summary(record, Fixtures.chestCTContrast)
        XCTAssertTrue(summary.items(containing: "eGFR").isEmpty)
        XCTAssertTrue(summary.items(containing: "Glomerular").isEmpty)
        XCTAssertTrue(summary.notes.contains { $0.contains("entry 4 (Observation)") && $0.contains("another subject") }, "\(summary.notes)")
    }

    // MARK: 09: Condition label and clinicalStatus shapes

    func testConditionLabelsAndStatuses() throws {
        let summary = Fixtures.summary(try Fixtures.edgeCase("09-fhir-condition-display-fallbacks"), Fixtures.headCT)
        let byId = Dictionary(uniqueKeysWithValues: summary.allItems.map { ($0.source.id ?? "", $0) })
        XCTAssertEqual(byId.count, 7, "all seven conditions appear")
        let expected: [(id: String, label: String, status: String)] = [
            ("c1", "Diabetes mellitus type 2 (disorder)", "active"),
            ("c2", "Essential (primary) hypertension", "active"),
            ("c3", "Pneumonia, unspecified organism", "resolved"),
            ("c4", "N18.3 (ICD-10-CM)", "active"),
            ("c5", "Suspected gallstones", "Active (verification: Provisional)"),
            ("c6", "(uncoded problem)", "active"),
            ("c7", "Asthma (disorder)", "active"),
        ]
        for row in expected {
            let item = try XCTUnwrap(byId[row.id], row.id)
            XCTAssertEqual(item.text, row.label, row.id)
            XCTAssertEqual(item.status, row.status, row.id)
        }
        XCTAssertEqual(byId["c6"]?.detail, "Problem entered without a code by front desk")
    }

    func testResolvedConditionShownApart() throws {
        let summary = Fixtures.summary(try Fixtures.edgeCase("09-fhir-condition-display-fallbacks"), Fixtures.headCT)
        XCTAssertEqual(summary.section("Past problems")?.items.map(\.source.id), ["c3"])
        XCTAssertFalse(try XCTUnwrap(summary.section("Active problems")).items.contains { $0.source.id == "c3" })
    }

    func testStringClinicalStatusIsNotedNotFatal() throws {
        let record = try Fixtures.edgeCase("09-fhir-condition-display-fallbacks")
        XCTAssertEqual(record.entries.count, 7)
        XCTAssertTrue(record.notes.contains { $0.contains("c7") && $0.contains("clinicalStatus") }, "\(record.notes)")
    }

    // MARK: 11: Observation value variants

    func testObservationValueVariants() throws {
        let summary = Fixtures.summary(try Fixtures.edgeCase("11-fhir-observation-value-variants"), Fixtures.chestCTContrast)
        let values = Dictionary(uniqueKeysWithValues: summary.allItems.map { ($0.text, $0.value ?? "") })
        XCTAssertEqual(values.count, 6, "none of the six is skipped: \(values.keys.sorted())")
        XCTAssertEqual(values["Blood pressure"], "128/82 mm[Hg]")
        XCTAssertEqual(values["Tobacco smoking status"], "Ex-smoker (finding)")
        XCTAssertEqual(values["Contrast reaction history"], "Mild urticaria after iodinated contrast in 2019; premedicated since")
        XCTAssertEqual(values["eGFR"], "> 90 mL/min/{1.73_m2}")
        XCTAssertEqual(values["Creatinine"], "no value (Error)")
        XCTAssertEqual(values["Pregnancy status"], "No")
    }

    func testContrastReactionAndKidneyFunctionRankFirst() throws {
        let summary = Fixtures.summary(try Fixtures.edgeCase("11-fhir-observation-value-variants"), Fixtures.chestCTContrast)
        XCTAssertEqual(summary.sections.first?.heading, "Contrast allergy")
        let kidney = try XCTUnwrap(summary.section("Kidney function (contrast)")).items.map(\.text)
        XCTAssertEqual(Set(kidney), ["eGFR", "Creatinine"])
    }

    func testRenderedValuesKeepComparatorAndFullText() throws {
        let summary = Fixtures.summary(try Fixtures.edgeCase("11-fhir-observation-value-variants"), Fixtures.chestCTContrast)
        let lines = SummaryRenderer.render(summary, width: 40)
        let joined = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        XCTAssertTrue(joined.contains("> 90 mL/min/{1.73_m2}"), joined)
        XCTAssertTrue(joined.contains("Mild urticaria after iodinated contrast in 2019; premedicated since"), joined)
        XCTAssertTrue(joined.contains("no value (Error)"), joined)
        for line in lines {
            XCTAssertLessThanOrEqual(line.count, 40, line)
        }
    }
}
