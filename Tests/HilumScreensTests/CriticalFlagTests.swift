import Foundation
import HilumCore
import HilumReporting
@testable import HilumScreens
import HilumTerminal
import HilumWorklist
import XCTest

/// Flagging a critical result in the report editor (ctrl-r) on the demo
/// radiologist's first case to read (CT head): the dialogs, the draft that
/// keeps it, and the check it satisfies.
@MainActor
final class CriticalFlagTests: XCTestCase {
    private func withEditor(_ body: (ScreenFixture) throws -> Void) throws {
        let fixture = try ScreenFixture(size: Size(width: 100, height: 30))
        defer { fixture.stop() }
        fixture.press(.character("2"))
        fixture.press(.character("e"))
        XCTAssertNotNil(fixture.app.editor)
        try body(fixture)
    }

    private func flag(_ fixture: ScreenFixture, level: String, message: String) {
        fixture.press(.control("r"))
        fixture.type(level)
        fixture.press(.enter)
        fixture.type(message)
        fixture.press(.enter)
    }

    /// Writes a critical term into the impression so the critical-finding check has something to find.
    private func writeHaemorrhage(_ fixture: ScreenFixture) {
        for _ in 0..<40 { fixture.press(.tab) }
        fixture.press(.backTab)
        fixture.type("Acute subdural hemorrhage, right.")
    }

    func testLevelAndMessageFlagTheResult() async throws {
        try withEditor { fixture in
            fixture.press(.control("r"))
            XCTAssertTrue(fixture.text.contains("c critical (acknowledged within 1h 0m)"), fixture.text)
            XCTAssertTrue(fixture.text.contains("u urgent"), fixture.text)
            fixture.press(.escape)
            flag(fixture, level: "u", message: "Call Dr Ortega about the bleed")
            let critical = try XCTUnwrap(fixture.app.editor?.critical)
            XCTAssertEqual(critical.category, .orange)
            XCTAssertEqual(critical.message, "Call Dr Ortega about the bleed")
            XCTAssertEqual(critical.acknowledgeWithinMinutes, 360)
            XCTAssertTrue(fixture.text.contains("Critical result: urgent, acknowledge within 6h 0m"), fixture.text)
        }
    }

    func testConfiguredDeadlineApplies() async throws {
        try withEditor { fixture in
            fixture.app.criticalDeadlines = (criticalMinutes: 30, urgentMinutes: 120)
            flag(fixture, level: "c", message: "Call now")
            XCTAssertEqual(fixture.app.editor?.critical?.acknowledgeWithinMinutes, 30)
        }
    }

    func testUnknownLevelAsksAgain() async throws {
        try withEditor { fixture in
            fixture.press(.control("r"))
            fixture.type("x")
            fixture.press(.enter)
            XCTAssertTrue(fixture.text.contains("\"x\" is not a level"), fixture.text)
            fixture.press(.escape)
            XCTAssertNil(fixture.app.editor?.critical)
        }
    }

    func testEmptyMessageAsksAgain() async throws {
        try withEditor { fixture in
            flag(fixture, level: "c", message: "  ")
            XCTAssertTrue(fixture.text.contains("The message is empty"), fixture.text)
            XCTAssertNil(fixture.app.editor?.critical)
        }
    }

    func testDraftKeepsAndRemovesTheFlag() async throws {
        try withEditor { fixture in
            flag(fixture, level: "c", message: "Call now")
            let caseID = try XCTUnwrap(fixture.app.editor?.caseID)
            let drafts = try XCTUnwrap(fixture.app.drafts)
            XCTAssertEqual(try drafts.loadCritical(caseID)?.message, "Call now")
            fixture.press(.escape)
            fixture.press(.character("2"))
            fixture.press(.character("e"))
            XCTAssertEqual(fixture.app.editor?.critical?.message, "Call now", "the flag is restored with the draft")
            fixture.press(.control("r"))
            fixture.press(.control("u"))
            fixture.type("-")
            fixture.press(.enter)
            XCTAssertNil(fixture.app.editor?.critical)
            XCTAssertNil(try drafts.loadCritical(caseID))
        }
    }

    func testFlagSatisfiesTheCriticalFindingCheck() async throws {
        try withEditor { fixture in
            writeHaemorrhage(fixture)
            let editor = try XCTUnwrap(fixture.app.editor)
            XCTAssertEqual(fixture.app.checkFindings(editor).map(\.checkID), ["critical-finding"])
            flag(fixture, level: "c", message: "Subdural hemorrhage: call me")
            XCTAssertEqual(fixture.app.checkFindings(try XCTUnwrap(fixture.app.editor)).map(\.checkID), [])
        }
    }
}

/// The acknowledgment deadlines in `worklist.conf`.
final class CriticalDeadlineConfigTests: XCTestCase {
    func testDefaultsAreAnHourAndSixHours() throws {
        let config = try WorklistConfig(text: "", file: "worklist.conf")
        XCTAssertEqual(config.criticalWithinMinutes, 60)
        XCTAssertEqual(config.urgentWithinMinutes, 360)
    }

    func testSettingsAreRead() throws {
        let config = try WorklistConfig(text: "critical-within = 30\nurgent-within = 240 # four hours\n", file: "worklist.conf")
        XCTAssertEqual(config.criticalWithinMinutes, 30)
        XCTAssertEqual(config.urgentWithinMinutes, 240)
    }

    func testOutOfRangeNamesTheValue() {
        for text in ["critical-within = 0", "urgent-within = 20161", "critical-within = 1.5", "urgent-within = soon"] {
            XCTAssertThrowsError(try WorklistConfig(text: text, file: "worklist.conf"), text) { error in
                XCTAssertTrue("\(error)".contains("is not a whole number of minutes from 1 to 20160"), "\(error)")
            }
        }
    }
}
