import Foundation
import HilumHistory
import XCTest

/// Input that is broken, empty, odd or huge: a summary of what could be read
/// plus notes, or a clear error, and never a crash.
final class MalformedInputTests: XCTestCase {
    private func read(_ json: String, limits: FHIRReadLimits = FHIRReadLimits()) throws -> FHIRRecord {
        try FHIRReader.read(Data(json.utf8), limits: limits)
    }

    private func readError(_ data: Data, limits: FHIRReadLimits = FHIRReadLimits(),
                           file: StaticString = #filePath, line: UInt = #line) -> FHIRReadError? {
        do {
            _ = try FHIRReader.read(data, limits: limits)
            XCTFail("expected an error", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    func testMalformedJSONNamesOffset() {
        let error = readError(Data(#"{"resourceType": "Bundle", "entry": [1,,2]}"#.utf8))
        guard case let .malformedJSON(offset, _)? = error else {
            return XCTFail("expected malformedJSON, got \(String(describing: error))")
        }
        XCTAssertEqual(offset, 39)
        XCTAssertTrue(error?.description.contains("near byte 39") == true, error?.description ?? "")
    }

    func testTruncatedFile() throws {
        let full = try Data(contentsOf: Fixtures.url("synthea-880930", in: "synthea"))
        let error = readError(full.prefix(5000))
        XCTAssertEqual(error, .truncated(bytes: 5000))
    }

    func testEmptyFile() {
        XCTAssertEqual(readError(Data()), .malformedJSON(offset: 0, reason: "the file is empty"))
    }

    func testTopLevelArray() {
        XCTAssertEqual(readError(Data("[]".utf8)), .notAResource(found: "an array"))
    }

    func testOtherResourceType() {
        XCTAssertEqual(readError(Data(#"{"resourceType": "Observation"}"#.utf8)), .unsupportedResourceType("Observation"))
    }

    func testDeepNestingIsAnError() {
        let deep = String(repeating: "[", count: 100_000)
        guard case .malformedJSON? = readError(Data(deep.utf8)) else {
            return XCTFail("expected malformedJSON")
        }
    }

    func testErrorsNeverQuoteFileText() {
        let secret = "Zebulon-Quist-1234"
        let error = readError(Data(#"{"resourceType": "\#(secret)"}"#.utf8))
        XCTAssertFalse(error?.description.contains(secret) ?? true)
    }

    func testEmptyBundle() throws {
        let record = try read(#"{"resourceType": "Bundle", "type": "collection"}"#)
        XCTAssertNil(record.patient)
        XCTAssertTrue(record.entries.isEmpty)
        XCTAssertTrue(record.notes.contains { $0.contains("no Patient") }, "\(record.notes)")
        let summary = Fixtures.summary(record, Fixtures.headCT)
        XCTAssertTrue(summary.sections.isEmpty)
        XCTAssertNil(summary.ageYears)
        XCTAssertTrue(SummaryRenderer.render(summary).contains("No entries in the record match the rules for this study."))
    }

    func testBarePatient() throws {
        let record = try read(#"{"resourceType": "Patient", "id": "p1", "gender": "male", "birthDate": "1950"}"#)
        let summary = Fixtures.summary(record, Fixtures.headCT)
        XCTAssertEqual(summary.ageYears, 74)
        XCTAssertTrue(summary.notes.contains { $0.contains("birthDate has no day") }, "\(summary.notes)")
    }

    func testUnknownResourceTypesAreCountedInANote() throws {
        let record = try read("""
        {"resourceType": "Bundle", "type": "searchset", "entry": [
          {"resource": {"resourceType": "Patient", "id": "p"}},
          {"resource": {"resourceType": "FooBar", "id": "1"}},
          {"resource": {"resourceType": "FooBar", "id": "2"}},
          {"resource": {"resourceType": "Claim", "id": "3"}},
          {"resource": {"resourceType": "Condition", "id": "4", "subject": {"reference": "Patient/p"},
                        "code": {"coding": [{"system": "http://unknown.example/codes", "code": "Q-17"}]}}}
        ]}
        """)
        XCTAssertTrue(record.notes.contains { $0.contains("FooBar 2") }, "\(record.notes)")
        XCTAssertEqual(record.skippedResourceCounts, ["Claim": 1])
        XCTAssertEqual(record.entries.map(\.text), ["Q-17 (codes)"])
    }

    func testWrongTypesEverywhere() throws {
        let secretValue = "Yesterday-Morning-Secret"
        let record = try read("""
        {"resourceType": "Bundle", "type": 7, "entry": [
          "not an entry",
          {"resource": 12},
          {"fullUrl": 5, "resource": {"resourceType": "Patient", "id": ["p"], "gender": 5, "birthDate": "\(secretValue)",
                                      "name": "just a string", "deceasedBoolean": "no"}},
          {"resource": {"resourceType": "Condition", "code": 7, "clinicalStatus": [1], "onsetDateTime": 2020,
                        "subject": "Patient/p", "note": {"text": 3}}},
          {"resource": {"resourceType": "Observation", "code": {"coding": {"code": 5}, "text": ["x"]},
                        "valueQuantity": {"value": "high", "unit": 3}, "component": "x", "effectiveDateTime": true}},
          {"resource": {"resourceType": "Observation", "code": {"text": "Heart rate"}, "valueQuantity": {"value": 72, "comparator": 1}}},
          {"resource": {"resourceType": "MedicationRequest", "status": 1, "medicationCodeableConcept": "aspirin 81 mg",
                        "dosageInstruction": [5]}},
          {"resource": {"resourceType": "ImagingStudy", "series": ["x", {"modality": "CT"}], "numberOfSeries": "2",
                        "started": "not a date"}},
          {"resource": {"resourceType": "DiagnosticReport", "code": {"text": "CT head"},
                        "presentedForm": [{"contentType": "text/plain", "data": "!!!"}]}},
          {"resource": {"resourceType": "Encounter", "participant": [{"individual": 5}], "class": "AMB", "period": []}},
          {"resource": {"resourceType": "AllergyIntolerance", "reaction": "hives", "criticality": false}},
          {"resource": {"resourceType": "Procedure", "performedPeriod": {"start": 19}, "bodySite": "chest"}}
        ]}
        """)
        XCTAssertEqual(record.entries.count, 9)
        XCTAssertFalse(record.notes.isEmpty)
        XCTAssertFalse(record.notes.contains { $0.contains(secretValue) }, "notes must not quote values")
        XCTAssertTrue(record.notes.contains { $0.contains("entry 0") }, "\(record.notes)")
        XCTAssertTrue(record.notes.contains { $0.contains("'valueQuantity.value' is a string") }, "\(record.notes)")
        let medication = try XCTUnwrap(record.entries.first { $0.kind == .medication })
        XCTAssertEqual(medication.text, "aspirin 81 mg")
        let heartRate = try XCTUnwrap(record.entries.first { $0.text == "Heart rate" })
        XCTAssertEqual(heartRate.value, "72")
        for study in Fixtures.studies {
            let summary = Fixtures.summary(record, study)
            XCTAssertFalse(SummaryRenderer.render(summary, width: 60).isEmpty)
        }
    }

    func testEntryObjectInsteadOfArray() throws {
        let record = try read(#"{"resourceType": "Bundle", "type": "collection", "entry": {"resource": {}}}"#)
        XCTAssertTrue(record.notes.contains { $0.contains("'entry' is an object") }, "\(record.notes)")
    }

    /// Builds a bundle of `count` Observations for one Patient as text, so the test does not depend on the reader.
    private func hugeBundle(observations count: Int) -> Data {
        var text = #"{"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":"urn:uuid:p","resource":{"resourceType":"Patient","gender":"female","birthDate":"1960-01-01"}}"#
        for index in 0..<count {
            text += #",{"fullUrl":"urn:uuid:o\#(index)","resource":{"resourceType":"Observation","status":"final","subject":{"reference":"urn:uuid:p"},"code":{"coding":[{"system":"http://loinc.org","code":"2160-0","display":"Creatinine"}]},"effectiveDateTime":"2024-01-01","valueQuantity":{"value":\#(index % 300) ,"unit":"mg/dL"}}}"#
        }
        return Data((text + "]}").utf8)
    }

    func testHugeBundleIsSummarised() throws {
        let data = hugeBundle(observations: 20_000)
        let record = try FHIRReader.read(data)
        XCTAssertEqual(record.entries.count, 20_000)
        let summary = Fixtures.summary(record, Fixtures.abdomenCT)
        let creatinine = try XCTUnwrap(summary.section("Kidney function (contrast)")?.items.first)
        XCTAssertEqual(creatinine.occurrences, 20_000)
    }

    func testTooManyEntriesNamesTheLimit() {
        let error = readError(hugeBundle(observations: 1_000), limits: FHIRReadLimits(maxEntries: 500))
        XCTAssertEqual(error, .tooManyEntries(count: 1_001, limit: 500))
        XCTAssertTrue(error?.description.contains("limit of 500") == true)
    }

    func testTooLargeNamesTheLimit() throws {
        let data = hugeBundle(observations: 100)
        XCTAssertEqual(readError(data, limits: FHIRReadLimits(maxBytes: 1_024)), .tooLarge(bytes: data.count, limit: 1_024))

        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hilum-history-\(UUID().uuidString).json")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        XCTAssertThrowsError(try FHIRReader.read(contentsOf: url, limits: FHIRReadLimits(maxBytes: 1_024))) { error in
            XCTAssertEqual(error as? FHIRReadError, .tooLarge(bytes: data.count, limit: 1_024))
        }
    }
}
