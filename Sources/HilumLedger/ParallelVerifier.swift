import Dispatch
import Glibc
import HilumCore

/// Runs `EventVerifier.verify` over a batch on every core.
public enum ParallelVerifier {
    public static var cores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    public static func verify(_ encoded: [[UInt8]]) -> [Result<VerifiedEvent, InputRejection>] {
        let count = encoded.count
        guard count > 0 else { return [] }
        let results = ResultBuffer(count: count)
        let chunks = min(count, cores * 4)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = count * chunk / chunks
            let end = count * (chunk + 1) / chunks
            for index in start..<end { results.set(index, EventVerifier.verify(encoded[index])) }
        }
        return results.take()
    }
}

/// Slots that concurrent workers fill at distinct indices.
private final class ResultBuffer: @unchecked Sendable {
    // @unchecked Sendable: each index is written by exactly one worker, and
    // `take` runs only after concurrentPerform has returned.
    private var slots: UnsafeMutableBufferPointer<Result<VerifiedEvent, InputRejection>?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    func set(_ index: Int, _ value: Result<VerifiedEvent, InputRejection>) { slots[index] = value }

    func take() -> [Result<VerifiedEvent, InputRejection>] { slots.map { $0! } }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
}
