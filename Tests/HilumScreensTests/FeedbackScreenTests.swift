import Foundation
import HilumCore
import HilumLedger
@testable import HilumScreens
import HilumTerminal
import HilumWorklist
import XCTest

/// The Feedback screen against the demo network with three threads added.
@MainActor
final class FeedbackScreenTests: XCTestCase {
    private let halfHour: Int64 = 30 * 60_000

    private func withThreads(_ size: Size = Size(width: 80, height: 24), now: Int64 = ScreenFixture.now,
                             _ body: (ScreenFixture, FeedbackScenario.Threads) throws -> Void) throws {
        let fixture = try ScreenFixture(size: size, now: now)
        defer { fixture.stop() }
        let threads = try FeedbackScenario.add(to: fixture.network, engine: fixture.engine, now: now)
        fixture.app.feedbackOverdueMilliseconds = halfHour
        fixture.press(.character("4"))
        try body(fixture, threads)
    }

    func testFeedbackSnapshot() async throws {
        for size in WorklistScreenTests.sizes {
            try withThreads(size) { fixture, _ in
                assertSnapshot(fixture.frame, named: "feedback-threads-\(size.width)x\(size.height)")
            }
        }
    }

    func testAnsweredThreadSnapshot() async throws {
        try withThreads { fixture, _ in
            fixture.press(.character("G"))
            assertSnapshot(fixture.frame, named: "feedback-answered-80x24")
        }
    }

    func testUnansweredNewestFirst() async throws {
        try withThreads { fixture, threads in
            XCTAssertEqual(fixture.app.feedback.threads.map(\.id), [threads.open, threads.rating, threads.answered])
        }
    }

    func testThreadDecryptedBesideReport() async throws {
        try withThreads(Size(width: 132, height: 43)) { fixture, _ in
            XCTAssertTrue(fixture.text.contains("Would MRI change management here?"), fixture.text)
            XCTAssertTrue(fixture.text.contains("No acute haemorrhage. Small chronic left frontal infarct."), "the report's impression shows:\n\(fixture.text)")
        }
    }

    func testOverdueQuestionUsesAlarmRole() async throws {
        try withThreads { fixture, _ in
            let thread = try XCTUnwrap(fixture.app.feedback.threads.first)
            XCTAssertEqual(FeedbackScreen.cell(thread, column: 4, overdueAfter: halfHour, now: ScreenFixture.now, drafted: false).role,
                           .deadlineOverdue)
            XCTAssertEqual(FeedbackScreen.cell(thread, column: 4, overdueAfter: 86_400_000, now: ScreenFixture.now, drafted: false).role,
                           .deadlineSoon, "45 minutes is not overdue under the default 24 hours")
        }
    }

    func testReplyGoesOutAndAnswers() async throws {
        try withThreads(now: Clock.nowMilliseconds()) { fixture, threads in
            fixture.press(.character("R"))
            fixture.type("Not acutely; MRI would date the infarct.")
            fixture.press(.enter)
            XCTAssertTrue(fixture.app.message.hasPrefix("Reply sealed and sent"), fixture.app.message)
            let thread = try XCTUnwrap(fixture.app.feedback.threads.first { $0.id == threads.open })
            XCTAssertEqual(thread.replies.map(\.text), ["Not acutely; MRI would date the infarct."])
            XCTAssertFalse(thread.awaitsReply)
            XCTAssertFalse(fixture.app.replyDrafts!.contains(.reply, for: threads.open), "the sent reply's draft is deleted")
        }
    }

    func testEscapeKeepsReplyDraft() async throws {
        try withThreads(now: Clock.nowMilliseconds()) { fixture, threads in
            fixture.press(.character("R"))
            fixture.type("Half a reply")
            fixture.press(.escape)
            XCTAssertEqual(fixture.app.message, "The reply is kept as a draft")
            XCTAssertTrue(fixture.text.contains("draft"), fixture.text)
            fixture.press(.character("R"))
            XCTAssertTrue(fixture.text.contains("Half a reply"), "the draft fills the prompt again:\n\(fixture.text)")
            XCTAssertTrue(try XCTUnwrap(fixture.app.feedback.threads.first { $0.id == threads.open }).awaitsReply)
        }
    }

    func testLockKeepsReplyDraft() async throws {
        try withThreads(now: Clock.nowMilliseconds()) { fixture, _ in
            fixture.press(.character("R"))
            fixture.type("Typed before the lock")
            _ = fixture.app.handle(.idle)
            XCTAssertTrue(fixture.app.feedback.threads.isEmpty, "locking drops the decrypted threads")
            fixture.press(.enter)
            fixture.type(DemoPassphrase.text)
            fixture.press(.enter)
            XCTAssertFalse(fixture.app.isLocked)
            fixture.press(.character("R"))
            XCTAssertTrue(fixture.text.contains("Typed before the lock"), fixture.text)
        }
    }

