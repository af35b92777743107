import HilumCore
import XCTest

/// Values that encode fine but are out of range or badly formed. Each case
/// is checked twice: `validate()` on the locally built body, as before
/// signing, and decoding the same body inside an event.
final class BodyValidationTests: XCTestCase {
    private func posting(deadlineSeconds: UInt32 = 3_600, price: UInt64 = 6_500, currency: String = "USD",
                         jurisdiction: String = "US-NY", modality: String = "CT", procedure: String = "CT CHEST WO CONTRAST",
                         seriesCount: UInt32 = 4, instanceCount: UInt32 = 1_212,
                         aiFindings: [AIFinding] = []) -> PostingBody {
        PostingBody(modality: modality, bodyRegion: "CHEST", procedure: procedure, priority: .urgent,
                    deadlineSeconds: deadlineSeconds, price: price, currency: currency, jurisdiction: jurisdiction,
                    subspecialty: "CHEST", seriesCount: seriesCount, instanceCount: instanceCount, aiFindings: aiFindings)
    }

    private func device(displayName: String) -> DeviceBody {
        DeviceBody(identity: Keys.radiologistIdentity, role: .radiologist, displayName: displayName,
                   encryptionKey: Keys.radiologistEncryption, issuedAt: sampleTimestamp, identitySignature: filler(64, seed: 1))
    }

    private func credential(jurisdiction: String = "US-CA", kind: CredentialKind = .licence, subspecialty: String? = nil,
                            validFrom: Int64 = 1_704_067_200_000, validUntil: Int64 = 1_767_225_600_000) -> CredentialBody {
        CredentialBody(subject: Keys.radiologistIdentity, credentialKind: kind, jurisdiction: jurisdiction,
                       subspecialty: subspecialty, validFrom: validFrom, validUntil: validUntil)
    }

    func testSamplesAreValid() {
        for sample in bodySamples {
            assertNoDecodeError(sample.name) { () throws(DecodeError) in try sample.body.validate() }
        }
    }

    // MARK: - Ratings and scores

    func testFeedbackRatingSix() {
        assertInvalid(FeedbackBody(report: Keys.report, rating: 6, isQuestion: false, sealed: nil),
                      .invalidValue(field: "feedback.rating", reason: "6 is outside 1 to 5"))
    }

    func testFeedbackRatingBounds() throws {
        for rating: UInt8 in 1...5 {
            let body = FeedbackBody(report: Keys.report, rating: rating, isQuestion: false, sealed: nil)
            XCTAssertEqual(try FeedbackBody.decode(body.encoded()), body)
        }
        assertInvalid(FeedbackBody(report: Keys.report, rating: 255, isQuestion: false, sealed: nil),
                      .invalidValue(field: "feedback.rating", reason: "255 is outside 1 to 5"))
    }

    func testFeedbackWithoutRatingOrMessage() {
        assertInvalid(FeedbackBody(report: Keys.report, rating: nil, isQuestion: false, sealed: nil),
                      .invalidValue(field: "feedback", reason: "needs a rating, a message or both"))
    }

    func testQuestionWithoutSealedText() {
        assertInvalid(FeedbackBody(report: Keys.report, rating: 3, isQuestion: true, sealed: nil),
                      .invalidValue(field: "feedback.sealed", reason: "a question needs its sealed text"))
    }

    func testPeerReviewScoreFive() {
        assertInvalid(PeerReviewBody(report: Keys.report, score: 5, significance: .likely, sealed: nil),
                      .invalidValue(field: "peerReview.score", reason: "5 is outside 1 to 4"))
    }

    func testPeerReviewScoreZero() {
        assertInvalid(PeerReviewBody(report: Keys.report, score: 0, significance: .none, sealed: nil),
                      .invalidValue(field: "peerReview.score", reason: "0 is outside 1 to 4"))
    }

    func testPeerReviewScoreOneWithSignificance() {
        for significance in [Significance.unlikely, .likely] {
            assertInvalid(PeerReviewBody(report: Keys.report, score: 1, significance: significance, sealed: nil),
                          .invalidValue(field: "peerReview.significance", reason: "score 1 takes no a/b significance"))
        }
    }

