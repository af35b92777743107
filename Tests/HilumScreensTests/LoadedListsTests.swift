import HilumCore
@testable import HilumCommands
import HilumLedger
@testable import HilumScreens
import HilumTerminal
@testable import HilumWorklist
import XCTest

/// Lists that background sync reads and posts through the event queue.
@MainActor
final class LoadedListsTests: XCTestCase {
    func testPostedListsReplaceRows() async throws {
        let fixture = try ScreenFixture()
        defer { fixture.stop() }
        fixture.app.listsArriveAsMessages = true
        let loaded = fixture.app.marketRowCount
        XCTAssertGreaterThan(loaded, 0)

        // A second store, as background sync opens one, reads the same rows.
        let demo = try XCTUnwrap(fixture.network.members.first { $0.name == "Dr Demo Radiologist" })
        let other = try WorklistStore(replicaPath: demo.home + "/replica.sqlite", record: demo.record, secrets: demo.secrets, engine: fixture.engine)
        let lists = try LoadedLists.load(from: other, now: ScreenFixture.now)
        XCTAssertEqual(lists.market.count, loaded)
        XCTAssertEqual(lists.marketIndex.count, loaded)

        let empty = LoadedLists(version: lists.version + 1, market: [], marketIndex: SearchIndex(), reading: [])
        fixture.loop.queue.post(.lists(empty))
        fixture.loop.drainQueue()
        XCTAssertEqual(fixture.app.marketRowCount, 0)
    }

    func testOlderListsAreIgnored() async throws {
        let fixture = try ScreenFixture()
        defer { fixture.stop() }
        fixture.app.listsArriveAsMessages = true
        let loaded = fixture.app.marketRowCount

        let stale = LoadedLists(version: -1, market: [], marketIndex: SearchIndex(), reading: [])
        fixture.loop.queue.post(.lists(stale))
        fixture.loop.drainQueue()
        XCTAssertEqual(fixture.app.marketRowCount, loaded)
    }
}
