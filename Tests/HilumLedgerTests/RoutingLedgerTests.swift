import HilumCore
import HilumCrypto
import HilumLedger
import XCTest

/// Routing decisions and measure outcomes on the ledger: the projector's
/// rules, the public counts they give, and two replicas agreeing on them.
final class RoutingLedgerTests: XCTestCase {
    private struct Routed {
        let fixture: NetworkFixture
        let client: Person
        let cheap: Person
        let dear: Person
        let clinician: Person
        let posting: VerifiedEvent
        let cheapBid: VerifiedEvent
        let dearBid: VerifiedEvent
    }

    /// Two licensed radiologists bid 90.00 and 110.00 on one STAT chest CT.
    private func routedCase() throws -> Routed {
        let fixture = NetworkFixture()
        let cast = try fixture.basicCast()
        let cheap = try fixture.person(.radiologist, "Dr. Ben Okafor")
        try fixture.licence(cheap, by: cast.credentialer)
        let posting = try fixture.post(cast.client)
        let dearBid = try fixture.bid(cast.radiologist, on: posting, price: 11_000)
        let cheapBid = try fixture.bid(cheap, on: posting, price: 9_000)
        return Routed(fixture: fixture, client: cast.client, cheap: cheap, dear: cast.radiologist, clinician: cast.clinician,
                      posting: posting, cheapBid: cheapBid, dearBid: dearBid)
    }

    private func ingest(_ fixture: NetworkFixture) throws -> TemporaryReplica {
        let replica = try TemporaryReplica()
        _ = try replica.store.ingest(fixture.encodedEvents, receivedAt: NetworkFixture.epoch)
        return replica
    }

    private func quarantineCode(_ replica: TemporaryReplica, _ event: VerifiedEvent) throws -> String? {
        try replica.store.text("SELECT code FROM quarantine WHERE event_id = ?", event.id.bytes)
    }

    func testRouterLoadsBidsWithFigures() throws {
        let routed = try routedCase()
        let replica = try ingest(routed.fixture)
        let loaded = try Router.load(routed.posting.id, database: replica.store.database, at: routed.fixture.tick())
        let (routingCase, candidates) = try XCTUnwrap(loaded)
        XCTAssertEqual(routingCase.priority, .stat)
        XCTAssertEqual(routingCase.jurisdiction, NetworkFixture.jurisdiction)
        XCTAssertEqual(candidates.map(\.price), [11_000, 9_000], "in bid order")
        XCTAssertEqual(candidates.map(\.licensed), [true, true])
        XCTAssertEqual(candidates.first?.rating.count, 0)
        let decision = Router.decide(routingCase, candidates: candidates, policy: RoutingPolicy())
        XCTAssertEqual(decision.chosen?.radiologist, routed.cheap.identity)
    }

    func testDecisionCountsPickedAndPassedOver() throws {
        let routed = try routedCase()
        let fixture = routed.fixture
        try fixture.sign(routed.client, RoutingDecisionBody(posting: routed.posting.id, chosenBid: routed.cheapBid.id,
                                                            passedOver: [PassedOverBid(bid: routed.dearBid.id, figure: .price, rule: .outranked)]))
        let wrong = try fixture.assign(routed.client, routed.posting, to: routed.dear, bid: routed.dearBid, clinician: nil)
        let right = try fixture.sign(routed.client, AssignmentBody(posting: routed.posting.id, radiologist: routed.cheap.identity,
                                                                   bid: routed.cheapBid.id, clinician: nil, price: 9_000, currency: "USD"))
        let replica = try ingest(fixture)
        XCTAssertEqual(try quarantineCode(replica, wrong), "not-routed-choice")
        XCTAssertNil(try quarantineCode(replica, right))
        let picked = try RoutingRecord(radiologist: routed.cheap.identity, database: replica.store.database)
        XCTAssertEqual(picked.picked, 1)
        XCTAssertEqual(picked.passedOver, 0)
        let passed = try RoutingRecord(radiologist: routed.dear.identity, database: replica.store.database)
        XCTAssertEqual(passed.picked, 0)
        XCTAssertEqual(passed.passedOver, 1)
        XCTAssertEqual(passed.passedOverBy[.price]?[.outranked], 1)
        XCTAssertEqual(passed.breakdown, "price 1 (outranked 1)")
    }

