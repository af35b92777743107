import HilumCore

/// Keys and event ids of one small case: a client posts a chest CT, a
/// radiologist reads it, the referring clinician rates the report.
enum Keys {
    static let radiologistDevice = key(0x21)
    static let radiologistIdentity = key(0x22)
    static let radiologistEncryption = key(0x23)
    static let lostDevice = key(0x24)
    static let stolenDevice = key(0x25)
    static let clientIdentity = key(0x31)
    static let clinicianIdentity = key(0x41)
    static let reviewerIdentity = key(0x61)

    static let posting = key(0xA1)
    static let bid = key(0xA2)
    static let report = key(0xA3)
    static let addendum = key(0xA4)
    static let recommendation = key(0xA5)
    static let criticalResult = key(0xA6)
    static let feedback = key(0xA7)
    static let aiLabel = key(0xA8)
    static let revokedCredential = key(0xA9)
}

/// One body with realistic values, the content it must decode to, and its
/// wire layout written out field by field.
struct BodySample: Sendable {
    let name: String
    let body: any EventBody
    let content: EventContent
    let layout: Layout

    var kind: EventKind { type(of: body).kind }
    var encoded: [UInt8] { body.encoded() }
}

/// Builds a structurally valid envelope. Its bytes are filler because HilumCore never opens it.
func sampleSealed(to recipients: [PublicKey], paddedBlocks: Int = 1) -> Sealed {
    Sealed(recipients: recipients.enumerated().map { index, identity in
               Sealed.Recipient(identity: identity, wrappedKey: filler(Sealed.wrappedKeySize, seed: UInt8(index)))
           },
           nonce: filler(Sealed.nonceSize, seed: 0x77),
           ciphertext: filler(256 * paddedBlocks + Sealed.tagSize, seed: 0x99))
}

private func layout(_ kind: EventKind, _ fields: (inout Layout) -> Void) -> Layout {
    var layout = Layout()
    layout.byte("\(kind.name).version")
    fields(&layout)
    return layout
}

/// Two different withdrawals signed by one device at sequence 7, the raw material of a fork proof.
let forkedEvents: (first: [UInt8], second: [UInt8]) = (
    eventBytes(kind: .withdrawal, body: WithdrawalBody(target: Keys.bid).encoded(), sequence: 7, previous: key(0xB7)),
    eventBytes(kind: .withdrawal, body: WithdrawalBody(target: Keys.posting).encoded(), sequence: 7, previous: key(0xB7),
               timestamp: sampleTimestamp + 1_000)
)

// The samples are built in functions rather than one array literal to keep type checking fast.