    func testPeerReviewDiscrepancyWithoutSignificance() {
        for score: UInt8 in 2...4 {
            assertInvalid(PeerReviewBody(report: Keys.report, score: score, significance: .none, sealed: nil),
                          .invalidValue(field: "peerReview.significance", reason: "scores 2 to 4 need significance a or b"))
        }
    }

    // MARK: - Times and durations

    func testPostingDeadlineBelowOneMinute() {
        assertInvalid(posting(deadlineSeconds: 59),
                      .invalidValue(field: "posting.deadlineSeconds", reason: "59 s is outside 1 minute to 30 days"))
        assertInvalid(posting(deadlineSeconds: 0),
                      .invalidValue(field: "posting.deadlineSeconds", reason: "0 s is outside 1 minute to 30 days"))
    }

    func testPostingDeadlineOverThirtyDays() {
        let tooLong = PostingBody.maxDeadlineSeconds + 1
        assertInvalid(posting(deadlineSeconds: tooLong),
                      .invalidValue(field: "posting.deadlineSeconds", reason: "\(tooLong) s is outside 1 minute to 30 days"))
    }

    func testPostingDeadlineBoundsAccepted() {
        for seconds in [60, PostingBody.maxDeadlineSeconds] {
            assertNoDecodeError("\(seconds) s") { () throws(DecodeError) in try posting(deadlineSeconds: seconds).validate() }
        }
    }

    func testBidTurnaroundOutOfRange() {
        for minutes: UInt32 in [0, 43_201] {
            assertInvalid(BidBody(posting: Keys.posting, price: 6_000, currency: "USD", turnaroundMinutes: minutes),
                          .invalidValue(field: "bid.turnaroundMinutes", reason: "\(minutes) is outside 1 minute to 30 days"))
        }
    }

    func testFollowUpIntervalOutOfRange() {
        for days: UInt32 in [0, 3_651] {
            let body = FollowUpRecommendationBody(report: Keys.report, modality: "CT", intervalDays: days, guideline: nil,
                                                  sealed: sampleSealed(to: [Keys.clinicianIdentity]))
            assertInvalid(body, .invalidValue(field: "followUpRecommendation.intervalDays",
                                              reason: "\(days) is outside 1 day to 10 years"))
        }
    }

    func testCriticalResultDeadlineOutOfRange() {
        for minutes: UInt32 in [0, 20_161] {
            let body = CriticalResultBody(posting: Keys.posting, category: .orange, acknowledgeWithinMinutes: minutes,
                                          sealed: sampleSealed(to: [Keys.clinicianIdentity]))
            assertInvalid(body, .invalidValue(field: "criticalResult.acknowledgeWithinMinutes",
                                              reason: "\(minutes) is outside 1 minute to 14 days"))
        }
    }

    func testNegativeTimesInBodies() {
        assertInvalid(DeviceBody(identity: Keys.radiologistIdentity, role: .client, displayName: "Lakeside Imaging",
                                 encryptionKey: Keys.radiologistEncryption, issuedAt: -1, identitySignature: filler(64, seed: 1)),
                      .invalidValue(field: "device.issuedAt", reason: "-1 is before 1970"))
        assertInvalid(credential(validFrom: -86_400_000),
                      .invalidValue(field: "credential.validFrom", reason: "-86400000 is before 1970"))
        assertInvalid(KeyRotationBody(identity: Keys.radiologistIdentity, revokedDevices: [Keys.lostDevice], issuedAt: -1,
                                      recoverySignature: filler(64, seed: 2)),
                      .invalidValue(field: "keyRotation.issuedAt", reason: "-1 is before 1970"))
        assertInvalid(AccessGrantBody(posting: Keys.posting, recipient: Keys.radiologistIdentity, expiresAt: -1,
                                      sealed: sampleSealed(to: [Keys.radiologistIdentity])),
                      .invalidValue(field: "accessGrant.expiresAt", reason: "-1 is before 1970"))
        assertInvalid(FollowUpStatusBody(recommendation: Keys.recommendation, state: .declined, at: -1),
                      .invalidValue(field: "followUpStatus.at", reason: "-1 is before 1970"))
    }

    func testCredentialEndsBeforeItStarts() {
        assertInvalid(credential(validFrom: 1_767_225_600_000, validUntil: 1_767_225_600_000),
                      .invalidValue(field: "credential.validUntil", reason: "must be after validFrom"))
        assertInvalid(credential(validFrom: 1_767_225_600_000, validUntil: 1_704_067_200_000),
                      .invalidValue(field: "credential.validUntil", reason: "must be after validFrom"))
    }

