import HilumCore
import HilumSQLite

/// Applies linked events to the projection tables, one at a time, in
/// `OrderKey` order. Every rule here is a deterministic function of the
/// events applied before, so all replicas holding the same events reach the
/// same tables. An event that breaks a rule is recorded in `quarantine` and
/// changes nothing else.
final class Projector {
    let database: Database
    private lazy var statements = StatementCache(database: database)
    private var devices: [PublicKey: DeviceInfo] = [:]
    /// Cases read recently. Bids go to the newest postings, so this spares
    /// most bids a read of `cases`. Entries are removed whenever a case's
    /// status, assignee or clinician changes. 8,192 per generation is an
    /// estimate of how many postings take bids at one time, chosen so the
    /// cache stays a few megabytes.
    private var recentCases = RecentCache<EventID, CaseRow>(capacity: 8192)
    /// Credentials by subject, read for every bid's licence check. Entries
    /// are removed when a credential of that subject is added or revoked.
    var recentCredentials = RecentCache<PublicKey, [CredentialRow]>(capacity: 4096)
    /// Changes to `cases.bid_count` not yet written, by case rowid. Bids in
    /// a batch go to a few open cases, so each case is updated once per
    /// batch instead of once per bid. Nothing reads the column while events
    /// are applied, and `flushBidCounts()` writes it before the batch ends.
    private var pendingBidCounts: [Int64: Int64] = [:]

    struct DeviceInfo {
        let identity: PublicKey
        let role: Role
        var revokedAt: Int64?
    }

    struct CaseRow {
        /// The row's rowid in this file, for updates that need no id lookup.
        let rowID: Int64
        let client: PublicKey
        let status: String
        let deadlineAt: Int64
        let jurisdiction: String
        let subspecialty: String?
        let currency: String
        let assignee: PublicKey?
        let clinician: PublicKey?
        let assignedAt: Int64?
        /// Radiologists with an open bid on the case, when this projector
        /// applied the posting and so saw every bid. It is nil for a row read
        /// back from `cases`, because that row's bids were not seen here.
        let openBidders: OpenBidders?
    }

    /// A set shared by reference, so a bid updates the cached row in place.
    final class OpenBidders {
        var members: Set<PublicKey> = []
    }

    /// The columns of one `credentials` row that eligibility rules read.
    struct CredentialRow {
        let kind: Int64
        let jurisdiction: String
        let subspecialty: String?
        let validFrom: Int64
        let validUntil: Int64
        let revokedAt: Int64?

        /// Matches the SQL condition `valid_from <= t AND valid_until > t AND (revoked_at IS NULL OR revoked_at > t)`.
        func isValid(at time: Int64) -> Bool {
            guard validFrom <= time, validUntil > time else { return false }
            return revokedAt.map { $0 > time } ?? true
        }
    }

    init(database: Database) {
        self.database = database
    }

    func sql(_ text: String) throws -> Statement { try statements.statement(text) }

    /// Resets cached statements, so none holds a read snapshot past the commit.
    func releaseStatements() { statements.resetAll() }

    /// Applies one event; returns the quarantine entry if a rule rejected it.
    @discardableResult
    func apply(_ verified: VerifiedEvent) throws -> Quarantine? {
        let outcome: Quarantine?
        do {
            try applyRules(verified)
            outcome = nil
        } catch let quarantine as Quarantine {
            outcome = quarantine
        }
        if let outcome {
            try sql("INSERT OR REPLACE INTO quarantine(event_id, author, sequence, kind, code, reason) VALUES(?,?,?,?,?,?)")
                .bind(1, verified.id).bind(2, verified.event.author).bind(3, Int64(verified.event.sequence))
                .bind(4, Int64(verified.event.kind.rawValue)).bind(5, outcome.code).bind(6, outcome.reason).run()
        }
        return outcome
    }

    private func applyRules(_ verified: VerifiedEvent) throws {
        let event = verified.event
        if case let .device(body) = event.content {
            try applyDevice(verified, body)
            return
        }
        guard let author = try device(event.author) else { throw Quarantine.unknownDevice() }
        if let revokedAt = author.revokedAt, event.timestamp >= revokedAt {
            throw Quarantine("device-revoked", "the author's device was revoked by a key rotation before this event")
        }
        guard event.kind.authorRoles.contains(author.role) else { throw Quarantine.wrongRole(event.kind.name, author.role.name) }
        let context = Context(id: verified.id, event: event, identity: author.identity, time: verified.effectiveTime)
        switch event.content {
        case .device: break
        case let .profile(body): try applyProfile(context, body)
        case let .credential(body): try applyCredential(context, body)
        case let .keyRotation(body): try applyKeyRotation(context, body)
        case .forkProof: break
        case let .posting(body): try applyPosting(context, body)
        case let .bid(body): try applyBid(context, body)
        case let .withdrawal(body): try applyWithdrawal(context, body)
        case let .assignment(body): try applyAssignment(context, body)
        case let .accessGrant(body): try applyAccessGrant(context, body)
        case let .settlement(body): try applySettlement(context, body)
        case let .report(body): try applyReport(context, body)
        case let .addendum(body): try applyAddendum(context, body)
        case let .followUpRecommendation(body): try applyFollowUpRecommendation(context, body)
        case let .followUpStatus(body): try applyFollowUpStatus(context, body)
        case let .criticalResult(body): try applyCriticalResult(context, body)
        case let .acknowledgment(body): try applyAcknowledgment(context, body)
        case let .routingDecision(body): try applyRoutingDecision(context, body)
        case let .measureOutcomes(body): try applyMeasureOutcomes(context, body)
        case let .feedback(body): try applyFeedback(context, body)
        case let .reply(body): try applyReply(context, body)
        case let .peerReview(body): try applyPeerReview(context, body)
        case let .aiLabel(body): try applyAILabel(context, body)
        }
    }

