import Foundation
import HilumCore
import HilumLedger

extension ClientCommands {
    static let policyFile = "routing-policy"

    static let policy = Command(
        path: ["client", "policy"], summary: "set or show the routing policy that picks among bids",
        help: """
        Usage: hilum client policy [--set FILE | --clear] [--home DIR]

        Shows the routing policy kept in the home's '\(policyFile)' file, or
        with --set checks FILE and stores it there. 'hilum client route' and
        'hilum client autoassign' apply it, and 'hilum client reviews' applies
        review-share and reviewers. The file holds 'key = value' lines
        ('#' starts a comment); every key is optional:

        \(RoutingPolicy.keys.map { "  " + $0.key.padding(toLength: 24, withPad: " ", startingAt: 0) + $0.value }.joined(separator: "\n"))

        A bid is always passed over without a valid licence for the case's
        jurisdiction or the case's subspecialty credential. Minimum figures
        are the ledger's public ones (90-day mean rating, share of reports
        signed on time); 'too-few-cases' decides whether a radiologist whose
        figure rests on fewer than \(QualityMetrics.minimumCount) cases may be picked (default accept).
        Ties fall to price, then turnaround, then rating, then the earlier bid.

          --set FILE           check FILE and store it as this home's policy
          --clear              remove the policy; cases are then assigned by hand only
        """,
        flags: ["clear"], options: ["set", "clear", "home"], run: runPolicy)

    static func runPolicy(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let source = arguments.option("set")
        let clear = arguments.flag("clear")
        try arguments.rejectUnknown(known: policy.options)
        if source != nil && clear { throw UsageError("give --set FILE or --clear, not both") }
        let path = environment.home + "/" + policyFile
        if clear {
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            print("removed the routing policy; assign cases with 'hilum client assign'")
            return 0
        }
        if let source {
            guard let data = FileManager.default.contents(atPath: source), let text = String(data: data, encoding: .utf8) else {
                throw CommandError("cannot read --set \(source); give the path of a UTF-8 text file of 'key = value' lines")
            }
            let parsed = try parsePolicy(text, file: source)
            try FileManager.default.createDirectory(atPath: environment.home, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            print("stored the routing policy in \(path):")
            print(parsed.text, terminator: "")
            return 0
        }
        guard let loaded = try loadPolicy(environment) else {
            print("No routing policy in \(path); set one with 'hilum client policy --set FILE' (see --help).")
            return 0
        }
        print(loaded.text, terminator: "")
        return 0
    }

    static func parsePolicy(_ text: String, file: String) throws -> RoutingPolicy {
        do {
            return try RoutingPolicy(parsing: text)
        } catch {
            throw CommandError("\(file): \(error)")
        }
    }

    /// Reads the home's policy; nil when there is none.
    static func loadPolicy(_ environment: Environment) throws -> RoutingPolicy? {
        let path = environment.home + "/" + policyFile
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CommandError("cannot read the routing policy \(path); fix its permissions or set it again with 'hilum client policy --set FILE'")
        }
        return try parsePolicy(text, file: path)
    }

    static func requirePolicy(_ environment: Environment) throws -> RoutingPolicy {
        guard let policy = try loadPolicy(environment) else {
            throw CommandError("no routing policy in \(environment.home)/\(policyFile); set one with 'hilum client policy --set FILE'")
        }
        return policy
    }

    /// The options that set what an automatic assignment hands over, shared by route --apply and autoassign.
    static let handOverOptions = ["clinician", "viewer", "token-secret", "access"]
    static let handOverHelp = """
          --clinician C        the referring clinician named in the assignment
          --viewer URL         a viewer link for the study
          --token-secret FILE  issue a study-scoped token (see 'hilum client assign --help')
          --access DURATION    how long access lasts (default 72h)
        """

    /// The hand-over options as given; the radiologist comes from each case's decision.
    typealias HandOver = (clinician: String?, viewer: String?, tokenSecret: String?, access: Int64)

    /// Reads the hand-over options.
    static func handOver(_ arguments: inout Arguments) throws -> HandOver {
        let clinician = arguments.option("clinician")
        let viewer = arguments.option("viewer")
        let tokenSecret = arguments.option("token-secret")
        let access = try parseDuration(arguments.option("access") ?? "72h", option: "--access")
        if let viewer, URL(string: viewer)?.scheme == nil { throw UsageError("--viewer '\(viewer)' is not a URL") }
        return (clinician, viewer, tokenSecret, access)
    }

