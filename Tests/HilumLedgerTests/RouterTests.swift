import HilumCore
import HilumCrypto
import HilumLedger
import XCTest

/// Routing decisions on hand-built bids, where the expected pick is worked out by hand.
final class RouterTests: XCTestCase {
    private let routingCase = RoutingCase(id: Key32(unchecked: Array(repeating: 0xC1, count: 32)), client: Key32(unchecked: Array(repeating: 0x31, count: 32)),
                                          status: "open", priority: .stat, currency: "USD", jurisdiction: "US-CA", subspecialty: nil)

    private func candidate(_ tag: UInt8, price: UInt64, minutes: Int = 60, rating: Double? = nil, ratings: Int = 10,
                           onTime: Double? = nil, licensed: Bool = true, subspecialties: Set<String> = [], bidAt: Int64 = 0) -> RoutingCandidate {
        RoutingCandidate(bid: Key32(unchecked: Array(repeating: tag, count: 32)), radiologist: Key32(unchecked: Array(repeating: tag &+ 0x40, count: 32)),
                         price: price, turnaroundMinutes: minutes, bidAt: bidAt + Int64(tag), licensed: licensed, subspecialties: subspecialties,
                         rating: QualityFigure(name: "rating", definition: "", count: rating == nil ? 2 : ratings, value: rating),
                         onTime: QualityFigure(name: "on time", definition: "", count: onTime == nil ? 2 : 10, value: onTime))
    }

    private func pass(_ decision: RoutingDecision, _ tag: UInt8) -> RoutingDecision.Pass? {
        decision.passedOver.first { $0.candidate.bid.bytes[0] == tag }
    }

    func testCheapestPicksLowestPrice() {
        let decision = Router.decide(routingCase, candidates: [candidate(1, price: 12_000), candidate(2, price: 9_000)], policy: RoutingPolicy())
        XCTAssertEqual(decision.chosen?.bid.bytes[0], 2)
        XCTAssertEqual(decision.explanation, "cheapest eligible bid at 90.00 USD")
        XCTAssertEqual(pass(decision, 1)?.figure, .price)
        XCTAssertEqual(pass(decision, 1)?.rule, .outranked)
        XCTAssertEqual(pass(decision, 1)?.reason, "price 120.00 USD against 90.00 USD")
    }

    func testPriceTieFallsToTurnaroundThenBidTime() {
        var decision = Router.decide(routingCase, candidates: [candidate(1, price: 9_000, minutes: 90), candidate(2, price: 9_000, minutes: 30)],
                                     policy: RoutingPolicy())
        XCTAssertEqual(decision.chosen?.bid.bytes[0], 2)
        XCTAssertEqual(pass(decision, 1)?.figure, .turnaround)
        decision = Router.decide(routingCase, candidates: [candidate(2, price: 9_000), candidate(1, price: 9_000)], policy: RoutingPolicy())
        XCTAssertEqual(decision.chosen?.bid.bytes[0], 1, "equal on price, turnaround and rating: the earlier bid wins")
        XCTAssertEqual(pass(decision, 2)?.figure, .bidTime)
        XCTAssertEqual(pass(decision, 2)?.reason, "equal on every figure the policy weighs, and bid later")
    }

    func testPriceCeilingPassesOverDearBid() {
        var policy = RoutingPolicy()
        policy.preference = .fastest
        policy.maxPrice = 10_000
        let decision = Router.decide(routingCase, candidates: [candidate(1, price: 15_000, minutes: 20), candidate(2, price: 9_500, minutes: 50)],
                                     policy: policy)
        XCTAssertEqual(decision.chosen?.bid.bytes[0], 2)
        XCTAssertEqual(pass(decision, 1)?.figure, .price)
        XCTAssertEqual(pass(decision, 1)?.rule, .requirement)
        XCTAssertEqual(pass(decision, 1)?.reason, "price 150.00 USD is over the ceiling 100.00 USD")
        XCTAssertEqual(decision.explanation, "fastest committed turnaround among eligible bids, 50 min (the only eligible bid)")
    }

    func testTurnaroundLimitDependsOnPriority() {
        var policy = RoutingPolicy()
        policy.maxTurnaround = [.stat: 60, .routine: 1440]
        let slow = candidate(1, price: 8_000, minutes: 240)
        let quick = candidate(2, price: 9_000, minutes: 45)
        let stat = Router.decide(routingCase, candidates: [slow, quick], policy: policy)
        XCTAssertEqual(stat.chosen?.bid.bytes[0], 2)
        XCTAssertEqual(pass(stat, 1)?.reason, "turnaround 4 h is over the stat maximum 1 h")
        let routineCase = RoutingCase(id: routingCase.id, client: routingCase.client, status: "open", priority: .routine, currency: "USD",
                                      jurisdiction: "US-CA", subspecialty: nil)
        let routine = Router.decide(routineCase, candidates: [slow, quick], policy: policy)
        XCTAssertEqual(routine.chosen?.bid.bytes[0], 1, "4 h is within the routine maximum, and cheaper")
    }

