import Foundation
import HilumCore
import HilumCrypto
import HilumHistory
import HilumLedger
import HilumReporting

/// Signing a structured report, shared by `hilum report sign` and the
/// worklist's report editor: the Fleischner recommendation, the sealed
/// report payload and its follow-up events.
public enum ReportSigning {
    /// The readers of a report: the client, the referring clinician (when the
    /// case names one) and the signing radiologist.
    public struct Readers: Sendable {
        public var client: SealRecipient
        public var clinician: SealRecipient?
        public var radiologist: SealRecipient

        public init(client: SealRecipient, clinician: SealRecipient?, radiologist: SealRecipient) {
            self.client = client
            self.clinician = clinician
            self.radiologist = radiologist
        }

        public var all: [SealRecipient] { [client, radiologist] + (clinician.map { [$0] } ?? []) }
    }

    /// The published report, its follow-up recommendation events, its
    /// quality-measure results and the critical result, if one was flagged.
    public struct Signed: Sendable {
        public let report: VerifiedEvent
        public let followUps: [(event: VerifiedEvent, recommendation: FollowUpRecommendation)]
        public let measures: [MeasureEvaluation]
        public let critical: VerifiedEvent?
    }

    /// Age and Fleischner risk factors from the grant's history summary.
    public static func patientFactors(history: String?) -> FleischnerRecommender.Patient {
        guard let history, let summary = try? HistorySummary.decode(Data(history.utf8)) else {
            return FleischnerRecommender.Patient(age: nil)
        }
        let items = summary.sections.flatMap(\.items)
        let smoking = items.filter { $0.rule.hasPrefix("Smoking") }
        let neverSmoked = smoking.contains { ($0.text + " " + ($0.value ?? "")).lowercased().contains("never") }
        let risk: Fleischner.Risk? = smoking.isEmpty ? nil : (neverSmoked ? .low : .high)
        let knownCancer = items.contains { $0.rule.hasPrefix("Known cancer") }
        return FleischnerRecommender.Patient(age: summary.ageYears, risk: risk, knownCancer: knownCancer)
    }

    /// Runs the Fleischner recommender and writes its text into the
    /// template's recommendation field when that field is empty. Returns the
    /// recommendations and, when none applies, the reason for the radiologist.
    public static func recommend(_ filled: inout FilledTemplate, patient: FleischnerRecommender.Patient,
                                 at now: Int64) throws -> (recommendations: [FollowUpRecommendation], note: String?) {
        switch FleischnerRecommender.recommend(filled, patient: patient, signedAt: Date(timeIntervalSince1970: Double(now) / 1000)) {
        case .noNodule:
            return ([], nil)
        case .incomplete(let missing):
            return ([], "no Fleischner recommendation: missing \(missing.joined(separator: ", "))")
        case .notApplicable(let reason, let instead):
            return ([], "no Fleischner recommendation: \(reason). \(instead)")
        case .recommendation(let recommendation):
            let field = FleischnerRecommender.FieldID.recommendation
            if filled.template.field(field) != nil, filled.value(for: field)?.isEmpty ?? true {
                try filled.set(.text(recommendation.text), for: field)
            }
            return ([recommendation], nil)
        }
    }

    /// Seals the report to `readers` and publishes it, then one follow-up
    /// event per recommendation that indicates one, then, when `study` is
    /// given, the report's results on the quality measures that apply to it,
    /// and the critical result (sealed to the clinician and the radiologist),
    /// all through `publish`. The report records the critical result as sent
    /// to `clinicianName`.
    public static func sign(case caseID: EventID, filled: FilledTemplate, radiologistName: String, at now: Int64,
                            recommendations: [FollowUpRecommendation], critical: CriticalFlag? = nil, clinicianName: String? = nil,
                            overrides: [CheckOverride], readers: Readers, study: MeasureStudy? = nil,
                            publish: (any EventBody) throws -> VerifiedEvent) throws -> Signed {
        if critical != nil && readers.clinician == nil {
            throw WorklistError("case \(caseID.short) names no referring clinician to notify of a critical result; "
                                + "call the client and record the call in the report instead")
        }
        let criticalResults = critical.map { [$0.communication(recipientName: clinicianName ?? "-", at: now)] } ?? []
        let payload = ReportPayload(signedAt: now, radiologistName: radiologistName, text: filled.renderReport(),
                                    document: filled.document(), sections: ReportSection.sections(of: filled),
                                    recommendations: recommendations, criticalResults: criticalResults, overrides: overrides)
        let plaintext = try payload.encoded()
        let report = try publish(ReportBody(posting: caseID, contentHash: Hash.blake2b256(plaintext),
                                            sealed: try Sealer.seal(plaintext, to: readers.all)))
        var followUps: [(VerifiedEvent, FollowUpRecommendation)] = []
        for recommendation in recommendations where recommendation.isFollowUpIndicated {
            let details = try JSONEncoder().encode(recommendation)
            let event = try publish(FollowUpRecommendationBody(
                report: report.id, modality: recommendation.modality, intervalDays: recommendation.intervalDays.map { UInt32($0) },
                guideline: recommendation.guidelineCode, sealed: try Sealer.seal(Array(details), to: readers.all)))
            followUps.append((event, recommendation))
        }
        let measures = study.map {
            MeasureEvaluator.evaluate(MeasureInput(payload: payload, modality: $0.modality, bodyRegion: $0.bodyRegion, patient: $0.patient))
        } ?? []
        if !measures.isEmpty {
            _ = try publish(MeasureOutcomesBody(report: report.id, outcomes: measures.map { MeasureOutcome(measure: $0.measure, result: $0.result) }))
        }
        var criticalEvent: VerifiedEvent?
        if let critical, let clinician = readers.clinician {
            criticalEvent = try publish(CriticalResultBody(
                posting: caseID, category: critical.category, acknowledgeWithinMinutes: critical.acknowledgeWithinMinutes,
                sealed: try Sealer.seal(critical.message, to: [clinician, readers.radiologist])))
        }
        return Signed(report: report, followUps: followUps, measures: measures, critical: criticalEvent)
    }
}
