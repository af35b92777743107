import Foundation
import HilumCore
import HilumCrypto
import HilumHistory
import HilumLedger
import HilumNet
import HilumSQLite

/// What the worklist reads and does, without any drawing: the radiologist's
/// market, their cases, one case in full, and bids. Reads go to a connection
/// of its own; events are signed here and stored through the sync engine,
/// which pushes them to the connected nodes at once.
public final class WorklistStore {
    public let record: IdentityRecord
    let secrets: DeviceSecrets
    let database: Database
    let engine: SyncEngine
    private lazy var statements = StatementCache(database: database)

    public init(replicaPath: String, record: IdentityRecord, secrets: DeviceSecrets, engine: SyncEngine) throws {
        self.record = record
        self.secrets = secrets
        self.engine = engine
        database = try Database(path: replicaPath)
    }

    func sql(_ text: String) throws -> Statement { try statements.statement(text) }

    /// Starts a fresh read: a statement stepped once and left keeps its
    /// snapshot, and later reads on this connection would not see new events.
    func freshRead() { statements.resetAll() }

    // MARK: - Market

    /// Jurisdictions and subspecialties of this radiologist's credentials valid at `now`.
    public func credentials(at now: Int64) throws -> (jurisdictions: Set<String>, subspecialties: Set<String>) {
        let statement = try sql("""
            SELECT kind, jurisdiction, subspecialty FROM credentials
            WHERE subject = ? AND revoked_at IS NULL AND valid_from <= ? AND valid_until > ?
            """).bind(1, record.identity.bytes).bind(2, now).bind(3, now)
        var jurisdictions: Set<String> = []
        var subspecialties: Set<String> = []
        while try statement.step() {
            if statement.int64(0) == Int64(CredentialKind.licence.rawValue) {
                jurisdictions.insert(statement.text(1))
            } else if let subspecialty = statement.optionalText(2) {
                subspecialties.insert(subspecialty)
            }
        }
        return (jurisdictions, subspecialties)
    }

    /// Open postings this radiologist may bid on at `now` (licence for the
    /// jurisdiction, the subspecialty if one is named, before the deadline),
    /// STAT first, then by time left. With `limit`, only the first `limit`
    /// postings in that order are read (fewer when some need credentials this
    /// radiologist lacks): enough for a first frame without reading them all.
    public func market(now: Int64, limit: Int? = nil) throws -> [MarketRow] {
        freshRead()
        let held = try credentials(at: now)
        let myBids = try sql("""
            SELECT case_id, id, price, turnaround_minutes FROM bids WHERE radiologist = ? AND withdrawn_at IS NULL
            """).bind(1, record.identity.bytes)
        var bids: [EventID: (EventID, UInt64, Int)] = [:]
        while try myBids.step() {
            bids[EventID(unchecked: myBids.blob(0))] = (EventID(unchecked: myBids.blob(1)), UInt64(myBids.int64(2)), myBids.int(3))
        }

        let statement = try sql("""
            SELECT id, priority, modality, body_region, procedure, jurisdiction, subspecialty, price, currency, posted_at,
                deadline_at, bid_count, ai_findings
            FROM cases WHERE status = 'open' AND deadline_at > ?
            """ + (limit == nil ? "" : " ORDER BY priority, deadline_at, rowid LIMIT ?2")).bind(1, now)
        if let limit { statement.bind(2, Int64(limit)) }
        // Most cells repeat a few values (modality, region, procedure), so
        // the interner shares one String per value instead of allocating one per cell.
        var texts = TextInterner()
        var rows: [MarketRow] = []
        while try statement.step() {
            let jurisdiction = texts.text(statement, 5)
            let subspecialty = texts.optionalText(statement, 6)
            guard held.jurisdictions.contains(jurisdiction), subspecialty.map(held.subspecialties.contains) ?? true,
                  let priority = Priority(rawValue: UInt8(clamping: statement.int64(1))) else { continue }
            let id = EventID(unchecked: statement.blob(0))
            rows.append(MarketRow(caseID: id, priority: priority, modality: texts.text(statement, 2), region: texts.text(statement, 3),
                                  procedure: texts.text(statement, 4), jurisdiction: jurisdiction, subspecialty: subspecialty,
                                  price: UInt64(statement.int64(7)), currency: texts.text(statement, 8), postedAt: statement.int64(9),
                                  deadlineAt: statement.int64(10), bidCount: statement.int(11),
                                  myBid: bids.isEmpty ? nil : bids[id].map { (id: $0.0, price: $0.1, turnaroundMinutes: $0.2) },
                                  aiFindings: texts.text(statement, 12)))
        }

        // Sorting small keys and then picking rows in that order moves each
        // row once, where sorting the rows themselves moves them many times.
        let keys = rows.indices.map { (priority: rows[$0].priority.rawValue, deadline: rows[$0].deadlineAt, index: $0) }
            .sorted { ($0.priority, $0.deadline, $0.index) < ($1.priority, $1.deadline, $1.index) }
        return keys.map { rows[$0.index] }
    }

