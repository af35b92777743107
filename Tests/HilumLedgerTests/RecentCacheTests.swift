@testable import HilumLedger
import XCTest

final class RecentCacheTests: XCTestCase {
    func testLookupReturnsInsertedValue() {
        var cache = RecentCache<Int, String>(capacity: 2)
        cache.insert("one", for: 1)
        XCTAssertEqual(cache.value(for: 1), "one")
        XCTAssertNil(cache.value(for: 2))
    }

    func testCountStaysBounded() {
        var cache = RecentCache<Int, Int>(capacity: 4)
        for key in 0..<100 { cache.insert(key, for: key) }
        XCTAssertLessThanOrEqual(cache.count, 8)
        XCTAssertEqual(cache.value(for: 99), 99)
        XCTAssertNil(cache.value(for: 0))
    }

    func testUsedEntrySurvivesRotation() {
        var cache = RecentCache<Int, Int>(capacity: 2)
        cache.insert(10, for: 1)
        cache.insert(20, for: 2)
        cache.insert(30, for: 3)
        // Key 1 is now in the older generation, and reading it moves it forward.
        XCTAssertEqual(cache.value(for: 1), 10)
        cache.insert(40, for: 4)
        cache.insert(50, for: 5)
        XCTAssertEqual(cache.value(for: 1), 10)
        XCTAssertNil(cache.value(for: 2))
    }

    func testRemoveForgetsBothGenerations() {
        var cache = RecentCache<Int, Int>(capacity: 1)
        cache.insert(10, for: 1)
        cache.insert(20, for: 2)
        cache.remove(1)
        cache.remove(2)
        XCTAssertNil(cache.value(for: 1))
        XCTAssertNil(cache.value(for: 2))
    }

    func testNewerValueReplacesOlderGeneration() {
        var cache = RecentCache<Int, Int>(capacity: 1)
        cache.insert(10, for: 1)
        cache.insert(20, for: 2)
        cache.insert(11, for: 1)
        XCTAssertEqual(cache.value(for: 1), 11)
    }
}
