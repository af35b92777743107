import HilumCore
import HilumReporting
@testable import HilumScreens
import HilumTerminal
import XCTest

/// The report editor's state, key by key, on a small template built here.
final class ReportEditorTests: XCTestCase {
    static let template = ReportTemplate(metadata: TemplateMetadata(identifier: "test.chest", title: "Test chest"), sections: [
        TemplateSection(name: "Clinical information", items: [
            .field(TemplateField(id: "indication", label: "Indication", kind: .textarea)),
        ]),
        TemplateSection(name: "Findings", items: [
            .field(TemplateField(id: "nodule", label: "Nodule size", kind: .number(format: .init(unit: "mm", minimum: 1, maximum: 30)))),
            .field(TemplateField(id: "lungs", label: "Lungs", kind: .select(options: [
                PickListOption(value: "clear", label: "Clear"), PickListOption(value: "consolidation", label: "Consolidation"),
            ], multiple: false))),
            .field(TemplateField(id: "signs", label: "Signs", kind: .select(options: [
                PickListOption(value: "effusion", label: "Effusion"), PickListOption(value: "atelectasis", label: "Atelectasis"),
            ], multiple: true))),
            .field(TemplateField(id: "drain", label: "Drain in place", kind: .checkbox)),
            .field(TemplateField(id: "impression", label: "Impression", kind: .textarea, isRequired: true)),
        ]),
    ])
    static let other = ReportTemplate(metadata: TemplateMetadata(identifier: "test.other", title: "Other"), sections: [
        TemplateSection(name: "Impression", items: [.field(TemplateField(id: "impression", label: "Impression", kind: .textarea))]),
    ])
    static let caseID = EventID(unchecked: Array(repeating: 7, count: 32))

    private func makeEditor(history: String? = nil, macros: ReportMacros = ReportMacros()) -> ReportEditor {
        ReportEditor(caseID: Self.caseID, candidates: [Self.template, Self.other], macros: macros, history: history)
    }

    private func type(_ text: String, into editor: inout ReportEditor) {
        for character in text { _ = editor.handle(.character(character)) }
    }

    private func focus(_ id: String, in editor: inout ReportEditor) {
        while editor.focusedField?.id != id, editor.handle(.tab) != .ignored {}
        XCTAssertEqual(editor.focusedField?.id, id)
    }

    func testTabMovesForwardAndBack() {
        var editor = makeEditor()
        XCTAssertEqual(editor.focusedField?.id, "indication")
        XCTAssertEqual(editor.handle(.tab), .moved)
        XCTAssertEqual(editor.focusedField?.id, "nodule")
        XCTAssertEqual(editor.handle(.backTab), .moved)
        XCTAssertEqual(editor.focusedField?.id, "indication")
        XCTAssertEqual(editor.handle(.backTab), .ignored)
    }

    func testTypingFillsTextField() {
        var editor = makeEditor()
        type("Cough", into: &editor)
        _ = editor.handle(.backspace)
        XCTAssertEqual(editor.filled.value(for: "indication"), .text("Coug"))
    }

    func testHistoryPrefillsIndication() {
        let editor = makeEditor(history: "Smoking: 30 pack-years")
        XCTAssertEqual(editor.filled.value(for: "indication"), .text("Smoking: 30 pack-years"))
    }

    func testNumberInRangeIsStored() {
        var editor = makeEditor()
        focus("nodule", in: &editor)
        type("12", into: &editor)
        XCTAssertEqual(editor.filled.value(for: "nodule"), .number(12))
        XCTAssertNil(editor.errors["nodule"])
    }

    func testNumberOutOfRangeShowsError() {
        var editor = makeEditor()
        focus("nodule", in: &editor)
        type("45", into: &editor)
        XCTAssertNil(editor.filled.value(for: "nodule"))
        XCTAssertEqual(editor.errors["nodule"], "must be from 1 to 30 mm")
        XCTAssertEqual(editor.displayText(editor.focusedField!), "45")
    }

    func testNumberRejectsBadText() {
        var editor = makeEditor()
        focus("nodule", in: &editor)
        type("1.2.", into: &editor)
        XCTAssertEqual(editor.errors["nodule"], "\"1.2.\" is not a number")
        XCTAssertEqual(editor.handle(.character("x")), .ignored)
    }

