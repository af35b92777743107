import Foundation
import HilumCore
import HilumCrypto
@testable import HilumCommands
import HilumLedger
import HilumNet
import HilumReporting
import XCTest

/// Feedback threads added to the demo network at fixed times. The demo
/// radiologist signs reports on their first and third cases. The referring
/// clinicians ask a question on the first (answered), rate the third with
/// a comment, and ask a newer question on the first that stays open.
enum FeedbackScenario {
    struct Threads {
        let answered: EventID
        let rating: EventID
        let open: EventID
    }

    /// Adds the threads at times after every demo event (the demo's last is
    /// about 80 minutes before `now`), so the projection applies them at once.
    static func add(to network: DemoNetwork, engine: SyncEngine, now: Int64) throws -> Threads {
        let demo = try XCTUnwrap(network.members.first { $0.name == "Dr Demo Radiologist" })
        let assignments: [(caseID: EventID, client: DemoNetwork.Member, clinician: DemoNetwork.Member)] = network.events.compactMap { event in
            guard case let .assignment(body) = event.event.content, body.radiologist == demo.identity,
                  let client = network.members.first(where: { $0.record.device == event.event.author }),
                  let clinician = network.members.first(where: { $0.identity == body.clinician }) else { return nil }
            return (body.posting, client, clinician)
        }
        XCTAssertGreaterThanOrEqual(assignments.count, 3, "the demo assigns at least three cases to its radiologist")
        let minute: Int64 = 60_000
        var events: [VerifiedEvent] = []
        func report(_ index: Int, impression: String, at time: Int64) throws -> VerifiedEvent {
            let (caseID, client, clinician) = assignments[index]
            let payload = ReportPayload(signedAt: time, radiologistName: demo.name, text: "FINDINGS\nSee impression.\n\nIMPRESSION\n\(impression)\n",
                                        document: nil, sections: [ReportSection(name: "Impression", codes: [], lines: [impression])])
            let plaintext = try payload.encoded()
            let event = try demo.sign(ReportBody(posting: caseID, contentHash: Hash.blake2b256(plaintext),
                                                 sealed: try Sealer.seal(plaintext, to: [client.recipient, clinician.recipient, demo.recipient])),
                                      at: time)
            events.append(event)
            return event
        }
        func feedback(_ index: Int, on report: VerifiedEvent, rating: UInt8?, question: Bool, text: String, at time: Int64) throws -> VerifiedEvent {
            let clinician = assignments[index].clinician
            let event = try clinician.sign(FeedbackBody(report: report.id, rating: rating, isQuestion: question,
                                                        sealed: try Sealer.seal(text, to: [demo.recipient, clinician.recipient])), at: time)
            events.append(event)
            return event
        }

        let first = try report(0, impression: "No acute haemorrhage. Small chronic left frontal infarct.", at: now - 70 * minute)
        let second = try report(2, impression: "No acute abnormality.", at: now - 68 * minute)
        let answered = try feedback(0, on: first, rating: nil, question: true, text: "Is the infarct new since the 2024 CT?", at: now - 60 * minute)
        let rating = try feedback(2, on: second, rating: 4, question: false, text: "Clear and quick, thank you.", at: now - 55 * minute)
        let open = try feedback(0, on: first, rating: nil, question: true, text: "Would MRI change management here?", at: now - 40 * minute)
        let clinician = assignments[0].clinician
        events.append(try demo.sign(ReplyBody(feedback: answered.id, addendum: nil,
                                              sealed: try Sealer.seal("No, it is unchanged since the 2024 CT.",
                                                                      to: [clinician.recipient, demo.recipient])),
                                    at: now - 50 * minute))
        let outcome = try engine.submit(events)
        XCTAssertTrue(outcome.rejected.isEmpty, "\(outcome.rejected)")
        XCTAssertEqual(outcome.quarantined, 0, "the ledger rejected part of the feedback scenario")
        XCTAssertEqual(outcome.applied, events.count, "the scenario's events sort after the demo's, so they apply at once")
        return Threads(answered: answered.id, rating: rating.id, open: open.id)
    }
}
