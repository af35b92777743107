import Foundation
import HilumHistory
import XCTest

/// The real Synthea bundles, each summarised for a chest CT with contrast, a
/// head CT and an abdominal CT. Expected values were read from the bundles.
final class SyntheaSummaryTests: XCTestCase {
    func testEveryBundleSummarisesForEveryStudy() throws {
        for name in Fixtures.syntheaNames {
            let record = try Fixtures.synthea(name)
            XCTAssertNotNil(record.patient, name)
            XCTAssertEqual(record.notes, [], "\(name) should read without problems")
            for study in Fixtures.studies {
                let summary = Fixtures.summary(record, study)
                XCTAssertNotNil(summary.ageYears, "\(name) \(study.bodyRegion)")
                XCTAssertNotNil(summary.sex, "\(name) \(study.bodyRegion)")
                XCTAssertFalse(summary.sections.isEmpty, "\(name) \(study.bodyRegion)")
                for item in summary.allItems {
                    XCTAssertNotNil(item.date, "\(name): \(item.text) has no date")
                    XCTAssertNotNil(item.source.id, "\(name): \(item.text) has no source id")
                }
                let priorities = summary.sections.map(\.priority)
                XCTAssertEqual(priorities, priorities.sorted(by: >), "\(name) \(study.bodyRegion) sections out of order")
            }
        }
    }

    func testEmphysemaChestCTOrder() throws {
        let summary = Fixtures.summary(try Fixtures.synthea("synthea-880930"), Fixtures.chestCTContrast)
        XCTAssertEqual(summary.ageYears, 42)
        XCTAssertEqual(summary.sex, "male")
        XCTAssertEqual(summary.sections.prefix(2).map(\.heading), ["Lung disease", "Smoking"])

        let emphysema = try XCTUnwrap(summary.section("Lung disease")?.items.first)
        XCTAssertEqual(emphysema.text, "Pulmonary emphysema (disorder)")
        XCTAssertEqual(emphysema.status, "active")
        XCTAssertEqual(emphysema.date.map { String($0.prefix(10)) }, "2001-07-22")
        XCTAssertEqual(emphysema.source.id, "9beb404e-6680-4c3e-c84c-09af9d7448e8")

        let smoking = try XCTUnwrap(summary.section("Smoking")?.items.first)
        XCTAssertEqual(smoking.value, "Former smoker")
        XCTAssertEqual(smoking.date.map { String($0.prefix(10)) }, "2023-11-26")
        XCTAssertEqual(smoking.occurrences, 11)

        let transplant = try XCTUnwrap(summary.section("Prior chest surgery and devices")?.items.first)
        XCTAssertEqual(transplant.text, "Transplant of lung (procedure)")
    }

    func testEmphysemaHeadCTActiveProblems() throws {
        let summary = Fixtures.summary(try Fixtures.synthea("synthea-880930"), Fixtures.headCT)
        XCTAssertNil(summary.section("Lung disease"))
        let problems = try XCTUnwrap(summary.section("Active problems")).items.map(\.text)
        XCTAssertTrue(problems.contains("Pulmonary emphysema (disorder)"), "\(problems)")
        XCTAssertTrue(problems.contains("Hypertension"), "\(problems)")
    }

    func testHeartFailurePriorImagingDates() throws {
        let summary = Fixtures.summary(try Fixtures.synthea("synthea-1361736"), Fixtures.chestCTContrast)
        let imaging = try XCTUnwrap(summary.section("Prior imaging")).items.filter { $0.category == .imaging }
        let found = Dictionary(uniqueKeysWithValues: imaging.map { ($0.source.id ?? "", String(($0.date ?? "").prefix(10))) })
        XCTAssertEqual(found, [
            "cfc9545e-b942-53c9-7f13-d28f46c5f819": "2023-07-29",
            "84ce2869-d984-17d7-1557-d9da0ad26282": "2023-08-12",
            "26fd644c-ef03-8575-3724-fe4e8767c5ca": "2024-02-08",
        ])
        XCTAssertTrue(imaging.contains { $0.text == "CR Thoracic structure (body structure)" })
        XCTAssertTrue(try XCTUnwrap(summary.section("Heart disease")).items.contains { $0.text == "Chronic congestive heart failure (disorder)" })
    }