    func testNoEligibleBidPicksNothing() {
        var policy = RoutingPolicy()
        policy.subspecialty = "NEURO"
        let decision = Router.decide(routingCase, candidates: [candidate(1, price: 9_000, licensed: false), candidate(2, price: 9_000)],
                                     policy: policy)
        XCTAssertNil(decision.chosen)
        XCTAssertNil(decision.body)
        XCTAssertEqual(decision.explanation, "no bid meets the policy's requirements")
        XCTAssertEqual(pass(decision, 1)?.figure, .licence)
        XCTAssertEqual(pass(decision, 1)?.reason, "no valid licence for US-CA")
        XCTAssertEqual(pass(decision, 2)?.figure, .subspecialty)
        XCTAssertEqual(Router.decide(routingCase, candidates: [], policy: policy).explanation, "no active bids on the case yet")
    }

    func testMinimumRatingAndTooFewCases() {
        var policy = RoutingPolicy()
        policy.minRating = 4.0
        let low = candidate(1, price: 7_000, rating: 3.5)
        let unrated = candidate(2, price: 8_000)
        let good = candidate(3, price: 9_000, rating: 4.5)
        var decision = Router.decide(routingCase, candidates: [low, unrated, good], policy: policy)
        XCTAssertEqual(decision.chosen?.bid.bytes[0], 2, "too-few-cases = accept lets an unrated radiologist through")
        XCTAssertEqual(pass(decision, 1)?.reason, "90-day rating 3.5 is below 4")
        policy.tooFewCases = .reject
        decision = Router.decide(routingCase, candidates: [low, unrated, good], policy: policy)
        XCTAssertEqual(decision.chosen?.bid.bytes[0], 3)
        XCTAssertEqual(pass(decision, 2)?.rule, .tooFewCases)
        XCTAssertEqual(pass(decision, 2)?.reason, "90-day rating rests on 2 ratings, fewer than 5")
    }

    func testBestRatedRanksUnratedLast() {
        var policy = RoutingPolicy()
        policy.preference = .bestRated
        let decision = Router.decide(routingCase, candidates: [candidate(1, price: 5_000), candidate(2, price: 9_000, rating: 4.1),
                                                               candidate(3, price: 9_500, rating: 4.8)], policy: policy)
        XCTAssertEqual(decision.chosen?.bid.bytes[0], 3)
        XCTAssertEqual(pass(decision, 2)?.figure, .rating)
        XCTAssertEqual(pass(decision, 1)?.reason, "90-day rating too few cases (n=2) against 4.8 (n=10)")
    }

    func testWeightedScoreByHand() {
        var policy = RoutingPolicy()
        policy.preference = .weighted
        policy.weightPrice = 1
        policy.weightTurnaround = 1
        policy.weightRating = 0
        // A: price 100, 120 min -> (1 + 0.5) / 2 = 0.75. B: price 200, 60 min -> (0.5 + 1) / 2 = 0.75. C: price 100, 60 min -> 1.
        let a = candidate(1, price: 10_000, minutes: 120)
        let b = candidate(2, price: 20_000, minutes: 60)
        var decision = Router.decide(routingCase, candidates: [a, b], policy: policy)
        XCTAssertEqual(decision.chosen?.bid.bytes[0], 1, "equal score 0.75: the cheaper bid wins the tie")
        XCTAssertEqual(pass(decision, 2)?.figure, .price)
        decision = Router.decide(routingCase, candidates: [a, b, candidate(3, price: 10_000, minutes: 60)], policy: policy)
        XCTAssertEqual(decision.chosen?.bid.bytes[0], 3)
        XCTAssertEqual(decision.explanation, "highest weighted score among eligible bids, 1")
        XCTAssertEqual(pass(decision, 1)?.reason, "weighted score 0.75 against 1")
    }

    func testDecisionBodyListsEveryPass() {
        var policy = RoutingPolicy()
        policy.maxPrice = 10_000
        let decision = Router.decide(routingCase, candidates: [candidate(1, price: 11_000), candidate(2, price: 9_000), candidate(3, price: 9_500)],
                                     policy: policy)
        let body = decision.body
        XCTAssertEqual(body?.chosenBid.bytes[0], 2)
        XCTAssertEqual(body?.passedOver.map { $0.bid.bytes[0] }, [3, 1])
        XCTAssertEqual(body?.passedOver.map(\.rule), [.outranked, .requirement])
    }
}
