import Foundation
import HilumHistory
import XCTest

/// The summary's encoding and the plain-text renderer.
final class SummaryOutputTests: XCTestCase {
    private func markoSummary() throws -> HistorySummary {
        Fixtures.summary(try Fixtures.edgeCase("11-fhir-observation-value-variants"), Fixtures.chestCTContrast)
    }

    func testEncodingRoundTripsAndIsStable() throws {
        let summary = try markoSummary()
        let first = try summary.encoded()
        XCTAssertEqual(try summary.encoded(), first)
        XCTAssertEqual(try HistorySummary.decode(first), summary)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: first) as? [String: Any])
        XCTAssertEqual(object["version"] as? Int, 1)
    }

    func testDecodeRejectsUnknownVersion() throws {
        var summary = try markoSummary()
        summary.version = 2
        XCTAssertThrowsError(try HistorySummary.decode(summary.encoded()))
    }

    func testDescriptionAndMirrorHideIdentity() throws {
        let summary = try markoSummary()
        XCTAssertEqual(summary.patientName, "Marco Rossi")
        var dumped = ""
        dump(summary, to: &dumped)
        for text in [summary.description, String(describing: summary), String(reflecting: summary), dumped] {
            XCTAssertFalse(text.contains("Rossi"), text)
            XCTAssertFalse(text.contains("1983-07-30"), text)
        }
    }

    func testItemsCarryNoIdentity() throws {
        let summary = try markoSummary()
        let encodedItems = try JSONEncoder().encode(summary.sections)
        let text = String(decoding: encodedItems, as: UTF8.self)
        XCTAssertFalse(text.contains("Rossi"))
        XCTAssertFalse(text.contains("1983-07-30"))
    }

    func testRenderHidesIdentityUnlessAsked() throws {
        let summary = try markoSummary()
        let hidden = SummaryRenderer.render(summary).joined(separator: "\n")
        XCTAssertFalse(hidden.contains("Rossi"))
        XCTAssertTrue(hidden.contains("Patient: 40 y, male"))
        let shown = SummaryRenderer.render(summary, showIdentity: true).joined(separator: "\n")
        XCTAssertTrue(shown.contains("Patient: Marco Rossi, 40 y, male, born 1983-07-30"))
    }

    func testRenderFitsEveryWidth() throws {
        for name in Fixtures.syntheaNames {
            let summary = Fixtures.summary(try Fixtures.synthea(name), Fixtures.chestCTContrast)
            for width in [1, 20, 33, 80, 132] {
                for line in SummaryRenderer.render(summary, width: width) {
                    XCTAssertLessThanOrEqual(line.count, max(width, SummaryRenderer.minimumWidth), "\(name) width \(width): \(line)")
                }
            }
        }
    }

    func testWrapSplitsLongWordsWithoutLoss() {
        let word = String(repeating: "x", count: 50)
        let lines = SummaryRenderer.wrap("a \(word) b", width: 20, indent: 0)
        XCTAssertEqual(lines, ["a", String(repeating: "x", count: 20), String(repeating: "x", count: 20),
                               String(repeating: "x", count: 10) + " b"])
    }

    func testWrapIndentsContinuationLines() {
        XCTAssertEqual(SummaryRenderer.wrap("one two three four", width: 10, indent: 2), ["one two", "  three", "  four"])
    }
}
