import Foundation
import HilumReporting
import XCTest

/// Value checks, required fields and the JSON document format.
final class FilledTemplateTests: XCTestCase {
    private func template() throws -> ReportTemplate { try BuiltInTemplates.usAbdomen.load() }

    func testDefaultsApplied() throws {
        let filled = FilledTemplate(template: try template())
        XCTAssertEqual(filled.value(for: "us_abdomen_liver"), .choice("normal"))
        XCTAssertEqual(filled.value(for: "us_abdomen_comparison"), .text("None."))
        XCTAssertNil(filled.value(for: "us_abdomen_impression"))
    }

    func testNumberOutsideRangeRejected() throws {
        var filled = FilledTemplate(template: try template())
        XCTAssertThrowsError(try filled.set(.number(45), for: "us_abdomen_spleen_length")) { error in
            XCTAssertEqual(error as? ReportValueError,
                           .outOfRange(fieldID: "us_abdomen_spleen_length", value: 45, minimum: 3, maximum: 30))
            XCTAssertTrue("\(error)".contains("outside the allowed range 3 to 30"))
        }
    }

    func testUnknownOptionListsValidValues() throws {
        var filled = FilledTemplate(template: try template())
        XCTAssertThrowsError(try filled.set(.choice("enlarged"), for: "us_abdomen_spleen")) { error in
            XCTAssertEqual("\(error)", "field us_abdomen_spleen has no option \"enlarged\"; valid values: \"normal\", \"splenomegaly\"")
        }
    }

    func testWrongKindAndUnknownField() throws {
        var filled = FilledTemplate(template: try template())
        XCTAssertThrowsError(try filled.set(.text("12"), for: "us_abdomen_cbd")) { error in
            XCTAssertEqual(error as? ReportValueError, .wrongKind(fieldID: "us_abdomen_cbd", expected: "number", given: "text"))
        }
        XCTAssertThrowsError(try filled.set(.text("x"), for: "no_such_field")) { error in
            XCTAssertTrue("\(error)".contains("has no field with id or name \"no_such_field\""))
        }
        XCTAssertThrowsError(try filled.set(.date("2024-02-30"), for: "us_abdomen_comparison_date"))
        XCTAssertNoThrow(try filled.set(.date("2024-02-29"), for: "us_abdomen_comparison_date"))
    }

    func testRequiredImpression() throws {
        var filled = FilledTemplate(template: try template())
        XCTAssertThrowsError(try filled.validateComplete()) { error in
            XCTAssertEqual(error as? ReportValueError, .missingRequired(fieldIDs: ["us_abdomen_impression"]))
        }
        try filled.set(.text("Normal study."), for: "us_abdomen_impression")
        XCTAssertNoThrow(try filled.validateComplete())
    }

    func testDocumentFormatIsStable() throws {
        let template = try template()
        var filled = FilledTemplate(template: template, applyingDefaults: false)
        try filled.set(.choice("stones"), for: "us_abdomen_gallbladder")
        try filled.set(.number(6.5), for: "us_abdomen_cbd")
        let json = String(decoding: try filled.document().jsonData(), as: UTF8.self)
        XCTAssertEqual(json, """
            {
              "fields" : [
                {
                  "codes" : [
                    {
                      "meaning" : "gallbladder",
                      "scheme" : "RADLEX",
                      "value" : "RID187"
                    }
                  ],
                  "display" : "Cholelithiasis.",
                  "id" : "us_abdomen_gallbladder",
                  "label" : "Gallbladder",
                  "section" : [
                    "Findings",
                    "Gallbladder"
                  ],
                  "value" : {
                    "choice" : "stones"
                  }
                },
                {
                  "codes" : [

                  ],
                  "display" : "6.5 mm",
                  "id" : "us_abdomen_cbd",
                  "label" : "Common bile duct diameter",
                  "section" : [
                    "Findings",
                    "Bile ducts"
                  ],
                  "value" : {
                    "number" : 6.5
                  }
                }
              ],
              "format" : "hilum-structured-report",
              "template" : {
                "date" : "2026-12-04",
                "identifier" : "2.25.302215478846140717516410651206",
                "title" : "Ultrasound Abdomen"
              },
              "version" : 1
            }
            """)
    }

    func testNewerDocumentVersionRejected() throws {
        var document = FilledTemplate(template: try template()).document()
        document.version = 2
        let data = try JSONEncoder().encode(document)
        XCTAssertThrowsError(try ReportDocument.decode(data)) { error in
            XCTAssertEqual(error as? ReportValueError, .unsupportedDocument(format: "hilum-structured-report", version: 2))
        }
    }

    func testDocumentForOtherTemplateRejected() throws {
        let document = FilledTemplate(template: try template()).document()
        XCTAssertThrowsError(try FilledTemplate(template: try BuiltInTemplates.ctHead.load(), document: document)) { error in
            guard case .templateMismatch? = error as? ReportValueError else { return XCTFail("unexpected \(error)") }
        }
    }
}
