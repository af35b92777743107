import HilumCore

extension Projector {
    func applyFeedback(_ context: Context, _ body: FeedbackBody) throws {
        guard let report = try reportRow(body.report) else { throw Quarantine.notFound("report") }
        guard let row = try caseRow(report.caseID) else { throw Quarantine.unknownCase() }
        guard row.clinician == context.identity else {
            throw Quarantine("not-clinician", "only the referring clinician named in the assignment may give feedback")
        }
        if let sealed = body.sealed { try requireRecipients(sealed, [report.radiologist], field: "the feedback") }
        if body.rating != nil {
            // One rating per clinician and report, so the quality figures count each report once.
            let earlier = try sql("SELECT 1 FROM feedback WHERE report_id = ? AND clinician = ? AND rating IS NOT NULL LIMIT 1")
                .bind(1, body.report).bind(2, context.identity)
            if try earlier.step() { throw Quarantine("already-rated", "the clinician has already rated this report") }
        }
        let insert = try sql("""
            INSERT INTO feedback(id, report_id, case_id, clinician, radiologist, rating, is_question, given_at)
            VALUES(?,?,?,?,?,?,?,?)
            """)
        insert.bind(1, context.id).bind(2, body.report).bind(3, report.caseID)
            .bind(4, context.identity).bind(5, report.radiologist).bind(7, Int64(body.isQuestion ? 1 : 0))
            .bind(8, context.time)
        if let rating = body.rating { insert.bind(6, Int64(rating)) } else { insert.bindNull(6) }
        try insert.run()
        if let rating = body.rating {
            try setFact(report.radiologist, "rating", ref: context.id, value: Int64(rating))
        }
    }

    func applyReply(_ context: Context, _ body: ReplyBody) throws {
        let feedback = try sql("SELECT radiologist, clinician, report_id FROM feedback WHERE id = ?").bind(1, body.feedback)
        guard try feedback.step() else { throw Quarantine.notFound("feedback") }
        guard feedback.blob(0) == context.identity.bytes else {
            throw Quarantine("not-author", "only the report's author may reply to its feedback")
        }
        let clinician = PublicKey(unchecked: feedback.blob(1))
        let reportID = feedback.blob(2)
        try requireRecipients(body.sealed, [clinician], field: "the reply")
        if let addendum = body.addendum {
            let statement = try sql("SELECT report_id FROM addenda WHERE id = ?").bind(1, addendum)
            guard try statement.step(), statement.blob(0) == reportID else {
                throw Quarantine("addendum-mismatch", "the addendum named is not an addendum to this report")
            }
        }
        try sql("INSERT INTO replies(id, feedback_id, radiologist, addendum_id, replied_at) VALUES(?,?,?,?,?)")
            .bind(1, context.id).bind(2, body.feedback).bind(3, context.identity)
            .bind(4, body.addendum).bind(5, context.time).run()
        try sql("UPDATE feedback SET replied_at = coalesce(replied_at, ?) WHERE id = ?")
            .bind(1, context.time).bind(2, body.feedback).run()
    }

    func applyPeerReview(_ context: Context, _ body: PeerReviewBody) throws {
        guard let report = try reportRow(body.report) else { throw Quarantine.notFound("report") }
        guard report.radiologist != context.identity else {
            throw Quarantine("self-review", "a radiologist may not review their own report")
        }
        if let sealed = body.sealed { try requireRecipients(sealed, [report.radiologist], field: "the review comment") }
        let existing = try sql("SELECT 1 FROM peer_reviews WHERE report_id = ? AND reviewer = ?")
            .bind(1, body.report).bind(2, context.identity)
        guard try !existing.step() else { throw Quarantine("already-reviewed", "this reviewer has already scored this report") }
        try sql("""
            INSERT INTO peer_reviews(id, report_id, reviewer, author, score, significance, reviewed_at) VALUES(?,?,?,?,?,?,?)
            """).bind(1, context.id).bind(2, body.report).bind(3, context.identity)
            .bind(4, report.radiologist).bind(5, Int64(body.score)).bind(6, Int64(body.significance.rawValue))
            .bind(7, context.time).run()
        try setFact(report.radiologist, "radpeer_score", ref: context.id, value: Int64(body.score))
    }

    func applyAILabel(_ context: Context, _ body: AILabelBody) throws {
        guard let row = try caseRow(body.posting) else { throw Quarantine.unknownCase() }
        if let reviewed = body.reviewOf {
            let label = try sql("SELECT case_id, radiologist FROM ai_labels WHERE id = ?").bind(1, reviewed)
            guard try label.step(), label.blob(0) == body.posting.bytes else {
                throw Quarantine("label-mismatch", "the label under review is not a label on this case")
            }
            guard label.blob(1) != context.identity.bytes else {
                throw Quarantine("self-review", "a radiologist may not confirm or dispute their own label")
            }
        } else {
            guard row.assignee == context.identity else {
                throw Quarantine("not-assignee", "only the reading radiologist labels AI findings; reviewers confirm or dispute")
            }
        }
        try sql("""
            INSERT INTO ai_labels(id, case_id, radiologist, finding_code, label, review_of, agrees, labelled_at)
            VALUES(?,?,?,?,?,?,?,?)
            """).bind(1, context.id).bind(2, body.posting).bind(3, context.identity)
            .bind(4, body.findingCode).bind(5, Int64(body.label.rawValue)).bind(6, body.reviewOf)
            .bind(7, Int64(body.agrees ? 1 : 0)).bind(8, context.time).run()
    }
}
