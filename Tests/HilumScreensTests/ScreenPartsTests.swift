@testable import HilumScreens
import XCTest

/// The pieces under the screens: search folding, amounts, the config file and OSC 52.
final class ScreenPartsTests: XCTestCase {
    func testSearchIgnoresCaseAndAccents() {
        let index = SearchIndex(["CT CHEST WITH CONTRAST", "Ecografía abdominal", "MR BRAIN"])
        XCTAssertEqual(index.matching("chest", among: [0, 1, 2]), [0])
        XCTAssertEqual(index.matching("ECOGRAFIA", among: [0, 1, 2]), [1])
        XCTAssertEqual(index.matching("ct contrast", among: [0, 1, 2]), [0])
        XCTAssertEqual(index.matching("", among: [0, 1, 2]), [0, 1, 2])
        XCTAssertEqual(index.matching("brainy", among: [0, 1, 2]), [])
    }

    func testCentsParsing() {
        XCTAssertEqual(Formatting.cents("42"), 4200)
        XCTAssertEqual(Formatting.cents("42.5"), 4250)
        XCTAssertEqual(Formatting.cents(" 42.05 "), 4205)
        XCTAssertNil(Formatting.cents("42.555"))
        XCTAssertNil(Formatting.cents("-1"))
        XCTAssertNil(Formatting.cents("lots"))
        XCTAssertEqual(Formatting.amount(4205, "USD"), "42.05 USD")
    }

    func testConfigReadsSettings() throws {
        let config = try WorklistConfig(text: "# mine\nlock-after = 2.5\nviewer = weasis --open\n", file: "worklist.conf")
        XCTAssertEqual(config.lockAfterMinutes, 2.5)
        XCTAssertEqual(config.viewer, "weasis --open")
        XCTAssertNil(config.themePath)
    }

    func testConfigRejectsUnknownSetting() {
        XCTAssertThrowsError(try WorklistConfig(text: "lock-afte = 3\n", file: "worklist.conf")) { error in
            XCTAssertEqual("\(error)", "worklist.conf:1: unknown setting \"lock-afte\"; valid settings: lock-after, viewer, theme, feedback-overdue, critical-within, urgent-within; did you mean \"lock-after\"?")
        }
        XCTAssertThrowsError(try WorklistConfig(text: "lock-after = 0\n", file: "worklist.conf"))
    }

    func testClipboardSequenceIsOSC52() {
        XCTAssertEqual(Clipboard.sequence(for: "http://a/b"), "\u{1B}]52;c;aHR0cDovL2EvYg==\u{07}")
    }

    func testViewerMissingIsReported() {
        let launcher = ViewerLauncher(configured: "no-such-viewer-hilum")
        XCTAssertEqual(launcher.open("http://a", path: "/nonexistent"),
                       "Viewer command \"no-such-viewer-hilum\" not found; set HILUM_VIEWER or viewer in worklist.conf")
        XCTAssertEqual(ViewerLauncher(configured: nil).command, ["xdg-open"])
    }
}
