import HilumCore
import HilumCrypto
import HilumLedger
import XCTest

/// Each authority rule of the projector: the offending event is stored,
/// quarantined with its code, and changes nothing else in the projection.
final class AuthorityTests: XCTestCase {
    private var fixture: NetworkFixture!
    private var temporary: TemporaryReplica!
    private var replica: Replica { temporary.store }

    override func setUpWithError() throws {
        fixture = NetworkFixture()
        temporary = try TemporaryReplica()
    }

    override func tearDown() {
        temporary = nil
        fixture = nil
    }

    /// Ingests everything the fixture has signed so far.
    private func ingestAll() throws {
        let report = try replica.ingest(fixture.encodedEvents, receivedAt: fixture.clock)
        XCTAssertEqual(report.rejected.count, 0)
        XCTAssertEqual(report.quarantined, 0, "the baseline must apply cleanly")
    }

    /// Ingests `event` on its own and checks it is quarantined with `code`
    /// while every projection table other than `quarantine` and `feeds` stays as it was.
    private func assertQuarantined(_ event: VerifiedEvent, code: String,
                                   file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try replica.projectionSnapshot()
        let quarantinedBefore = try replica.quarantineCount()

        let report = try replica.ingest([event.event.encoded], receivedAt: fixture.clock)

        XCTAssertEqual(report.stored, 1, file: file, line: line)
        XCTAssertEqual(report.applied, 0, file: file, line: line)
        XCTAssertEqual(report.quarantined, 1, file: file, line: line)
        XCTAssertEqual(try replica.quarantine(of: event.id)?.code, code, file: file, line: line)
        XCTAssertEqual(try replica.quarantineCount(), quarantinedBefore + 1, file: file, line: line)
        XCTAssertTrue(try replica.isStored(event), "a quarantined event is kept", file: file, line: line)
        assertSameProjection(before, try replica.projectionSnapshot(), file: file, line: line)

        let entry = try replica.log(limit: 1000).first { $0.id == event.id }
        XCTAssertEqual(entry?.status, "quarantined", file: file, line: line)
        XCTAssertEqual(entry?.quarantineReason?.hasPrefix(code + ": "), true, file: file, line: line)

        // Every replica runs the same rules: another replica given the same events in feed order
        // (not signing order) quarantines the event with the same code and reaches the same state.
        let other = try TemporaryReplica()
        let otherReport = try other.store.ingest(try replica.allEncodedEvents(), receivedAt: fixture.clock)
        XCTAssertEqual(otherReport.quarantined, try Int(replica.quarantineCount()), file: file, line: line)
        XCTAssertEqual(try other.store.quarantine(of: event.id)?.code, code, file: file, line: line)
        XCTAssertEqual(try other.store.stateHash(), try replica.stateHash(), file: file, line: line)
    }

    private func bidCount(_ posting: VerifiedEvent) throws -> Int64? {
        try replica.scalar("SELECT bid_count FROM cases WHERE id = ?", posting.id.bytes)
    }

    // MARK: - Bids

    func testBidWithoutLicence() throws {
        let cast = try fixture.basicCast()
        let unlicensed = try fixture.person(.radiologist, "Dr. Unlicensed")
        let posting = try fixture.post(cast.client)
        try ingestAll()
        fixture.tick()

        XCTAssertThrowsError(try unlicensed.writer.append(BidBody(posting: posting.id, price: 10_000, currency: "USD",
                                                                  turnaroundMinutes: 60),
                                                          to: replica, at: fixture.tick())) { error in
            guard case let FeedWriter.Failure.quarantined(quarantine) = error else {
                return XCTFail("expected a quarantine, got \(error)")
            }
            XCTAssertEqual(quarantine.code, "no-licence")
            XCTAssertTrue(quarantine.reason.contains("US-CA"), quarantine.reason)
        }

        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM bids"), 0)
        XCTAssertEqual(try bidCount(posting), 0)
        XCTAssertEqual(try replica.caseStatus(posting), "open")
        XCTAssertEqual(try replica.quarantineCount(), 0, "a rejected own event is rolled back, not kept in quarantine")
    }

