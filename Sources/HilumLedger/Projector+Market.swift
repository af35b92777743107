import HilumCore

extension Projector {
    func applyPosting(_ context: Context, _ body: PostingBody) throws {
        let findings = body.aiFindings.map { "\($0.code)=\($0.scorePerMille)" }.joined(separator: ",")
        try sql("""
            INSERT INTO cases(id, client, modality, body_region, procedure, priority, posted_at, deadline_at, price,
                currency, jurisdiction, subspecialty, series_count, instance_count, ai_findings, status)
            VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'open')
            """).bind(1, context.id).bind(2, context.identity).bind(3, body.modality)
            .bind(4, body.bodyRegion).bind(5, body.procedure).bind(6, Int64(body.priority.rawValue))
            .bind(7, context.time).bind(8, context.time + Int64(body.deadlineSeconds) * 1000)
            .bind(9, Int64(body.price)).bind(10, body.currency).bind(11, body.jurisdiction).bind(12, body.subspecialty)
            .bind(13, Int64(body.seriesCount)).bind(14, Int64(body.instanceCount)).bind(15, findings).run()
        // The row as `caseRow` would read it back, with no bids yet, so the case's
        // first bids need neither a read of `cases` nor a search for an earlier bid.
        rememberCase(context.id, CaseRow(rowID: database.lastInsertRowID, client: context.identity, status: "open",
                                         deadlineAt: context.time + Int64(body.deadlineSeconds) * 1000,
                                         jurisdiction: body.jurisdiction, subspecialty: body.subspecialty,
                                         currency: body.currency, assignee: nil, clinician: nil, assignedAt: nil,
                                         openBidders: OpenBidders()))
    }

    /// Checks that a radiologist may read this case at `time`: licence for
    /// its jurisdiction and, if it names one, the subspecialty credential.
    func requireEligible(_ radiologist: PublicKey, for row: CaseRow, at time: Int64) throws {
        guard try holdsLicence(radiologist, jurisdiction: row.jurisdiction, at: time) else {
            throw Quarantine("no-licence", "the radiologist has no valid licence for \(row.jurisdiction) at this time")
        }
        if let subspecialty = row.subspecialty, try !holdsSubspecialty(radiologist, subspecialty, at: time) {
            throw Quarantine("no-subspecialty", "the radiologist has no valid \(subspecialty) credential at this time")
        }
    }

    func applyBid(_ context: Context, _ body: BidBody) throws {
        guard let row = try caseRow(body.posting) else { throw Quarantine.unknownCase() }
        guard row.status == "open" else { throw Quarantine("case-not-open", "the case is \(row.status), bids are closed") }
        guard context.time < row.deadlineAt else { throw Quarantine("after-deadline", "the bid came after the posting's deadline") }
        guard body.currency == row.currency else {
            throw Quarantine("currency-mismatch", "the bid is in \(body.currency), the posting in \(row.currency)")
        }
        try requireEligible(context.identity, for: row, at: context.time)
        // A new bid replaces the radiologist's earlier bid on the same case. When the
        // cached row lists every open bidder, a first bid skips the search for one.
        var replaced = 0
        if row.openBidders?.members.contains(context.identity) ?? true {
            try sql("""
                UPDATE bids SET withdrawn_at = ?1 WHERE substr(case_id, 1, 8) = substr(?2, 1, 8)
                AND substr(radiologist, 1, 8) = substr(?3, 1, 8) AND case_id = ?2 AND radiologist = ?3 AND withdrawn_at IS NULL
                """).bind(1, context.time).bind(2, body.posting).bind(3, context.identity).run()
            replaced = database.changes
        }
        try sql("""
            INSERT INTO bids(id, case_id, radiologist, price, currency, turnaround_minutes, bid_at) VALUES(?,?,?,?,?,?,?)
            """).bind(1, context.id).bind(2, body.posting).bind(3, context.identity)
            .bind(4, Int64(body.price)).bind(5, body.currency).bind(6, Int64(body.turnaroundMinutes)).bind(7, context.time).run()
        countBids(Int64(1 - replaced), onCase: row.rowID)
        row.openBidders?.members.insert(context.identity)
    }

    func applyWithdrawal(_ context: Context, _ body: WithdrawalBody) throws {
        let bid = try sql("SELECT case_id, radiologist, withdrawn_at, rowid FROM bids WHERE \(Schema.idMatches("id", parameter: 1))")
            .bind(1, body.target)
        if try bid.step() {
            let caseID = EventID(unchecked: bid.blob(0))
            let bidRowID = bid.int64(3)
            guard bid.blob(1) == context.identity.bytes else { throw Quarantine("not-owner", "only the bidder may withdraw a bid") }
            guard bid.isNull(2) else { throw Quarantine("already-withdrawn", "the bid is already withdrawn or replaced") }
            guard let row = try caseRow(caseID), row.status == "open" else {
                throw Quarantine("case-not-open", "the case is no longer open, so the bid cannot be withdrawn")
            }
            try sql("UPDATE bids SET withdrawn_at = ? WHERE rowid = ?").bind(1, context.time).bind(2, bidRowID).run()
            countBids(-1, onCase: row.rowID)
            // A radiologist has at most one open bid on a case, and this was it.
            row.openBidders?.members.remove(context.identity)
            return
        }
        guard let row = try caseRow(body.target) else { throw Quarantine.notFound("bid or posting") }
        guard row.client == context.identity else { throw Quarantine("not-owner", "only the posting client may withdraw a posting") }
        guard row.status == "open" else { throw Quarantine("case-not-open", "the case is \(row.status) and can no longer be withdrawn") }
        try sql("UPDATE cases SET status = 'withdrawn' WHERE rowid = ?").bind(1, row.rowID).run()
        forgetCase(body.target)
    }

