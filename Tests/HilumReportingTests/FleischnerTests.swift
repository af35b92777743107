import HilumReporting
import XCTest

/// Every cell of the Fleischner Society 2017 table (MacMahon et al.,
/// Radiology 2017, Table 1), checked against the published wording.
final class FleischnerTests: XCTestCase {
    private func text(_ composition: Fleischner.Composition, multiple: Bool, size: Double, risk: Fleischner.Risk,
                      age: Int = 60, file: StaticString = #filePath, line: UInt = #line) -> String? {
        let outcome = Fleischner.evaluate(.init(composition: composition, multiple: multiple, longAxisMillimetres: size,
                                                shortAxisMillimetres: size, risk: risk, age: age))
        guard case let .recommendation(row) = outcome else {
            XCTFail("expected a recommendation, got \(outcome)", file: file, line: line)
            return nil
        }
        return row.text
    }

    func testSolidSingle() {
        XCTAssertEqual(text(.solid, multiple: false, size: 5, risk: .low), "No routine follow-up.")
        XCTAssertEqual(text(.solid, multiple: false, size: 5, risk: .high), "Optional CT at 12 months.")
        XCTAssertEqual(text(.solid, multiple: false, size: 7, risk: .low), "CT at 6-12 months, then consider CT at 18-24 months.")
        XCTAssertEqual(text(.solid, multiple: false, size: 7, risk: .high), "CT at 6-12 months, then CT at 18-24 months.")
        XCTAssertEqual(text(.solid, multiple: false, size: 9, risk: .low), "Consider CT at 3 months, PET/CT, or tissue sampling.")
        XCTAssertEqual(text(.solid, multiple: false, size: 9, risk: .high), "Consider CT at 3 months, PET/CT, or tissue sampling.")
    }

    func testSolidMultiple() {
        XCTAssertEqual(text(.solid, multiple: true, size: 5, risk: .low), "No routine follow-up.")
        XCTAssertEqual(text(.solid, multiple: true, size: 5, risk: .high), "Optional CT at 12 months.")
        XCTAssertEqual(text(.solid, multiple: true, size: 7, risk: .low), "CT at 3-6 months, then consider CT at 18-24 months.")
        XCTAssertEqual(text(.solid, multiple: true, size: 7, risk: .high), "CT at 3-6 months, then at 18-24 months.")
        XCTAssertEqual(text(.solid, multiple: true, size: 12, risk: .low), "CT at 3-6 months, then consider CT at 18-24 months.")
        XCTAssertEqual(text(.solid, multiple: true, size: 12, risk: .high), "CT at 3-6 months, then at 18-24 months.")
    }

    func testSubsolidSingle() {
        for risk in Fleischner.Risk.allCases {
            XCTAssertEqual(text(.groundGlass, multiple: false, size: 5, risk: risk), "No routine follow-up.")
            XCTAssertEqual(text(.groundGlass, multiple: false, size: 6, risk: risk),
                           "CT at 6-12 months to confirm persistence, then CT every 2 years until 5 years.")
            XCTAssertEqual(text(.partSolid, multiple: false, size: 5, risk: risk), "No routine follow-up.")
            XCTAssertEqual(text(.partSolid, multiple: false, size: 8, risk: risk),
                           "CT at 3-6 months to confirm persistence. If unchanged and solid component remains <6 mm, annual CT should be performed for 5 years.")
        }
    }

    func testSubsolidMultiple() {
        for composition in [Fleischner.Composition.groundGlass, .partSolid] {
            XCTAssertEqual(text(composition, multiple: true, size: 4, risk: .low), "CT at 3-6 months. If stable, consider CT at 2 and 4 years.")
            XCTAssertEqual(text(composition, multiple: true, size: 10, risk: .high),
                           "CT at 3-6 months. Subsequent management based on the most suspicious nodule(s).")
        }
    }

    func testSizeIsTheRoundedMeanOfBothAxes() {
        // 8 x 5 mm averages 6.5, which rounds to 7: the 6-8 mm band.
        let nodule = Fleischner.Case(composition: .solid, multiple: false, longAxisMillimetres: 8, shortAxisMillimetres: 5, risk: .low, age: 50)
        XCTAssertEqual(nodule.sizeMillimetres, 7)
        guard case let .recommendation(row) = Fleischner.evaluate(nodule) else { return XCTFail("expected a recommendation") }
        XCTAssertEqual(row.band, .from6To8)
        XCTAssertEqual(row.firstCTMonths, 6...12)
        // 6.4 x 5.4 averages 5.9, which rounds to 6: no longer below 6 mm.
        XCTAssertEqual(Fleischner.Case(composition: .solid, multiple: false, longAxisMillimetres: 6.4, shortAxisMillimetres: 5.4,
                                       risk: .low, age: 50).sizeMillimetres, 6)
    }

    func testEveryCellOfTheTableIsReachable() {
        var reached: Set<String> = []
        for composition in Fleischner.Composition.allCases {
            for multiple in [false, true] {
                for size in [3.0, 7, 12] {
                    for risk in Fleischner.Risk.allCases {
                        let outcome = Fleischner.evaluate(.init(composition: composition, multiple: multiple, longAxisMillimetres: size,
                                                                shortAxisMillimetres: size, risk: risk, age: 70))
                        if case let .recommendation(row) = outcome {
                            reached.insert("\(row.composition)|\(row.multiple)|\(row.band)|\(String(describing: row.risk))")
                        }
                    }
                }
            }
        }
        XCTAssertEqual(reached.count, Fleischner.table.count)
    }

    func testDoesNotApplyAndSaysWhatDoes() {
        func outcome(age: Int = 60, screening: Bool = false, immunocompromised: Bool = false, knownCancer: Bool = false) -> Fleischner.Outcome {
            Fleischner.evaluate(.init(composition: .solid, multiple: false, longAxisMillimetres: 7, shortAxisMillimetres: 7, risk: .high,
                                      age: age, screening: screening, immunocompromised: immunocompromised, knownCancer: knownCancer))
        }
        guard case let .notApplicable(reason, instead) = outcome(screening: true) else { return XCTFail("screening must not use Fleischner") }
        XCTAssertTrue(reason.contains("lung cancer screening"))
        XCTAssertTrue(instead.contains("Lung-RADS"))
        guard case let .notApplicable(young, _) = outcome(age: 34) else { return XCTFail("under 35 must not use Fleischner") }
        XCTAssertTrue(young.contains("the patient is 34"))
        if case .notApplicable = outcome(age: 35) { XCTFail("35 is within the guidelines") }
        guard case .notApplicable = outcome(immunocompromised: true) else { return XCTFail("immunocompromised must not use Fleischner") }
        guard case .notApplicable = outcome(knownCancer: true) else { return XCTFail("known cancer must not use Fleischner") }
    }
}
