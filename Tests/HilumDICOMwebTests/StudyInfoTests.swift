import Foundation
import HilumDICOMweb
import XCTest

final class StudyInfoTests: XCTestCase {
    private func info(study: String, series: [String] = []) throws -> StudyInfo {
        let studyJSON = #"[{"0020000D": {"vr": "UI", "Value": ["2.25.42"]}, \#(study)}]"#
        let seriesJSON = "[" + series.map { "{\($0)}" }.joined(separator: ",") + "]"
        return try XCTUnwrap(StudyInfo(study: Fixture.datasets(json: studyJSON)[0], series: Fixture.datasets(json: seriesJSON)))
    }

    func testBodyPartMapsToRegion() {
        let table: [(String, BodyRegion)] = [
            ("CHEST", .chest), ("HEAD", .head), ("BRAIN", .head), ("NECK", .neck), ("ABDOMEN", .abdomen),
            ("PANCREAS", .abdomen), ("PELVIS", .pelvis), ("ABDOMENPELVIS", .abdomenPelvis), ("CSPINE", .spine),
            ("LSPINE", .spine), ("SHOULDER", .extremity), ("KNEE", .extremity), ("BREAST", .breast),
            ("WHOLEBODY", .wholeBody), ("CHESTABDPELVIS", .other), ("heart", .chest),
        ]
        for (value, region) in table {
            XCTAssertEqual(BodyRegion.fromBodyPart(value), region, value)
        }
        XCTAssertNil(BodyRegion.fromBodyPart("XYZ"))
    }

    func testDescriptionWordsMapToRegion() {
        let table: [(String, BodyRegion?)] = [
            ("CT THORAX W CONTRAST", .chest), ("MR Brain", .head), ("C-SPINE 2 VIEWS", .spine),
            ("CT THORACIC SPINE", .spine), ("CT ABD/PELVIS", .abdomenPelvis), ("CT Abdomen and Pelvis", .abdomenPelvis),
            ("PET-CT whole body", .wholeBody), ("Screening mammogram", .breast), ("XR RIGHT KNEE", .extremity),
            ("Outside study import", nil), ("5/5mm Plain", nil), ("CT Chest Abdomen", .other),
        ]
        for (text, region) in table {
            XCTAssertEqual(BodyRegion.fromText(text), region, text)
        }
    }

    func testContrastFromDescription() throws {
        let table: [(String, Bool?)] = [
            ("CT HEAD W CONTRAST", true), ("CT Abdomen with contrast", true), ("CT CHEST C+", true),
            ("CT HEAD WO CONTRAST", false), ("CT HEAD W/O", false), ("CT head without contrast", false),
            ("5/5mm Plain", false), ("MR BRAIN W AND WO", true), ("CT CHEST", nil), ("CT_HEAD_NON_CONTRAST", false),
            ("WORK LIST", nil),
        ]
        for (text, contrast) in table {
            XCTAssertEqual(try info(study: #""00081030": {"vr": "LO", "Value": ["\#(text)"]}"#).contrast, contrast, text)
        }
    }

    func testContrastAgentWins() throws {
        let study = try info(study: #""00081030": {"vr": "LO", "Value": ["CT ABDOMEN WO"]}"#,
                             series: [#""00180010": {"vr": "LO", "Value": ["Omnipaque 350"]}"#])
        XCTAssertEqual(study.contrast, true)
    }

    func testEmptyContrastAgentIsUnknown() throws {
        let study = try info(study: #""00081030": {"vr": "LO", "Value": ["Pancreas"]}"#,
                             series: [#""00180010": {"vr": "LO"}"#])
        XCTAssertNil(study.contrast)
    }

    func testProcedureNameUsesOnlyCodes() throws {
        let study = try info(
            study: #""00080061": {"vr": "CS", "Value": ["SR", "CT"]}, "00081030": {"vr": "LO", "Value": ["CT HEAD WO for Jane Doe"]}"#,
            series: [#""00080060": {"vr": "CS", "Value": ["CT"]}, "00180015": {"vr": "CS", "Value": ["HEAD"]}"#])
        XCTAssertEqual(study.procedureName, "CT HEAD WITHOUT CONTRAST")
        XCTAssertFalse(study.procedureName.contains("Jane"))
    }

    func testProcedureNameWithoutContrastKnown() throws {
        let study = try info(study: #""00080061": {"vr": "CS", "Value": ["CR"]}"#,
                             series: [#""00180015": {"vr": "CS", "Value": ["CHEST"]}"#])
        XCTAssertEqual(study.procedureName, "CR CHEST")
    }

    func testInstancesSummedFromSeries() throws {
        let study = try info(study: #""00080061": {"vr": "CS", "Value": ["MR"]}"#, series: [
            #""00201209": {"vr": "IS", "Value": [20]}"#, #""00201209": {"vr": "IS", "Value": ["15"]}"#,
        ])
        XCTAssertEqual(study.seriesCount, 2)
        XCTAssertEqual(study.instanceCount, 35)
    }

    func testIdentifyingFieldsRead() throws {
        let study = try info(study: """
            "00100010": {"vr": "PN", "Value": [{"Alphabetic": "Doe^Jane"}]}, "00100020": {"vr": "LO", "Value": ["PID-1"]},
            "00100030": {"vr": "DA", "Value": ["19700101"]}, "00100040": {"vr": "CS", "Value": ["F"]},
            "00080050": {"vr": "SH", "Value": ["ACC-9"]}, "00080020": {"vr": "DA", "Value": ["20240101"]}
            """)
        XCTAssertEqual(study.patientName?.formatted, "Doe, Jane")
        XCTAssertEqual(study.patientID, "PID-1")
        XCTAssertEqual(study.patientBirthDate, "19700101")
        XCTAssertEqual(study.patientSex, "F")
        XCTAssertEqual(study.accessionNumber, "ACC-9")
        XCTAssertEqual(study.studyDate, "20240101")
    }
}