    // MARK: - Codes

    func testJurisdictionUSA() {
        assertInvalid(credential(jurisdiction: "usa"),
                      .invalidValue(field: "credential.jurisdiction", reason: "'usa' is not an ISO 3166 code such as US or US-CA"))
        assertInvalid(posting(jurisdiction: "usa"),
                      .invalidValue(field: "posting.jurisdiction", reason: "'usa' is not an ISO 3166 code such as US or US-CA"))
    }

    func testOtherBadJurisdictions() {
        for value in ["USA", "us", "U", "", "US-", "-CA", "US-ca", "US-C-A", "US_CA", "ÜS"] {
            assertInvalid(credential(jurisdiction: value),
                          .invalidValue(field: "credential.jurisdiction", reason: "'\(value)' is not an ISO 3166 code such as US or US-CA"))
        }
    }

    func testGoodJurisdictions() {
        for value in ["US", "US-CA", "GB-ENG", "DE-BY", "FR-75"] {
            assertNoDecodeError(value) { () throws(DecodeError) in try credential(jurisdiction: value).validate() }
        }
    }

    func testBadCurrency() {
        for value in ["usd", "US", "", "U$D", "A1C"] {
            assertInvalid(posting(currency: value),
                          .invalidValue(field: "posting.currency", reason: "'\(value)' is not an ISO 4217 code such as USD"))
        }
        assertInvalid(BidBody(posting: Keys.posting, price: 6_000, currency: "eur", turnaroundMinutes: 180),
                      .invalidValue(field: "bid.currency", reason: "'eur' is not an ISO 4217 code such as USD"))
        assertInvalid(SettlementBody(posting: Keys.posting, radiologist: Keys.radiologistIdentity, amount: 6_000, currency: "gbp"),
                      .invalidValue(field: "settlement.currency", reason: "'gbp' is not an ISO 4217 code such as USD"))
        assertInvalid(AssignmentBody(posting: Keys.posting, radiologist: Keys.radiologistIdentity, bid: nil, clinician: nil,
                                     price: 6_000, currency: "12A"),
                      .invalidValue(field: "assignment.currency", reason: "'12A' is not an ISO 4217 code such as USD"))
        assertInvalid(ProfileBody(subspecialties: [], prices: [], currency: "Eur", turnaroundMinutes: 60),
                      .invalidValue(field: "profile.currency", reason: "'Eur' is not an ISO 4217 code such as USD"))
    }

    func testLowerCaseModality() {
        assertInvalid(posting(modality: "ct"),
                      .invalidValue(field: "posting.modality", reason: "'ct' may contain only A-Z, 0-9, '-' and '_'"))
    }

    func testEmptyCodes() {
        assertInvalid(posting(modality: ""),
                      .invalidValue(field: "posting.modality", reason: "'' must be 1 to 4 characters"))
        assertInvalid(AILabelBody(posting: Keys.posting, findingCode: "", label: .truePositive),
                      .invalidValue(field: "aiLabel.findingCode", reason: "'' must be 1 to 32 characters"))
    }

    func testCodeCharacters() {
        assertInvalid(ProfileBody(subspecialties: ["NEURO", "Body Imaging"], prices: [], currency: "USD", turnaroundMinutes: 60),
                      .invalidValue(field: "profile.subspecialties", reason: "'Body Imaging' may contain only A-Z, 0-9, '-' and '_'"))
        assertInvalid(credential(kind: .subspecialty, subspecialty: "neuro"),
                      .invalidValue(field: "credential.subspecialty", reason: "'neuro' may contain only A-Z, 0-9, '-' and '_'"))
        let guideline = FollowUpRecommendationBody(report: Keys.report, modality: "CT", intervalDays: 365, guideline: "Fleischner 2017",
                                                   sealed: sampleSealed(to: [Keys.clinicianIdentity]))
        assertInvalid(guideline, .invalidValue(field: "followUpRecommendation.guideline",
                                               reason: "'Fleischner 2017' may contain only A-Z, 0-9, '-' and '_'"))
    }

