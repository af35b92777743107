import HilumCore
import HilumLedger
@testable import HilumScreens
import HilumTerminal
import XCTest

/// Every screen at 80×24 and 132×43 against the demo network at a fixed time.
@MainActor
final class WorklistScreenTests: XCTestCase {
    static let sizes = [Size(width: 80, height: 24), Size(width: 132, height: 43)]

    private func withFixture(_ size: Size, now: Int64 = ScreenFixture.now, _ body: (ScreenFixture) throws -> Void) throws {
        let fixture = try ScreenFixture(size: size, now: now)
        defer { fixture.stop() }
        try body(fixture)
    }

    func testMarketSnapshot() async throws {
        for size in Self.sizes {
            try withFixture(size) { assertSnapshot($0.frame, named: "market-\(size.width)x\(size.height)") }
        }
    }

    func testToReadSnapshot() async throws {
        for size in Self.sizes {
            try withFixture(size) { assertSnapshot($0.press(.character("2")), named: "to-read-\(size.width)x\(size.height)") }
        }
    }

    func testCaseSnapshot() async throws {
        for size in Self.sizes {
            try withFixture(size) { fixture in
                fixture.press(.character("2"))
                assertSnapshot(fixture.press(.enter), named: "case-\(size.width)x\(size.height)")
            }
        }
    }

    func testOtherScreensSnapshot() async throws {
        for size in Self.sizes {
            try withFixture(size) { fixture in
                for (key, name) in [("4", "feedback"), ("5", "follow-ups-empty"), ("6", "me")] {
                    assertSnapshot(fixture.press(.character(Character(key))), named: "\(name)-\(size.width)x\(size.height)")
                }
            }
        }
    }

    func testHelpAndBidDialogSnapshot() async throws {
        try withFixture(Self.sizes[0]) { fixture in
            assertSnapshot(fixture.press(.character("?")), named: "help-80x24")
            fixture.press(.escape)
            assertSnapshot(fixture.press(.character("b")), named: "bid-dialog-80x24")
        }
    }

    func testMarketRowsAreLicensedAndStatFirst() async throws {
        try withFixture(Self.sizes[1]) { fixture in
            XCTAssertGreaterThan(fixture.app.marketRowCount, 0)
            XCTAssertFalse(fixture.text.contains("DE-BY"), "a Bavarian posting reached a US-licensed radiologist:\n\(fixture.text)")
            XCTAssertTrue(fixture.text.contains("US-CA") || fixture.text.contains("US-NY"))
        }
    }

    func testFilterNarrowsAndEscClears() async throws {
        try withFixture(Self.sizes[1]) { fixture in
            let total = fixture.app.marketRowCount
            fixture.press(.character("/"))
            fixture.type("mr brain")
            XCTAssertTrue(fixture.app.message.hasSuffix("of \(total) match"), fixture.app.message)
            XCTAssertFalse(fixture.text.contains("CT CHEST"), fixture.text)
            fixture.press(.enter)
            fixture.press(.escape)
            XCTAssertTrue(fixture.text.contains("/\(total)"), "Esc clears the filter:\n\(fixture.text)")
        }
    }

    func testBidDialogPublishesTheBid() async throws {
        try withFixture(Self.sizes[1], now: Clock.nowMilliseconds()) { fixture in
            let before = try XCTUnwrap(fixture.app.market.selected)
            XCTAssertNil(before.myBid)
            fixture.press(.character("b"))
            fixture.press(.control("u"))
            fixture.type("41.50")
            fixture.press(.enter)
            fixture.press(.control("u"))
            fixture.type("55")
            fixture.press(.enter)
            XCTAssertTrue(fixture.app.message.hasPrefix("Bid 41.50 \(before.currency), 55 min"), fixture.app.message)
            let after = try XCTUnwrap(fixture.app.market.rows.first { $0.caseID == before.caseID })
            XCTAssertEqual(after.myBid?.price, 4150)
            XCTAssertEqual(after.myBid?.turnaroundMinutes, 55)
        }
    }