private func identitySamples() -> [BodySample] {
    var samples: [BodySample] = []

    let device = DeviceBody(identity: Keys.radiologistIdentity, role: .radiologist, displayName: "Dr. Ingrid Søreide, MD",
                            encryptionKey: Keys.radiologistEncryption, issuedAt: 1_733_300_000_000,
                            identitySignature: filler(64, seed: 1))
    samples.append(BodySample(name: "device", body: device, content: .device(device), layout: layout(.device) {
        $0.key("device.identity")
        $0.byte("device.role")
        $0.string("device.displayName", device.displayName)
        $0.key("device.encryptionKey")
        $0.fixed("device.issuedAt", 8)
        $0.fixed("device.identitySignature", 64)
    }))

    let profile = ProfileBody(subspecialties: ["NEURO", "MSK"],
                              prices: [PriceEntry(modality: "CT", amount: 4_500), PriceEntry(modality: "MR", amount: 9_000),
                                       PriceEntry(modality: "XR", amount: 1_200)],
                              currency: "EUR", turnaroundMinutes: 240)
    let emptyProfile = ProfileBody(subspecialties: [], prices: [], currency: "USD", turnaroundMinutes: 60)
    for (name, body) in [("profile", profile), ("profile without prices", emptyProfile)] {
        samples.append(BodySample(name: name, body: body, content: .profile(body), layout: layout(.profile) {
            $0.strings("profile.subspecialties", body.subspecialties)
            $0.fixed("profile.prices", 4)
            for price in body.prices {
                $0.string("profile.prices.modality", price.modality)
                $0.fixed("profile.prices.amount", 8)
            }
            $0.string("profile.currency", body.currency)
            $0.fixed("profile.turnaroundMinutes", 4)
        }))
    }

    let licence = CredentialBody(subject: Keys.radiologistIdentity, credentialKind: .licence, jurisdiction: "US-CA",
                                 subspecialty: nil, validFrom: 1_704_067_200_000, validUntil: 1_767_225_600_000,
                                 board: "American Board of Radiology")
    let revocation = CredentialBody(subject: Keys.radiologistIdentity, credentialKind: .subspecialty, jurisdiction: "GB-ENG",
                                    subspecialty: "NEURO", validFrom: 1_704_067_200_000, validUntil: 1_735_689_600_000,
                                    revokes: Keys.revokedCredential)
    for (name, body) in [("licence credential", licence), ("subspecialty revocation", revocation)] {
        samples.append(BodySample(name: name, body: body, content: .credential(body), layout: layout(.credential) {
            $0.key("credential.subject")
            $0.byte("credential.kind")
            $0.string("credential.jurisdiction", body.jurisdiction)
            $0.optionalString("credential.subspecialty", body.subspecialty)
            $0.fixed("credential.validFrom", 8)
            $0.fixed("credential.validUntil", 8)
            $0.optionalKey("credential.revokes", body.revokes)
            $0.optionalString("credential.board", body.board)
        }))
    }

    let rotation = KeyRotationBody(identity: Keys.radiologistIdentity, revokedDevices: [Keys.lostDevice, Keys.stolenDevice],
                                   issuedAt: 1_733_320_000_000, recoverySignature: filler(64, seed: 2))
    samples.append(BodySample(name: "key rotation", body: rotation, content: .keyRotation(rotation), layout: layout(.keyRotation) {
        $0.key("keyRotation.identity")
        $0.keys("keyRotation.revokedDevices", count: 2)
        $0.fixed("keyRotation.issuedAt", 8)
        $0.fixed("keyRotation.recoverySignature", 64)
    }))

    let fork = ForkProofBody(first: forkedEvents.second, second: forkedEvents.first)
    samples.append(BodySample(name: "fork proof", body: fork, content: .forkProof(fork), layout: layout(.forkProof) {
        $0.lengthPrefixed("forkProof.first", count: fork.first.count)
        $0.lengthPrefixed("forkProof.second", count: fork.second.count)
    }))
    return samples
}