    func testSubspecialtyCredentialNamesItsSubspecialty() {
        assertInvalid(credential(kind: .subspecialty, subspecialty: nil),
                      .invalidValue(field: "credential.subspecialty", reason: "a subspecialty credential must name its subspecialty"))
    }

    // MARK: - Amounts

    func testAmountOverMaximum() {
        let over = FieldRules.maxAmount + 1
        assertInvalid(posting(price: over),
                      .invalidValue(field: "posting.price", reason: "\(over) exceeds the maximum of \(FieldRules.maxAmount) minor units"))
        assertInvalid(BidBody(posting: Keys.posting, price: over, currency: "USD", turnaroundMinutes: 180),
                      .invalidValue(field: "bid.price", reason: "\(over) exceeds the maximum of \(FieldRules.maxAmount) minor units"))
        assertInvalid(SettlementBody(posting: Keys.posting, radiologist: Keys.radiologistIdentity, amount: .max, currency: "USD"),
                      .invalidValue(field: "settlement.amount",
                                    reason: "\(UInt64.max) exceeds the maximum of \(FieldRules.maxAmount) minor units"))
        assertInvalid(AssignmentBody(posting: Keys.posting, radiologist: Keys.radiologistIdentity, bid: nil, clinician: nil,
                                     price: over, currency: "USD"),
                      .invalidValue(field: "assignment.price", reason: "\(over) exceeds the maximum of \(FieldRules.maxAmount) minor units"))
        assertInvalid(ProfileBody(subspecialties: [], prices: [PriceEntry(modality: "MR", amount: over)], currency: "USD",
                                  turnaroundMinutes: 60),
                      .invalidValue(field: "profile.prices.amount",
                                    reason: "\(over) exceeds the maximum of \(FieldRules.maxAmount) minor units"))
    }

    func testAmountAtMaximumAccepted() throws {
        let body = posting(price: FieldRules.maxAmount)
        XCTAssertEqual(try PostingBody.decode(body.encoded()), body)
    }

    // MARK: - Display text

    func testControlCharactersInName() {
        for name in ["Dr. Ana\u{07} Lima", "Dr. Ana\nLima", "Dr. Ana\tLima", "Dr. Ana Lima\u{7F}", "Dr. Ana\u{85}Lima", "\u{0}"] {
            assertInvalid(device(displayName: name),
                          .invalidValue(field: "device.displayName", reason: "contains a control character"))
        }
    }

    func testNameLength() {
        assertInvalid(device(displayName: ""), .invalidValue(field: "device.displayName", reason: "must be 1 to 128 characters"))
        assertInvalid(device(displayName: String(repeating: "a", count: 129)),
                      .invalidValue(field: "device.displayName", reason: "must be 1 to 128 characters"))
        assertNoDecodeError("128 characters") { () throws(DecodeError) in
            try device(displayName: String(repeating: "a", count: 128)).validate()
        }
    }

    func testNonASCIINamesAccepted() throws {
        for name in ["Dr. Ngozi Adébáyọ̀", "李明 医生", "Dr. Ağaoğlu 🩻"] {
            let body = device(displayName: name)
            XCTAssertEqual(try DeviceBody.decode(body.encoded()), body, name)
        }
    }

    func testProcedureIsDisplayText() {
        assertInvalid(posting(procedure: "CT CHEST\r\nWO CONTRAST"),
                      .invalidValue(field: "posting.procedure", reason: "contains a control character"))
        assertInvalid(posting(procedure: String(repeating: "X", count: 81)),
                      .invalidValue(field: "posting.procedure", reason: "must be 1 to 80 characters"))
    }

    func testValidBodyAlwaysDecodes() {
        // A body that passes validate() may be signed and published, so every peer must be able to decode it.
        // Each text below is within the character limit but longer than the decoder's byte limit:
        // "ệ" written as e + two combining marks is 5 bytes, a flag 8 bytes, a family emoji 25 bytes.
        let decomposed = String(repeating: "e\u{0323}\u{0302}", count: 128)
        let flags = String(repeating: "🇻🇳", count: 70)
        let families = String(repeating: "👨‍👩‍👧‍👦", count: 30)
        for name in [decomposed, flags, families] {
            assertValidBodyDecodes(device(displayName: name), "display name of \(name.count) characters, \(name.utf8.count) bytes")
        }
        let procedure = String(repeating: "🇺🇸", count: 41)
        assertValidBodyDecodes(posting(procedure: procedure), "procedure of 41 characters, \(procedure.utf8.count) bytes")
    }

