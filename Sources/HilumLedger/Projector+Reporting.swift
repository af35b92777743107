import HilumCore

extension Projector {
    struct ReportRow {
        let caseID: EventID
        let radiologist: PublicKey
        let signedAt: Int64
    }

    func reportRow(_ id: EventID) throws -> ReportRow? {
        let statement = try sql("SELECT case_id, radiologist, signed_at FROM reports WHERE id = ?").bind(1, id)
        guard try statement.step() else { return nil }
        return ReportRow(caseID: EventID(unchecked: statement.blob(0)), radiologist: PublicKey(unchecked: statement.blob(1)),
                         signedAt: statement.int64(2))
    }

    func applyReport(_ context: Context, _ body: ReportBody) throws {
        guard let row = try caseRow(body.posting) else { throw Quarantine.unknownCase() }
        guard row.assignee == context.identity else { throw Quarantine("not-assignee", "only the assigned radiologist may report a case") }
        switch row.status {
        case "assigned": break
        case "reported": throw Quarantine("already-reported", "the case already has a signed report; file an addendum instead")
        default: throw Quarantine("case-closed", "the case is \(row.status); a report is no longer accepted")
        }
        try requireRecipients(body.sealed, [row.client, row.clinician], field: "the report")
        try sql("INSERT INTO reports(id, case_id, radiologist, signed_at) VALUES(?,?,?,?)")
            .bind(1, context.id).bind(2, body.posting).bind(3, context.identity).bind(4, context.time).run()
        try sql("UPDATE cases SET status = 'reported', reported_at = ? WHERE rowid = ?")
            .bind(1, context.time).bind(2, row.rowID).run()
        forgetCase(body.posting)
        if let assignedAt = row.assignedAt {
            try setFact(context.identity, "turnaround_ms", ref: body.posting, value: context.time - assignedAt)
        }
        try setFact(context.identity, "signed_on_time", ref: body.posting, value: context.time <= row.deadlineAt ? 1 : 0)
    }

    func applyAddendum(_ context: Context, _ body: AddendumBody) throws {
        guard let report = try reportRow(body.report) else { throw Quarantine.notFound("report") }
        guard report.radiologist == context.identity else { throw Quarantine("not-author", "only the report's author may add an addendum") }
        guard let row = try caseRow(report.caseID) else { throw Quarantine.unknownCase() }
        try requireRecipients(body.sealed, [row.client, row.clinician], field: "the addendum")
        try sql("INSERT INTO addenda(id, report_id, radiologist, filed_at) VALUES(?,?,?,?)")
            .bind(1, context.id).bind(2, body.report).bind(3, context.identity).bind(4, context.time).run()
        try setFact(context.identity, "addendum", ref: body.report, value: 1)
    }

    func applyFollowUpRecommendation(_ context: Context, _ body: FollowUpRecommendationBody) throws {
        guard let report = try reportRow(body.report) else { throw Quarantine.notFound("report") }
        guard report.radiologist == context.identity else {
            throw Quarantine("not-author", "only the report's author may recommend follow-up on it")
        }
        guard let row = try caseRow(report.caseID) else { throw Quarantine.unknownCase() }
        try requireRecipients(body.sealed, [row.client, row.clinician], field: "the follow-up recommendation")
        let dueAt = body.intervalDays.map { report.signedAt + Int64($0) * 86_400_000 }
        let insert = try sql("""
            INSERT INTO follow_ups(id, report_id, case_id, radiologist, modality, interval_days, guideline, recommended_at, due_at)
            VALUES(?,?,?,?,?,?,?,?,?)
            """)
        insert.bind(1, context.id).bind(2, body.report).bind(3, report.caseID)
            .bind(4, context.identity).bind(5, body.modality).bind(7, body.guideline).bind(8, context.time)
        if let interval = body.intervalDays { insert.bind(6, Int64(interval)) } else { insert.bindNull(6) }
        if let dueAt { insert.bind(9, dueAt) } else { insert.bindNull(9) }
        try insert.run()
        let complete: Int64 = body.modality != nil && body.intervalDays != nil ? 1 : 0
        try setFact(context.identity, "follow_up_complete", ref: context.id, value: complete)
    }

    func applyFollowUpStatus(_ context: Context, _ body: FollowUpStatusBody) throws {
        let followUp = try sql("SELECT case_id, recommended_at FROM follow_ups WHERE id = ?").bind(1, body.recommendation)
        guard try followUp.step() else { throw Quarantine.notFound("recommendation") }
        let caseID = EventID(unchecked: followUp.blob(0))
        let recommendedAt = followUp.int64(1)
        followUp.reset()
        guard let row = try caseRow(caseID), row.client == context.identity || row.clinician == context.identity else {
            throw Quarantine("not-poster", "only the case's client or referring clinician may report follow-up status")
        }
        // Statuses are dated by day (00:00 UTC), so the day of the recommendation and today both count.
        let day: Int64 = 86_400_000
        if body.at < recommendedAt - day {
            throw Quarantine("status-before-recommendation", "the status is dated before the follow-up was recommended")
        }
        if body.state != .scheduled && body.at > context.time + day {
            throw Quarantine("status-in-future", "only a scheduled follow-up may be dated in the future")
        }
        try sql("UPDATE follow_ups SET status = ?, status_at = ? WHERE id = ?")
            .bind(1, Int64(body.state.rawValue)).bind(2, body.at).bind(3, body.recommendation).run()
    }

    func applyCriticalResult(_ context: Context, _ body: CriticalResultBody) throws {
        guard let row = try caseRow(body.posting) else { throw Quarantine.unknownCase() }
        guard row.assignee == context.identity else {
            throw Quarantine("not-assignee", "only the assigned radiologist may flag a critical result")
        }
        guard let clinician = row.clinician else {
            throw Quarantine("no-clinician", "the assignment names no referring clinician to notify")
        }
        try requireRecipients(body.sealed, [clinician], field: "the critical result")
        try sql("""
            INSERT INTO critical_results(id, case_id, radiologist, clinician, category, flagged_at, due_at)
            VALUES(?,?,?,?,?,?,?)
            """).bind(1, context.id).bind(2, body.posting).bind(3, context.identity)
            .bind(4, clinician).bind(5, Int64(body.category.rawValue)).bind(6, context.time)
            .bind(7, context.time + Int64(body.acknowledgeWithinMinutes) * 60_000).run()
    }

    func applyAcknowledgment(_ context: Context, _ body: AcknowledgmentBody) throws {
        let critical = try sql("SELECT clinician, acknowledged_at, flagged_at, due_at, radiologist FROM critical_results WHERE id = ?")
            .bind(1, body.criticalResult)
        guard try critical.step() else { throw Quarantine.notFound("critical-result") }
        guard critical.blob(0) == context.identity.bytes else {
            throw Quarantine("not-clinician", "only the notified clinician may acknowledge a critical result")
        }
        guard critical.isNull(1) else { throw Quarantine("already-acknowledged", "the critical result is already acknowledged") }
        let flaggedAt = critical.int64(2)
        let dueAt = critical.int64(3)
        let radiologist = PublicKey(unchecked: critical.blob(4))
        try sql("UPDATE critical_results SET acknowledged_at = ? WHERE id = ?").bind(1, context.time).bind(2, body.criticalResult).run()
        try setFact(radiologist, "critical_ack_ms", ref: body.criticalResult, value: context.time - flaggedAt)
        try setFact(radiologist, "critical_ack_on_time", ref: body.criticalResult, value: context.time <= dueAt ? 1 : 0)
    }
}