    func testDecisionRulesQuarantine() throws {
        let routed = try routedCase()
        let fixture = routed.fixture
        _ = try fixture.sign(routed.dear, WithdrawalBody(target: routed.dearBid.id))
        let stranger = try fixture.person(.client, "Harbour Imaging")
        let notPoster = try fixture.sign(stranger, RoutingDecisionBody(posting: routed.posting.id, chosenBid: routed.cheapBid.id, passedOver: []))
        let withdrawnPass = try fixture.sign(routed.client, RoutingDecisionBody(
            posting: routed.posting.id, chosenBid: routed.cheapBid.id,
            passedOver: [PassedOverBid(bid: routed.dearBid.id, figure: .price, rule: .outranked)]))
        let first = try fixture.sign(routed.client, RoutingDecisionBody(posting: routed.posting.id, chosenBid: routed.cheapBid.id, passedOver: []))
        let second = try fixture.sign(routed.client, RoutingDecisionBody(posting: routed.posting.id, chosenBid: routed.cheapBid.id, passedOver: []))
        let replica = try ingest(fixture)
        XCTAssertEqual(try quarantineCode(replica, notPoster), "not-poster")
        XCTAssertEqual(try quarantineCode(replica, withdrawnPass), "bid-mismatch", "the passed-over bid was withdrawn")
        XCTAssertNil(try quarantineCode(replica, first))
        XCTAssertEqual(try quarantineCode(replica, second), "already-routed")
    }

    func testMeasureOutcomesTallyAndRules() throws {
        let fixture = NetworkFixture()
        let cast = try fixture.basicCast()
        let other = try fixture.person(.radiologist, "Dr. Ben Okafor")
        var reports: [VerifiedEvent] = []
        for index in 0..<6 {
            let reported = try fixture.reportedCase(client: cast.client, radiologist: cast.radiologist, clinician: cast.clinician)
            reports.append(reported.report)
            let result: MeasureResult = index < 4 ? .numerator : (index == 4 ? .notNumerator : .excluded)
            try fixture.sign(cast.radiologist, MeasureOutcomesBody(report: reported.report.id, outcomes: [
                MeasureOutcome(measure: "MIPS-436", result: result),
            ]))
        }
        let again = try fixture.sign(cast.radiologist, MeasureOutcomesBody(report: reports[0].id, outcomes: [
            MeasureOutcome(measure: "MIPS-364", result: .numerator),
        ]))
        let notAuthor = try fixture.sign(other, MeasureOutcomesBody(report: reports[1].id, outcomes: [
            MeasureOutcome(measure: "MIPS-364", result: .numerator),
        ]))
        let replica = try ingest(fixture)
        XCTAssertEqual(try quarantineCode(replica, again), "already-recorded")
        XCTAssertEqual(try quarantineCode(replica, notAuthor), "not-author")
        let tallies = try MeasureTally.all(radiologist: cast.radiologist.identity, database: replica.store.database)
        XCTAssertEqual(tallies, [MeasureTally(measure: "MIPS-436", numerator: 4, denominator: 5, excluded: 1)])
        XCTAssertEqual(tallies.first?.rate, 0.8)
        XCTAssertNil(MeasureTally(measure: "MIPS-364", numerator: 3, denominator: 4, excluded: 0).rate, "too few cases")
    }

    func testTwoReplicasAgreeOnRoutingAndMeasures() throws {
        let routed = try routedCase()
        let fixture = routed.fixture
        try fixture.sign(routed.client, RoutingDecisionBody(posting: routed.posting.id, chosenBid: routed.cheapBid.id,
                                                            passedOver: [PassedOverBid(bid: routed.dearBid.id, figure: .price, rule: .outranked)]))
        try fixture.sign(routed.client, AssignmentBody(posting: routed.posting.id, radiologist: routed.cheap.identity,
                                                       bid: routed.cheapBid.id, clinician: routed.clinician.identity, price: 9_000, currency: "USD"))
        let report = try fixture.report(routed.cheap, routed.posting, sealedTo: [routed.client, routed.clinician])
        try fixture.sign(routed.cheap, MeasureOutcomesBody(report: report.id, outcomes: [MeasureOutcome(measure: "MIPS-364", result: .numerator)]))

        let inOrder = try ingest(fixture)
        let shuffled = try TemporaryReplica()
        var generator = SeededGenerator(seed: 7)
        for event in fixture.encodedEvents.shuffled(using: &generator) {
            _ = try shuffled.store.ingest([event], receivedAt: NetworkFixture.epoch)
        }
        assertSameProjection(try inOrder.store.projectionSnapshot(), try shuffled.store.projectionSnapshot())
        for replica in [inOrder, shuffled] {
            XCTAssertEqual(try RoutingRecord(radiologist: routed.dear.identity, database: replica.store.database).passedOver, 1)
            XCTAssertEqual(try MeasureTally.all(radiologist: routed.cheap.identity, database: replica.store.database).first?.numerator, 1)
        }
    }
}