    private func assertValidBodyDecodes<Body: EventBody>(_ body: Body, _ message: String,
                                                         file: StaticString = #filePath, line: UInt = #line) {
        do throws(DecodeError) {
            try body.validate()
        } catch {
            return
        }
        assertNoDecodeError(message, file: file, line: line) { () throws(DecodeError) in
            _ = try Body.decode(body.encoded())
        }
    }

    // MARK: - Other rules

    func testPostingMoreSeriesThanInstances() {
        assertInvalid(posting(seriesCount: 5, instanceCount: 4),
                      .invalidValue(field: "posting.seriesCount", reason: "more series than instances"))
    }

    func testAIFindingScoreOverThousand() {
        assertInvalid(posting(aiFindings: [AIFinding(code: "PNEUMOTHORAX", scorePerMille: 1_001)]),
                      .invalidValue(field: "posting.aiFindings.score", reason: "1001 exceeds 1000"))
        assertInvalid(posting(aiFindings: [AIFinding(code: "pneumothorax", scorePerMille: 500)]),
                      .invalidValue(field: "posting.aiFindings.code", reason: "'pneumothorax' may contain only A-Z, 0-9, '-' and '_'"))
    }

    func testKeyRotationWithoutDevices() {
        assertInvalid(KeyRotationBody(identity: Keys.radiologistIdentity, revokedDevices: [], issuedAt: sampleTimestamp,
                                      recoverySignature: filler(64, seed: 2)),
                      .invalidValue(field: "keyRotation.revokedDevices", reason: "must name at least one device"))
    }

    func testAILabelDisagreementWithoutReview() {
        assertInvalid(AILabelBody(posting: Keys.posting, findingCode: "PNEUMOTHORAX", label: .falsePositive, reviewOf: nil, agrees: false),
                      .invalidValue(field: "aiLabel.agrees", reason: "only a review of another label can disagree"))
    }

    func testForkProofOfOneEventTwice() {
        let same = ForkProofBody(first: forkedEvents.first, second: forkedEvents.first)
        assertInvalid(same, .invalidValue(field: "forkProof", reason: "the two events must differ and be in byte order"))
    }

    func testForkProofInWrongOrder() {
        // The initializer sorts the pair, so write the out-of-order encoding by hand.
        let ordered = ForkProofBody(first: forkedEvents.first, second: forkedEvents.second)
        var writer = ByteWriter()
        writer.write(UInt8(1))
        writer.write(bytes: ordered.second)
        writer.write(bytes: ordered.first)
        assertBodyError(.invalidValue(field: "forkProof", reason: "the two events must differ and be in byte order"),
                        kind: .forkProof, body: writer.bytes)
    }

    func testForkProofAcrossSequences() {
        let other = eventBytes(kind: .withdrawal, body: WithdrawalBody(target: Keys.posting).encoded(), sequence: 8, previous: key(0xB8))
        assertInvalid(ForkProofBody(first: forkedEvents.first, second: other),
                      .invalidValue(field: "forkProof", reason: "the two events must share author and sequence"))
    }

    func testForkProofAcrossAuthors() {
        let other = eventBytes(kind: .withdrawal, body: WithdrawalBody(target: Keys.posting).encoded(), author: Keys.lostDevice,
                               sequence: 7, previous: key(0xB7))
        assertInvalid(ForkProofBody(first: forkedEvents.first, second: other),
                      .invalidValue(field: "forkProof", reason: "the two events must share author and sequence"))
    }

    func testForkProofReportsInnerEventError() {
        let broken = Array(forkedEvents.second.dropLast())
        let proof = ForkProofBody(first: forkedEvents.first, second: broken)
        assertInvalid(proof, .truncated(field: "signature", needed: 64, available: 63))
    }
}

/// Asserts that `expression` throws no DecodeError.
func assertNoDecodeError(_ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line,
                         _ expression: () throws(DecodeError) -> Void) {
    do throws(DecodeError) {
        try expression()
    } catch {
        XCTFail("unexpected \(error). \(message())", file: file, line: line)
    }
}
