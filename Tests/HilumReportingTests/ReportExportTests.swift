import Foundation
import XCTest
@testable import HilumReporting

final class ReportExportTests: XCTestCase {
    // MARK: - Plain text

    func testTextHasHeaderFindingsAndAddendum() throws {
        let addendum = AddendumPayload(signedAt: ReportFixtures.signedAt + 60_000, radiologistName: "Dr Demo Radiologist",
                                       text: "Comparison with outside CT: stable.")
        let text = PlainTextExport.render(try ReportFixtures.payload(), context: ReportFixtures.context(addenda: [addendum]))
        XCTAssertTrue(text.hasPrefix("CT CHEST WITHOUT CONTRAST\nSigned by Dr Demo Radiologist at 2026-01-31T12:00:00Z\n"), text)
        XCTAssertTrue(text.contains("IMPRESSION\n7 mm solid nodule in the right upper lobe."), text)
        XCTAssertTrue(text.contains("ADDENDUM by Dr Demo Radiologist at 2026-01-31T12:01:00Z\nComparison with outside CT: stable."), text)
    }

    // MARK: - HL7 v2

    func testEscapingEachDelimiter() {
        XCTAssertEqual(HL7Escaping.escape("a|b^c~d\\e&f"), "a\\F\\b\\S\\c\\R\\d\\E\\e\\T\\f")
        XCTAssertEqual(HL7Escaping.escape("line\nbreak"), "line\\X0A\\break")
        XCTAssertEqual(HL7Escaping.unescape(HL7Escaping.escape("a|b^c~d\\e&f\r\n")), "a|b^c~d\\e&f\r\n")
    }

    func testMessageSegmentsEndInCarriageReturn() throws {
        let message = HL7v2Export.message(try ReportFixtures.payload(), context: ReportFixtures.context())
        XCTAssertFalse(message.contains("\n"))
        XCTAssertTrue(message.hasSuffix("\r"))
        let segments = message.split(separator: "\r").map { String($0.prefix(3)) }
        XCTAssertEqual(Array(segments.prefix(3)), ["MSH", "PID", "OBR"])
        XCTAssertTrue(segments.dropFirst(3).allSatisfy { $0 == "OBX" })
    }

    func testAmendedReportUsesCorrectedStatus() throws {
        let addendum = AddendumPayload(signedAt: ReportFixtures.signedAt + 1, radiologistName: "A", text: "More.")
        let message = HL7v2Export.message(try ReportFixtures.payload(), context: ReportFixtures.context(addenda: [addendum]))
        let obx = message.split(separator: "\r").filter { $0.hasPrefix("OBX") }
        XCTAssertTrue(obx.allSatisfy { $0.hasSuffix("|C") })
        XCTAssertTrue(obx.last?.contains("More.") ?? false)
    }