    func testInvalidPriceKeepsThePrompt() async throws {
        try withFixture(Self.sizes[0]) { fixture in
            fixture.press(.character("b"))
            fixture.press(.control("u"))
            fixture.type("lots")
            let screen = fixture.press(.enter)
            XCTAssertTrue(fixture.text.contains("Invalid price"), fixture.text)
            XCTAssertEqual(screen.size, Self.sizes[0])
        }
    }

    func testViewerAndCopyGetTheDecryptedLink() async throws {
        try withFixture(Self.sizes[1]) { fixture in
            fixture.press(.character("2"))
            fixture.press(.enter)
            fixture.press(.character("v"))
            fixture.press(.character("c"))
            let link = try XCTUnwrap(fixture.recorder.viewed.first)
            XCTAssertTrue(link.hasPrefix("http://127.0.0.1:8042/dicom-web/studies/2.25."), link)
            XCTAssertEqual(fixture.recorder.copied, [link])
        }
    }

    func testLockDropsCaseAndUnlockNeedsPassphrase() async throws {
        try withFixture(Self.sizes[1]) { fixture in
            fixture.press(.character("2"))
            fixture.press(.enter)
            let patient = try XCTUnwrap(fixture.app.caseScreen.detail?.grant?.patient.name)
            XCTAssertTrue(fixture.text.contains(patient))

            fixture.press(.character("L"))
            XCTAssertNil(fixture.app.caseScreen.detail, "locking drops the decrypted case")
            XCTAssertFalse(fixture.text.contains(patient), fixture.text)
            XCTAssertTrue(fixture.text.contains("Hilum is locked"))

            fixture.press(.enter)
            fixture.type("wrong passphrase")
            fixture.press(.enter)
            XCTAssertTrue(fixture.app.isLocked)
            XCTAssertTrue(fixture.text.contains("Wrong passphrase"), fixture.text)

            fixture.type(DemoPassphrase.text)
            fixture.press(.enter)
            XCTAssertFalse(fixture.app.isLocked)
            XCTAssertTrue(fixture.text.contains(patient), "the case opens again after unlocking:\n\(fixture.text)")
            XCTAssertFalse(fixture.recorder.logged.joined().contains(patient), "patient name in the log")
        }
    }

    func testIdleLocks() async throws {
        try withFixture(Self.sizes[0]) { fixture in
            _ = fixture.app.handle(.idle)
            XCTAssertTrue(fixture.app.isLocked)
        }
    }

    func testQuitAsksWhenEventsAreNotUploaded() async throws {
        try withFixture(Self.sizes[0]) { fixture in
            var status = SyncStatus.unknown
            status.ledger = .init(version: fixture.app.loadedVersion, lastEventAt: nil, pendingUpload: 2)
            _ = fixture.app.handle(.message(.sync(status)))
            fixture.press(.character("q"))
            XCTAssertFalse(fixture.app.isFinished)
            XCTAssertTrue(fixture.text.contains("2 of your events have not reached a node"), fixture.text)
            fixture.press(.character("y"))
            XCTAssertTrue(fixture.app.isFinished)
        }
    }

    func testTabAndNumbersSwitchScreens() async throws {
        try withFixture(Self.sizes[0]) { fixture in
            fixture.press(.tab)
            XCTAssertEqual(fixture.app.screen, .toRead)
            fixture.press(.backTab)
            XCTAssertEqual(fixture.app.screen, .market)
            fixture.press(.character("6"))
            XCTAssertEqual(fixture.app.screen, .me)
            let tab = try XCTUnwrap(fixture.app.tabRanges.first { $0.screen == .toRead })
            fixture.press(.mouse(MouseEvent(kind: .leftClick, position: Point(x: tab.range.lowerBound, y: 1))))
            XCTAssertEqual(fixture.app.screen, .toRead, "a click on a tab switches to it")
        }
    }
}

enum DemoPassphrase {
    static let text = "hilum-demo"
}