    /// The event being applied with its author's identity resolved.
    struct Context {
        let id: EventID
        let event: Event
        let identity: PublicKey
        /// The event's time for deadline and turnaround rules (see `Witness`).
        let time: Int64
    }

    func device(_ key: PublicKey) throws -> DeviceInfo? {
        if let cached = devices[key] { return cached }
        let statement = try sql("""
            SELECT d.identity, i.role, d.revoked_at FROM devices d JOIN identities i ON i.identity = d.identity
            WHERE d.device = ?
            """).bind(1, key)
        guard try statement.step(), let role = Role(rawValue: UInt8(clamping: statement.int(1))) else { return nil }
        let info = DeviceInfo(identity: PublicKey(unchecked: statement.blob(0)), role: role,
                              revokedAt: statement.isNull(2) ? nil : statement.int64(2))
        devices[key] = info
        return info
    }

    func forgetDevice(_ key: PublicKey) { devices[key] = nil }

    func role(of identity: PublicKey) throws -> Role? {
        let statement = try sql("SELECT role FROM identities WHERE identity = ?").bind(1, identity)
        return try statement.step() ? Role(rawValue: UInt8(clamping: statement.int(0))) : nil
    }

    func caseRow(_ id: EventID) throws -> CaseRow? {
        if let cached = recentCases.value(for: id) { return cached }
        let statement = try sql("""
            SELECT rowid, client, status, deadline_at, jurisdiction, subspecialty, currency, assignee, clinician, assigned_at
            FROM cases WHERE \(Schema.idMatches("id", parameter: 1))
            """).bind(1, id)
        guard try statement.step() else { return nil }
        let row = CaseRow(rowID: statement.int64(0), client: PublicKey(unchecked: statement.blob(1)), status: statement.text(2),
                          deadlineAt: statement.int64(3), jurisdiction: statement.text(4),
                          subspecialty: statement.optionalText(5), currency: statement.text(6),
                          assignee: statement.optionalBlob(7).map(PublicKey.init(unchecked:)),
                          clinician: statement.optionalBlob(8).map(PublicKey.init(unchecked:)),
                          assignedAt: statement.isNull(9) ? nil : statement.int64(9), openBidders: nil)
        recentCases.insert(row, for: id)
        return row
    }

    /// Adds `change` to a case's bid count when the batch's counts are flushed.
    func countBids(_ change: Int64, onCase rowID: Int64) { pendingBidCounts[rowID, default: 0] += change }

    /// Writes the bid counts changed since the last flush.
    func flushBidCounts() throws {
        for (rowID, change) in pendingBidCounts where change != 0 {
            try sql("UPDATE cases SET bid_count = bid_count + ? WHERE rowid = ?").bind(1, change).bind(2, rowID).run()
        }
        pendingBidCounts.removeAll(keepingCapacity: true)
    }

    /// Forgets the cached copy of a case whose status, assignee or clinician changed.
    func forgetCase(_ id: EventID) { recentCases.remove(id) }

    /// Caches the row of a case this projector has just inserted.
    func rememberCase(_ id: EventID, _ row: CaseRow) { recentCases.insert(row, for: id) }

    func setFact(_ subject: PublicKey, _ fact: String, ref: EventID, value: Int64) throws {
        try sql("INSERT OR REPLACE INTO quality_facts(subject, fact, ref, value) VALUES(?,?,?,?)")
            .bind(1, subject).bind(2, fact).bind(3, ref).bind(4, value).run()
    }

    /// Checks that sealed content is addressed to every identity that must read it.
    func requireRecipients(_ sealed: Sealed, _ readers: [PublicKey?], field: String) throws {
        for case let reader? in readers where !sealed.isAddressed(to: reader) {
            throw Quarantine("not-sealed-to-reader", "\(field) is not sealed to \(reader.short), who must be able to read it")
        }
    }
}