    func testBidWithLicenceForAnotherJurisdiction() throws {
        let cast = try fixture.basicCast()
        let newYorker = try fixture.person(.radiologist, "Dr. New York")
        try fixture.licence(newYorker, by: cast.credentialer, jurisdiction: "US-NY")
        let posting = try fixture.post(cast.client)
        try ingestAll()

        let bid = try fixture.bid(newYorker, on: posting)

        try assertQuarantined(bid, code: "no-licence")
        XCTAssertEqual(try bidCount(posting), 0)
    }

    func testBidWithExpiredLicence() throws {
        let cast = try fixture.basicCast()
        let lapsing = try fixture.person(.radiologist, "Dr. Lapsing")
        let expiry = fixture.clock + 60_000
        try fixture.licence(lapsing, by: cast.credentialer, validFrom: NetworkFixture.epoch - NetworkFixture.day, validUntil: expiry)
        let posting = try fixture.post(cast.client)
        let validBid = try fixture.bid(lapsing, on: posting, price: 10_500)
        try ingestAll()
        XCTAssertEqual(try bidCount(posting), 1, "the bid placed while the licence was valid counts")

        let lateBid = try fixture.bid(lapsing, on: posting, price: 10_000, at: expiry)

        try assertQuarantined(lateBid, code: "no-licence")
        XCTAssertEqual(try bidCount(posting), 1)
        XCTAssertNil(try replica.scalar("SELECT withdrawn_at FROM bids WHERE id = ?", validBid.id.bytes),
                     "a rejected bid must not replace the earlier one")
    }

    func testBidAfterDeadline() throws {
        let cast = try fixture.basicCast()
        let posting = try fixture.post(cast.client, NetworkFixture.chestCT(deadlineSeconds: 60))
        let postedAt = posting.event.timestamp
        try ingestAll()

        let late = try fixture.bid(cast.radiologist, on: posting, at: postedAt + 60_000)

        try assertQuarantined(late, code: "after-deadline")
        XCTAssertEqual(try bidCount(posting), 0)
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM bids"), 0)
    }

    func testBidJustBeforeDeadlineIsAccepted() throws {
        let cast = try fixture.basicCast()
        let posting = try fixture.post(cast.client, NetworkFixture.chestCT(deadlineSeconds: 60))
        let bid = try fixture.bid(cast.radiologist, on: posting, at: posting.event.timestamp + 59_999)

        try ingestAll()

        XCTAssertNil(try replica.quarantine(of: bid.id))
        XCTAssertEqual(try bidCount(posting), 1)
    }

    // MARK: - Assignment and access

    func testAssignmentByClientThatDidNotPost() throws {
        let cast = try fixture.basicCast()
        let otherClient = try fixture.person(.client, "Mercy Hospital")
        let posting = try fixture.post(cast.client)
        let bid = try fixture.bid(cast.radiologist, on: posting)
        try ingestAll()

        let assignment = try fixture.assign(otherClient, posting, to: cast.radiologist, bid: bid, clinician: cast.clinician)

        try assertQuarantined(assignment, code: "not-poster")
        XCTAssertEqual(try replica.caseStatus(posting), "open")
        XCTAssertEqual(try replica.scalar("SELECT assignee IS NULL FROM cases WHERE id = ?", posting.id.bytes), 1)
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM assignments"), 0)
    }

