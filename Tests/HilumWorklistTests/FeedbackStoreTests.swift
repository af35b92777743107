import Foundation
import HilumCore
import HilumCrypto
@testable import HilumCommands
import HilumLedger
import HilumNet
import HilumWorklist
import XCTest

/// The feedback threads, replies and addenda of the demo radiologist on a
/// real SQLite replica of the demo network.
final class FeedbackStoreTests: XCTestCase {
    private var directory = ""
    private var network: DemoNetwork!
    private var engine: SyncEngine!
    private var store: WorklistStore!
    private var demo: DemoNetwork.Member!
    private var clinician: DemoNetwork.Member!
    private var report: VerifiedEvent!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "hilum-feedback-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        network = DemoNetwork(directory: directory, caseCount: 24, earlierReads: false)
        try network.generate()
        try DemoCommand.write(network, nodeAddress: PeerAddress(host: "127.0.0.1", port: 9))
        demo = try XCTUnwrap(network.members.first { $0.name == "Dr Demo Radiologist" })
        let path = demo.home + "/replica.sqlite"
        let certificate = try XCTUnwrap(LedgerReader(path: path).deviceEvent(demo.record.device))
        engine = try SyncEngine(configuration: .init(storePath: path, local: LocalIdentity(signingKey: demo.secrets.device, deviceEvent: certificate),
                                                     isNode: false), log: NodeLog(path: nil, echo: false))
        store = try WorklistStore(replicaPath: path, record: demo.record, secrets: demo.secrets, engine: engine)

