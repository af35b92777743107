import Foundation
import HilumCore
import HilumCrypto
import HilumReporting

/// The Follow-ups screen's reads: this radiologist's follow-up
/// recommendations with the clients' status, and the critical results with
/// the clinicians' acknowledgments. Sealed details are opened in memory only.
extension WorklistStore {
    /// Returns the follow-ups this radiologist recommended, by due date (those without one last).
    public func followUps() throws -> [FollowUpRow] {
        freshRead()
        defer { freshRead() }
        let statement = try sql("""
            SELECT f.id, f.case_id, c.procedure, f.modality, f.interval_days, f.guideline, f.due_at, f.status, f.status_at, e.encoded
            FROM follow_ups f JOIN cases c ON substr(c.id, 1, 8) = substr(f.case_id, 1, 8) AND c.id = f.case_id JOIN events e ON e.id = f.id
            WHERE f.radiologist = ?
            """).bind(1, record.identity.bytes)
        var rows: [FollowUpRow] = []
        while try statement.step() {
            let state = statement.isNull(7) ? nil : FollowUpState(rawValue: UInt8(clamping: statement.int64(7)))
            rows.append(FollowUpRow(
                id: EventID(unchecked: statement.blob(0)), caseID: EventID(unchecked: statement.blob(1)), procedure: statement.text(2),
                modality: statement.optionalText(3), intervalDays: statement.isNull(4) ? nil : statement.int(4),
                guideline: statement.optionalText(5), dueAt: statement.isNull(6) ? nil : statement.int64(6), status: FollowUpRow.Status(state),
                statusAt: statement.isNull(8) ? nil : statement.int64(8), finding: followUpFinding(statement.blob(9))))
        }
        return rows.sorted { ($0.dueAt ?? .max, $0.id.hex) < ($1.dueAt ?? .max, $1.id.hex) }
    }

    /// Returns the critical results this radiologist flagged: unacknowledged
    /// ones first by deadline, then acknowledged ones, newest first.
    public func criticalResults() throws -> [CriticalResultRow] {
        freshRead()
        defer { freshRead() }
        let statement = try sql("""
            SELECT r.id, r.case_id, c.procedure, r.category, coalesce(i.display_name, ''), r.flagged_at, r.due_at, r.acknowledged_at, e.encoded
            FROM critical_results r JOIN cases c ON substr(c.id, 1, 8) = substr(r.case_id, 1, 8) AND c.id = r.case_id JOIN events e ON e.id = r.id
            LEFT JOIN identities i ON i.identity = r.clinician
            WHERE r.radiologist = ?
            """).bind(1, record.identity.bytes)
        var rows: [CriticalResultRow] = []
        while try statement.step() {
            guard let category = CriticalCategory(rawValue: UInt8(clamping: statement.int64(3))) else { continue }
            rows.append(CriticalResultRow(
                id: EventID(unchecked: statement.blob(0)), caseID: EventID(unchecked: statement.blob(1)), procedure: statement.text(2),
                category: category, clinician: statement.text(4), flaggedAt: statement.int64(5), dueAt: statement.int64(6),
                acknowledgedAt: statement.isNull(7) ? nil : statement.int64(7), message: criticalMessage(statement.blob(8))))
        }
        let open = rows.filter { !$0.isAcknowledged }.sorted { ($0.dueAt, $0.id.hex) < ($1.dueAt, $1.id.hex) }
        let closed = rows.filter(\.isAcknowledged).sorted { ($0.flaggedAt, $0.id.hex) > ($1.flaggedAt, $1.id.hex) }
        return open + closed
    }

    /// Counts this radiologist's unacknowledged critical results and those past their deadline, without opening any.
    public func pendingCriticalResults(now: Int64) throws -> (unacknowledged: Int, overdue: Int) {
        let statement = try sql("""
            SELECT count(*), coalesce(sum(due_at <= ?2), 0) FROM critical_results WHERE radiologist = ?1 AND acknowledged_at IS NULL
            """).bind(1, record.identity.bytes).bind(2, now)
        defer { statement.reset() }
        guard try statement.step() else { return (0, 0) }
        return (statement.int(0), statement.int(1))
    }

    private func followUpFinding(_ encoded: [UInt8]) -> String {
        guard case let .followUpRecommendation(body)? = try? Event(decoding: encoded).content,
              let plain = try? Sealer.open(body.sealed, as: record.identity, key: secrets.encryption),
              let details = plain.withBytes({ try? JSONDecoder().decode(FollowUpRecommendation.self, from: Data($0)) }) else {
            return "(details cannot be opened)"
        }
        return details.finding
    }

    private func criticalMessage(_ encoded: [UInt8]) -> String {
        guard case let .criticalResult(body)? = try? Event(decoding: encoded).content,
              let plain = try? Sealer.open(body.sealed, as: record.identity, key: secrets.encryption) else {
            return "(message cannot be opened)"
        }
        return plain.withBytes { String(decoding: $0, as: UTF8.self) }
    }
}