private func marketSamples() -> [BodySample] {
    var samples: [BodySample] = []

    let chestCT = PostingBody(modality: "CT", bodyRegion: "CHEST", procedure: "CT CHEST WO CONTRAST", priority: .urgent,
                              deadlineSeconds: 4 * 3600, price: 6_500, currency: "USD", jurisdiction: "US-NY",
                              subspecialty: "CHEST", seriesCount: 4, instanceCount: 1_212,
                              aiFindings: [AIFinding(code: "PULMONARY-NODULE", scorePerMille: 930),
                                           AIFinding(code: "PNEUMOTHORAX", scorePerMille: 120)])
    let wristXR = PostingBody(modality: "XR", bodyRegion: "WRIST", procedure: "XR WRIST 3 VIEWS", priority: .routine,
                              deadlineSeconds: 86_400, price: 1_500, currency: "GBP", jurisdiction: "GB",
                              seriesCount: 1, instanceCount: 3)
    for (name, body) in [("posting with AI findings", chestCT), ("posting, minimal", wristXR)] {
        samples.append(BodySample(name: name, body: body, content: .posting(body), layout: layout(.posting) {
            $0.string("posting.modality", body.modality)
            $0.string("posting.bodyRegion", body.bodyRegion)
            $0.string("posting.procedure", body.procedure)
            $0.byte("posting.priority")
            $0.fixed("posting.deadlineSeconds", 4)
            $0.fixed("posting.price", 8)
            $0.string("posting.currency", body.currency)
            $0.string("posting.jurisdiction", body.jurisdiction)
            $0.optionalString("posting.subspecialty", body.subspecialty)
            $0.fixed("posting.seriesCount", 4)
            $0.fixed("posting.instanceCount", 4)
            $0.byte("posting.aiFindings")
            for finding in body.aiFindings {
                $0.string("posting.aiFindings.code", finding.code)
                $0.fixed("posting.aiFindings.score", 2)
            }
        }))
    }

    let bid = BidBody(posting: Keys.posting, price: 6_000, currency: "USD", turnaroundMinutes: 180)
    samples.append(BodySample(name: "bid", body: bid, content: .bid(bid), layout: layout(.bid) {
        $0.key("bid.posting")
        $0.fixed("bid.price", 8)
        $0.string("bid.currency", "USD")
        $0.fixed("bid.turnaroundMinutes", 4)
    }))

    let withdrawal = WithdrawalBody(target: Keys.bid)
    samples.append(BodySample(name: "withdrawal", body: withdrawal, content: .withdrawal(withdrawal), layout: layout(.withdrawal) {
        $0.key("withdrawal.target")
    }))

    let assignment = AssignmentBody(posting: Keys.posting, radiologist: Keys.radiologistIdentity, bid: Keys.bid,
                                    clinician: Keys.clinicianIdentity, price: 6_000, currency: "USD")
    let directAssignment = AssignmentBody(posting: Keys.posting, radiologist: Keys.radiologistIdentity, bid: nil,
                                          clinician: nil, price: 7_250, currency: "CHF")
    for (name, body) in [("assignment from a bid", assignment), ("direct assignment", directAssignment)] {
        samples.append(BodySample(name: name, body: body, content: .assignment(body), layout: layout(.assignment) {
            $0.key("assignment.posting")
            $0.key("assignment.radiologist")
            $0.optionalKey("assignment.bid", body.bid)
            $0.optionalKey("assignment.clinician", body.clinician)
            $0.fixed("assignment.price", 8)
            $0.string("assignment.currency", body.currency)
        }))
    }

    let grant = AccessGrantBody(posting: Keys.posting, recipient: Keys.radiologistIdentity, expiresAt: sampleTimestamp + 86_400_000,
                                sealed: sampleSealed(to: [Keys.radiologistIdentity]))
    samples.append(BodySample(name: "access grant", body: grant, content: .accessGrant(grant), layout: layout(.accessGrant) {
        $0.key("accessGrant.posting")
        $0.key("accessGrant.recipient")
        $0.fixed("accessGrant.expiresAt", 8)
        $0.sealed("accessGrant.sealed", grant.sealed)
    }))

    let settlement = SettlementBody(posting: Keys.posting, radiologist: Keys.radiologistIdentity, amount: 6_000, currency: "USD")
    samples.append(BodySample(name: "settlement", body: settlement, content: .settlement(settlement), layout: layout(.settlement) {
        $0.key("settlement.posting")
        $0.key("settlement.radiologist")
        $0.fixed("settlement.amount", 8)
        $0.string("settlement.currency", "USD")
    }))
    return samples
}

