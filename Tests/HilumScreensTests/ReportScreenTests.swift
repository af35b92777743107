import Foundation
import HilumCore
import HilumLedger
import HilumReporting
@testable import HilumScreens
import HilumTerminal
import HilumVoice
import HilumWorklist
import XCTest

/// The report editor inside the worklist: snapshots, drafts and signing
/// on the demo radiologist's first case to read (CT head).
@MainActor
final class ReportScreenTests: XCTestCase {
    private func withFixture(_ size: Size, now: Int64 = ScreenFixture.now, _ body: (ScreenFixture) throws -> Void) throws {
        let fixture = try ScreenFixture(size: size, now: now)
        defer { fixture.stop() }
        try body(fixture)
    }

    /// Opens the report of the first case in To read and focuses its impression.
    private func openImpression(_ fixture: ScreenFixture) {
        fixture.press(.character("2"))
        fixture.press(.character("e"))
        for _ in 0..<40 { fixture.press(.tab) }
        fixture.press(.backTab)
    }

    private func draftStore(_ fixture: ScreenFixture) throws -> ReportDraftStore {
        try XCTUnwrap(fixture.app.drafts)
    }

    func testVoiceFillsWarnWhenNoFieldMatches() throws {
        try withFixture(Size(width: 100, height: 30)) { fixture in
            fixture.press(.character("2"))
            fixture.press(.character("e"))
            @MainActor func heard(_ fills: [StructuredFill]) {
                let result = VoiceResult(outcome: .fills(fills), recognition: Recognition(text: "spoken"), scoreMargin: 0,
                                         decodeMilliseconds: 1)
                _ = fixture.app.handleVoice(.heard(result, free: false))
            }
            heard([StructuredFill(fieldID: "no_such_field", value: .text("words"))])
            XCTAssertEqual(fixture.app.message, "Voice: this template has no field for what was heard")
            let impression = try XCTUnwrap(fixture.app.editor?.template.allFields.first { $0.id.hasSuffix("_impression") })
            heard([StructuredFill(fieldID: impression.id, value: .text("Stable."))])
            XCTAssertEqual(fixture.app.message, "Voice: filled \(impression.label)")
        }
    }

    func testEditorSnapshot() async throws {
        for size in WorklistScreenTests.sizes {
            try withFixture(size) { fixture in
                fixture.press(.character("2"))
                assertSnapshot(fixture.press(.character("e")), named: "report-\(size.width)x\(size.height)")
            }
        }
    }

    func testEditorImpressionSnapshot() async throws {
        try withFixture(Size(width: 80, height: 24)) { fixture in
            openImpression(fixture)
            fixture.type("nad ")
            assertSnapshot(fixture.frame, named: "report-impression-80x24")
        }
    }

    func testDraftIsSavedEncryptedAndMarked() async throws {
        try withFixture(Size(width: 80, height: 24)) { fixture in
            openImpression(fixture)
            fixture.type("nad ")
            let caseID = try XCTUnwrap(fixture.app.editor?.caseID)
            let drafts = try draftStore(fixture)
            let stored = try String(contentsOfFile: drafts.directory + "/" + caseID.hex + ".draft", encoding: .utf8)
            XCTAssertFalse(stored.contains("acute"))
            let document = try XCTUnwrap(drafts.load(caseID))
            XCTAssertEqual(document.fields.first { $0.id == "ct_head_impression" }?.value, .text("No acute abnormality. "))
            fixture.press(.escape)
            fixture.press(.character("2"))
            XCTAssertEqual(fixture.app.reading.rows.first { $0.caseID == caseID }?.status, .draft)
        }
    }

    func testReopenRestoresDraft() async throws {
        try withFixture(Size(width: 80, height: 24)) { fixture in
            openImpression(fixture)
            fixture.type("Stable")
            fixture.press(.escape)
            fixture.press(.character("2"))
            fixture.press(.character("e"))
            XCTAssertEqual(fixture.app.message, "Draft restored")
            XCTAssertEqual(fixture.app.editor?.filled.value(for: "ct_head_impression"), .text("Stable"))
        }
    }

    func testExternalEditorFillsField() async throws {
        let fixture = try ScreenFixture(externalEditor: "true")
        defer { fixture.stop() }
        openImpression(fixture)
        fixture.type("Before")
        fixture.press(.control("e"))
        var ran: [ExternalProgram] = []
        fixture.loop.runExternalPrograms { program in
            ran.append(program)
            XCTAssertEqual(try? String(contentsOfFile: program.file, encoding: .utf8), "Before")
            try? "After\n".write(toFile: program.file, atomically: true, encoding: .utf8)
            return 0
        }
        XCTAssertEqual(ran.map(\.command), ["true"])
        XCTAssertEqual(fixture.app.editor?.filled.value(for: "ct_head_impression"), .text("After"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: ran.first?.file ?? ""), "the plain-text file stays after editing")
    }

    func testExternalEditorFailureKeepsField() async throws {
        let fixture = try ScreenFixture(externalEditor: "false")
        defer { fixture.stop() }
        openImpression(fixture)
        fixture.type("Before")
        fixture.press(.control("e"))
        fixture.loop.runExternalPrograms { program in
            try? "After".write(toFile: program.file, atomically: true, encoding: .utf8)
            return 1
        }
        XCTAssertEqual(fixture.app.editor?.filled.value(for: "ct_head_impression"), .text("Before"))
        XCTAssertEqual(fixture.app.message, "The editor exited with status 1; the field is unchanged")
    }

    func testSignWithoutImpressionIsBlocked() async throws {
        try withFixture(Size(width: 80, height: 24)) { fixture in
            fixture.press(.character("2"))
            fixture.press(.character("e"))
            let screen = fixture.press(.control("s"))
            XCTAssertTrue(screen.snapshot().contains("Cannot sign"), screen.snapshot())
            fixture.press(.enter)
            XCTAssertNotNil(fixture.app.editor)
        }
    }

    func testSignPublishesAndDeletesDraft() async throws {
        try withFixture(Size(width: 132, height: 43), now: Clock.nowMilliseconds()) { fixture in
            openImpression(fixture)
            fixture.type("nad ")
            let caseID = try XCTUnwrap(fixture.app.editor?.caseID)
            fixture.press(.control("s"))
            fixture.press(.enter)
            XCTAssertEqual(fixture.app.message, "Report signed and sealed", fixture.text)
            XCTAssertNil(fixture.app.editor)
            XCTAssertEqual(fixture.app.reading.rows.first { $0.caseID == caseID }?.status, .signed)
            XCTAssertNil(try draftStore(fixture).load(caseID))
        }
    }
}