    func testAccessGrantToSomeoneOtherThanAssignee() throws {
        let cast = try fixture.basicCast()
        let bystander = try fixture.person(.radiologist, "Dr. Bystander")
        let posting = try fixture.post(cast.client)
        let bid = try fixture.bid(cast.radiologist, on: posting)
        try fixture.assign(cast.client, posting, to: cast.radiologist, bid: bid, clinician: cast.clinician)
        try ingestAll()

        let sealed = try fixture.seal("study link", to: [bystander])
        let grant = try fixture.signDetached(cast.client, AccessGrantBody(posting: posting.id, recipient: bystander.identity,
                                                                          expiresAt: fixture.clock + NetworkFixture.day,
                                                                          sealed: sealed))

        try assertQuarantined(grant, code: "wrong-recipient")
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM grants"), 0)
    }

    // MARK: - Reports

    func testReportByNonAssignee() throws {
        let cast = try fixture.basicCast()
        let other = try fixture.person(.radiologist, "Dr. Other")
        try fixture.licence(other, by: cast.credentialer)
        let posting = try fixture.post(cast.client)
        let bid = try fixture.bid(cast.radiologist, on: posting)
        try fixture.assign(cast.client, posting, to: cast.radiologist, bid: bid, clinician: cast.clinician)
        try ingestAll()

        let report = try fixture.report(other, posting, sealedTo: [cast.client, cast.clinician])

        try assertQuarantined(report, code: "not-assignee")
        XCTAssertEqual(try replica.caseStatus(posting), "assigned")
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM reports"), 0)
    }

    func testSecondReport() throws {
        let cast = try fixture.basicCast()
        let readCase = try fixture.reportedCase(client: cast.client, radiologist: cast.radiologist, clinician: cast.clinician)
        try ingestAll()
        XCTAssertEqual(try replica.caseStatus(readCase.posting), "reported")

        let second = try fixture.report(cast.radiologist, readCase.posting, sealedTo: [cast.client, cast.clinician])

        try assertQuarantined(second, code: "already-reported")
        XCTAssertEqual(try replica.caseStatus(readCase.posting), "reported")
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM reports"), 1)
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM reports WHERE id = ?", readCase.report.id.bytes), 1)
    }

    func testReportAfterSettlement() throws {
        let cast = try fixture.basicCast()
        let readCase = try fixture.reportedCase(client: cast.client, radiologist: cast.radiologist, clinician: cast.clinician)
        try fixture.settle(cast.client, readCase.posting, paying: cast.radiologist)
        try ingestAll()
        XCTAssertEqual(try replica.caseStatus(readCase.posting), "closed")

        let late = try fixture.report(cast.radiologist, readCase.posting, sealedTo: [cast.client, cast.clinician])

        try assertQuarantined(late, code: "case-closed")
        XCTAssertEqual(try replica.caseStatus(readCase.posting), "closed")
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM reports"), 1)
    }

    func testReportNotSealedToClinician() throws {
        let cast = try fixture.basicCast()
        let posting = try fixture.post(cast.client)
        let bid = try fixture.bid(cast.radiologist, on: posting)
        try fixture.assign(cast.client, posting, to: cast.radiologist, bid: bid, clinician: cast.clinician)
        try ingestAll()

        let report = try fixture.report(cast.radiologist, posting, sealedTo: [cast.client])

        try assertQuarantined(report, code: "not-sealed-to-reader")
        XCTAssertTrue(try replica.quarantine(of: report.id)?.reason.contains(cast.clinician.identity.short) ?? false,
                      "the reason names the reader left out")
        XCTAssertEqual(try replica.caseStatus(posting), "assigned")
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM reports"), 0)
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM quality_facts"), 0)
    }

    // MARK: - Feedback, credentials, peer review

    func testFeedbackByClinicianNotNamed() throws {
        let cast = try fixture.basicCast()
        let otherClinician = try fixture.person(.clinician, "Dr. Not Named")
        let readCase = try fixture.reportedCase(client: cast.client, radiologist: cast.radiologist, clinician: cast.clinician)
        try ingestAll()

        let feedback = try fixture.sign(otherClinician, FeedbackBody(report: readCase.report.id, rating: 1, isQuestion: false,
                                                                     sealed: nil))

        try assertQuarantined(feedback, code: "not-clinician")
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM feedback"), 0)
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM quality_facts WHERE fact = 'rating'"), 0)
    }

