import HilumCore
import HilumCrypto
import HilumLedger
import XCTest

/// Quality figures on small ledgers whose answers are computed by hand.
final class QualityMetricsTests: XCTestCase {
    private let minute: Int64 = 60_000

    /// Posts, assigns and reports one STAT case per turnaround (in minutes),
    /// with a 4-hour deadline, and rates each report.
    private func ledger(turnarounds: [Int64], ratings: [UInt8?] = []) throws
        -> (fixture: NetworkFixture, radiologist: Person, replica: TemporaryReplica) {
        let fixture = NetworkFixture()
        let cast = try fixture.basicCast()
        for (index, minutes) in turnarounds.enumerated() {
            let posting = try fixture.post(cast.client)
            try fixture.assign(cast.client, posting, to: cast.radiologist, bid: nil, clinician: cast.clinician)
            fixture.tick(minutes * minute - 1000)
            let report = try fixture.report(cast.radiologist, posting, sealedTo: [cast.client, cast.clinician])
            if index < ratings.count, let rating = ratings[index] {
                try fixture.sign(cast.clinician, FeedbackBody(report: report.id, rating: rating, isQuestion: false, sealed: nil))
            }
        }
        let replica = try TemporaryReplica()
        let result = try replica.store.ingest(fixture.encodedEvents, receivedAt: NetworkFixture.epoch)
        let reasons = try replica.store.log(limit: 100).compactMap(\.quarantineReason).joined(separator: "; ")
        XCTAssertEqual(result.quarantined, 0, reasons)
        return (fixture, cast.radiologist, replica)
    }

    func testNearestRankPercentiles() {
        XCTAssertEqual(QualityMetrics.nearestRank([10, 20, 30, 40, 50], percentile: 50), 30)
        XCTAssertEqual(QualityMetrics.nearestRank([10, 20, 30, 40, 50], percentile: 90), 50)
        XCTAssertEqual(QualityMetrics.nearestRank([10, 20, 30, 40], percentile: 50), 20, "rank ceil(0.5 x 4) = 2")
        XCTAssertEqual(QualityMetrics.nearestRank([7, 7, 7], percentile: 90), 7, "ties")
        XCTAssertNil(QualityMetrics.nearestRank([], percentile: 50))
    }

    func testTurnaroundOnTimeShareAndRatings() throws {
        // Turnarounds 30, 60, 90, 120 and 300 minutes; the last misses the 4-hour deadline.
        let (fixture, radiologist, replica) = try ledger(turnarounds: [30, 60, 90, 120, 300], ratings: [5, 4, 4, 3, 2])
        let metrics = try QualityMetrics(radiologist: radiologist.identity, database: replica.store.database, asOf: fixture.tick())
        XCTAssertEqual(metrics.turnaroundMedian[.stat]?.value, Double(90 * minute))
        XCTAssertEqual(metrics.turnaroundP90[.stat]?.value, Double(300 * minute))
        XCTAssertEqual(metrics.turnaroundMedian[.stat]?.count, 5)
        XCTAssertNil(metrics.turnaroundMedian[.routine]?.value, "no routine cases")
        XCTAssertEqual(metrics.signedOnTime.value, 0.8)
        XCTAssertEqual(metrics.ratingAllTime.value, 3.6)
        XCTAssertEqual(metrics.ratingRecent.value, 3.6)
        XCTAssertEqual(metrics.addendumRate.value, 0)
    }

    func testTooFewCasesGiveNoFigure() throws {
        let (fixture, radiologist, replica) = try ledger(turnarounds: [30, 60, 90], ratings: [5, 5, 5])
        let metrics = try QualityMetrics(radiologist: radiologist.identity, database: replica.store.database, asOf: fixture.tick())
        XCTAssertNil(metrics.signedOnTime.value)
        XCTAssertEqual(metrics.signedOnTime.count, 3)
        XCTAssertEqual(metrics.signedOnTime.formatted { "\($0)" }, "too few cases (n=3)")
        XCTAssertNil(metrics.ratingAllTime.value)
    }

