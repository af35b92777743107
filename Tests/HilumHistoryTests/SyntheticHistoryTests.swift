import Foundation
import HilumHistory
import XCTest

/// Demo bundles go through the same reader and summary as EMR exports.
final class SyntheticHistoryTests: XCTestCase {
    private func summary(_ key: String, seed: UInt64 = 7) throws -> HistorySummary {
        let patient = try XCTUnwrap(SyntheticHistory.demoPatients.first { $0.key == key })
        let record = try FHIRReader.read(SyntheticHistory.bundle(for: key, seed: seed, referenceDay: Fixtures.referenceDay))
        XCTAssertEqual(record.notes, [], key)
        return Fixtures.summary(record, patient.study)
    }

    func testSameSeedGivesSameBytes() throws {
        for patient in SyntheticHistory.demoPatients {
            let first = try SyntheticHistory.bundle(for: patient.key, seed: 42)
            XCTAssertEqual(try SyntheticHistory.bundle(for: patient.key, seed: 42), first, patient.key)
            XCTAssertNotEqual(try SyntheticHistory.bundle(for: patient.key, seed: 43), first, patient.key)
        }
    }

    func testUnknownPatientNamesTheChoices() {
        XCTAssertThrowsError(try SyntheticHistory.bundle(for: "nobody", seed: 1)) { error in
            XCTAssertTrue(String(describing: error).contains("chest-ct-ex-smoker"))
        }
    }

    func testChestCTExSmoker() throws {
        let summary = try summary("chest-ct-ex-smoker")
        XCTAssertEqual(summary.ageYears, 67)
        XCTAssertEqual(summary.sections.first?.heading, "Kidney function (contrast)")
        XCTAssertTrue(summary.section("Kidney function (contrast)")?.items.contains { $0.value == "48 mL/min/{1.73_m2}" } == true)
        XCTAssertEqual(summary.section("Oncology")?.items.first?.text, "Adenocarcinoma of lung")
        XCTAssertEqual(summary.section("Smoking")?.items.first?.value, "Ex-smoker")
        XCTAssertEqual(summary.section("Prior imaging")?.items.count, 2)
    }

    func testHeadCTFallOnApixaban() throws {
        let summary = try summary("head-ct-fall-apixaban")
        XCTAssertEqual(summary.ageYears, 74)
        XCTAssertEqual(summary.sections.first?.heading, "Anticoagulation")
        XCTAssertEqual(summary.sections.first?.items.first?.text, "apixaban 5 MG Oral Tablet")
        XCTAssertTrue(summary.section("Trauma / fall")?.items.contains { $0.text == "Accidental fall" } == true)
        XCTAssertTrue(summary.section("Stroke / TIA")?.items.contains { $0.text == "Atrial fibrillation" } == true)
    }

    func testAbdominalUltrasoundGallstones() throws {
        let summary = try summary("abdomen-us-gallstones")
        XCTAssertEqual(summary.ageYears, 45)
        XCTAssertEqual(summary.sections.first?.heading, "Abdominal and pelvic disease")
        XCTAssertTrue(summary.sections.first?.items.contains { $0.text == "Gallstone" } == true)
        XCTAssertEqual(summary.section("Prior abdominal surgery")?.items.first?.text, "Appendectomy")
    }

    func testMRHeadPacemaker() throws {
        let summary = try summary("mr-head-pacemaker")
        XCTAssertEqual(summary.ageYears, 58)
        XCTAssertEqual(summary.sections.first?.heading, "MR safety")
        XCTAssertEqual(summary.sections.first?.items.first?.text, "Cardiac pacemaker in situ")
        XCTAssertEqual(summary.sections.dropFirst().first?.heading, "Kidney function (contrast)")
    }

    func testCTAbdomenContrastAllergy() throws {
        let summary = try summary("ct-abdomen-contrast-allergy")
        XCTAssertEqual(summary.ageYears, 52)
        XCTAssertEqual(summary.sections.first?.heading, "Contrast allergy")
        XCTAssertEqual(summary.sections.first?.items.first?.detail, "Urticaria; criticality low")
        let kidney = try XCTUnwrap(summary.section("Kidney function (contrast)")).items
        XCTAssertTrue(kidney.contains { $0.value == "> 90 mL/min/{1.73_m2}" })
        XCTAssertTrue(kidney.contains { $0.text.contains("metformin") })
    }
}
