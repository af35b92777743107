import HilumCore
import HilumLedger
@testable import HilumScreens
import HilumTerminal
import HilumWorklist
import XCTest

/// The Me screen's routing record and quality-measure rates, from hand-made figures.
final class MeScreenTests: XCTestCase {
    private let routing = RoutingRecord(picked: 7, passedOver: 4,
                                        passedOverBy: [.price: [.requirement: 1, .outranked: 2], .rating: [.tooFewCases: 1]])
    private let tallies = [
        MeasureTally(measure: "MIPS-364", numerator: 9, denominator: 10, excluded: 2),
        MeasureTally(measure: "MIPS-436", numerator: 2, denominator: 3, excluded: 0),
    ]

    private func render(_ size: Size) -> ScreenBuffer {
        var pane = TextPane(paragraphs: MeScreen.routingParagraphs(routing) + MeScreen.measureParagraphs(MeasureFigures.figures(tallies)))
        var screen = ScreenBuffer(size: size)
        pane.render(into: &screen, in: Rect(x: 1, y: 0, width: size.width - 2, height: size.height))
        return screen
    }

    func testRoutingAndMeasuresSnapshot() {
        assertSnapshot(render(Size(width: 80, height: 24)), named: "me-routing-80x24")
        assertSnapshot(render(Size(width: 132, height: 43)), named: "me-routing-132x43")
    }

    func testRoutingBreakdownNamesFigures() {
        XCTAssertEqual(routing.breakdown, "price 3 (failed the requirement 1, outranked 2), rating 1 (too few cases 1)")
    }

    func testMeasureFiguresUseMinimumCases() {
        let figures = MeasureFigures.figures(tallies)
        XCTAssertEqual(figures.map(\.count), [10, 0, 0, 3])
        XCTAssertEqual(figures[0].value, 0.9)
        XCTAssertNil(figures[3].value, "3 reports are too few")
        XCTAssertEqual(figures[3].formatted { "\($0)" }, "too few cases (n=3)")
        XCTAssertTrue(figures[2].definition.contains("lower is better"), "#406 is an inverse measure")
        XCTAssertTrue(figures[0].definition.hasPrefix("share of final CT reports"))
    }
}
