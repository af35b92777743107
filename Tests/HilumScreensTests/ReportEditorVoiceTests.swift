import HilumReporting
@testable import HilumScreens
import HilumVoice
import XCTest

/// What voice commands and structured dictation do to the editor's state.
final class ReportEditorVoiceTests: XCTestCase {
    private func makeEditor() -> ReportEditor {
        ReportEditor(caseID: ReportEditorTests.caseID, candidates: [ReportEditorTests.template], macros: ReportMacros(), history: nil)
    }

    func testSectionCommandFocusesFirstField() {
        var editor = makeEditor()
        XCTAssertEqual(editor.focusSection(named: "findings"), .moved)
        XCTAssertEqual(editor.focusedField?.id, "nodule")
        XCTAssertEqual(editor.focusSection(named: "technique"), .ignored)
    }

    func testFieldMovesStopAtEnds() {
        var editor = makeEditor()
        XCTAssertEqual(editor.moveFocus(by: -1), .ignored)
        XCTAssertEqual(editor.moveFocus(by: 1), .moved)
        XCTAssertEqual(editor.focusedField?.id, "nodule")
    }

    func testNumberFillShowsInField() throws {
        var editor = makeEditor()
        XCTAssertEqual(editor.apply(StructuredFill(fieldID: "nodule", value: .number(7))), .changed)
        XCTAssertEqual(editor.filled.values["nodule"], .number(7))
        XCTAssertEqual(editor.displayText(try XCTUnwrap(editor.template.field("nodule"))), "7")
    }

    func testOutOfRangeFillKeepsError() {
        var editor = makeEditor()
        _ = editor.apply(StructuredFill(fieldID: "nodule", value: .number(70)))
        XCTAssertNil(editor.filled.values["nodule"])
        XCTAssertNotNil(editor.errors["nodule"])
    }

    func testMultipleChoiceFillJoinsTicked() {
        var editor = makeEditor()
        _ = editor.apply(StructuredFill(fieldID: "signs", value: .choices(["effusion"])))
        _ = editor.apply(StructuredFill(fieldID: "signs", value: .choices(["atelectasis"])))
        XCTAssertEqual(editor.filled.values["signs"], .choices(["effusion", "atelectasis"]))
    }

    func testTextFillAppends() {
        var editor = makeEditor()
        _ = editor.apply(StructuredFill(fieldID: "impression", value: .text("Nodule.")))
        _ = editor.apply(StructuredFill(fieldID: "impression", value: .text("Follow-up CT in 12 months.")))
        XCTAssertEqual(editor.filled.values["impression"], .text("Nodule. Follow-up CT in 12 months."))
    }

    func testInsertTextNeedsTextField() {
        var editor = makeEditor()
        XCTAssertEqual(editor.insertText("No acute abnormality."), .changed)
        XCTAssertEqual(editor.filled.values["indication"], .text("No acute abnormality."))
        _ = editor.focusSection(named: "findings")
        XCTAssertEqual(editor.insertText("words"), .ignored)
    }

    func testUnknownFieldIgnored() {
        var editor = makeEditor()
        XCTAssertEqual(editor.apply(StructuredFill(fieldID: "missing", value: .number(1))), .ignored)
    }
}
