import Foundation
import HilumDICOMweb
import XCTest

/// Study lists whose shapes broke other DICOMweb clients.
final class PersonNameGroupTests: XCTestCase {
    private func studies() throws -> [StudyInfo] {
        try Fixture.datasets("pn-component-groups-studies.json").compactMap { StudyInfo(study: $0) }
    }

    func testAllThreeStudiesListed() throws {
        let infos = try studies()
        XCTAssertEqual(infos.count, 3)
        XCTAssertEqual(infos.map(\.accessionNumber), ["ACC-1001", "ACC-1002", "ACC-1003"])
        for info in infos {
            XCTAssertEqual(info.warnings, [], info.studyUID)
        }
    }

    func testAlphabeticGroupPreferred() throws {
        let name = try XCTUnwrap(studies()[0].patientName)
        XCTAssertEqual(name.alphabetic?.family, "Tanaka")
        XCTAssertEqual(name.alphabetic?.given, "Hanako")
        XCTAssertEqual(name.ideographic?.family, "田中")
        XCTAssertEqual(name.ideographic?.given, "花子")
        XCTAssertEqual(name.phonetic?.family, "たなか")
        XCTAssertEqual(name.phonetic?.given, "はなこ")
        XCTAssertEqual(name.formatted, "Tanaka, Hanako")
    }

    func testIdeographicOnlyFallsBack() throws {
        let name = try XCTUnwrap(studies()[1].patientName)
        XCTAssertNil(name.alphabetic)
        XCTAssertEqual(name.ideographic?.family, "王")
        XCTAssertEqual(name.ideographic?.given, "秀英")
        XCTAssertEqual(name.formatted, "王 秀英")
        XCTAssertFalse(name.formatted.isEmpty)
        XCTAssertFalse(name.formatted.contains("null"))
    }

    func testUnsplitGroupsAreSplit() throws {
        let name = try XCTUnwrap(studies()[2].patientName)
        XCTAssertEqual(name.alphabetic?.family, "Nowak")
        XCTAssertEqual(name.alphabetic?.given, "Ewa")
        XCTAssertEqual(name.alphabetic?.middle, "")
        XCTAssertEqual(name.alphabetic?.prefix, "Dr.")
        XCTAssertEqual(name.formatted, "Nowak, Ewa")
        XCTAssertFalse(name.formatted.contains("="))
        XCTAssertFalse(name.formatted.contains("ノ"))
        XCTAssertEqual(name.ideographic?.family, "ノヴァク")
        XCTAssertEqual(name.ideographic?.given, "エヴァ")
        XCTAssertEqual(name.phonetic?.family, "のゔぁく")
        XCTAssertEqual(name.phonetic?.given, "えゔぁ")
    }
}

final class NumericStringTests: XCTestCase {
    private func studies() throws -> [StudyInfo] {
        try Fixture.datasets("is-ds-as-string-studies.json").compactMap { StudyInfo(study: $0) }
    }

    func testCountsAndWeightTable() throws {
        let infos = try studies()
        XCTAssertEqual(infos.count, 3)
        let expected: [(series: Int, instances: Int, weight: Decimal)] = [
            (3, 311, Decimal(string: "72.5")!), (1, 12, 80), (2, 2, 65),
        ]
        for (info, row) in zip(infos, expected) {
            XCTAssertEqual(info.seriesCount, row.series, info.studyUID)
            XCTAssertEqual(info.instanceCount, row.instances, info.studyUID)
            XCTAssertEqual(info.patientWeightKg, row.weight, info.studyUID)
            XCTAssertEqual(info.warnings, [], info.studyUID)
        }
    }

    func testDecimalStringKeepsItsValue() throws {
        let study = try Fixture.datasets("is-ds-as-string-studies.json")[0]
        // "72.50" parsed as Decimal, not through Double.
        XCTAssertEqual(try study.decimal(.patientWeight), Decimal(string: "72.50"))
        XCTAssertEqual(try study.decimal(.patientWeight)?.description, "72.5")
    }

