import HilumCore

/// The fields of an event that are clear on the ledger, as name and text,
/// for `hilum ledger log`. Sealed payloads appear only as their recipients
/// and size.
public enum ClearFields {
    public static func describe(_ content: EventContent) -> [(String, String)] {
        switch content {
        case let .device(body):
            return [("identity", body.identity.hex), ("role", body.role.name), ("name", body.displayName)]
        case let .profile(body):
            return [("subspecialties", body.subspecialties.joined(separator: ",")), ("currency", body.currency),
                    ("prices", body.prices.map { "\($0.modality)=\($0.amount)" }.joined(separator: ",")),
                    ("turnaround_minutes", "\(body.turnaroundMinutes)")]
        case let .credential(body):
            var fields = [("subject", body.subject.hex), ("kind", body.credentialKind.name), ("jurisdiction", body.jurisdiction),
                          ("valid_from", "\(body.validFrom)"), ("valid_until", "\(body.validUntil)")]
            if let subspecialty = body.subspecialty { fields.append(("subspecialty", subspecialty)) }
            if let revokes = body.revokes { fields.append(("revokes", revokes.hex)) }
            return fields
        case let .keyRotation(body):
            return [("identity", body.identity.hex), ("revoked", body.revokedDevices.map(\.hex).joined(separator: ","))]
        case let .forkProof(body):
            return [("first_bytes", "\(body.first.count)"), ("second_bytes", "\(body.second.count)")]
        case let .posting(body):
            var fields = [("modality", body.modality), ("body_region", body.bodyRegion), ("procedure", body.procedure),
                          ("priority", body.priority.name), ("deadline_seconds", "\(body.deadlineSeconds)"),
                          ("price", "\(body.price) \(body.currency)"), ("jurisdiction", body.jurisdiction),
                          ("series", "\(body.seriesCount)"), ("instances", "\(body.instanceCount)")]
            if let subspecialty = body.subspecialty { fields.append(("subspecialty", subspecialty)) }
            if !body.aiFindings.isEmpty {
                fields.append(("ai_findings", body.aiFindings.map { "\($0.code)=\($0.scorePerMille)" }.joined(separator: ",")))
            }
            return fields
        case let .bid(body):
            return [("posting", body.posting.hex), ("price", "\(body.price) \(body.currency)"),
                    ("turnaround_minutes", "\(body.turnaroundMinutes)")]
        case let .withdrawal(body):
            return [("target", body.target.hex)]
        case let .assignment(body):
            var fields = [("posting", body.posting.hex), ("radiologist", body.radiologist.hex),
                          ("price", "\(body.price) \(body.currency)")]
            if let clinician = body.clinician { fields.append(("clinician", clinician.hex)) }
            return fields
        case let .accessGrant(body):
            return [("posting", body.posting.hex), ("recipient", body.recipient.hex), ("expires_at", "\(body.expiresAt)"),
                    ("sealed", sealedSummary(body.sealed))]
        case let .settlement(body):
            return [("posting", body.posting.hex), ("radiologist", body.radiologist.hex), ("amount", "\(body.amount) \(body.currency)")]
        case let .report(body):
            return [("posting", body.posting.hex), ("content_hash", body.contentHash.hex), ("sealed", sealedSummary(body.sealed))]
        case let .addendum(body):
            return [("report", body.report.hex), ("content_hash", body.contentHash.hex), ("sealed", sealedSummary(body.sealed))]
        case let .followUpRecommendation(body):
            return [("report", body.report.hex), ("modality", body.modality ?? "-"),
                    ("interval_days", body.intervalDays.map { "\($0)" } ?? "-"), ("guideline", body.guideline ?? "-"),
                    ("sealed", sealedSummary(body.sealed))]
        case let .followUpStatus(body):
            return [("recommendation", body.recommendation.hex), ("state", body.state.name), ("at", "\(body.at)")]
        case let .criticalResult(body):
            return [("posting", body.posting.hex), ("category", body.category.name),
                    ("acknowledge_within_minutes", "\(body.acknowledgeWithinMinutes)"), ("sealed", sealedSummary(body.sealed))]
        case let .acknowledgment(body):
            return [("critical_result", body.criticalResult.hex)]
        case let .routingDecision(body):
            return [("posting", body.posting.hex), ("chosen_bid", body.chosenBid.hex),
                    ("passed_over", body.passedOver.map { "\($0.bid.short):\($0.figure.name)/\($0.rule.name)" }.joined(separator: ","))]
        case let .measureOutcomes(body):
            return [("report", body.report.hex),
                    ("outcomes", body.outcomes.map { "\($0.measure)=\($0.result.name)" }.joined(separator: ","))]
        case let .feedback(body):
            return [("report", body.report.hex), ("rating", body.rating.map { "\($0)" } ?? "-"),
                    ("question", body.isQuestion ? "yes" : "no"), ("sealed", body.sealed.map(sealedSummary) ?? "-")]
        case let .reply(body):
            return [("feedback", body.feedback.hex), ("addendum", body.addendum?.hex ?? "-"), ("sealed", sealedSummary(body.sealed))]
        case let .peerReview(body):
            return [("report", body.report.hex), ("score", "\(body.score)\(body.significance.letter)"),
                    ("sealed", body.sealed.map(sealedSummary) ?? "-")]
        case let .aiLabel(body):
            return [("posting", body.posting.hex), ("finding", body.findingCode), ("label", body.label.name),
                    ("review_of", body.reviewOf?.hex ?? "-"), ("agrees", body.agrees ? "yes" : "no")]
        }
    }

    static func sealedSummary(_ sealed: Sealed) -> String {
        "\(sealed.ciphertext.count) bytes to " + sealed.recipients.map(\.identity.short).joined(separator: ",")
    }
}

extension LogEntry {
    public var fields: [(String, String)] { ClearFields.describe(event.content) }
}