    func testHeartFailureKidneyFunctionFirst() throws {
        let summary = Fixtures.summary(try Fixtures.synthea("synthea-1361736"), Fixtures.chestCTContrast)
        let kidney = try XCTUnwrap(summary.sections.first)
        XCTAssertEqual(kidney.heading, "Kidney function (contrast)")
        let values = Dictionary(uniqueKeysWithValues: kidney.items.map { ($0.text, $0.value ?? "") })
        XCTAssertEqual(values["Creatinine"], "1.28 mg/dL")
        XCTAssertEqual(values["Glomerular filtration rate/1.73 sq M.predicted"], "152.73 mL/min")
    }

    func testColonCancerPatientAbdominalCT() throws {
        let summary = Fixtures.summary(try Fixtures.synthea("synthea-1012007"), Fixtures.abdomenCT)
        XCTAssertEqual(summary.ageYears, 52)
        XCTAssertEqual(summary.sex, "female")
        let oncology = try XCTUnwrap(summary.section("Oncology")).items.map(\.text)
        XCTAssertTrue(oncology.contains("Primary malignant neoplasm of colon"), "\(oncology)")
        let surgery = try XCTUnwrap(summary.section("Prior abdominal surgery")).items
        let resection = try XCTUnwrap(surgery.first { $0.text == "Partial resection of colon" })
        XCTAssertEqual(resection.date.map { String($0.prefix(10)) }, "2021-10-12")
    }

    func testColonCancerPatientHeadCTShowsConcussion() throws {
        let summary = Fixtures.summary(try Fixtures.synthea("synthea-1012007"), Fixtures.headCT)
        let trauma = try XCTUnwrap(summary.section("Trauma / fall")).items.map(\.text)
        XCTAssertTrue(trauma.contains("Concussion with no loss of consciousness"), "\(trauma)")
    }

    func testBreastCancerPatientChestCT() throws {
        let summary = Fixtures.summary(try Fixtures.synthea("synthea-1386506"), Fixtures.chestCTContrast)
        let oncology = try XCTUnwrap(summary.section("Oncology")).items
        XCTAssertTrue(oncology.contains { $0.text == "Malignant neoplasm of breast (disorder)" })
        let chemotherapy = try XCTUnwrap(oncology.first { $0.text == "Chemotherapy (procedure)" })
        XCTAssertEqual(chemotherapy.occurrences, 8)
        XCTAssertEqual(chemotherapy.firstDate.map { String($0.prefix(10)) }, "2021-12-03")
        let surgery = try XCTUnwrap(summary.section("Prior chest surgery and devices")).items.map(\.text)
        XCTAssertTrue(surgery.contains("Lumpectomy of breast (procedure)"), "\(surgery)")
    }

    func testFracturePatientPriorRadiographs() throws {
        let summary = Fixtures.summary(try Fixtures.synthea("synthea-1046675"), Fixtures.headCT)
        XCTAssertEqual(summary.ageYears, 69)
        let imaging = try XCTUnwrap(summary.section("Prior imaging")).items.filter { $0.category == .imaging }
        XCTAssertEqual(imaging.map(\.text), ["DX Clavicle", "DX Wrist"])
        XCTAssertEqual(imaging.map { String(($0.date ?? "").prefix(10)) }, ["2023-08-14", "2018-08-10"])
    }

    func testJuvenileBatchBundle() throws {
        let record = try Fixtures.synthea("synthea-juvenile-covid")
        XCTAssertEqual(record.bundleType, "batch")
        XCTAssertEqual(record.skippedResourceCounts["Immunization"], 19)
        let summary = Fixtures.summary(record, Fixtures.chestCTContrast)
        XCTAssertEqual(summary.ageYears, 18)
        XCTAssertEqual(summary.sex, "female")
        // COVID-19 in 2020 is older than the 24 months of "Recent chest symptoms".
        XCTAssertNil(summary.section("Recent chest symptoms"))
        XCTAssertTrue(try XCTUnwrap(summary.section("Past problems")).items.contains { $0.text == "COVID-19" })
    }
}