    func testNonNumericLeavesOneBlankCell() throws {
        let studies = try Fixture.datasets(json: """
            [{"0020000D": {"vr": "UI", "Value": ["2.25.1"]},
              "00101030": {"vr": "DS", "Value": ["abc"]},
              "00201206": {"vr": "IS", "Value": ["abc"]},
              "00201208": {"vr": "IS", "Value": ["7"]}}]
            """)
        let info = try XCTUnwrap(StudyInfo(study: studies[0]))
        XCTAssertNil(info.seriesCount)
        XCTAssertNil(info.patientWeightKg)
        XCTAssertEqual(info.instanceCount, 7)
        XCTAssertEqual(info.warnings.count, 2)
        XCTAssertEqual(info.warnings.map(\.description), [
            "(0020,1206) NumberOfStudyRelatedSeries: IS value \"abc\" is not an integer; left blank",
            "(0010,1030) PatientWeight: DS value \"abc\" is not a decimal number; left blank",
        ])
    }

    func testLegalTextForms() throws {
        let study = try Fixture.datasets(json: """
            [{"00201206": {"vr": "IS", "Value": ["-4"]}, "00101030": {"vr": "DS", "Value": ["+.5e-1 "]},
              "00201208": {"vr": "IS", "Value": [12.0]}}]
            """)[0]
        XCTAssertEqual(try study.integer(.numberOfStudyRelatedSeries), -4)
        XCTAssertEqual(try study.decimal(.patientWeight), Decimal(string: "0.05"))
        XCTAssertEqual(try study.integer(.numberOfStudyRelatedInstances), 12)
    }

    func testIllegalTextFormsRejected() throws {
        for text in ["1.5", "1e3", "", "12abc", "0x10", "+", "1 2"] where !text.isEmpty {
            let study = try Fixture.datasets(json: #"[{"00201206": {"vr": "IS", "Value": ["\#(text)"]}}]"#)[0]
            XCTAssertThrowsError(try study.integer(.numberOfStudyRelatedSeries), text)
        }
        for text in ["1.2.3", "e5", "1e", ".", "72,5", "NaN", "inf", "5kg"] {
            let study = try Fixture.datasets(json: #"[{"00101030": {"vr": "DS", "Value": ["\#(text)"]}}]"#)[0]
            XCTAssertThrowsError(try study.decimal(.patientWeight), text)
        }
    }
}

final class ModalitiesInStudyTests: XCTestCase {
    private func studies() throws -> [DICOMDataset] { try Fixture.datasets("modalities-in-study-studies.json") }

    func testEveryValueKept() throws {
        let infos = try studies().compactMap { StudyInfo(study: $0) }
        XCTAssertEqual(infos.count, 4)
        XCTAssertEqual(infos[0].modalities, ["CT", "PT"])
        XCTAssertEqual(infos[1].modalities, ["MR"])
        XCTAssertEqual(infos[2].modalities, [])
        XCTAssertEqual(infos[3].modalities, ["SR", "CT", "KO", "PR"])
    }

    func testImageModalitiesFirst() throws {
        let infos = try studies().compactMap { StudyInfo(study: $0) }
        XCTAssertEqual(infos[3].orderedModalities, ["CT", "SR", "KO", "PR"])
        XCTAssertEqual(infos[0].modalitySummary, "CT/PT")
        XCTAssertEqual(infos[1].modalitySummary, "MR")
        XCTAssertEqual(infos[2].modalitySummary, "—")
        XCTAssertEqual(infos[3].modalitySummary, "CT (+SR,KO,PR)")
    }

    func testFilterByModality() throws {
        let infos = try studies().compactMap { StudyInfo(study: $0) }
        XCTAssertEqual(infos.filter { $0.modalities.contains("PT") }.map(\.studyUID), ["2.25.550000000000000000000000000001"])
        XCTAssertEqual(infos.filter { $0.modalities.contains("CT") }.map(\.studyUID),
                       ["2.25.550000000000000000000000000001", "2.25.550000000000000000000000000004"])
    }

    func testAbsentFallsBackToSeries() throws {
        let series = try Fixture.datasets("modalities-in-study-series3.json")
        let info = try XCTUnwrap(StudyInfo(study: studies()[2], series: series))
        XCTAssertEqual(info.modalities, ["MG"])
        XCTAssertEqual(info.modalitySummary, "MG")
        XCTAssertFalse(info.modalities.contains(""))
        XCTAssertFalse(info.modalities.contains("*"))
        XCTAssertEqual(info.seriesCount, 2)
        XCTAssertEqual(info.region, .breast)
    }

    func testBackslashJoinedValuesSplit() throws {
        let study = try Fixture.datasets(json: #"[{"0020000D": {"Value": ["2.25.9"]}, "00080061": {"vr": "CS", "Value": ["CT\\PT"]}}]"#)[0]
        XCTAssertEqual(StudyInfo(study: study)?.modalities, ["CT", "PT"])
    }
}
