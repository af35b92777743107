import Foundation
import HilumCore
import HilumCrypto
import HilumLedger
import HilumReporting

/// The Feedback screen's reads and writes: the clinicians' threads on this
/// radiologist's reports, replies sealed to the clinician, and addenda.
extension WorklistStore {
    /// Replies and addenda longer than this many characters are rejected
    /// before sealing, so a pasted document does not go out as a reply.
    public static let maxReplyCharacters = 4000

    /// Returns every clinician question and rating on this radiologist's
    /// reports, decrypted, unanswered questions first and then newest first.
    // NOTE: the feedback table has no index on the radiologist, so this scans
    // it whole and decrypts every thread; measured only on demo-sized ledgers.
    public func feedbackThreads() throws -> [FeedbackThread] {
        freshRead()
        defer { freshRead() }
        let statement = try sql("""
            SELECT f.id, f.report_id, f.case_id, coalesce(i.display_name, ''), f.rating, f.is_question, f.given_at,
                c.modality, c.body_region, c.procedure, r.signed_at
            FROM feedback f
            JOIN reports r ON r.id = f.report_id
            JOIN cases c ON substr(c.id, 1, 8) = substr(f.case_id, 1, 8) AND c.id = f.case_id
            LEFT JOIN identities i ON i.identity = f.clinician
            WHERE f.radiologist = ?
            """).bind(1, record.identity.bytes)
        struct Row {
            let id, reportID, caseID: EventID
            let clinician: String
            let rating: Int?
            let isQuestion: Bool
            let givenAt: Int64
            let modality, region, procedure: String
            let signedAt: Int64
        }
        var rows: [Row] = []
        while try statement.step() {
            rows.append(Row(id: EventID(unchecked: statement.blob(0)), reportID: EventID(unchecked: statement.blob(1)),
                            caseID: EventID(unchecked: statement.blob(2)), clinician: statement.text(3),
                            rating: statement.isNull(4) ? nil : statement.int(4), isQuestion: statement.int64(5) == 1,
                            givenAt: statement.int64(6), modality: statement.text(7), region: statement.text(8),
                            procedure: statement.text(9), signedAt: statement.int64(10)))
        }
        statement.reset()

        var excerpts: [EventID: String] = [:]
        var threads: [FeedbackThread] = []
        for row in rows {
            var notes: [String] = []
            let message = try openedText(row.id, subject: "the clinician's message", notes: &notes)
            if excerpts[row.reportID] == nil {
                excerpts[row.reportID] = try reportExcerpt(row.reportID, notes: &notes)
            }
            threads.append(FeedbackThread(
                id: row.id, reportID: row.reportID, caseID: row.caseID, clinicianName: row.clinician, modality: row.modality,
                region: row.region, procedure: row.procedure, isQuestion: row.isQuestion, rating: row.rating, givenAt: row.givenAt,
                message: message, reportSignedAt: row.signedAt, reportExcerpt: excerpts[row.reportID] ?? "",
                replies: try replies(to: row.id, notes: &notes), notes: notes))
        }
        return FeedbackThread.inDisplayOrder(threads)
    }

    /// Seals `text` to the clinician who gave `feedback` and to this
    /// radiologist, and publishes it as the reply, pointing to `addendum` if given.
    @discardableResult
    public func reply(to feedback: EventID, text: String, addendum: EventID? = nil) throws -> VerifiedEvent {
        let clean = try Self.checkedText(text, subject: "reply")
        let statement = try sql("SELECT clinician, radiologist FROM feedback WHERE id = ?").bind(1, feedback.bytes)
        guard try statement.step() else { throw WorklistError("feedback \(feedback.short) is not in the replica; wait for sync") }
        let clinician = PublicKey(unchecked: statement.blob(0))
        let radiologist = PublicKey(unchecked: statement.blob(1))
        statement.reset()
        guard radiologist == record.identity else {
            throw WorklistError("feedback \(feedback.short) is on another radiologist's report; only its author replies")
        }
        let sealed = try Sealer.seal(clean, to: [try sealRecipient(of: clinician), ownRecipient])
        return try publish(ReplyBody(feedback: feedback, addendum: addendum, sealed: sealed))
    }

    /// Files `text` as an addendum to the report `feedback` concerns, sealed
    /// to the client, the clinician and this radiologist, as
    /// `hilum report addendum` does. Returns the addendum event.
    @discardableResult
    public func fileAddendum(for feedback: EventID, text: String, at now: Int64) throws -> VerifiedEvent {
        let clean = try Self.checkedText(text, subject: "addendum")
        let statement = try sql("""
            SELECT r.id, r.radiologist, c.client, c.clinician FROM feedback f JOIN reports r ON r.id = f.report_id
            JOIN cases c ON substr(c.id, 1, 8) = substr(r.case_id, 1, 8) AND c.id = r.case_id WHERE f.id = ?
            """).bind(1, feedback.bytes)
        guard try statement.step() else { throw WorklistError("feedback \(feedback.short) or its report is not in the replica; wait for sync") }
        let reportID = EventID(unchecked: statement.blob(0))
        let author = PublicKey(unchecked: statement.blob(1))
        let client = PublicKey(unchecked: statement.blob(2))
        let clinician = statement.optionalBlob(3).map(PublicKey.init(unchecked:))
        statement.reset()
        guard author == record.identity else {
            throw WorklistError("report \(reportID.short) is another radiologist's; only its author files addenda")
        }
        let payload = AddendumPayload(signedAt: now, radiologistName: try ownName(), text: clean)
        let plaintext = try payload.encoded()
        var readers = [try sealRecipient(of: client), ownRecipient]
        if let clinician { readers.append(try sealRecipient(of: clinician)) }
        return try publish(AddendumBody(report: reportID, contentHash: Hash.blake2b256(plaintext),
                                        sealed: try Sealer.seal(plaintext, to: readers)))
    }

