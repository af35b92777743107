import Foundation
@testable import HilumReporting
import XCTest

/// Built-in templates, the catalog's choice by modality and region, and the
/// template directory.
final class TemplateCatalogTests: XCTestCase {
    func testEveryBuiltInImportsStrictlyWithoutWarnings() throws {
        for builtIn in BuiltInTemplates.all {
            let imported = try TemplateImporter().importTemplate(html: builtIn.html, source: builtIn.key)
            XCTAssertEqual(imported.warnings, [], builtIn.key)
            let sections = imported.template.sections.map(\.name)
            for expected in ["Clinical information", "Comparison", "Technique", "Findings", "Impression", "Recommendations"] {
                XCTAssertTrue(sections.contains(expected), "\(builtIn.key) lacks \(expected)")
            }
            XCTAssertEqual(imported.template.field("\(builtIn.key.replacingOccurrences(of: "-", with: "_"))_impression")?.isRequired,
                           true, builtIn.key)
        }
    }

    func testCTChestNoduleFieldsMatchFleischner() throws {
        let template = try BuiltInTemplates.ctChest.load()
        let composition = try XCTUnwrap(template.field("ct_chest_nodule_composition"))
        XCTAssertEqual(composition.options.map(\.value), Fleischner.Composition.allCases.map(\.rawValue))
        XCTAssertEqual(template.field("ct_chest_nodule_risk")?.options.map(\.value), Fleischner.Risk.allCases.map(\.rawValue))
        XCTAssertEqual(template.field("ct_chest_nodule_multiplicity")?.options.map(\.value), ["none", "single", "multiple"])
        guard case .number(let format)? = template.field("ct_chest_nodule_long_axis")?.kind else {
            return XCTFail("long axis is not a number field")
        }
        XCTAssertEqual(format.unit, "mm")
        XCTAssertEqual(template.field("ct_chest_nodule_location")?.options.count, 6)
        let findings = try XCTUnwrap(template.sections.first { $0.name == "Findings" })
        XCTAssertEqual(findings.subsections.map(\.name).prefix(3), ["Lungs", "Pulmonary nodules", "Pleura"])
    }

    func testCTChestRendersFilledNodule() throws {
        var filled = FilledTemplate(template: try BuiltInTemplates.ctChest.load())
        try filled.set(.text("Incidental nodule on CT abdomen."), for: "ct_chest_indication")
        try filled.set(.choice("single"), for: "ct_chest_nodule_multiplicity")
        try filled.set(.choice("solid"), for: "ct_chest_nodule_composition")
        try filled.set(.number(7), for: "ct_chest_nodule_long_axis")
        try filled.set(.choice("RUL"), for: "ct_chest_nodule_location")
        try filled.set(.text("Solitary 7 mm solid nodule."), for: "ct_chest_impression")
        let report = filled.renderReport()
        XCTAssertTrue(report.hasPrefix("CLINICAL INFORMATION\nIncidental nodule on CT abdomen.\n\nCOMPARISON\nNone.\n"), report)
        XCTAssertTrue(report.contains("""
              Pulmonary nodules
                Number of nodules: Single nodule
                Composition: Solid
                Long axis: 7 mm
                Location: Right upper lobe
            """), report)
        XCTAssertTrue(report.hasSuffix("IMPRESSION\nSolitary 7 mm solid nodule.\n"), report)
    }

    func testCatalogChoosesByModalityAndRegion() throws {
        let catalog = try TemplateCatalog.builtIn()
        let cases: [(String, String, String)] = [
            ("CT", "CHEST", "CT Chest"), ("CT", "thorax", "CT Chest"), ("CR", "CHEST", "Chest Radiograph"),
            ("DX", "Chest", "Chest Radiograph"), ("CT", "HEAD", "CT Head"), ("CT", "ABDOMEN", "CT Abdomen and Pelvis"),
            ("CT", "PELVIS", "CT Abdomen and Pelvis"), ("CT", "ABDOMEN-PELVIS", "CT Abdomen and Pelvis"),
            ("CT", "abdomen pelvis", "CT Abdomen and Pelvis"), ("MR", "HEAD", "MR Brain"), ("MR", "BRAIN", "MR Brain"),
            ("US", "ABDOMEN", "Ultrasound Abdomen"),
        ]
        for (modality, region, title) in cases {
            XCTAssertEqual(catalog.choose(modality: modality, bodyRegion: region)?.template.title, title, "\(modality)+\(region)")
        }
        XCTAssertNil(catalog.choose(modality: "MG", bodyRegion: "BREAST"))
    }

    func testCatalogListsAlternatives() throws {
        let catalog = try TemplateCatalog.builtIn()
        let titles = catalog.candidates(modality: "CT", bodyRegion: "HEAD").map(\.template.title)
        XCTAssertEqual(titles.first, "CT Head")
        XCTAssertEqual(titles[1], "MR Brain")
        XCTAssertTrue(titles.contains("CT Chest"))
    }

    func testImportedTemplatePreferredAndInferred() throws {
        var catalog = try TemplateCatalog.builtIn()
        let rsna = try TemplateImporter().importTemplate(contentsOf: TestData.shared("mrrt/rsna/CT_Brain.html")).template
        catalog.add(rsna)
        XCTAssertEqual(catalog.choose(modality: "CT", bodyRegion: "HEAD")?.template.title, "CT Brain")
        XCTAssertEqual(catalog.candidates(modality: "CT", bodyRegion: "HEAD").map(\.template.title).prefix(2), ["CT Brain", "CT Head"])
    }

    func testStoreSavesAndReloads() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("hilum-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let store = TemplateStore(home: home)
        XCTAssertEqual(store.loadAll().templates.count, 0)

        let html = try TestData.fixtureText("mrrt-openmrs/CTChestAbdomen.html")
        let (_, url) = try store.save(html: html)
        XCTAssertEqual(url.lastPathComponent, "1.3.6.1.4.1.21367.13.199.1015.html")
        XCTAssertEqual(url.deletingLastPathComponent().lastPathComponent, "templates")
        try Data("<html>".utf8).write(to: home.appendingPathComponent("templates/broken.html"))

        let loaded = store.loadAll()
        XCTAssertEqual(loaded.templates.map(\.template.title), ["CT Chest-Abdomen"])
        XCTAssertEqual(loaded.failures.map(\.file.lastPathComponent), ["broken.html"])
        let (catalog, _) = try store.catalog()
        XCTAssertEqual(catalog.entries.count, BuiltInTemplates.all.count + 1)
        XCTAssertEqual(catalog.choose(modality: "CT", bodyRegion: "CHEST")?.template.title, "CT Chest-Abdomen")
        XCTAssertEqual(catalog.candidates(modality: "CT", bodyRegion: "CHEST").map(\.template.title).prefix(2),
                       ["CT Chest-Abdomen", "CT Chest"])
    }

    func testStoreRejectsInvalidTemplate() throws {
        let store = TemplateStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("hilum-\(UUID())"))
        let html = try TestData.fixtureText("mrrt-openmrs/invalidMrrtReportTemplate-noTitleElement.html")
        XCTAssertThrowsError(try store.save(html: html))
        XCTAssertFalse(FileManager.default.fileExists(atPath: store.directory.path))
    }

    func testFileNameCannotEscapeDirectory() {
        XCTAssertEqual(TemplateStore.fileName(for: "../../etc/passwd"), "_._.._etc_passwd.html")
        XCTAssertEqual(TemplateStore.fileName(for: "http://www.radreport.org/template/0000004"),
                       "http___www.radreport.org_template_0000004.html")
    }
}
