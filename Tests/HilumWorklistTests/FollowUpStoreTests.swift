import Foundation
import HilumCore
import HilumCrypto
@testable import HilumCommands
import HilumLedger
import HilumNet
import HilumReporting
import HilumWorklist
import XCTest

/// The Follow-ups screen's reads against the demo network: a report signed
/// through the store with a recommendation and a critical result, then the
/// client's status and the clinician's acknowledgment from their own feeds.
final class FollowUpStoreTests: XCTestCase {
    private var directory = ""
    private var network: DemoNetwork!
    private var engine: SyncEngine!
    private var store: WorklistStore!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "hilum-follow-ups-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        network = DemoNetwork(directory: directory, caseCount: 24, earlierReads: false)
        try network.generate()
        try DemoCommand.write(network, nodeAddress: PeerAddress(host: "127.0.0.1", port: 9))
        let demo = try XCTUnwrap(network.members.first { $0.name == "Dr Demo Radiologist" })
        let path = demo.home + "/replica.sqlite"
        let certificate = try XCTUnwrap(LedgerReader(path: path).deviceEvent(demo.record.device))
        engine = try SyncEngine(configuration: .init(storePath: path, local: LocalIdentity(signingKey: demo.secrets.device, deviceEvent: certificate),
                                                     isNode: false), log: NodeLog(path: nil, echo: false))
        store = try WorklistStore(replicaPath: path, record: demo.record, secrets: demo.secrets, engine: engine)
    }

    override func tearDownWithError() throws {
        engine?.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    private let recommendation = FollowUpRecommendation(
        finding: "Solid nodule, 7 mm, right upper lobe", guideline: "Fleischner Society", guidelineVersion: "2017",
        guidelineCode: "FLEISCHNER-2017", modality: "CT", intervalDays: 90, dueDate: "2027-03-04", urgency: .routine,
        text: "CT at 6-12 months.")

    /// Signs a report on the first case to read with one recommendation and a red critical result.
    private func signReport() throws -> (caseID: EventID, signed: ReportSigning.Signed) {
        let row = try XCTUnwrap(try store.toRead(now: Clock.nowMilliseconds()).first)
        let entry = try XCTUnwrap(try TemplateCatalog.builtIn().choose(modality: row.modality, bodyRegion: row.region))
        var filled = FilledTemplate(template: entry.template)
        for field in entry.template.allFields where field.isRequired {
            try filled.set(.text("No acute abnormality."), for: field.id)
        }
        let critical = CriticalFlag(category: .red, message: "Call the reading room about the finding", acknowledgeWithinMinutes: 60)
        let signed = try store.signReport(row.caseID, filled: filled, recommendations: [recommendation], critical: critical,
                                          overrides: [], at: Clock.nowMilliseconds())
        return (row.caseID, signed)
    }

    /// Signs `body` as the demo member named `name` and stores it as sync would.
    private func publish(_ body: some EventBody, as name: String) throws {
        let member = try XCTUnwrap(network.members.first { $0.name == name })
        let report = try engine.submit([try member.sign(body, at: Clock.nowMilliseconds())])
        XCTAssertEqual(report.rejected.count, 0, "\(report.rejected)")
    }

    private func caseMembers(_ caseID: EventID) throws -> (client: String, clinician: String) {
        let detail = try store.caseDetail(caseID)
        return (detail.client, try XCTUnwrap(detail.grant?.clinicianName))
    }

    func testFollowUpListsWithDueDateAndFinding() throws {
        let (caseID, signed) = try signReport()
        let rows = try store.followUps()
        XCTAssertEqual(rows.count, 1)
        let row = try XCTUnwrap(rows.first)
        XCTAssertEqual(row.id, signed.followUps.first?.event.id)
        XCTAssertEqual(row.caseID, caseID)
        XCTAssertEqual(row.modality, "CT")
        XCTAssertEqual(row.intervalDays, 90)
        XCTAssertEqual(row.guideline, "FLEISCHNER-2017")
        XCTAssertEqual(row.dueAt, signed.report.event.timestamp + 90 * 86_400_000)
        XCTAssertEqual(row.status, .recommended)
        XCTAssertEqual(row.finding, "Solid nodule, 7 mm, right upper lobe")
        let dueAt = try XCTUnwrap(row.dueAt)
        XCTAssertFalse(row.isOverdue(now: dueAt - 1))
        XCTAssertTrue(row.isOverdue(now: dueAt))
    }

    func testClientStatusShowsOnTheFollowUp() throws {
        let (caseID, signed) = try signReport()
        let followUp = try XCTUnwrap(signed.followUps.first?.event.id)
        let members = try caseMembers(caseID)
        try publish(FollowUpStatusBody(recommendation: followUp, state: .scheduled, at: Clock.nowMilliseconds()), as: members.client)
        XCTAssertEqual(try store.followUps().first?.status, .scheduled)
        try publish(FollowUpStatusBody(recommendation: followUp, state: .completed, at: Clock.nowMilliseconds()), as: members.client)
        let row = try XCTUnwrap(try store.followUps().first)
        XCTAssertEqual(row.status, .completed)
        XCTAssertFalse(row.isOverdue(now: Int64.max), "a completed follow-up is never overdue")
    }

    func testStatusDatesOutsideTheFollowUpAreIgnored() throws {
        let (caseID, signed) = try signReport()
        let followUp = try XCTUnwrap(signed.followUps.first?.event.id)
        let members = try caseMembers(caseID)
        let member = try XCTUnwrap(network.members.first { $0.name == members.client })
        let now = Clock.nowMilliseconds()
        for (state, at) in [(FollowUpState.completed, Int64(0)), (.completed, now + 3 * 86_400_000), (.declined, now + 3 * 86_400_000)] {
            _ = try engine.submit([try member.sign(FollowUpStatusBody(recommendation: followUp, state: state, at: at), at: now)])
            XCTAssertEqual(try store.followUps().first?.status, .recommended, "\(state.name) dated \(at) was applied")
        }
        try publish(FollowUpStatusBody(recommendation: followUp, state: .scheduled, at: now + 30 * 86_400_000), as: members.client)
        XCTAssertEqual(try store.followUps().first?.status, .scheduled, "a follow-up may be scheduled for a later day")
        // Signed a second later, because statuses signed in the same millisecond apply in id order.
        let clinician = try XCTUnwrap(network.members.first { $0.name == members.clinician })
        let completion = try clinician.sign(FollowUpStatusBody(recommendation: followUp, state: .completed, at: now),
                                            at: Clock.nowMilliseconds() + 1000)
        XCTAssertEqual(try engine.submit([completion]).rejected.count, 0)
        XCTAssertEqual(try store.followUps().first?.status, .completed, "the referring clinician reports completion")
    }

    func testCriticalResultCountsDownUntilAcknowledged() throws {
        let (caseID, signed) = try signReport()
        let critical = try XCTUnwrap(signed.critical)
        let row = try XCTUnwrap(try store.criticalResults().first)
        XCTAssertEqual(row.id, critical.id)
        XCTAssertEqual(row.category, .red)
        XCTAssertEqual(row.message, "Call the reading room about the finding")
        XCTAssertEqual(row.dueAt, critical.event.timestamp + 60 * 60_000)
        XCTAssertNil(row.acknowledgedAt)
        let before = try store.pendingCriticalResults(now: row.dueAt - 1)
        XCTAssertEqual(before.unacknowledged, 1)
        XCTAssertEqual(before.overdue, 0)
        XCTAssertEqual(try store.pendingCriticalResults(now: row.dueAt).overdue, 1)

        let members = try caseMembers(caseID)
        XCTAssertEqual(row.clinician, members.clinician)
        try publish(AcknowledgmentBody(criticalResult: critical.id), as: members.clinician)
        let acknowledged = try XCTUnwrap(try store.criticalResults().first)
        XCTAssertNotNil(acknowledged.acknowledgedAt)
        XCTAssertFalse(acknowledged.isOverdue(now: Int64.max))
        XCTAssertEqual(try store.pendingCriticalResults(now: Int64.max).unacknowledged, 0)
    }

    func testReportRecordsTheCriticalCommunication() throws {
        let (_, signed) = try signReport()
        guard case let .report(body) = signed.report.event.content else { return XCTFail("not a report event") }
        let demo = try XCTUnwrap(network.members.first { $0.name == "Dr Demo Radiologist" })
        let plain = try Sealer.open(body.sealed, as: demo.identity, key: demo.secrets.encryption)
        let payload = try plain.withBytes { try ReportPayload.decode(Array($0)) }
        XCTAssertEqual(payload.criticalResults.map(\.category), ["red"])
        XCTAssertEqual(payload.criticalResults.first?.message, "Call the reading room about the finding")
        XCTAssertEqual(payload.criticalResults.first?.acknowledgeWithinMinutes, 60)
        XCTAssertFalse(payload.criticalResults.first?.recipientName.isEmpty ?? true)
    }

    func testCriticalWithoutClinicianPublishesNothing() throws {
        let demo = try XCTUnwrap(network.members.first { $0.name == "Dr Demo Radiologist" })
        let template = try XCTUnwrap(try TemplateCatalog.builtIn().choose(modality: "CT", bodyRegion: "HEAD")).template
        let critical = CriticalFlag(category: .orange, message: "Call me", acknowledgeWithinMinutes: 360)
        var published = 0
        XCTAssertThrowsError(try ReportSigning.sign(
            case: demo.certificate.id, filled: FilledTemplate(template: template), radiologistName: demo.name, at: 0,
            recommendations: [], critical: critical, overrides: [],
            readers: .init(client: demo.recipient, clinician: nil, radiologist: demo.recipient)) { _ in
                published += 1
                return demo.certificate
            }) { error in
            XCTAssertTrue("\(error)".contains("names no referring clinician"), "\(error)")
        }
        XCTAssertEqual(published, 0)
    }
}