private func reportingSamples() -> [BodySample] {
    var samples: [BodySample] = []

    let report = ReportBody(posting: Keys.posting, contentHash: key(0xC7), sealed: sampleSealed(to: [Keys.clientIdentity, Keys.clinicianIdentity],
                                                                        paddedBlocks: 3))
    samples.append(BodySample(name: "report", body: report, content: .report(report), layout: layout(.report) {
        $0.key("report.posting")
        $0.key("report.contentHash")
        $0.sealed("report.sealed", report.sealed)
    }))

    let addendum = AddendumBody(report: Keys.report, contentHash: key(0xC8), sealed: sampleSealed(to: [Keys.clientIdentity, Keys.clinicianIdentity]))
    samples.append(BodySample(name: "addendum", body: addendum, content: .addendum(addendum), layout: layout(.addendum) {
        $0.key("addendum.report")
        $0.key("addendum.contentHash")
        $0.sealed("addendum.sealed", addendum.sealed)
    }))

    let complete = FollowUpRecommendationBody(report: Keys.report, modality: "CT", intervalDays: 90, guideline: "FLEISCHNER-2017",
                                              sealed: sampleSealed(to: [Keys.clientIdentity, Keys.clinicianIdentity]))
    let incomplete = FollowUpRecommendationBody(report: Keys.report, modality: nil, intervalDays: nil, guideline: nil,
                                                sealed: sampleSealed(to: [Keys.clinicianIdentity]))
    for (name, body) in [("complete follow-up recommendation", complete), ("incomplete follow-up recommendation", incomplete)] {
        samples.append(BodySample(name: name, body: body, content: .followUpRecommendation(body),
                                  layout: layout(.followUpRecommendation) {
            $0.key("followUpRecommendation.report")
            $0.optionalString("followUpRecommendation.modality", body.modality)
            $0.byte("followUpRecommendation.intervalDays")
            if body.intervalDays != nil { $0.fixed("followUpRecommendation.intervalDays", 4) }
            $0.optionalString("followUpRecommendation.guideline", body.guideline)
            $0.sealed("followUpRecommendation.sealed", body.sealed)
        }))
    }

    let status = FollowUpStatusBody(recommendation: Keys.recommendation, state: .completed, at: sampleTimestamp + 7_776_000_000)
    samples.append(BodySample(name: "follow-up status", body: status, content: .followUpStatus(status), layout: layout(.followUpStatus) {
        $0.key("followUpStatus.recommendation")
        $0.byte("followUpStatus.state")
        $0.fixed("followUpStatus.at", 8)
    }))

    let critical = CriticalResultBody(posting: Keys.posting, category: .red, acknowledgeWithinMinutes: 60,
                                      sealed: sampleSealed(to: [Keys.clinicianIdentity]))
    samples.append(BodySample(name: "critical result", body: critical, content: .criticalResult(critical),
                              layout: layout(.criticalResult) {
        $0.key("criticalResult.posting")
        $0.byte("criticalResult.category")
        $0.fixed("criticalResult.acknowledgeWithinMinutes", 4)
        $0.sealed("criticalResult.sealed", critical.sealed)
    }))

    let acknowledgment = AcknowledgmentBody(criticalResult: Keys.criticalResult)
    samples.append(BodySample(name: "acknowledgment", body: acknowledgment, content: .acknowledgment(acknowledgment),
                              layout: layout(.acknowledgment) {
        $0.key("acknowledgment.criticalResult")
    }))
    return samples
}

