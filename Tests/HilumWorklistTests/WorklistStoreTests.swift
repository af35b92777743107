import Foundation
import HilumCore
import HilumCrypto
@testable import HilumCommands
import HilumLedger
import HilumNet
import HilumWorklist
import XCTest

/// The worklist's data against the demo network, built in-process.
final class WorklistStoreTests: XCTestCase {
    private var directory = ""
    private var network: DemoNetwork!
    private var engine: SyncEngine!
    private var store: WorklistStore!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "hilum-worklist-\(UUID().uuidString)"
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

    func testMarketShowsOnlyLicensedOpenPostingsStatFirst() throws {
        let now = Clock.nowMilliseconds()
        let rows = try store.market(now: now)
        XCTAssertFalse(rows.isEmpty)
        XCTAssertTrue(rows.allSatisfy { ["US-CA", "US-NY"].contains($0.jurisdiction) }, "no Bavarian case for a US-licensed radiologist")
        XCTAssertTrue(rows.allSatisfy { $0.deadlineAt > now })
        XCTAssertEqual(rows.map(\.priority.rawValue), rows.map(\.priority.rawValue).sorted())
        for priority in Set(rows.map(\.priority)) {
            let deadlines = rows.filter { $0.priority == priority }.map(\.deadlineAt)
            XCTAssertEqual(deadlines, deadlines.sorted(), "within \(priority.name), the soonest deadline comes first")
        }
    }

    func testBidThenWithdrawShowsOnTheMarketRow() throws {
        let now = Clock.nowMilliseconds()
        let target = try XCTUnwrap(try store.market(now: now).first { $0.myBid == nil })
        let bid = try store.bid(on: target.caseID, price: 4200, turnaroundMinutes: 50)
        let after = try XCTUnwrap(try store.market(now: now).first { $0.caseID == target.caseID })
        XCTAssertEqual(after.myBid?.id, bid.id)
        XCTAssertEqual(after.myBid?.price, 4200)
        XCTAssertEqual(after.bidCount, target.bidCount + 1)
        try store.withdraw(bid: bid.id)
        XCTAssertNil(try store.market(now: now).first { $0.caseID == target.caseID }?.myBid)
    }

    func testBidOnACaseWithoutALicenceIsRefusedWithTheReason() throws {
        // The newest Bavarian posting, so its deadline has not passed.
        let bavarian = try XCTUnwrap(network.clientCases[directory + "/client-klinikum"]?.max { $0.1.postedAt < $1.1.postedAt })
        XCTAssertThrowsError(try store.bid(on: bavarian.0, price: 5000, turnaroundMinutes: 60)) { error in
            XCTAssertTrue("\(error)".contains("no valid licence for DE-BY"), "\(error)")
        }
    }

    func testToReadListsAssignedCasesWithGrantAndHistory() throws {
        let rows = try store.toRead(now: Clock.nowMilliseconds())
        XCTAssertGreaterThanOrEqual(rows.count, 3)
        XCTAssertTrue(rows.allSatisfy { $0.status == .new })
        let detail = try store.caseDetail(rows[0].caseID)
        XCTAssertEqual(detail.assignee, "Dr Demo Radiologist")
        let grant = try XCTUnwrap(detail.grant)
        XCTAssertNotNil(grant.patient.name)
        XCTAssertEqual(grant.dicomwebURL, "http://127.0.0.1:8042/dicom-web")
        let history = try XCTUnwrap(detail.history)
        XCTAssertFalse(history.sections.isEmpty)
        XCTAssertEqual(detail.notes, [])
    }

    func testCountdownFormats() {
        XCTAssertEqual(countdown(until: 45 * 60_000, now: 0), "45m")
        XCTAssertEqual(countdown(until: 190 * 60_000, now: 0), "3h 10m")
        XCTAssertEqual(countdown(until: 52 * 3_600_000, now: 0), "2d 4h")
        XCTAssertEqual(countdown(until: 0, now: 12 * 60_000), "-12m")
    }
}
