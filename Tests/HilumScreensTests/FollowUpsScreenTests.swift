import Foundation
import HilumCore
@testable import HilumCommands
import HilumLedger
import HilumReporting
@testable import HilumScreens
import HilumTerminal
import HilumWorklist
import XCTest

/// The Follow-ups screen against the demo network, with reports the demo
/// radiologist signed just after the demo's time and the screen viewed 40
/// days later: one follow-up overdue, one scheduled, one completed, one
/// critical result overdue and one acknowledged.
@MainActor
final class FollowUpsScreenTests: XCTestCase {
    static let signedAt = ScreenFixture.now + 60_000
    static let viewedAt = ScreenFixture.now + 40 * 86_400_000

    private func withFixture(_ size: Size, _ body: (ScreenFixture) throws -> Void) throws {
        let fixture = try ScreenFixture(size: size, appNow: Self.viewedAt)
        defer { fixture.stop() }
        try addReports(fixture)
        fixture.press(.character("r"))
        try body(fixture)
    }

    private func recommendation(_ finding: String, modality: String, days: Int, guideline: String? = "FLEISCHNER-2017") -> FollowUpRecommendation {
        FollowUpRecommendation(finding: finding, guideline: guideline == nil ? nil : "Fleischner Society", guidelineVersion: "2017",
                               guidelineCode: guideline, modality: modality, intervalDays: days, dueDate: nil, urgency: .routine,
                               text: "\(modality) in \(days) days.")
    }

    /// Signs reports on three of the demo radiologist's cases at fixed times, with the clients' statuses and the clinicians' acknowledgments.
    private func addReports(_ fixture: ScreenFixture) throws {
        let members = fixture.network.members
        let demo = try XCTUnwrap(members.first { $0.name == "Dr Demo Radiologist" })
        func member(_ name: String) throws -> DemoNetwork.Member { try XCTUnwrap(members.first { $0.name == name }) }
        let cases = try fixture.store.toRead(now: ScreenFixture.now)
        XCTAssertGreaterThanOrEqual(cases.count, 3)
        let catalog = try TemplateCatalog.builtIn()
        var time = Self.signedAt
        var events: [VerifiedEvent] = []
        func sign(_ body: some EventBody, by signer: DemoNetwork.Member) throws -> VerifiedEvent {
            time += 1000
            let event = try signer.sign(body, at: time)
            events.append(event)
            return event
        }
        let plans: [(recommendations: [FollowUpRecommendation], critical: CriticalFlag?, status: FollowUpState?, acknowledge: Bool)] = [
            ([recommendation("Solid nodule, 7 mm, right upper lobe", modality: "CT", days: 30)],
             CriticalFlag(category: .red, message: "Tension pneumothorax, left: call the ward", acknowledgeWithinMinutes: 60), nil, false),
            ([recommendation("Adrenal nodule, 15 mm, left", modality: "CT", days: 90, guideline: nil)],
             CriticalFlag(category: .orange, message: "Suspected appendicitis", acknowledgeWithinMinutes: 360), .scheduled, true),
            ([recommendation("Ground-glass nodule, 5 mm, lingula", modality: "CT", days: 21)], nil, .completed, false),
        ]
        for (row, plan) in zip(cases, plans) {
            let detail = try fixture.store.caseDetail(row.caseID)
            let client = try member(detail.client)
            let clinician = try member(try XCTUnwrap(detail.grant?.clinicianName))
            let template = try XCTUnwrap(catalog.choose(modality: row.modality, bodyRegion: row.region)).template
            var filled = FilledTemplate(template: template)
            for field in template.allFields where field.isRequired { try filled.set(.text("Findings as above."), for: field.id) }
            let signed = try ReportSigning.sign(
                case: row.caseID, filled: filled, radiologistName: demo.name, at: time, recommendations: plan.recommendations,
                critical: plan.critical, clinicianName: clinician.name, overrides: [],
                readers: .init(client: client.recipient, clinician: clinician.recipient, radiologist: demo.recipient)) { body in
                    try sign(body, by: demo)
                }
            if let state = plan.status, let followUp = signed.followUps.first {
                _ = try sign(FollowUpStatusBody(recommendation: followUp.event.id, state: state, at: time), by: client)
            }
            if plan.acknowledge, let critical = signed.critical {
                time += 20 * 60_000
                _ = try sign(AcknowledgmentBody(criticalResult: critical.id), by: clinician)
            }
        }
        let report = try fixture.engine.submit(events)
        XCTAssertEqual(report.rejected.count, 0, "\(report.rejected)")
    }

