import Foundation
import HilumCore
import HilumCrypto
import HilumLedger
import HilumReporting

/// The report editor's reads and writes: the case's drafts key and signing.
extension WorklistStore {
    /// The drafts of this radiologist under `<home>/drafts/`.
    public func draftStore(home: String) -> ReportDraftStore {
        ReportDraftStore(directory: home + "/drafts", key: secrets.encryption.localKey(.reportDrafts))
    }

    /// Returns whether the case names a referring clinician, who receives critical results.
    public func hasClinician(_ caseID: EventID) throws -> Bool {
        let statement = try sql("SELECT clinician IS NOT NULL FROM cases WHERE substr(id, 1, 8) = substr(?1, 1, 8) AND id = ?1")
            .bind(1, caseID.bytes)
        defer { statement.reset() }
        return try statement.step() && statement.int64(0) == 1
    }

    /// Age and Fleischner risk from the case's grant, for the report checks and the recommendation.
    public func patientFactors(_ caseID: EventID) -> FleischnerRecommender.Patient {
        var notes: [String] = []
        let grant = try? openGrant(caseID, notes: &notes)
        return ReportSigning.patientFactors(history: (grant ?? nil)?.payload.history)
    }

    /// Seals and publishes the report on a case assigned to this radiologist,
    /// with its critical result if one is flagged, as `hilum report sign`
    /// does. The caller has already run the checks.
    @discardableResult
    public func signReport(_ caseID: EventID, filled: FilledTemplate, recommendations: [FollowUpRecommendation],
                           critical: CriticalFlag? = nil, overrides: [CheckOverride], at now: Int64) throws -> ReportSigning.Signed {
        freshRead()
        let row = try sql("SELECT client, clinician, assignee, status FROM cases WHERE substr(id, 1, 8) = substr(?1, 1, 8) AND id = ?1").bind(1, caseID.bytes)
        guard try row.step() else { throw WorklistError("case \(caseID.short) is not in the replica; wait for sync") }
        let client = PublicKey(unchecked: row.blob(0))
        let clinician = row.optionalBlob(1).map(PublicKey.init(unchecked:))
        let assignee = row.optionalBlob(2).map(PublicKey.init(unchecked:))
        let status = row.text(3)
        row.reset()
        guard assignee == record.identity else {
            throw WorklistError("case \(caseID.short) is not assigned to you; only the assigned radiologist signs its report")
        }
        guard status == "assigned" else {
            throw WorklistError("case \(caseID.short) is \(status), so it takes no new report")
        }
        let readers = ReportSigning.Readers(client: try sealRecipient(client), clinician: try clinician.map(sealRecipient),
                                            radiologist: SealRecipient(identity: record.identity, encryptionKey: record.encryptionKey))
        return try ReportSigning.sign(case: caseID, filled: filled, radiologistName: try displayName(record.identity), at: now,
                                      recommendations: recommendations, critical: critical,
                                      clinicianName: try clinician.map(displayName), overrides: overrides,
                                      readers: readers, study: try measureStudy(caseID)) { try publish($0) }
    }

    /// The case's modality and region with the patient facts from its grant, for the report's quality measures.
    func measureStudy(_ caseID: EventID) throws -> MeasureStudy {
        let row = try sql("SELECT modality, body_region FROM cases WHERE substr(id, 1, 8) = substr(?1, 1, 8) AND id = ?1").bind(1, caseID.bytes)
        guard try row.step() else { throw WorklistError("case \(caseID.short) is not in the replica; wait for sync") }
        let (modality, region) = (row.text(0), row.text(1))
        row.reset()
        return MeasureStudy(modality: modality, bodyRegion: region, patient: patientFactors(caseID))
    }

    private func sealRecipient(_ identity: PublicKey) throws -> SealRecipient {
        let statement = try sql("SELECT encryption_key FROM identities WHERE identity = ?").bind(1, identity.bytes)
        defer { statement.reset() }
        guard try statement.step() else { throw WorklistError("identity \(identity.short) is not in the replica; wait for sync") }
        return SealRecipient(identity: identity, encryptionKey: PublicKey(unchecked: statement.blob(0)))
    }

    private func displayName(_ identity: PublicKey) throws -> String {
        let statement = try sql("SELECT display_name FROM identities WHERE identity = ?").bind(1, identity.bytes)
        defer { statement.reset() }
        return try statement.step() ? statement.text(0) : identity.short
    }
}