    // MARK: - To read

    /// Cases assigned to this radiologist that are not closed: STAT first, then by deadline.
    public func toRead(now: Int64, drafts: Set<EventID> = [], opened: Set<EventID> = []) throws -> [ReadingRow] {
        freshRead()
        let statement = try sql("""
            SELECT c.id, c.priority, c.modality, c.body_region, c.procedure, c.jurisdiction, coalesce(i.display_name, ''),
                c.assigned_at, c.deadline_at, c.status
            FROM cases c LEFT JOIN identities i ON i.identity = c.client
            WHERE c.assignee = ? AND c.status IN ('assigned', 'reported')
            """).bind(1, record.identity.bytes)
        var texts = TextInterner()
        var rows: [ReadingRow] = []
        while try statement.step() {
            guard let priority = Priority(rawValue: UInt8(clamping: statement.int64(1))) else { continue }
            let id = EventID(unchecked: statement.blob(0))
            var status = ReadingRow.Status.new
            if statement.text(9) == "reported" {
                status = .signed
            } else if drafts.contains(id) {
                status = .draft
            } else if opened.contains(id) {
                status = .inProgress
            }
            rows.append(ReadingRow(caseID: id, priority: priority, modality: texts.text(statement, 2), region: texts.text(statement, 3),
                                   procedure: texts.text(statement, 4), jurisdiction: texts.text(statement, 5), client: texts.text(statement, 6),
                                   assignedAt: statement.isNull(7) ? 0 : statement.int64(7), deadlineAt: statement.int64(8),
                                   status: status))
        }
        return rows.sorted { lhs, rhs in
            if (lhs.status == .signed) != (rhs.status == .signed) { return rhs.status == .signed }
            return (lhs.priority.rawValue, lhs.deadlineAt) < (rhs.priority.rawValue, rhs.deadlineAt)
        }
    }

    // MARK: - Bids

    /// Bids `price` (in cents) with a committed turnaround; replaces an earlier bid on the case.
    @discardableResult
    public func bid(on caseID: EventID, price: UInt64, turnaroundMinutes: UInt32) throws -> VerifiedEvent {
        let currency = try caseCurrency(caseID)
        return try publish(BidBody(posting: caseID, price: price, currency: currency, turnaroundMinutes: turnaroundMinutes))
    }

    /// Bids the posted price with this radiologist's profile turnaround (or 240 minutes).
    @discardableResult
    public func accept(_ caseID: EventID) throws -> VerifiedEvent {
        let posted = try sql("SELECT price FROM cases WHERE substr(id, 1, 8) = substr(?1, 1, 8) AND id = ?1").bind(1, caseID.bytes)
        guard try posted.step() else { throw WorklistError("case \(caseID.short) is not in the replica") }
        let price = UInt64(posted.int64(0))
        let profile = try sql("SELECT turnaround_minutes FROM profiles WHERE identity = ?").bind(1, record.identity.bytes)
        let turnaround = try profile.step() ? UInt32(clamping: profile.int64(0)) : 240
        return try bid(on: caseID, price: price, turnaroundMinutes: turnaround)
    }

    @discardableResult
    public func withdraw(bid: EventID) throws -> VerifiedEvent {
        try publish(WithdrawalBody(target: bid))
    }

    private func caseCurrency(_ caseID: EventID) throws -> String {
        let statement = try sql("SELECT currency FROM cases WHERE substr(id, 1, 8) = substr(?1, 1, 8) AND id = ?1").bind(1, caseID.bytes)
        guard try statement.step() else { throw WorklistError("case \(caseID.short) is not in the replica; wait for sync") }
        return statement.text(0)
    }

    /// Signs `body` as this device's next event and stores it through the
    /// engine. Throws with the ledger's reason when the rules reject it.
    @discardableResult
    public func publish(_ body: some EventBody) throws -> VerifiedEvent {
        freshRead()
        let head = try sql("SELECT sequence, id, timestamp FROM events WHERE author = ? ORDER BY sequence DESC LIMIT 1")
            .bind(1, record.device.bytes)
        let previous = try head.step() ? (UInt64(head.int64(0)), EventID(unchecked: head.blob(1)), head.int64(2)) : nil
        head.reset()
        let event = try FeedWriter(device: secrets.device).sign(body, after: previous)
        let report = try engine.submit([event])
        freshRead()
        if let rejection = report.rejected.first { throw WorklistError("\(rejection)") }
        let quarantine = try sql("SELECT reason FROM quarantine WHERE event_id = ?").bind(1, event.id.bytes)
        if try quarantine.step() { throw WorklistError("the ledger refused it: \(quarantine.text(0))") }
        return event
    }
}

/// A failure to show in the worklist's message line.
public struct WorklistError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