    /// Reply and addendum drafts of this radiologist under `<home>/drafts/`.
    public func replyDraftStore(home: String) -> ReplyDraftStore {
        ReplyDraftStore(directory: home + "/drafts", key: secrets.encryption.localKey(.replyDrafts))
    }

    // MARK: - Helpers

    static func checkedText(_ text: String, subject: String) throws -> String {
        let clean = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !clean.isEmpty else { throw WorklistError("the \(subject) is empty; type its text first") }
        guard clean.count <= maxReplyCharacters else {
            throw WorklistError("the \(subject) has \(clean.count) characters; the maximum is \(maxReplyCharacters)")
        }
        return clean
    }

    private var ownRecipient: SealRecipient { SealRecipient(identity: record.identity, encryptionKey: record.encryptionKey) }

    private func sealRecipient(of identity: PublicKey) throws -> SealRecipient {
        let statement = try sql("SELECT encryption_key FROM identities WHERE identity = ?").bind(1, identity.bytes)
        defer { statement.reset() }
        guard try statement.step() else { throw WorklistError("identity \(identity.short) is not in the replica; wait for sync") }
        return SealRecipient(identity: identity, encryptionKey: PublicKey(unchecked: statement.blob(0)))
    }

    private func ownName() throws -> String {
        let statement = try sql("SELECT display_name FROM identities WHERE identity = ?").bind(1, record.identity.bytes)
        defer { statement.reset() }
        return try statement.step() ? statement.text(0) : record.displayName
    }

    /// Returns the sealed text of event `id` opened for this radiologist; nil when the event carries none.
    private func openedText(_ id: EventID, subject: String, notes: inout [String]) throws -> String? {
        guard let sealed = try sealedContent(of: id) else { return nil }
        guard sealed.isAddressed(to: record.identity) else {
            notes.append("\(subject) is not sealed to you")
            return nil
        }
        do {
            let plain = try Sealer.open(sealed, as: record.identity, key: secrets.encryption)
            return plain.withBytes { ReportPayload.readableText(of: Array($0)) }
        } catch {
            notes.append("\(subject) cannot be opened (\(error))")
            return nil
        }
    }

    private func sealedContent(of id: EventID) throws -> Sealed? {
        let statement = try sql("SELECT encoded FROM events WHERE substr(id, 1, 8) = substr(?1, 1, 8) AND id = ?1").bind(1, id.bytes)
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        switch try Event(decoding: statement.blob(0)).content {
        case let .feedback(body): return body.sealed
        case let .reply(body): return body.sealed
        case let .report(body): return body.sealed
        case let .addendum(body): return body.sealed
        default: return nil
        }
    }

    /// Returns the report's impression, else its first lines, for showing beside the thread.
    private func reportExcerpt(_ reportID: EventID, notes: inout [String]) throws -> String {
        guard let sealed = try sealedContent(of: reportID), sealed.isAddressed(to: record.identity) else {
            notes.append("the report is not sealed to you")
            return ""
        }
        do {
            let plain = try Sealer.open(sealed, as: record.identity, key: secrets.encryption)
            return plain.withBytes { bytes -> String in
                if let payload = try? ReportPayload.decode(Array(bytes)) {
                    return payload.impression ?? Self.firstLines(payload.text)
                }
                return Self.firstLines(String(decoding: bytes, as: UTF8.self))
            }
        } catch {
            notes.append("the report cannot be opened (\(error))")
            return ""
        }
    }

    static func firstLines(_ text: String, count: Int = 4) -> String {
        text.split(separator: "\n").prefix(count).joined(separator: "\n")
    }

    private func replies(to feedback: EventID, notes: inout [String]) throws -> [FeedbackThread.Reply] {
        let statement = try sql("SELECT id, replied_at, addendum_id FROM replies WHERE feedback_id = ? ORDER BY replied_at")
            .bind(1, feedback.bytes)
        var rows: [(EventID, Int64, EventID?)] = []
        while try statement.step() {
            rows.append((EventID(unchecked: statement.blob(0)), statement.int64(1), statement.optionalBlob(2).map(EventID.init(unchecked:))))
        }
        statement.reset()
        return try rows.map { id, at, addendum in
            var replyNotes: [String] = []
            let text = try openedText(id, subject: "the reply", notes: &replyNotes) ?? "(sealed to the clinician only)"
            return FeedbackThread.Reply(id: id, at: at, text: text, addendumID: addendum)
        }
    }
}