        // A report by the demo radiologist on their first case, sealed as bare text.
        let assignment = try XCTUnwrap(network.events.lazy.compactMap { event -> (AssignmentBody, PublicKey)? in
            guard case let .assignment(body) = event.event.content, body.radiologist == self.demo.identity else { return nil }
            return (body, event.event.author)
        }.first)
        clinician = try XCTUnwrap(network.members.first { $0.identity == assignment.0.clinician })
        let client = try XCTUnwrap(network.members.first { $0.record.device == assignment.1 })
        let text = "FINDINGS\nNormal.\n\nIMPRESSION\nNo acute findings.\nLine five is cut."
        report = try demo.sign(ReportBody(posting: assignment.0.posting, contentHash: Hash.blake2b256(Array(text.utf8)),
                                          sealed: try Sealer.seal(text, to: [client.recipient, clinician.recipient, demo.recipient])),
                               at: network.now - 60 * 60_000)
        try submit(report)
    }

    override func tearDownWithError() throws {
        engine?.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func submit(_ events: VerifiedEvent...) throws {
        let outcome = try engine.submit(events)
        XCTAssertEqual(outcome.applied, events.count, "\(outcome)")
    }

    @discardableResult
    private func ask(_ text: String, minutesAgo: Int64, rating: UInt8? = nil, question: Bool = true) throws -> VerifiedEvent {
        let event = try clinician.sign(FeedbackBody(report: report.id, rating: rating, isQuestion: question,
                                                    sealed: try Sealer.seal(text, to: [demo.recipient, clinician.recipient])),
                                       at: network.now - minutesAgo * 60_000)
        try submit(event)
        return event
    }

    func testThreadIsDecryptedWithReport() throws {
        let question = try ask("Any mass?", minutesAgo: 30)
        let thread = try XCTUnwrap(try store.feedbackThreads().first)
        XCTAssertEqual(thread.id, question.id)
        XCTAssertEqual(thread.message, "Any mass?")
        XCTAssertEqual(thread.clinicianName, clinician.name)
        XCTAssertEqual(thread.reportID, report.id)
        XCTAssertEqual(thread.reportExcerpt, "FINDINGS\nNormal.\nIMPRESSION\nNo acute findings.", "a bare-text report shows its first four lines")
        XCTAssertTrue(thread.awaitsReply)
        XCTAssertEqual(thread.notes, [])
    }

    func testOnlyOwnReportsAreListed() throws {
        let colleagueFeedback = network.events.count { event in
            if case .feedback = event.event.content { return true }
            return false
        }
        XCTAssertGreaterThan(colleagueFeedback, 0, "the demo rates colleagues' reports")
        XCTAssertEqual(try store.feedbackThreads().count, 0)
    }

    func testUnansweredFirstThenNewest() throws {
        let old = try ask("Old question", minutesAgo: 50)
        let rating = try ask("Nice", minutesAgo: 40, rating: 5, question: false)
        let answered = try ask("Answered question", minutesAgo: 30)
        let recent = try ask("Recent question", minutesAgo: 20)
        try store.reply(to: answered.id, text: "Yes.")
        XCTAssertEqual(try store.feedbackThreads().map(\.id), [recent.id, old.id, answered.id, rating.id])
    }

    func testReplyAnswersAndIsReadable() throws {
        let question = try ask("Any mass?", minutesAgo: 30)
        let reply = try store.reply(to: question.id, text: "  No mass.  ")
        let thread = try XCTUnwrap(try store.feedbackThreads().first)
        XCTAssertFalse(thread.awaitsReply)
        XCTAssertEqual(thread.replies.map(\.id), [reply.id])
        XCTAssertEqual(thread.replies.map(\.text), ["No mass."], "the reply is trimmed and sealed to the radiologist too")
        guard case let .reply(body) = reply.event.content else { return XCTFail("not a reply event") }
        XCTAssertTrue(body.sealed.isAddressed(to: clinician.identity))
        XCTAssertFalse(reply.event.encoded.containsSubsequence(Array("No mass.".utf8)), "the reply is on the ledger in clear")
    }

    func testAddendumThenReplyPointsToIt() throws {
        let question = try ask("Any mass?", minutesAgo: 30)
        let addendum = try store.fileAddendum(for: question.id, text: "A 4 mm cyst, benign.", at: Clock.nowMilliseconds())
        try store.reply(to: question.id, text: "See the addendum.", addendum: addendum.id)
        let reply = try XCTUnwrap(try store.feedbackThreads().first?.replies.first)
        XCTAssertEqual(reply.addendumID, addendum.id)
        guard case let .addendum(body) = addendum.event.content else { return XCTFail("not an addendum event") }
        XCTAssertTrue(body.sealed.isAddressed(to: clinician.identity))
    }

    func testEmptyOrLongReplyIsRejected() throws {
        let question = try ask("Any mass?", minutesAgo: 30)
        XCTAssertThrowsError(try store.reply(to: question.id, text: " \n ")) { error in
            XCTAssertEqual("\(error)", "the reply is empty; type its text first")
        }
        let long = String(repeating: "x", count: WorklistStore.maxReplyCharacters + 1)
        XCTAssertThrowsError(try store.reply(to: question.id, text: long)) { error in
            XCTAssertEqual("\(error)", "the reply has 4001 characters; the maximum is 4000")
        }
        XCTAssertTrue(try XCTUnwrap(try store.feedbackThreads().first).awaitsReply)
    }

    func testReplyToColleagueFeedbackIsRejected() throws {
        let colleagueFeedback = try XCTUnwrap(network.events.first { event in
            if case .feedback = event.event.content { return true }
            return false
        })
        XCTAssertThrowsError(try store.reply(to: colleagueFeedback.id, text: "Not mine")) { error in
            XCTAssertTrue("\(error)".contains("only its author replies"), "\(error)")
        }
        XCTAssertThrowsError(try store.reply(to: EventID(unchecked: Array(repeating: 7, count: 32)), text: "Nothing")) { error in
            XCTAssertTrue("\(error)".hasSuffix("is not in the replica; wait for sync"), "\(error)")
        }
    }

    func testDraftIsEncryptedAndRemovable() throws {
        let drafts = store.replyDraftStore(home: demo.home)
        let feedback = EventID(unchecked: Array(repeating: 9, count: 32))
        try drafts.save("Unsent words", kind: .reply, for: feedback)
        XCTAssertEqual(try drafts.load(.reply, for: feedback), "Unsent words")
        XCTAssertNil(try drafts.load(.addendum, for: feedback))
        let file = try XCTUnwrap(FileManager.default.contents(atPath: drafts.directory + "/" + feedback.hex + ".reply"))
        XCTAssertFalse(String(decoding: file, as: UTF8.self).contains("Unsent"), "the draft is stored in clear")
        try drafts.save("", kind: .reply, for: feedback)
        XCTAssertFalse(drafts.contains(.reply, for: feedback), "an empty draft deletes the file")
    }
}

private extension Array where Element == UInt8 {
    func containsSubsequence(_ needle: [UInt8]) -> Bool {
        guard needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { Array(self[$0..<($0 + needle.count)]) == needle }
    }
}