    func testPickListByNumberAndSpace() {
        var editor = makeEditor()
        focus("lungs", in: &editor)
        _ = editor.handle(.character("2"))
        XCTAssertEqual(editor.filled.value(for: "lungs"), .choice("consolidation"))
        _ = editor.handle(.character(" "))
        XCTAssertNil(editor.filled.value(for: "lungs"))
        _ = editor.handle(.character(" "))
        XCTAssertEqual(editor.filled.value(for: "lungs"), .choice("clear"))
        XCTAssertEqual(editor.handle(.character("9")), .ignored)
    }

    func testMultipleChoiceToggles() {
        var editor = makeEditor()
        focus("signs", in: &editor)
        _ = editor.handle(.character("2"))
        _ = editor.handle(.character("1"))
        XCTAssertEqual(editor.filled.value(for: "signs"), .choices(["effusion", "atelectasis"]))
        _ = editor.handle(.character("2"))
        XCTAssertEqual(editor.filled.value(for: "signs"), .choices(["effusion"]))
    }

    func testCheckboxToggles() {
        var editor = makeEditor()
        focus("drain", in: &editor)
        _ = editor.handle(.character(" "))
        XCTAssertEqual(editor.filled.value(for: "drain"), .flag(true))
        _ = editor.handle(.character(" "))
        XCTAssertEqual(editor.filled.value(for: "drain"), .flag(false))
    }

    func testMacroExpandsOnSpace() {
        var editor = makeEditor()
        focus("impression", in: &editor)
        type("Stable. nad ", into: &editor)
        XCTAssertEqual(editor.filled.value(for: "impression"), .text("Stable. No acute abnormality. "))
    }

    func testMacroExpandsOnTabWithoutMoving() {
        var editor = makeEditor()
        focus("impression", in: &editor)
        type("nad", into: &editor)
        XCTAssertEqual(editor.handle(.tab), .changed)
        XCTAssertEqual(editor.focusedField?.id, "impression")
        XCTAssertEqual(editor.filled.value(for: "impression"), .text("No acute abnormality."))
    }

    func testUnknownShortcutStaysText() {
        var editor = makeEditor()
        focus("impression", in: &editor)
        type("n zz ", into: &editor)
        XCTAssertEqual(editor.filled.value(for: "impression"), .text("n zz "))
    }

    func testUserMacroOverridesBuiltIn() throws {
        let macros = try ReportMacros(text: "# mine\nnad = Nothing acute.\nppx = Pneumothorax.\n", file: "macros")
        XCTAssertEqual(macros.expand("nad"), "Nothing acute.")
        XCTAssertEqual(macros.expand("see ppx"), "see Pneumothorax.")
        XCTAssertNil(macros.expand("x"))
    }

    func testMacrosWithWindowsLineEndings() throws {
        let macros = try ReportMacros(text: "nad = Nothing acute.\r\nppx = Pneumothorax.\r\n", file: "macros")
        XCTAssertEqual(macros.expand("nad"), "Nothing acute.")
        XCTAssertEqual(macros.expand("ppx"), "Pneumothorax.")
    }

    func testBadMacroLineNamesTheLine() {
        XCTAssertThrowsError(try ReportMacros(text: "ok = fine\nno equals here\n", file: "macros")) { error in
            XCTAssertEqual("\(error)", "macros:2: expected SHORTCUT = TEXT, as in \"nad = No acute abnormality.\"")
        }
        XCTAssertThrowsError(try ReportMacros(text: "x = too short\n", file: "macros")) { error in
            XCTAssertEqual("\(error)", "macros:1: shortcut \"x\" must be two or more characters without spaces")
        }
    }

    func testTemplateSwitchKeepsSharedFields() {
        var editor = makeEditor()
        focus("impression", in: &editor)
        type("Clear", into: &editor)
        XCTAssertEqual(editor.nextTemplate(), .changed)
        XCTAssertEqual(editor.template.id, "test.other")
        XCTAssertEqual(editor.filled.value(for: "impression"), .text("Clear"))
    }

    func testDraftRestoresValuesAndTemplate() throws {
        var editor = makeEditor()
        focus("nodule", in: &editor)
        type("7", into: &editor)
        let restored = try ReportEditor(caseID: Self.caseID, candidates: [Self.template, Self.other], macros: ReportMacros(),
                                        history: nil, draft: editor.filled.document())
        XCTAssertEqual(restored.filled.value(for: "nodule"), .number(7))
        XCTAssertEqual(restored.displayText(Self.template.field("nodule")!), "7")
    }
}