    func testRatingsOlderThanNinetyDaysLeaveTheRecentFigure() throws {
        let (fixture, radiologist, replica) = try ledger(turnarounds: [30, 30, 30, 30, 30], ratings: [1, 1, 1, 1, 1])
        let later = fixture.tick(91 * NetworkFixture.day)
        let metrics = try QualityMetrics(radiologist: radiologist.identity, database: replica.store.database, asOf: later)
        XCTAssertEqual(metrics.ratingAllTime.value, 1)
        XCTAssertEqual(metrics.ratingRecent.count, 0)
        XCTAssertNil(metrics.ratingRecent.value)
    }

    func testTwoReplicasWithTheSameEventsAgree() throws {
        let (fixture, radiologist, replica) = try ledger(turnarounds: [30, 60, 90, 120, 300], ratings: [5, 4, 4, 3, 2])
        let other = try TemporaryReplica()
        _ = try other.store.ingest(fixture.encodedEvents.reversed(), receivedAt: NetworkFixture.epoch)
        let asOf = fixture.tick()
        let one = try QualityMetrics(radiologist: radiologist.identity, database: replica.store.database, asOf: asOf)
        let two = try QualityMetrics(radiologist: radiologist.identity, database: other.store.database, asOf: asOf)
        XCTAssertEqual(one.figures, two.figures)
    }
}

extension QualityMetricsTests {
    func testASecondRatingOfTheSameReportIsQuarantined() throws {
        let fixture = NetworkFixture()
        let cast = try fixture.basicCast()
        let posting = try fixture.post(cast.client)
        try fixture.assign(cast.client, posting, to: cast.radiologist, bid: nil, clinician: cast.clinician)
        let report = try fixture.report(cast.radiologist, posting, sealedTo: [cast.client, cast.clinician])
        try fixture.sign(cast.clinician, FeedbackBody(report: report.id, rating: 5, isQuestion: false, sealed: nil))
        let second = try fixture.sign(cast.clinician, FeedbackBody(report: report.id, rating: 1, isQuestion: false, sealed: nil))
        let question = try fixture.sign(cast.clinician, FeedbackBody(report: report.id, rating: nil, isQuestion: true,
                                                                     sealed: try fixture.seal("Any change since 2023?", to: [cast.radiologist])))
        let replica = try TemporaryReplica()
        _ = try replica.store.ingest(fixture.encodedEvents, receivedAt: NetworkFixture.epoch)
        XCTAssertEqual(try replica.store.quarantine(of: second.id)?.code, "already-rated")
        XCTAssertNil(try replica.store.quarantine(of: question.id), "questions are not ratings")
    }
}

/// Events a device signs for itself are kept only when the rules accept them.
final class OwnEventTests: XCTestCase {
    func testARejectedOwnEventIsRolledBackAndTheFeedContinues() throws {
        let fixture = NetworkFixture()
        let cast = try fixture.basicCast()
        let posting = try fixture.post(cast.client)
        let replica = try TemporaryReplica()
        _ = try replica.store.ingest(fixture.encodedEvents, receivedAt: NetworkFixture.epoch)
        let writer = FeedWriter(device: cast.clinician.secrets.device)
        let before = try replica.store.stats().events

        // A clinician may not bid: the rules reject it, and nothing is kept.
        XCTAssertThrowsError(try writer.append(BidBody(posting: posting.id, price: 100, currency: "USD", turnaroundMinutes: 60),
                                               to: replica.store)) { error in
            XCTAssertTrue("\(error)".contains("role"), "\(error)")
        }
        XCTAssertEqual(try replica.store.stats().events, before)

        // The next accepted event takes the sequence the rejected one would have had.
        let head = try XCTUnwrap(try replica.store.ownHead(cast.clinician.device))
        let profile = try writer.append(ProfileBody(subspecialties: [], prices: [], currency: "USD", turnaroundMinutes: 60), to: replica.store)
        XCTAssertEqual(profile.event.sequence, head.sequence + 1)
        XCTAssertEqual(try replica.store.stats().events, before + 1)
        XCTAssertEqual(try replica.store.verify().map(\.reason), [])
    }
}
