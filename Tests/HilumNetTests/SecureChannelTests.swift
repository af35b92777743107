import Dispatch
import Foundation
import HilumCore
import HilumNet
import Synchronization
import XCTest

/// The encrypted channel between two real peers on loopback.
final class SecureChannelTests: XCTestCase {
    /// Both ends of one handshaken connection.
    private func pair() throws -> (client: SecureChannel, server: SecureChannel) {
        let alice = try SyncPeer(.node, "Node A")
        let bob = try SyncPeer(.radiologist, "Dr Ada Reyes")
        let listener = try Listener(address: PeerAddress(host: "127.0.0.1", port: 0))
        defer { listener.close() }
        let accepted = Mutex<Result<SecureChannel, Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let local = alice.local
        Thread {
            let result = Result { () throws -> SecureChannel in
                guard let connection = listener.accept() else { throw NetworkError("the listener closed") }
                return try SecureChannel.handshake(connection, local: local, initiator: false)
            }
            accepted.withLock { $0 = result }
            done.signal()
        }.start()
        let client = try SecureChannel.handshake(try Connection.connect(to: listener.address, timeout: 2), local: bob.local, initiator: true)
        XCTAssertEqual(done.wait(timeout: .now() + 5), .success)
        let server = try XCTUnwrap(accepted.withLock { $0 }).get()
        return (client, server)
    }

    func testConcurrentSendsArriveInStreamOrder() throws {
        let (client, server) = try pair()
        defer {
            client.connection.close()
            server.connection.close()
        }
        let threads = 4
        let perThread = 500
        // Large enough that writes take a while, so senders overlap.
        let padding = String(repeating: "x", count: SyncMessage.maxReasonLength)

        DispatchQueue.global().async {
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                for index in 0..<perThread { try? client.send(index % 2 == 0 ? .bye(reason: padding) : .ping(UInt64(index))) }
            }
        }
        var received = 0
        var failure: Error?
        while received < threads * perThread {
            do {
                guard try server.receive(idle: 5) != nil else { break }
                received += 1
            } catch {
                failure = error
                break
            }
        }

        XCTAssertNil(failure, "after \(received) messages")
        XCTAssertEqual(received, threads * perThread)
    }
}
