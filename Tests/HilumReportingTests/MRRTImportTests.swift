import Foundation
import HilumReporting
import XCTest

/// Real templates: RSNA RadReport (read in place, not redistributable), the
/// CC BY chest radiograph template, and the textarea / multiple select /
/// embed edge case.
final class MRRTImportTests: XCTestCase {
    private func field(_ template: ReportTemplate, _ id: String, file: StaticString = #filePath,
                       line: UInt = #line) throws -> TemplateField {
        try XCTUnwrap(template.field(id), "no field \(id)", file: file, line: line)
    }

    func testRSNAChestRadiograph() throws {
        let imported = try TemplateImporter().importTemplate(contentsOf: TestData.shared("mrrt/rsna/Chest_Xray-2_Views.html"))
        let template = imported.template
        XCTAssertEqual(template.id, "http://www.radreport.org/template/0000144")
        XCTAssertEqual(template.title, "Chest Xray - 2 Views")
        XCTAssertEqual(template.metadata.contributors.count, 2)
        XCTAssertEqual(template.sections.map(\.name), ["Procedure", "Clinical information", "Comparison", "Findings", "Impression"])
        XCTAssertEqual(template.terms.map(\.code.value), ["RID10345", "RID1243"])

        let lungs = try field(template, "T144_9")
        XCTAssertEqual(lungs.label, "Lungs")
        XCTAssertEqual(lungs.options.count, 14)
        XCTAssertEqual(lungs.options.first?.value, "Clear")
        XCTAssertEqual(lungs.options.first?.label, "The lungs are clear.")
        XCTAssertEqual(try field(template, "T144_24").options.map(\.value),
                       ["Normal", "Mild", "Moderate", "Severe", "Marked", "Top"])
        XCTAssertEqual(try field(template, "T144_100").label, "Mediastinum")

        let clinical = try field(template, "T144_5")
        XCTAssertEqual(clinical.kind, .textarea)
        XCTAssertEqual(clinical.codes, [TemplateCode(scheme: "LOINC", value: "55752-0", meaning: "Clinical information")])
        XCTAssertEqual(try field(template, "T144_3").defaultValue, .text("PA and lateral views of the chest."))
        XCTAssertTrue(imported.warnings.contains { $0.defect == .templateAttributesNotWellFormed }, "\(imported.warnings)")

        var filled = FilledTemplate(template: template)
        try filled.set(.text("Cough."), for: "T144_5")
        try filled.set(.choice("Clear"), for: "T144_9")
        try filled.set(.choice("NAD"), for: "T144_101")
        XCTAssertEqual(filled.renderReport(), """
            PROCEDURE
            PA and lateral views of the chest.

            CLINICAL INFORMATION
            Cough.

            COMPARISON
            None.

            FINDINGS
            Lungs: The lungs are clear.

            IMPRESSION
            No active disease.

            """)
    }

    func testRSNAHeadCT() throws {
        let imported = try TemplateImporter().importTemplate(contentsOf: TestData.shared("mrrt/rsna/CT_Brain.html"))
        let template = imported.template
        XCTAssertEqual(template.title, "CT Brain")
        XCTAssertEqual(template.sections.map(\.name), ["Procedure", "Clinical information", "Comparison", "Findings", "Impression"])
        XCTAssertEqual(template.sections.first?.heading, "CT Brain")
        XCTAssertEqual(template.terms.map(\.code.meaning), ["brain", "computed tomography", "head"])

        let hemorrhage = try field(template, "T4_16")
        XCTAssertEqual(hemorrhage.label, "Intracranial hemorrhage")
        XCTAssertEqual(hemorrhage.kind, .text)
        XCTAssertEqual(hemorrhage.defaultValue, .text("None."))
        XCTAssertEqual(hemorrhage.codes.map(\.value), ["RID6383", "RID4700"])
        XCTAssertEqual(try field(template, "T4_55").label, "Paranasal sinuses and mastoid air cells")
        XCTAssertEqual(try field(template, "T4_3").codes.first?.meaning, "contrast agent")
        XCTAssertEqual(template.allFields.count, 19)
        XCTAssertFalse(imported.warnings.contains { $0.defect == .unboundCodedContent })

        let report = FilledTemplate(template: template).renderReport()
        XCTAssertTrue(report.contains("FINDINGS\nExtra-axial spaces: Normal.\nIntracranial hemorrhage: None.\n"), report)
        XCTAssertTrue(report.hasSuffix("IMPRESSION\nNormal.\n"), report)
    }

    func testCCBYChestRadiographImportsLeniently() throws {
        let html = try TestData.fixtureText("mrrt-cc-by/roentgen-thorax-standard_template.html")
        XCTAssertThrowsError(try TemplateImporter().importTemplate(html: html)) { error in
            XCTAssertEqual((error as? TemplateImportError)?.defects, [.missingScriptElement])
        }
        let imported = try TemplateImporter(conformance: .lenient).importTemplate(html: html)
        let template = imported.template
        XCTAssertEqual(template.id, "HJK-MRRT-ROE-THORAX-v2.3")
        XCTAssertEqual(template.title, "Röntgen Thorax (p.a. ± lateral)")
        XCTAssertEqual(template.metadata.language, "de")
        XCTAssertEqual(template.sections.map(\.name), ["Technik & Indikation", "Vergleichsaufnahme", "Befund", "Beurteilung"])
        let findings = try XCTUnwrap(template.sections.first { $0.name == "Befund" })
        XCTAssertEqual(findings.subsections.map(\.name),
                       ["Devices / Fremdmaterial", "Zwerchfell / Sinus", "Pleura", "Herz / Mediastinum", "Lunge / Parenchym",
                        "Skelett / Weichteile"])

        let quality = try field(template, "qual")
        XCTAssertEqual(quality.label, "Aufnahmequalität")
        XCTAssertEqual(quality.codes, [TemplateCode(scheme: "RADLEX", value: "RID10", meaning: "image quality")])
        XCTAssertEqual(quality.options.first?.label, "gut, diagnostisch ausreichend")
        XCTAssertEqual(try field(template, "p_pa").label, "p.a.")
        XCTAssertEqual(try field(template, "p_pa").kind, .checkbox)
        let effusion = try field(template, "pl_erguss")
        XCTAssertEqual(effusion.label, "Erguss")
        XCTAssertEqual(effusion.codes.first?.value, "RID34539")
        let device = try field(template, "dev-typ-1")
        XCTAssertEqual(device.options.first?.group, "Vaskulär")
        XCTAssertEqual(device.options.first { $0.value == "ICD" }?.codes.first?.value, "RID5434")
        let diaphragmState = try field(template, "st_zwerchfell")
        XCTAssertEqual(diaphragmState.options.map(\.label), ["o. B.", "Befund"])
        XCTAssertEqual(try field(template, "beurt_ft").kind, .textarea)

        var filled = FilledTemplate(template: template)
        try filled.set(.flag(true), for: "p_pa")
        try filled.set(.choice("gut, diagnostisch ausreichend"), for: "qual")
        try filled.set(.flag(true), for: "pl_erguss")
        try filled.set(.text("Kein Nachweis einer akuten Pathologie."), for: "beurt_ft")
        XCTAssertEqual(filled.renderReport(), """
            TECHNIK & INDIKATION
            p.a.: yes
            Aufnahmequalität: gut, diagnostisch ausreichend

            BEFUND
              Pleura
                Erguss: yes

            BEURTEILUNG
            Beurteilung Freitext: Kein Nachweis einer akuten Pathologie.

            """)
    }
}
