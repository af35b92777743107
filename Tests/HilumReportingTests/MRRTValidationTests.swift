import HilumReporting
import XCTest

/// The IHE Connectathon 2015 files: each invalid one is rejected with its
/// defect named, the valid ones import.
final class MRRTValidationTests: XCTestCase {
    private func importFixture(_ name: String) throws -> ImportedTemplate {
        try TemplateImporter().importTemplate(html: TestData.fixtureText("mrrt-openmrs/\(name).html"), source: "\(name).html")
    }

    private func assertRejected(_ name: String, _ defect: TemplateIssue.Defect, mentions words: [String],
                                file: StaticString = #filePath, line: UInt = #line) throws {
        do {
            _ = try importFixture(name)
            XCTFail("\(name) imported but should be rejected", file: file, line: line)
        } catch let error as TemplateImportError {
            XCTAssertTrue(error.defects.contains(defect), "defects: \(error.defects)", file: file, line: line)
            let message = error.description
            for word in words {
                XCTAssertTrue(message.contains(word), "message lacks \"\(word)\": \(message)", file: file, line: line)
            }
            XCTAssertTrue(message.contains(name), "message lacks the file name", file: file, line: line)
        }
    }

    func testMissingAttributesInCodeElement() throws {
        try assertRejected("invalidMrrtReportTemplate-missingAttributesInCodeElement", .codeMissingAttributes,
                           mentions: ["<code>", "missing required attributes: meaning", "line 23"])
    }

    func testMissingHtmlElement() throws {
        try assertRejected("invalidMrrtReportTemplate-missingHtmlElement", .missingHTMLElement, mentions: ["<html> root element"])
    }

    func testMultipleCodeElementsInTermElement() throws {
        try assertRejected("invalidMrrtReportTemplate-multipleCodeElementsInTermElement", .multipleCodesInTerm,
                           mentions: ["<term> contains 2 <code> elements", "exactly one code element per term"])
    }

    func testMultipleHeadElements() throws {
        try assertRejected("invalidMrrtReportTemplate-multipleHeadElements", .multipleHeadElements,
                           mentions: ["2 <head> elements", "lines 3, 35"])
    }

    func testMultipleMetaElementsWithCharsetAttribute() throws {
        try assertRejected("invalidMrrtReportTemplate-multipleMetaElementsWithCharsetAttribute", .multipleCharsetMeta,
                           mentions: ["2 <meta> elements with a charset attribute", "lines 5, 6"])
    }

    func testMultipleTemplateAttributesElement() throws {
        try assertRejected("invalidMrrtReportTemplate-multipleTemplateAttributesElement", .multipleTemplateAttributes,
                           mentions: ["2 <template_attributes> elements"])
    }

    func testNoBodyElement() throws {
        try assertRejected("invalidMrrtReportTemplate-noBodyElement", .missingBodyElement, mentions: ["no <body> element"])
    }

    func testNoMetaElementDenotingDublinCoreAttributes() throws {
        try assertRejected("invalidMrrtReportTemplate-noMetaElementDenotingDublinCoreAttributes", .missingDublinCoreMeta,
                           mentions: ["no meta element denoting Dublin Core attributes", "dcterms."])
    }

    func testNoScriptElement() throws {
        try assertRejected("invalidMrrtReportTemplate-noScriptElement", .missingScriptElement,
                           mentions: ["no <script type=\"text/xml\"> element"])
    }

    func testNoTitleElement() throws {
        try assertRejected("invalidMrrtReportTemplate-noTitleElement", .missingTitleElement, mentions: ["no <title> element"])
    }

    func testValidConnectathonTemplateImports() throws {
        let imported = try importFixture("CTChestAbdomen")
        let template = imported.template
        XCTAssertEqual(template.id, "1.3.6.1.4.1.21367.13.199.1015")
        XCTAssertEqual(template.title, "CT Chest-Abdomen")
        XCTAssertEqual(template.metadata.status, "ACTIVE")
        XCTAssertEqual(template.codingSchemes, [CodingScheme(name: "RADLEX", designator: "2.16.840.1.113883.6.256")])
        XCTAssertEqual(template.terms.map(\.code.value), ["RID10321", "RID56", "RID1243"])
        XCTAssertEqual(template.terms.first?.type, "modality")
        XCTAssertEqual(template.sections.map(\.name), ["The Only Section"])
        XCTAssertEqual(template.sections.first?.heading, "Section Header")
        XCTAssertEqual(imported.warnings.filter(\.defect.isConformance), [])
    }

    /// Its terms use SNOMEDCT, which its coding_schemes declares, so every
    /// MRRT rule holds. "Missing reference terms" describes OpenMRS's concept
    /// dictionary (which lacks these codes), not the template.
    func testSnomedTermsTemplateImports() throws {
        let imported = try importFixture("CTChestAbdomen-missingReferenceTermsForTemplateAttributesTermElements")
        XCTAssertEqual(imported.template.terms.map(\.code.scheme), ["SNOMEDCT", "SNOMEDCT", "SNOMEDCT"])
        XCTAssertEqual(imported.template.codingSchemes.map(\.name), ["SNOMEDCT"])
        XCTAssertFalse(imported.warnings.contains { $0.defect == .undeclaredCodingScheme })
    }

    func testLenientImportKeepsDefectsAsWarnings() throws {
        let html = try TestData.fixtureText("mrrt-openmrs/invalidMrrtReportTemplate-noScriptElement.html")
        let imported = try TemplateImporter(conformance: .lenient).importTemplate(html: html)
        XCTAssertTrue(imported.warnings.contains { $0.defect == .missingScriptElement })
        XCTAssertEqual(imported.template.sections.map(\.name), ["The Only Section"])
    }

    func testLenientImportStillRejectsMissingBody() throws {
        let html = try TestData.fixtureText("mrrt-openmrs/invalidMrrtReportTemplate-noBodyElement.html")
        XCTAssertThrowsError(try TemplateImporter(conformance: .lenient).importTemplate(html: html)) { error in
            XCTAssertEqual((error as? TemplateImportError)?.defects, [.missingBodyElement])
        }
    }
}