    func testFollowUpsSnapshot() async throws {
        for size in WorklistScreenTests.sizes {
            try withFixture(size) { fixture in
                assertSnapshot(fixture.press(.character("5")), named: "follow-ups-\(size.width)x\(size.height)")
            }
        }
    }

    func testRowsInOrderWithStatus() async throws {
        try withFixture(WorklistScreenTests.sizes[1]) { fixture in
            let text = fixture.press(.character("5")).snapshot()
            let lines = text.split(separator: "\n").map(String.init)
            let order = ["Tension pneumothorax", "Ground-glass nodule", "Solid nodule", "Adrenal nodule", "Suspected appendicitis"]
            let positions = order.map { phrase in lines.firstIndex { $0.contains(phrase) } }
            XCTAssertTrue(positions.allSatisfy { $0 != nil }, "a row is missing:\n\(text)")
            XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted(), "rows out of order:\n\(text)")
            func line(_ phrase: String) -> String { lines.first { $0.contains(phrase) } ?? "" }
            XCTAssertTrue(line("Tension pneumothorax").contains("unack. overdue"), line("Tension pneumothorax"))
            XCTAssertTrue(line("Solid nodule").contains("overdue"), line("Solid nodule"))
            XCTAssertTrue(line("Ground-glass nodule").contains("completed"), line("Ground-glass nodule"))
            XCTAssertTrue(line("Adrenal nodule").contains("scheduled"), line("Adrenal nodule"))
            XCTAssertTrue(line("Adrenal nodule").contains("expert opinion"), line("Adrenal nodule"))
            XCTAssertTrue(line("Suspected appendicitis").contains("acknowledged"), line("Suspected appendicitis"))
            XCTAssertTrue(text.contains("5 Follow-ups 1!"), "the tab counts the unacknowledged result:\n\(text)")
        }
    }

    func testOverdueRowsUseTheAlarmColour() async throws {
        try withFixture(WorklistScreenTests.sizes[1]) { fixture in
            // The first row is selected and drawn in the selection's colour, so the second overdue row is checked.
            let frame = fixture.press(.character("5"))
            let y = try XCTUnwrap((0..<frame.size.height).first { frame.line($0).contains("Solid nodule") })
            let line = frame.line(y)
            for phrase in ["2026-04-01", "overdue", "Solid nodule"] {
                let x = line.distance(from: line.startIndex, to: try XCTUnwrap(line.range(of: phrase)).lowerBound)
                XCTAssertEqual(frame[x, y].role, .deadlineOverdue, "\(phrase) is not in the alarm colour")
            }
        }
    }

    func testEnterOpensTheCase() async throws {
        try withFixture(WorklistScreenTests.sizes[0]) { fixture in
            fixture.press(.character("5"))
            let selected = try XCTUnwrap(fixture.app.followUpList.selected?.caseID)
            fixture.press(.enter)
            XCTAssertEqual(fixture.app.screen, .caseDetail)
            XCTAssertEqual(fixture.app.caseScreen.caseID, selected)
            fixture.press(.escape)
            XCTAssertEqual(fixture.app.screen, .followUps, "Esc returns to Follow-ups")
        }
    }

    func testLockDropsTheRows() async throws {
        try withFixture(WorklistScreenTests.sizes[0]) { fixture in
            fixture.press(.character("5"))
            XCTAssertFalse(fixture.app.followUpList.rows.isEmpty)
            fixture.press(.character("L"))
            XCTAssertTrue(fixture.app.followUpList.rows.isEmpty, "decrypted findings kept while locked")
        }
    }
}
