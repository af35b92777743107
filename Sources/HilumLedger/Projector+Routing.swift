import HilumCore

extension Projector {
    /// Returns the radiologist of an active bid on `caseID`, or nil when the
    /// bid is unknown, on another case or withdrawn.
    private func activeBidder(_ bid: EventID, on caseID: EventID) throws -> PublicKey? {
        let statement = try sql("SELECT case_id, radiologist, withdrawn_at FROM bids WHERE \(Schema.idMatches("id", parameter: 1))")
            .bind(1, bid)
        guard try statement.step(), statement.blob(0) == caseID.bytes, statement.isNull(2) else { return nil }
        return PublicKey(unchecked: statement.blob(1))
    }

    func applyRoutingDecision(_ context: Context, _ body: RoutingDecisionBody) throws {
        guard let row = try caseRow(body.posting) else { throw Quarantine.unknownCase() }
        guard row.client == context.identity else {
            throw Quarantine("not-poster", "only the client that posted a case may publish its routing decision")
        }
        guard row.status == "open" else { throw Quarantine("case-not-open", "the case is \(row.status); routing happens before assignment") }
        let earlier = try sql("SELECT 1 FROM routing_decisions WHERE case_id = ?").bind(1, body.posting)
        guard try !earlier.step() else { throw Quarantine("already-routed", "the case already has a routing decision") }
        guard let chosen = try activeBidder(body.chosenBid, on: body.posting) else {
            throw Quarantine("bid-mismatch", "the chosen bid is not an active bid on this case")
        }
        var passed: [(PassedOverBid, PublicKey)] = []
        for entry in body.passedOver {
            guard let radiologist = try activeBidder(entry.bid, on: body.posting) else {
                throw Quarantine("bid-mismatch", "passed-over bid \(entry.bid.short) is not an active bid on this case")
            }
            guard radiologist != chosen else {
                throw Quarantine("bid-mismatch", "passed-over bid \(entry.bid.short) belongs to the chosen radiologist")
            }
            passed.append((entry, radiologist))
        }
        try sql("""
            INSERT INTO routing_decisions(id, case_id, client, chosen_bid, radiologist, decided_at) VALUES(?,?,?,?,?,?)
            """).bind(1, context.id).bind(2, body.posting).bind(3, context.identity)
            .bind(4, body.chosenBid).bind(5, chosen).bind(6, context.time).run()
        for (entry, radiologist) in passed {
            try sql("INSERT INTO routing_passes(decision_id, bid_id, radiologist, figure, rule) VALUES(?,?,?,?,?)")
                .bind(1, context.id).bind(2, entry.bid).bind(3, radiologist)
                .bind(4, Int64(entry.figure.rawValue)).bind(5, Int64(entry.rule.rawValue)).run()
        }
    }

    /// Checks that an assignment of a routed case goes to the radiologist
    /// the published routing decision picked, so that "picked" on the
    /// ledger always means assigned.
    func requireRoutedChoice(_ caseID: EventID, radiologist: PublicKey) throws {
        let decision = try sql("SELECT radiologist FROM routing_decisions WHERE case_id = ?").bind(1, caseID)
        guard try decision.step() else { return }
        guard decision.blob(0) == radiologist.bytes else {
            throw Quarantine("not-routed-choice", "the case's routing decision picked another radiologist")
        }
    }

    func applyMeasureOutcomes(_ context: Context, _ body: MeasureOutcomesBody) throws {
        guard let report = try reportRow(body.report) else { throw Quarantine.notFound("report") }
        guard report.radiologist == context.identity else {
            throw Quarantine("not-author", "only the report's author may record its measure outcomes")
        }
        let earlier = try sql("SELECT 1 FROM measure_outcomes WHERE report_id = ?").bind(1, body.report)
        guard try !earlier.step() else { throw Quarantine("already-recorded", "the report's measure outcomes are already recorded") }
        for outcome in body.outcomes {
            try sql("INSERT INTO measure_outcomes(report_id, measure, radiologist, result, recorded_at) VALUES(?,?,?,?,?)")
                .bind(1, body.report).bind(2, outcome.measure).bind(3, context.identity)
                .bind(4, Int64(outcome.result.rawValue)).bind(5, context.time).run()
        }
    }
}
