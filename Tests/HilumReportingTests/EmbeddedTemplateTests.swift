import Foundation
import HilumReporting
import XCTest

/// The edge case of `<input type="textarea">`, `<select multiple>`, nested
/// sections and `<embed>`ded templates (one present, one missing).
final class EmbeddedTemplateTests: XCTestCase {
    private let caseDirectory = "edge-cases/17-mrrt-textarea-select-multiple-embed"

    private func importCase() throws -> ImportedTemplate {
        try TemplateImporter().importTemplate(contentsOf: TestData.fixture("\(caseDirectory)/template.html"))
    }

    private func filledFromFillFile(_ template: ReportTemplate) throws -> FilledTemplate {
        let data = try Data(contentsOf: TestData.fixture("\(caseDirectory)/fill.json"))
        let fill = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        var filled = FilledTemplate(template: template)
        for (name, raw) in fill {
            let field = try XCTUnwrap(template.field(name), "no field named \(name)")
            switch (field.kind, raw) {
            case (.number, let number as NSNumber): try filled.set(.number(number.doubleValue), for: name)
            case (.select(_, true), let values as [String]): try filled.set(.choices(values), for: name)
            case (.select, let value as String): try filled.set(.choice(value), for: name)
            case (_, let text as String): try filled.set(.text(text), for: name)
            default: XCTFail("unexpected value type for \(name)")
            }
        }
        return filled
    }

    func testImportWarnsAboutMissingEmbed() throws {
        let imported = try importCase()
        let missing = imported.warnings.filter { $0.defect == .missingEmbed }
        XCTAssertEqual(missing.count, 1)
        XCTAssertTrue(missing.first?.message.contains("2.25.999999999999999999999999999999") ?? false)
        XCTAssertEqual(imported.template.missingEmbeds, ["2.25.999999999999999999999999999999"])
    }

    func testTextareaInputsAreMultiLine() throws {
        let template = try importCase().template
        XCTAssertEqual(template.field("comparison")?.kind, .textarea)
        XCTAssertEqual(template.field("impression")?.kind, .textarea)
        let filled = try filledFromFillFile(template)
        XCTAssertEqual(filled.value(for: "Comparison"), .text("CT 2024-03-14.\nMR liver 2024-06-02 (outside)."))
    }

    func testMultipleSelectKeepsAllChoicesInOptionOrder() throws {
        let template = try importCase().template
        let features = try XCTUnwrap(template.field("lesion_features"))
        XCTAssertEqual(features.kind.name, "multiple select")
        let filled = try filledFromFillFile(template)
        XCTAssertEqual(filled.value(for: "lesion_features"), .choices(["hypervascular", "washout", "capsule"]))
    }

    func testEmbeddedSectionSitsInsideFindings() throws {
        let template = try importCase().template
        let findings = try XCTUnwrap(template.sections.first { $0.name == "Findings" })
        XCTAssertEqual(findings.subsections.map(\.name), ["Liver", "Kidneys", "Lymph nodes"])
        XCTAssertEqual(template.field("nodes")?.defaultValue, .choice("none"))
        XCTAssertEqual(template.field("kidneys")?.defaultValue, .choice("normal"))
        XCTAssertEqual(template.field("lesion_size")?.label, "Largest lesion (mm)")
        XCTAssertEqual(template.field("lesion_size")?.codes.first?.value, "RID58")
    }

    func testLabelsFallBackToName() throws {
        let template = try importCase().template
        XCTAssertEqual(template.field("impression")?.label, "Impression")
        XCTAssertEqual(template.field("impression")?.omitsLabelInReport, true)
        XCTAssertEqual(template.field("comparison")?.label, "Comparison")
    }

    func testRenderMatchesExpectedReport() throws {
        let template = try importCase().template
        let expected = try String(contentsOf: TestData.fixture("\(caseDirectory)/expected-report.txt"), encoding: .utf8)
        let rendered = try filledFromFillFile(template).renderReport()
        XCTAssertEqual(rendered.trimmingCharacters(in: .newlines), expected.trimmingCharacters(in: .newlines))
    }

    func testDocumentRoundTrip() throws {
        let template = try importCase().template
        let filled = try filledFromFillFile(template)
        let data = try filled.document().jsonData()
        let document = try ReportDocument.decode(data)
        let restored = try FilledTemplate(template: template, document: document)
        XCTAssertEqual(restored.values, filled.values)
        XCTAssertEqual(try restored.document().jsonData(), data)
        let features = try XCTUnwrap(document.fields.first { $0.id == "lesion_features" })
        XCTAssertEqual(features.section, ["Findings", "Liver"])
        XCTAssertEqual(features.display, "Arterial hyperenhancement, Washout, Enhancing capsule")
    }
}
