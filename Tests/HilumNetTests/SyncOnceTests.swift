import HilumNet
import XCTest

/// Repeated one-shot syncs against a live node.
final class SyncOnceTests: XCTestCase {
    func testCompletedSyncNeverReportsTheNodesClose() throws {
        let node = try SyncPeer(.node, "Node A")
        let (nodeEngine, address) = try node.startNode()
        defer { nodeEngine.stop() }
        let replica = try SyncPeer(.radiologist, "Dr Ada Reyes")
        let engine = try replica.engine(node: false)
        defer { engine.stop() }

        var failures: [String] = []
        for _ in 0..<200 {
            do {
                _ = try engine.syncOnce(address)
            } catch {
                failures.append("\(error)")
            }
        }

        XCTAssertEqual(failures, [])
    }
}