    func applyAssignment(_ context: Context, _ body: AssignmentBody) throws {
        guard let row = try caseRow(body.posting) else { throw Quarantine.unknownCase() }
        guard row.client == context.identity else { throw Quarantine("not-poster", "only the client that posted a case may assign it") }
        guard row.status == "open" else { throw Quarantine("case-not-open", "the case is \(row.status) and cannot be assigned") }
        guard try role(of: body.radiologist) == .radiologist else {
            throw Quarantine("not-radiologist", "the assignee is not a registered radiologist")
        }
        if let clinician = body.clinician, try role(of: clinician) != .clinician {
            throw Quarantine("not-clinician", "the named referring clinician is not a registered clinician")
        }
        guard body.currency == row.currency else {
            throw Quarantine("currency-mismatch", "the assignment is in \(body.currency), the posting in \(row.currency)")
        }
        if let bidID = body.bid {
            let bid = try sql("SELECT case_id, radiologist, withdrawn_at FROM bids WHERE \(Schema.idMatches("id", parameter: 1))")
                .bind(1, bidID)
            guard try bid.step(), bid.blob(0) == body.posting.bytes, bid.blob(1) == body.radiologist.bytes else {
                throw Quarantine("bid-mismatch", "the bid named is not the assignee's bid on this case")
            }
            guard bid.isNull(2) else { throw Quarantine("bid-withdrawn", "the bid named was withdrawn") }
        }
        try requireEligible(body.radiologist, for: row, at: context.time)
        try requireRoutedChoice(body.posting, radiologist: body.radiologist)
        try sql("""
            INSERT INTO assignments(id, case_id, client, radiologist, bid_id, clinician, price, currency, assigned_at)
            VALUES(?,?,?,?,?,?,?,?,?)
            """).bind(1, context.id).bind(2, body.posting).bind(3, context.identity)
            .bind(4, body.radiologist).bind(5, body.bid).bind(6, body.clinician)
            .bind(7, Int64(body.price)).bind(8, body.currency).bind(9, context.time).run()
        try sql("UPDATE cases SET status = 'assigned', assignee = ?, clinician = ?, assigned_at = ? WHERE rowid = ?")
            .bind(1, body.radiologist).bind(2, body.clinician).bind(3, context.time).bind(4, row.rowID).run()
        forgetCase(body.posting)
    }

    func applyAccessGrant(_ context: Context, _ body: AccessGrantBody) throws {
        guard let row = try caseRow(body.posting) else { throw Quarantine.unknownCase() }
        guard row.client == context.identity else { throw Quarantine("not-poster", "only the posting client may grant access") }
        guard let assignee = row.assignee else { throw Quarantine("not-assigned", "access is granted only after assignment") }
        // The assignee, or a peer reviewer of the signed report.
        let recipientRole = try role(of: body.recipient)
        let isReviewer = row.status != "assigned" && recipientRole == .radiologist
        guard body.recipient == assignee || isReviewer else {
            throw Quarantine("wrong-recipient", "access may be granted to the assignee, or to a reviewer once the report is signed")
        }
        try requireRecipients(body.sealed, [body.recipient], field: "the access grant")
        try sql("INSERT INTO grants(id, case_id, client, recipient, expires_at, granted_at) VALUES(?,?,?,?,?,?)")
            .bind(1, context.id).bind(2, body.posting).bind(3, context.identity)
            .bind(4, body.recipient).bind(5, body.expiresAt).bind(6, context.time).run()
    }

    func applySettlement(_ context: Context, _ body: SettlementBody) throws {
        guard let row = try caseRow(body.posting) else { throw Quarantine.unknownCase() }
        guard row.client == context.identity else { throw Quarantine("not-poster", "only the posting client may settle a case") }
        guard row.status == "reported" else { throw Quarantine("not-reported", "a case is settled only after its report is signed") }
        guard body.radiologist == row.assignee else { throw Quarantine("wrong-payee", "the settlement must pay the assignee") }
        try sql("""
            INSERT INTO settlements(id, case_id, client, radiologist, amount, currency, settled_at) VALUES(?,?,?,?,?,?,?)
            """).bind(1, context.id).bind(2, body.posting).bind(3, context.identity)
            .bind(4, body.radiologist).bind(5, Int64(body.amount)).bind(6, body.currency).bind(7, context.time).run()
        try sql("UPDATE cases SET status = 'closed' WHERE rowid = ?").bind(1, row.rowID).run()
        forgetCase(body.posting)
    }
}
