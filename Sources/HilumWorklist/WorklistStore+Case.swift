import Foundation
import HilumCore
import HilumCrypto
import HilumHistory
import HilumLedger
import HilumReporting

/// One case in full, as the Case screen shows it. The grant, the history
/// and prior reports are decrypted into this value and nowhere else; drop it
/// to forget them (Swift strings cannot be wiped, so the lock screen drops
/// every `CaseDetail` it holds).
public struct CaseDetail: Sendable {
    public struct Bid: Sendable {
        public let radiologist: String
        public let price: UInt64
        public let currency: String
        public let turnaroundMinutes: Int
        public let at: Int64
        public let withdrawn: Bool
    }

    public struct PriorReport: Sendable {
        public let caseID: EventID
        public let procedure: String
        public let signedAt: Int64
        public let text: String
    }

    public let caseID: EventID
    public let priority: Priority
    public let modality: String
    public let region: String
    public let procedure: String
    public let jurisdiction: String
    public let subspecialty: String?
    public let price: UInt64
    public let currency: String
    public let postedAt: Int64
    public let deadlineAt: Int64
    public let seriesCount: Int
    public let instanceCount: Int
    public let aiFindings: String
    public let status: String
    public let client: String
    public let assignee: String?
    public let assignedAt: Int64?
    public let grant: GrantPayload?
    public let grantExpiresAt: Int64?
    public let history: HistorySummary?
    public let bids: [Bid]
    public let priorReports: [PriorReport]
    /// What could not be opened or read, in plain words.
    public let notes: [String]
}

extension WorklistStore {
    public func caseDetail(_ caseID: EventID) throws -> CaseDetail {
        freshRead()
        defer { freshRead() }
        let row = try sql("""
            SELECT c.priority, c.modality, c.body_region, c.procedure, c.jurisdiction, c.subspecialty, c.price, c.currency, c.posted_at,
                c.deadline_at, c.series_count, c.instance_count, c.ai_findings, c.status, coalesce(ci.display_name, ''),
                ai.display_name, c.assigned_at
            FROM cases c LEFT JOIN identities ci ON ci.identity = c.client LEFT JOIN identities ai ON ai.identity = c.assignee
            WHERE substr(c.id, 1, 8) = substr(?1, 1, 8) AND c.id = ?1
            """).bind(1, caseID.bytes)
        guard try row.step() else { throw WorklistError("case \(caseID.short) is not in the replica") }
        var notes: [String] = []
        let opened = try openGrant(caseID, notes: &notes)
        var history: HistorySummary?
        if let text = opened?.payload.history {
            do {
                history = try HistorySummary.decode(Data(text.utf8))
            } catch {
                notes.append("the patient history in the grant cannot be read by this build (\(error))")
            }
        }
        let detail = CaseDetail(
            caseID: caseID, priority: Priority(rawValue: UInt8(clamping: row.int64(0))) ?? .routine, modality: row.text(1),
            region: row.text(2), procedure: row.text(3), jurisdiction: row.text(4), subspecialty: row.optionalText(5),
            price: UInt64(row.int64(6)), currency: row.text(7), postedAt: row.int64(8), deadlineAt: row.int64(9),
            seriesCount: row.int(10), instanceCount: row.int(11), aiFindings: row.text(12), status: row.text(13), client: row.text(14),
            assignee: row.optionalText(15), assignedAt: row.isNull(16) ? nil : row.int64(16),
            grant: opened?.payload, grantExpiresAt: opened?.expiresAt, history: history, bids: try bids(caseID),
            priorReports: try priorReports(for: caseID, patientID: opened?.payload.patient.patientID, notes: &notes), notes: notes)
        row.reset()
        return detail
    }

    /// The newest grant on `caseID` addressed to this radiologist, decrypted.
    func openGrant(_ caseID: EventID, notes: inout [String]) throws -> (payload: GrantPayload, expiresAt: Int64)? {
        let statement = try sql("""
            SELECT e.encoded FROM grants g JOIN events e ON substr(e.id, 1, 8) = substr(g.id, 1, 8) AND e.id = g.id WHERE g.case_id = ? AND g.recipient = ?
            ORDER BY g.granted_at DESC LIMIT 1
            """).bind(1, caseID.bytes).bind(2, record.identity.bytes)
        guard try statement.step() else { return nil }
        let encoded = statement.blob(0)
        statement.reset()
        guard case let .accessGrant(body) = try Event(decoding: encoded).content else { return nil }
        do {
            let plain = try Sealer.open(body.sealed, as: record.identity, key: secrets.encryption)
            return (try plain.withBytes { try GrantPayload(decoding: Array($0)) }, body.expiresAt)
        } catch {
            notes.append("the access grant cannot be opened (\(error))")
            return nil
        }
    }

    func bids(_ caseID: EventID) throws -> [CaseDetail.Bid] {
        let statement = try sql("""
            SELECT coalesce(i.display_name, ''), b.price, b.currency, b.turnaround_minutes, b.bid_at, b.withdrawn_at IS NOT NULL
            FROM bids b LEFT JOIN identities i ON i.identity = b.radiologist WHERE substr(b.case_id, 1, 8) = substr(?1, 1, 8) AND b.case_id = ?1 ORDER BY b.bid_at
            """).bind(1, caseID.bytes)
        var bids: [CaseDetail.Bid] = []
        while try statement.step() {
            bids.append(CaseDetail.Bid(radiologist: statement.text(0), price: UInt64(statement.int64(1)), currency: statement.text(2),
                                       turnaroundMinutes: statement.int(3), at: statement.int64(4), withdrawn: statement.int64(5) == 1))
        }
        return bids
    }

    /// Reports on other cases of the same patient that this radiologist can
    /// read: the patient is matched through the patient ID in the grants.
    func priorReports(for caseID: EventID, patientID: String?, notes: inout [String]) throws -> [CaseDetail.PriorReport] {
        guard let patientID, !patientID.isEmpty else { return [] }
        let candidates = try sql("""
            SELECT r.case_id, r.id, r.signed_at, c.procedure FROM reports r JOIN cases c ON c.id = r.case_id
            JOIN grants g ON g.case_id = r.case_id AND g.recipient = ? WHERE r.case_id != ? GROUP BY r.id ORDER BY r.signed_at DESC
            """).bind(1, record.identity.bytes).bind(2, caseID.bytes)
        var rows: [(EventID, EventID, Int64, String)] = []
        while try candidates.step() {
            rows.append((EventID(unchecked: candidates.blob(0)), EventID(unchecked: candidates.blob(1)), candidates.int64(2), candidates.text(3)))
        }
        var reports: [CaseDetail.PriorReport] = []
        for (otherCase, reportID, signedAt, procedure) in rows {
            var ignored: [String] = []
            guard try openGrant(otherCase, notes: &ignored)?.payload.patient.patientID == patientID else { continue }
            let event = try sql("SELECT encoded FROM events WHERE substr(id, 1, 8) = substr(?1, 1, 8) AND id = ?1").bind(1, reportID.bytes)
            guard try event.step(), case let .report(body) = try Event(decoding: event.blob(0)).content else { continue }
            event.reset()
            guard body.sealed.isAddressed(to: record.identity) else { continue }
            do {
                let plain = try Sealer.open(body.sealed, as: record.identity, key: secrets.encryption)
                reports.append(CaseDetail.PriorReport(caseID: otherCase, procedure: procedure, signedAt: signedAt,
                                                      text: plain.withBytes { ReportPayload.readableText(of: Array($0)) }))
            } catch {
                notes.append("a prior report (\(reportID.short)) cannot be opened (\(error))")
            }
        }
        return reports
    }
}
