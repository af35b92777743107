import Foundation
import HilumDICOMweb
import XCTest

final class MalformedJSONTests: XCTestCase {
    func testInvalidJSONThrows() {
        XCTAssertThrowsError(try DICOMDataset.parseList(Data("[{\"0020000D\": ".utf8))) { error in
            guard case .invalidJSON? = error as? DICOMJSONError else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("not valid JSON"), "\(error)")
        }
    }

    func testHTMLErrorPageThrows() {
        XCTAssertThrowsError(try DICOMDataset.parseList(Data("<html>Forbidden</html>".utf8)))
    }

    func testTopLevelObjectThrows() {
        XCTAssertThrowsError(try DICOMDataset.parseList(Data(#"{"0020000D": {}}"#.utf8))) { error in
            XCTAssertEqual(error as? DICOMJSONError, .notAnArray(found: "object"))
        }
    }

    func testEmptyArrayIsEmptyList() throws {
        XCTAssertEqual(try DICOMDataset.parseList(Data("[]".utf8)).datasets.count, 0)
    }

    func testNonObjectEntriesSkipped() throws {
        let result = try DICOMDataset.parseList(Data(#"[1, {"0020000D": {"vr": "UI", "Value": ["2.25.7"]}}, null]"#.utf8))
        XCTAssertEqual(result.datasets.count, 1)
        XCTAssertEqual(result.skipped, [.notAnObject(index: 0, found: "number"), .notAnObject(index: 2, found: "null")])
    }

    func testWrongTypesBecomeWarnings() throws {
        let study = try Fixture.datasets(json: """
            [{"0020000D": {"vr": "UI", "Value": ["2.25.8"]},
              "00100010": {"vr": "PN", "Value": [42]},
              "00080061": "CT",
              "00201206": {"vr": "IS", "Value": 3},
              "00201208": {"vr": "IS", "Value": [true]},
              "00081030": {"vr": "LO", "Value": [{"nested": 1}]},
              "not-a-tag": {"vr": "LO", "Value": ["x"]}}]
            """)[0]
        let info = try XCTUnwrap(StudyInfo(study: study))
        XCTAssertNil(info.patientName)
        XCTAssertEqual(info.modalities, [])
        XCTAssertEqual(info.seriesCount, 3)
        XCTAssertNil(info.instanceCount)
        XCTAssertNil(info.studyDescription)
        XCTAssertEqual(info.warnings.map(\.description), [
            "(0008,0061) ModalitiesInStudy: the attribute is a JSON string, not an object; it was ignored",
            "(0020,1206) NumberOfStudyRelatedSeries: Value is a JSON number, not an array; read as one value",
            "key \"not-a-tag\" is not an eight-digit hexadecimal tag; it was ignored",
            "(0020,1208) NumberOfStudyRelatedInstances: IS value is a JSON boolean, expected a number or a string; left blank",
            "(0010,0010) PatientName: PN value is a JSON number, expected an object with Alphabetic, Ideographic or Phonetic",
        ])
    }

    func testMissingAttributesLeaveFieldsBlank() throws {
        let info = try XCTUnwrap(StudyInfo(study: Fixture.datasets(json: #"[{"0020000D": {"vr": "UI", "Value": ["2.25.9"]}}]"#)[0]))
        XCTAssertEqual(info.modalities, [])
        XCTAssertNil(info.patientName)
        XCTAssertNil(info.seriesCount)
        XCTAssertNil(info.instanceCount)
        XCTAssertNil(info.contrast)
        XCTAssertEqual(info.region, .other)
        XCTAssertEqual(info.procedureName, "UNKNOWN MODALITY OTHER")
        XCTAssertEqual(info.warnings, [])
    }

    func testStudyWithoutUIDIsNil() throws {
        XCTAssertNil(StudyInfo(study: try Fixture.datasets(json: #"[{"00080061": {"vr": "CS", "Value": ["CT"]}}]"#)[0]))
        XCTAssertNil(StudyInfo(study: try Fixture.datasets(json: #"[{"0020000D": {"vr": "UI"}}]"#)[0]))
    }

    func testMessagesOmitNameValues() throws {
        let study = try Fixture.datasets(json: #"[{"0020000D": {"Value": ["2.25.1"]}, "00100010": {"vr": "PN", "Value": [["Secret^Name"]]}}]"#)[0]
        let info = try XCTUnwrap(StudyInfo(study: study))
        XCTAssertEqual(info.warnings.count, 1)
        XCTAssertFalse(info.warnings.map(\.description).joined().contains("Secret"))
    }
}