    func testFeedbackByNamedClinicianIsAccepted() throws {
        let cast = try fixture.basicCast()
        let readCase = try fixture.reportedCase(client: cast.client, radiologist: cast.radiologist, clinician: cast.clinician)
        let feedback = try fixture.sign(cast.clinician, FeedbackBody(report: readCase.report.id, rating: 4, isQuestion: false,
                                                                     sealed: nil))

        try ingestAll()

        XCTAssertNil(try replica.quarantine(of: feedback.id))
        XCTAssertEqual(try replica.scalar("SELECT rating FROM feedback WHERE id = ?", feedback.id.bytes), 4)
    }

    func testCredentialByRadiologist() throws {
        let cast = try fixture.basicCast()
        let colleague = try fixture.person(.radiologist, "Dr. Colleague")
        try ingestAll()
        let credentialsBefore = try replica.projectionSnapshot()["credentials"]

        XCTAssertThrowsError(try cast.radiologist.writer.append(
            CredentialBody(subject: colleague.identity, credentialKind: .licence, jurisdiction: NetworkFixture.jurisdiction,
                           subspecialty: nil, validFrom: NetworkFixture.epoch, validUntil: NetworkFixture.epoch + NetworkFixture.day),
            to: replica, at: fixture.tick())) { error in
            guard case let FeedWriter.Failure.quarantined(quarantine) = error else {
                return XCTFail("expected a quarantine, got \(error)")
            }
            XCTAssertEqual(quarantine.code, "wrong-role")
        }

        XCTAssertEqual(try replica.projectionSnapshot()["credentials"], credentialsBefore)
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM credentials WHERE subject = ?", colleague.identity.bytes), 0)
        XCTAssertEqual(try replica.quarantineCount(), 0, "a rejected own event is rolled back, not kept in quarantine")
    }

    func testCredentialByRadiologistThroughIngest() throws {
        let cast = try fixture.basicCast()
        try ingestAll()

        let selfLicence = try fixture.sign(cast.radiologist, CredentialBody(
            subject: cast.radiologist.identity, credentialKind: .licence, jurisdiction: "US-NY", subspecialty: nil,
            validFrom: NetworkFixture.epoch, validUntil: NetworkFixture.epoch + 365 * NetworkFixture.day))

        try assertQuarantined(selfLicence, code: "wrong-role")
    }

    func testPeerReviewOfOwnReport() throws {
        let cast = try fixture.basicCast()
        let readCase = try fixture.reportedCase(client: cast.client, radiologist: cast.radiologist, clinician: cast.clinician)
        try ingestAll()

        let review = try fixture.sign(cast.radiologist, PeerReviewBody(report: readCase.report.id, score: 1, significance: .none,
                                                                       sealed: nil))

        try assertQuarantined(review, code: "self-review")
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM peer_reviews"), 0)
        XCTAssertEqual(try replica.scalar("SELECT count(*) FROM quality_facts WHERE fact = 'radpeer_score'"), 0)
    }

    func testPeerReviewByAnotherRadiologistIsAccepted() throws {
        let cast = try fixture.basicCast()
        let reviewer = try fixture.person(.radiologist, "Dr. Reviewer")
        let readCase = try fixture.reportedCase(client: cast.client, radiologist: cast.radiologist, clinician: cast.clinician)
        let review = try fixture.sign(reviewer, PeerReviewBody(report: readCase.report.id, score: 3, significance: .likely,
                                                               sealed: nil))

        try ingestAll()

        XCTAssertNil(try replica.quarantine(of: review.id))
        XCTAssertEqual(try replica.scalar("SELECT value FROM quality_facts WHERE fact = 'radpeer_score' AND subject = ?",
                                          cast.radiologist.identity.bytes), 3)
    }
}