    static let route = Command(
        path: ["client", "route"], summary: "explain which bid the routing policy picks, and assign it",
        help: """
        Usage: hilum client route CASE [--apply] [--clinician C] [--viewer URL] [--token-secret FILE]
                                  [--access DURATION] [--json] [--peer HOST:PORT] [--offline] [--home DIR]

        Applies the home's routing policy (see 'hilum client policy --help')
        to the active bids on CASE and explains the pick and why each other
        bid was passed over: the rule and the public figure that decided.

          --apply              publish the routing decision and assign the case to
                               the picked bid, with the sealed access grant
        \(handOverHelp)
        \(Participant.syncHelp)
        """,
        flags: ["apply", "offline", "json"], options: ["apply", "json"] + handOverOptions + Participant.syncOptions, run: runRoute)

    static func runRoute(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let caseText = try positional(&arguments, "CASE", usage: "hilum client route CASE [--apply]")
        let apply = arguments.flag("apply")
        let json = arguments.flag("json")
        let handOver = try handOver(&arguments)
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: route.options)

        let policy = try requirePolicy(environment)
        let participant = try Participant(environment, role: .client, command: "client route", sync: choice)
        participant.sync()
        let caseID = try participant.resolveCase(caseText)
        let clinician = try handOver.clinician.map { try participant.resolveIdentity($0, role: .clinician) }
        guard let loaded = try Router.load(caseID, database: participant.replica.database, at: Clock.nowMilliseconds()) else {
            throw CommandError("no case \(caseText)")
        }
        let (routingCase, candidates) = loaded
        guard routingCase.client == participant.identity else { throw CommandError("case \(caseID.short) was posted by another client") }
        let decision = Router.decide(routingCase, candidates: candidates, policy: policy)

        if json {
            printJSON(try decisionJSON(decision, participant))
        } else {
            for line in try explain(decision, participant) { print(line) }
        }
        guard apply else { return 0 }
        guard routingCase.status == "open" else {
            throw CommandError("case \(caseID.short) is \(routingCase.status), not open; there is nothing to assign")
        }
        guard decision.chosen != nil else {
            throw CommandError("the policy picks no bid on case \(caseID.short), so nothing was assigned; wait for more bids or change the policy")
        }
        let line = try applyDecision(decision, caseText: caseText, clinician: clinician, handOver: handOver, participant: participant)
        participant.sync()
        participant.noteIfUnsynced()
        print(line)
        return 0
    }

    /// Publishes the routing decision and assigns the case to its pick.
    /// When an earlier run published a decision but stopped before the
    /// assignment, that decision stands and its pick gets the case, because
    /// the ledger accepts one decision per case. Returns the line to print.
    static func applyDecision(_ decision: RoutingDecision, caseText: String, clinician: PublicKey?, handOver: HandOver,
                              participant: Participant) throws -> String {
        let caseID = decision.routingCase.id
        let radiologist: PublicKey
        let earlier = try participant.replica.database.prepare("SELECT id, radiologist FROM routing_decisions WHERE case_id = ?")
            .bind(1, caseID.bytes)
        let note: String
        if try earlier.step() {
            radiologist = PublicKey(unchecked: earlier.blob(1))
            note = "routing decision \(Key32(unchecked: earlier.blob(0)).short) (published before)"
        } else {
            guard let chosen = decision.chosen, let body = decision.body else {
                throw CommandError("the policy picks no bid on case \(caseID.short), so nothing was assigned")
            }
            radiologist = chosen.radiologist
            note = "routing decision \(try participant.publish(body).id.short): \(decision.explanation)"
        }
        let request = AssignmentRequest(radiologist: radiologist, clinician: clinician, fhirPath: nil, viewer: handOver.viewer,
                                        tokenSecret: handOver.tokenSecret, accessSeconds: handOver.access)
        let assigned = try assign(caseID, caseText: caseText, request, participant: participant)
        return note + "; " + assigned.line
    }

    /// Writes the decision as lines: the case, the pick with its reason, then each passed-over bid with its figure and reason.
    static func explain(_ decision: RoutingDecision, _ participant: Participant) throws -> [String] {
        let routingCase = decision.routingCase
        var lines = ["case \(routingCase.id.short)  \(routingCase.priority.name)  \(routingCase.status)"]
        func bid(_ candidate: RoutingCandidate) throws -> String {
            "\(candidate.bid.short)  \(try participant.name(of: candidate.radiologist))  "
                + "\(formatAmount(candidate.price, routingCase.currency))  within \(candidate.turnaroundMinutes) min"
        }
        if let chosen = decision.chosen {
            lines.append("picked  \(try bid(chosen)): \(decision.explanation)")
        } else {
            lines.append("picked  nothing: \(decision.explanation)")
        }
        for pass in decision.passedOver {
            lines.append("passed  \(try bid(pass.candidate)): \(pass.figure.name), \(RoutingRecord.phrase(pass.rule)): \(pass.reason)")
        }
        return lines
    }

    static func decisionJSON(_ decision: RoutingDecision, _ participant: Participant) throws -> [String: Any] {
        func bid(_ candidate: RoutingCandidate) throws -> [String: Any] {
            ["bid": candidate.bid.hex, "radiologist": candidate.radiologist.hex, "name": try participant.name(of: candidate.radiologist),
             "price": formatAmount(candidate.price, decision.routingCase.currency), "turnaround_minutes": candidate.turnaroundMinutes]
        }
        var object: [String: Any] = ["case": decision.routingCase.id.hex, "explanation": decision.explanation]
        if let chosen = decision.chosen { object["picked"] = try bid(chosen) }
        object["passed_over"] = try decision.passedOver.map { pass -> [String: Any] in
            var entry = try bid(pass.candidate)
            entry["figure"] = pass.figure.name
            entry["rule"] = pass.rule.name
            entry["reason"] = pass.reason
            return entry
        }
        return object
    }
}

