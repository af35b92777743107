import Foundation
import HilumLedger

/// A bounded first-in, first-out queue of verified batches between the
/// verifying thread and the writer. `push` waits while `capacity` batches
/// are queued, so verification runs at most that far ahead and memory
/// stays bounded. `takeAll` lets the writer store every waiting batch in
/// one transaction, which costs less than one transaction per batch.
final class VerifiedBatchQueue: @unchecked Sendable {
    // @unchecked Sendable: every stored property is read and written only while `condition` is locked.
    typealias Batch = [Result<VerifiedEvent, InputRejection>]

    let capacity: Int
    private let condition = NSCondition()
    private var batches: [Batch] = []
    private var closed = false

    init(capacity: Int) {
        precondition(capacity > 0, "VerifiedBatchQueue needs a positive capacity")
        self.capacity = capacity
    }

    /// Appends a batch, waiting while the queue is full. Returns false,
    /// without queueing, once the queue is closed.
    @discardableResult
    func push(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !closed { condition.wait() }
        guard !closed else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// Removes and returns every queued batch in order, waiting while the
    /// queue is empty. Returns an empty array once the queue is closed and drained.
    func takeAll() -> [Batch] {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !closed { condition.wait() }
        let queued = batches
        batches.removeAll(keepingCapacity: true)
        condition.broadcast()
        return queued
    }

    /// Stops the queue: `push` rejects new batches, and `takeAll` returns
    /// what is still queued and then an empty array.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