private func feedbackSamples() -> [BodySample] {
    var samples: [BodySample] = []

    let rating = FeedbackBody(report: Keys.report, rating: 4, isQuestion: false, sealed: nil)
    let question = FeedbackBody(report: Keys.report, rating: nil, isQuestion: true,
                                sealed: sampleSealed(to: [Keys.radiologistIdentity]))
    for (name, body) in [("rating without comment", rating), ("question without rating", question)] {
        samples.append(BodySample(name: name, body: body, content: .feedback(body), layout: layout(.feedback) {
            $0.key("feedback.report")
            $0.byte("feedback.rating")
            $0.byte("feedback.isQuestion")
            $0.byte("feedback.sealed")
            if let sealed = body.sealed { $0.sealed("feedback.sealed", sealed) }
        }))
    }

    let reply = ReplyBody(feedback: Keys.feedback, addendum: Keys.addendum, sealed: sampleSealed(to: [Keys.clinicianIdentity]))
    let plainReply = ReplyBody(feedback: Keys.feedback, addendum: nil, sealed: sampleSealed(to: [Keys.clinicianIdentity]))
    for (name, body) in [("reply with addendum", reply), ("reply without addendum", plainReply)] {
        samples.append(BodySample(name: name, body: body, content: .reply(body), layout: layout(.reply) {
            $0.key("reply.feedback")
            $0.optionalKey("reply.addendum", body.addendum)
            $0.sealed("reply.sealed", body.sealed)
        }))
    }

    let discrepancy = PeerReviewBody(report: Keys.report, score: 3, significance: .likely,
                                     sealed: sampleSealed(to: [Keys.radiologistIdentity]))
    let concur = PeerReviewBody(report: Keys.report, score: 1, significance: .none, sealed: nil)
    for (name, body) in [("peer review 3b with comment", discrepancy), ("peer review 1", concur)] {
        samples.append(BodySample(name: name, body: body, content: .peerReview(body), layout: layout(.peerReview) {
            $0.key("peerReview.report")
            $0.byte("peerReview.score")
            $0.byte("peerReview.significance")
            $0.byte("peerReview.sealed")
            if let sealed = body.sealed { $0.sealed("peerReview.sealed", sealed) }
        }))
    }

    let label = AILabelBody(posting: Keys.posting, findingCode: "PULMONARY-NODULE", label: .truePositive)
    let dispute = AILabelBody(posting: Keys.posting, findingCode: "PNEUMOTHORAX", label: .falsePositive,
                              reviewOf: Keys.aiLabel, agrees: false)
    for (name, body) in [("AI label", label), ("AI label review", dispute)] {
        samples.append(BodySample(name: name, body: body, content: .aiLabel(body), layout: layout(.aiLabel) {
            $0.key("aiLabel.posting")
            $0.string("aiLabel.findingCode", body.findingCode)
            $0.byte("aiLabel.label")
            $0.optionalKey("aiLabel.reviewOf", body.reviewOf)
            $0.byte("aiLabel.agrees")
        }))
    }
    return samples
}

private func routingSamples() -> [BodySample] {
    var samples: [BodySample] = []
    let routed = RoutingDecisionBody(posting: Keys.posting, chosenBid: Keys.bid,
                                     passedOver: [PassedOverBid(bid: Keys.feedback, figure: .price, rule: .outranked),
                                                  PassedOverBid(bid: Keys.aiLabel, figure: .licence, rule: .requirement)])
    let alone = RoutingDecisionBody(posting: Keys.posting, chosenBid: Keys.bid, passedOver: [])
    for (name, body) in [("routing decision", routed), ("routing decision, one bid", alone)] {
        samples.append(BodySample(name: name, body: body, content: .routingDecision(body), layout: layout(.routingDecision) {
            $0.key("routingDecision.posting")
            $0.key("routingDecision.chosenBid")
            $0.byte("routingDecision.passedOver")
            for _ in body.passedOver {
                $0.key("routingDecision.passedOver.bid")
                $0.byte("routingDecision.passedOver.figure")
                $0.byte("routingDecision.passedOver.rule")
            }
        }))
    }
    let outcomes = MeasureOutcomesBody(report: Keys.report, outcomes: [MeasureOutcome(measure: "MIPS-364", result: .numerator),
                                                                       MeasureOutcome(measure: "MIPS-436", result: .excluded)])
    samples.append(BodySample(name: "measure outcomes", body: outcomes, content: .measureOutcomes(outcomes), layout: layout(.measureOutcomes) {
        $0.key("measureOutcomes.report")
        $0.byte("measureOutcomes.outcomes")
        for outcome in outcomes.outcomes {
            $0.string("measureOutcomes.measure", outcome.measure)
            $0.byte("measureOutcomes.result")
        }
    }))
    return samples
}

/// At least one sample of every event kind, with optional fields both present and absent.
let bodySamples: [BodySample] = identitySamples() + marketSamples() + reportingSamples() + feedbackSamples() + routingSamples()

/// Returns the sample called `name`, and stops the test run if there is none.
func sample(_ name: String) -> BodySample {
    guard let sample = bodySamples.first(where: { $0.name == name }) else {
        preconditionFailure("no sample body named \(name)")
    }
    return sample
}