    func testPythonHL7ParsesMessage() throws {
        try PythonChecker.requireModules(["hl7"])
        let message = HL7v2Export.message(try ReportFixtures.payload(), context: ReportFixtures.context())
        let script = """
        import sys, json, hl7
        message = hl7.parse(sys.stdin.buffer.read().decode("utf-8"))
        pid = message.segment("PID")
        obr = message.segment("OBR")
        obx = message.segments("OBX")
        print(json.dumps({
            "type": str(message.segment("MSH")[9]),
            "version": str(message.segment("MSH")[12]),
            "mrn": str(pid[3][0][0]),
            "family": str(pid[5][0][0]), "given": str(pid[5][0][1]),
            "birth": str(pid[7]),
            "accession": str(obr[3]),
            "status": str(obr[25]),
            "obx_count": len(obx),
            "codes": [str(segment[3][0][0]) for segment in obx],
            "systems": [str(segment[3][0][2]) for segment in obx],
            "values": [message.unescape(str(segment[5])) for segment in obx],
        }))
        """
        let result = try PythonChecker.run(script, input: message)
        XCTAssertEqual(result.status, 0, result.stderr)
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout)
        XCTAssertEqual(parsed["type"] as? String, "ORU^R01^ORU_R01")
        XCTAssertEqual(parsed["version"] as? String, "2.5")
        XCTAssertEqual(parsed["mrn"] as? String, "NSI-300121")
        XCTAssertEqual(parsed["family"] as? String, "Okafor")
        XCTAssertEqual(parsed["given"] as? String, "Grace")
        XCTAssertEqual(parsed["birth"] as? String, "19570314")
        XCTAssertEqual(parsed["accession"] as? String, "ACC-1")
        XCTAssertEqual(parsed["status"] as? String, "F")
        let payload = try ReportFixtures.payload()
        XCTAssertEqual(parsed["obx_count"] as? Int, payload.sections.map(\.lines.count).reduce(0, +))
        let values = try XCTUnwrap(parsed["values"] as? [String])
        XCTAssertTrue(values.contains("Cough | weight loss ^ fever & chills ~ 2 weeks \\ smoker"), "\(values)")
        XCTAssertTrue(values.contains("7 mm solid nodule in the right upper lobe."), "\(values)")
        XCTAssertTrue((parsed["codes"] as? [String])?.contains("19005-8") ?? false)
        XCTAssertEqual(Set(parsed["systems"] as? [String] ?? []), ["LN"])
    }

    // MARK: - MLLP

    func testFrameFoundWhenDripFed() {
        let framed = MLLPFraming.frame("MSH|^~\\&|A\rMSA|AA|1\r")
        var buffer: [UInt8] = [0x20]
        for (index, byte) in framed.enumerated() {
            XCTAssertNil(MLLPFraming.firstMessage(in: buffer), "complete before byte \(index)")
            buffer.append(byte)
        }
        let found = MLLPFraming.firstMessage(in: buffer)
        XCTAssertEqual(found.map { String(decoding: $0.message, as: UTF8.self) }, "MSH|^~\\&|A\rMSA|AA|1\r")
        XCTAssertEqual(found?.consumed, buffer.count)
    }

    func testAcknowledgmentCodes() {
        XCTAssertEqual(HL7Acknowledgment("MSH|^~\\&|R\rMSA|AA|123\r")?.isAccepted, true)
        let error = HL7Acknowledgment("MSH|^~\\&|R\rMSA|AE|123|Unknown patient \\F\\ id\r")
        XCTAssertEqual(error?.isAccepted, false)
        XCTAssertEqual(error?.text, "Unknown patient | id")
        XCTAssertEqual(HL7Acknowledgment("MSH|^~\\&|R\rMSA|AR|123\r")?.code, "AR")
        XCTAssertNil(HL7Acknowledgment("MSH|^~\\&|R\r"))
    }

    // MARK: - FHIR R4

    func testFHIRFields() throws {
        let resource = FHIRDiagnosticReportExport.resource(try ReportFixtures.payload(), context: ReportFixtures.context())
        XCTAssertEqual(resource["status"] as? String, "final")
        XCTAssertEqual(resource["conclusion"] as? String, "7 mm solid nodule in the right upper lobe.")
        let performer = try XCTUnwrap((resource["performer"] as? [[String: Any]])?.first)
        XCTAssertEqual(performer["display"] as? String, "Dr Demo Radiologist")
        let study = try XCTUnwrap((resource["imagingStudy"] as? [[String: Any]])?.first?["identifier"] as? [String: Any])
        XCTAssertEqual(study["value"] as? String, "urn:oid:2.25.1234567")
        let form = try XCTUnwrap((resource["presentedForm"] as? [[String: Any]])?.first)
        let text = String(decoding: try XCTUnwrap(Data(base64Encoded: try XCTUnwrap(form["data"] as? String))), as: UTF8.self)
        XCTAssertTrue(text.contains("7 mm solid nodule"), text)
    }

    func testFHIRAmendedStatus() throws {
        let addendum = AddendumPayload(signedAt: ReportFixtures.signedAt + 1, radiologistName: "A", text: "More.")
        let resource = FHIRDiagnosticReportExport.resource(try ReportFixtures.payload(), context: ReportFixtures.context(addenda: [addendum]))
        XCTAssertEqual(resource["status"] as? String, "amended")
    }

    func testFHIRResourcesValidatesR4() throws {
        try PythonChecker.requireModules(["fhir.resources"])
        let json = try FHIRDiagnosticReportExport.json(try ReportFixtures.payload(), context: ReportFixtures.context())
        let result = try PythonChecker.run(FHIRCheck.script, input: String(decoding: json, as: UTF8.self))
        XCTAssertEqual(result.status, 0, result.stderr)
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout)
        XCTAssertEqual(parsed["status"] as? String, "final")
        XCTAssertEqual(parsed["conclusion"] as? String, "7 mm solid nodule in the right upper lobe.")
        XCTAssertEqual(parsed["subject"] as? String, "Okafor, Grace")
        XCTAssertTrue((parsed["section_codes"] as? [String])?.contains("19005-8") ?? false)
        XCTAssertTrue((parsed["text"] as? String)?.contains("7 mm solid nodule") ?? false)
    }
}

/// The Python check of a FHIR export: fhir.resources' R4B model (R4B
/// changed nothing in DiagnosticReport from R4) validates the JSON.
enum FHIRCheck {
    static let script = """
    import sys, json, base64
    from fhir.resources.R4B.diagnosticreport import DiagnosticReport
    report = DiagnosticReport.model_validate_json(sys.stdin.buffer.read())
    # fhir.resources 8 decodes base64Binary to bytes; older releases keep the base64 text.
    def decoded(data):
        return data.decode("utf-8") if isinstance(data, bytes) else base64.b64decode(data).decode("utf-8")
    print(json.dumps({
        "status": report.status,
        "conclusion": report.conclusion,
        "subject": report.subject.display if report.subject else None,
        "section_codes": [c.code for o in (report.contained or []) for c in (o.code.coding or [])],
        "text": decoded(report.presentedForm[0].data),
    }))
    """
}
