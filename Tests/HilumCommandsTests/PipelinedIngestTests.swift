import Foundation
@testable import HilumCommands
import HilumCore
import HilumCrypto
import HilumLedger
import XCTest

final class VerifiedBatchQueueTests: XCTestCase {
    /// A batch of `size` rejections, identified by its size.
    private func batch(_ size: Int) -> VerifiedBatchQueue.Batch {
        Array(repeating: EventVerifier.verify([0x01]), count: size)
    }

    func testTakeAllReturnsBatchesInOrder() {
        let queue = VerifiedBatchQueue(capacity: 3)
        queue.push(batch(1))
        queue.push(batch(2))
        XCTAssertEqual(queue.takeAll().map(\.count), [1, 2])
    }

    func testClosedQueueDrainsThenEnds() {
        let queue = VerifiedBatchQueue(capacity: 2)
        queue.push(batch(1))
        queue.close()
        XCTAssertFalse(queue.push(batch(2)))
        XCTAssertEqual(queue.takeAll().map(\.count), [1])
        XCTAssertEqual(queue.takeAll().count, 0)
    }

    func testPushWaitsWhileFull() {
        let queue = VerifiedBatchQueue(capacity: 1)
        queue.push(batch(1))
        let pushed = DispatchSemaphore(value: 0)
        let second = batch(2)
        DispatchQueue.global().async {
            queue.push(second)
            pushed.signal()
        }
        // The second push may not finish while the first batch is still queued.
        XCTAssertEqual(pushed.wait(timeout: .now() + 0.2), .timedOut)
        XCTAssertEqual(queue.takeAll().map(\.count), [1])
        XCTAssertEqual(pushed.wait(timeout: .now() + 5), .success)
        XCTAssertEqual(queue.takeAll().map(\.count), [2])
    }
}

/// `PipelinedIngest` against a real replica: the result matches a plain `Replica.ingest`.
final class PipelinedIngestTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "hilum-pipeline-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func writeEvents(_ count: Int) throws -> (path: String, events: [[UInt8]]) {
        let path = directory + "/events.bin"
        let writer = try EventFile.Writer(path: path)
        var events: [[UInt8]] = []
        try SyntheticLedger(clients: 3, radiologists: 5).generate(count: count) { encoded in
            try writer.append(encoded)
            events.append(encoded)
        }
        try writer.close()
        return (path, events)
    }

    func testPipelineMatchesPlainIngest() throws {
        let file = try writeEvents(1_000)
        let piped = try Replica(path: directory + "/piped.sqlite")
        let plain = try Replica(path: directory + "/plain.sqlite")

        let totals = try PipelinedIngest.run(replica: piped, source: try EventFile.Reader(path: file.path),
                                             batchSize: 64, transactionSize: 300)
        _ = try plain.ingest(file.events)

        XCTAssertEqual(totals.stored, 1_000)
        XCTAssertEqual(totals.applied, 1_000)
        XCTAssertEqual(totals.rejected, 0)
        XCTAssertEqual(try piped.stateHash(), try plain.stateHash())
        XCTAssertFalse(piped.database.isInTransaction)
    }

    func testTransactionsSpanSeveralBatches() throws {
        let file = try writeEvents(1_000)
        let replica = try Replica(path: directory + "/replica.sqlite")

        let totals = try PipelinedIngest.run(replica: replica, source: try EventFile.Reader(path: file.path),
                                             batchSize: 50, transactionSize: 400)

        // 20 batches of 50 events: each commit waits for at least 400 events, and the last one takes the rest.
        XCTAssertLessThanOrEqual(totals.transactions, 3)
        XCTAssertGreaterThanOrEqual(totals.transactions, 1)
        XCTAssertEqual(totals.stored, 1_000)
    }

    func testEventsReachTheWriterInSourceOrder() throws {
        // Batches that are not whole chunks, so a batch's last chunk is short and
        // both cores work on two batches at once near each boundary.
        let file = try writeEvents(3_000)
        let replica = try Replica(path: directory + "/replica.sqlite")

        let totals = try PipelinedIngest.run(replica: replica, source: try EventFile.Reader(path: file.path),
                                             batchSize: PipelinedIngest.chunkSize * 2 + 77, transactionSize: 1_000)

        XCTAssertEqual(totals.offered, 3_000)
        XCTAssertEqual(totals.applied, 3_000)
        let statement = try replica.database.prepare("SELECT id FROM events ORDER BY rowid")
        var stored: [[UInt8]] = []
        while try statement.step() { stored.append(statement.blob(0)) }
        XCTAssertEqual(stored, file.events.map { Hash.blake2b256($0).bytes })
    }

    func testTruncatedSourceFailsAfterStoringWhatWasRead() throws {
        let file = try writeEvents(600)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file.path))
        bytes.removeLast(10)
        try bytes.write(to: URL(fileURLWithPath: file.path))
        let replica = try Replica(path: directory + "/replica.sqlite")

        XCTAssertThrowsError(try PipelinedIngest.run(replica: replica, source: try EventFile.Reader(path: file.path),
                                                     batchSize: 100, transactionSize: 1_000)) { error in
            XCTAssertTrue("\(error)".contains("ends inside an event"), "\(error)")
        }
        XCTAssertFalse(replica.database.isInTransaction)
        // The 500 events of the five whole batches read before the damaged one are committed.
        XCTAssertEqual(try Replica(path: directory + "/replica.sqlite").database.scalarInt("SELECT count(*) FROM events"), 500)
    }

    func testRejectedEventsAreCounted() throws {
        let file = try writeEvents(200)
        var events = file.events
        events[150][events[150].count - 1] ^= 0xff
        let path = directory + "/damaged.bin"
        let writer = try EventFile.Writer(path: path)
        for event in events { try writer.append(event) }
        try writer.close()
        let replica = try Replica(path: directory + "/replica.sqlite")

        let totals = try PipelinedIngest.run(replica: replica, source: try EventFile.Reader(path: path),
                                             batchSize: 32, transactionSize: 64)

        XCTAssertEqual(totals.rejected, 1)
        XCTAssertEqual(totals.stored, 199)
    }
}