    func testEmptyReplyKeepsPrompt() async throws {
        try withThreads(now: Clock.nowMilliseconds()) { fixture, threads in
            fixture.press(.character("R"))
            fixture.press(.enter)
            XCTAssertTrue(fixture.app.message.hasPrefix("The reply is empty"), fixture.app.message)
            guard case .dialog(_, .reply(let thread)) = fixture.app.overlay else { return XCTFail("the reply prompt closed") }
            XCTAssertEqual(thread.id, threads.open)
        }
    }

    func testAddendumThenReplyNamesIt() async throws {
        try withThreads(now: Clock.nowMilliseconds()) { fixture, threads in
            fixture.press(.character("A"))
            fixture.type("Recommend CT follow-up in 6 to 12 months.")
            fixture.press(.enter)
            XCTAssertTrue(fixture.app.message.hasPrefix("Addendum filed"), fixture.app.message)
            let thread = try XCTUnwrap(fixture.app.feedback.threads.first { $0.id == threads.open })
            let reply = try XCTUnwrap(thread.replies.first)
            XCTAssertNotNil(reply.addendumID)
            XCTAssertTrue(reply.text.hasSuffix("Recommend CT follow-up in 6 to 12 months."), reply.text)
        }
    }

    func testEnterOpensCaseAndEscReturns() async throws {
        try withThreads { fixture, _ in
            let thread = try XCTUnwrap(fixture.app.feedback.selected)
            fixture.press(.enter)
            XCTAssertEqual(fixture.app.screen, .caseDetail)
            XCTAssertEqual(fixture.app.caseScreen.caseID, thread.caseID)
            fixture.press(.escape)
            XCTAssertEqual(fixture.app.screen, .feedback)
        }
    }

    func testClickSelectsThread() async throws {
        try withThreads { fixture, threads in
            fixture.press(.mouse(MouseEvent(kind: .leftClick, position: Point(x: 10, y: 4))))
            XCTAssertEqual(fixture.app.feedback.selected?.id, threads.rating)
            XCTAssertTrue(fixture.text.contains("Rating 4 of 5"), fixture.text)
        }
    }

    func testReplyUnavailableElsewhere() async throws {
        try withThreads { fixture, _ in
            fixture.press(.character("1"))
            fixture.press(.character("R"))
            XCTAssertEqual(fixture.app.message, "Unavailable: only on Feedback (4)")
        }
    }
}

/// The reply and addendum prompts: a paste longer than a reply may be is
/// kept whole, so that sending it is rejected instead of cutting it short.
@MainActor
final class LongPromptTests: XCTestCase {
    func testOverlongPasteIsKeptWhole() async {
        let pasted = String(repeating: "word ", count: WorklistStore.maxReplyCharacters)
        var dialog = WorklistApp.longPrompt("Reply", message: "", label: "Reply", text: "")
        _ = dialog.handle(.paste(pasted))
        guard case .prompt(_, let field, _) = dialog.kind else { return XCTFail("not a prompt") }
        XCTAssertEqual(field.text.count, pasted.count)
    }
}

/// The `feedback-overdue` setting in `worklist.conf`.
final class FeedbackConfigTests: XCTestCase {
    func testOverdueDefaultsToADay() throws {
        XCTAssertEqual(try WorklistConfig(text: "", file: "worklist.conf").feedbackOverdueMilliseconds, 86_400_000)
    }

    func testOverdueReadsUnits() throws {
        for (text, milliseconds) in [("90m", Int64(5_400_000)), ("24h", 86_400_000), ("2d", 172_800_000), ("30d", 2_592_000_000)] {
            let config = try WorklistConfig(text: "feedback-overdue = \(text)\n", file: "worklist.conf")
            XCTAssertEqual(config.feedbackOverdueMilliseconds, milliseconds, text)
        }
    }

    func testWindowsLineEndingsParse() throws {
        let config = try WorklistConfig(text: "feedback-overdue = 2h\r\ncritical-within = 30\r\n", file: "worklist.conf")
        XCTAssertEqual(config.feedbackOverdueMilliseconds, 7_200_000)
        XCTAssertEqual(config.criticalWithinMinutes, 30)
    }

    func testOverdueRejectsBadValues() {
        for text in ["24", "0h", "-1h", "31d", "h", "1.5h", "1w"] {
            XCTAssertThrowsError(try WorklistConfig(text: "feedback-overdue = \(text)\n", file: "worklist.conf"), text) { error in
                XCTAssertEqual("\(error)", "worklist.conf:1: feedback-overdue \"\(text)\" is not a duration from 1m to 30d; "
                               + "write a number with m, h or d, as in \"24h\"")
            }
        }
    }
}