extension ClientCommands {
    static let autoassign = Command(
        path: ["client", "autoassign"], summary: "assign open cases by the routing policy as bids arrive",
        help: """
        Usage: hilum client autoassign [--once] [--interval SECONDS] [--min-bids N] [--clinician C]
                                       [--viewer URL] [--token-secret FILE] [--access DURATION]
                                       [--peer HOST:PORT] [--offline] [--home DIR]

        Syncs with the nodes, applies the routing policy to every open case
        posted from this home and, where the policy picks a bid, publishes
        the routing decision, the assignment and the sealed access grant, as
        'hilum client route --apply' does. When the policy has a review-share,
        it also grants review access as 'hilum client reviews --apply' does.
        Then it waits and starts again. The
        policy file is read again each round, so 'hilum client policy --set'
        takes effect without a restart. Stop it with ctrl-c.

          --once               make one round and exit
          --interval SECONDS   wait between rounds (default 5)
          --min-bids N         leave a case open until it has N active bids (default 1)
        \(handOverHelp)
        \(Participant.syncHelp)
        """,
        flags: ["once", "offline"], options: ["once", "interval", "min-bids"] + handOverOptions + Participant.syncOptions, run: runAutoassign)

    static func runAutoassign(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let once = arguments.flag("once")
        let intervalText = arguments.option("interval") ?? "5"
        guard let interval = Double(intervalText), interval >= 0.1, interval <= 3600 else {
            throw UsageError("invalid --interval '\(intervalText)'; give seconds from 0.1 to 3600, such as 5")
        }
        let minBidsText = arguments.option("min-bids") ?? "1"
        guard let minBids = Int(minBidsText), (1...64).contains(minBids) else {
            throw UsageError("invalid --min-bids '\(minBidsText)'; give a whole number from 1 to 64")
        }
        let handOver = try handOver(&arguments)
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: autoassign.options)

        var policy = try requirePolicy(environment)
        let participant = try Participant(environment, role: .client, command: "client autoassign", sync: choice)
        let clinician = try handOver.clinician.map { try participant.resolveIdentity($0, role: .clinician) }
        let store = try openStore(participant)

        while true {
            do {
                policy = try requirePolicy(environment)
            } catch {
                printError("\(error); keeping the policy read before")
            }

            participant.sync()
            var assignedAny = false
            for entry in try store.entries() {
                guard let caseID = EventID(hex: entry.caseID),
                      let loaded = try Router.load(caseID, database: participant.replica.database, at: Clock.nowMilliseconds()),
                      loaded.0.client == participant.identity, loaded.0.status == "open" else { continue }
                let (routingCase, candidates) = loaded
                let decision = Router.decide(routingCase, candidates: candidates, policy: policy)
                guard candidates.count >= minBids, decision.chosen != nil else {
                    if once {
                        let reason = candidates.count < minBids ? "\(candidates.count) of \(minBids) bids so far" : decision.explanation
                        print("case \(caseID.short) left open: \(reason)")
                    }
                    continue
                }
                do {
                    print(try applyDecision(decision, caseText: entry.caseID, clinician: clinician, handOver: handOver, participant: participant))
                    assignedAny = true
                } catch {
                    printError("case \(caseID.short) was not assigned: \(error)")
                }
            }

            if policy.reviewShare != nil {
                do {
                    let outcome = try applyReviewShare(policy, tokenSecret: handOver.tokenSecret, access: handOver.access, store: store,
                                                       participant: participant, notes: once)
                    assignedAny = assignedAny || outcome.granted > 0
                } catch {
                    printError("the review share was not applied this round: \(error)")
                }
            }

            if assignedAny {
                participant.sync()
                participant.noteIfUnsynced()
            }
            // Flushes stdout (nil flushes every stream), so a log or pipe gets each round as it ends.
            fflush(nil)
            if once { return 0 }
            Thread.sleep(forTimeInterval: interval)
        }
    }
}
