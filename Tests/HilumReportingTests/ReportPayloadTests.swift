import Foundation
import XCTest
@testable import HilumReporting

final class ReportPayloadTests: XCTestCase {
    func testRoundTrip() throws {
        let payload = try ReportFixtures.payload()
        let decoded = try ReportPayload.decode(try payload.encoded())
        XCTAssertEqual(decoded, payload)
        XCTAssertEqual(decoded.templateTitle, "CT Chest")
        XCTAssertEqual(decoded.impression, "7 mm solid nodule in the right upper lobe.")
        XCTAssertEqual(decoded.recommendations.first?.dueDate, "2026-07-31")
    }

    func testSaltDiffersBetweenEqualReports() throws {
        let first = ReportPayload(signedAt: 1, radiologistName: "A", text: "No acute findings.", document: nil)
        let second = ReportPayload(signedAt: 1, radiologistName: "A", text: "No acute findings.", document: nil)
        XCTAssertNotEqual(first.salt, second.salt)
        XCTAssertEqual(Data(base64Encoded: first.salt)?.count, 16)
        XCTAssertNotEqual(try first.encoded(), try second.encoded())
    }

    func testEncodingIsStable() throws {
        let payload = try ReportFixtures.payload()
        XCTAssertEqual(try payload.encoded(), try payload.encoded())
    }

    func testRejectsOtherFormat() throws {
        var payload = ReportPayload(signedAt: 1, radiologistName: "A", text: "x", document: nil)
        payload.format = "something-else"
        XCTAssertThrowsError(try ReportPayload.decode(try payload.encoded()))
        payload.format = ReportPayload.formatName
        payload.version = ReportPayload.currentVersion + 1
        XCTAssertThrowsError(try ReportPayload.decode(try payload.encoded()))
    }

    func testReadableTextOfEachKind() throws {
        let report = ReportPayload(signedAt: 1, radiologistName: "A", text: "REPORT TEXT", document: nil)
        XCTAssertEqual(ReportPayload.readableText(of: try report.encoded()), "REPORT TEXT")
        let addendum = AddendumPayload(signedAt: 2, radiologistName: "A", text: "ADDENDUM TEXT")
        XCTAssertEqual(ReportPayload.readableText(of: try addendum.encoded()), "ADDENDUM TEXT")
        XCTAssertEqual(ReportPayload.readableText(of: Array("bare text".utf8)), "bare text")
    }

    func testSectionsCarryLOINCCodes() throws {
        let sections = try ReportFixtures.payload().sections
        XCTAssertEqual(sections.first { $0.name == "Impression" }?.loincCode?.value, "19005-8")
        XCTAssertEqual(sections.first { $0.name == "Findings" }?.loincCode?.value, "59776-5")
    }
}
