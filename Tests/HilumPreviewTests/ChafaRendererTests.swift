import HilumPreview
import XCTest

final class ChafaRendererTests: XCTestCase {
    private let card = RGBAImage.testCard(width: 512, height: 512)

    func testTextSymbolsFitTheBox() {
        let picture = ChafaRenderer.render(card, columns: 80, rows: 40, mode: .symbols(.none))
        guard case let .cells(columns, rows, cells) = picture else { return XCTFail("expected cells, got \(picture)") }
        XCTAssertLessThanOrEqual(columns, 80)
        XCTAssertLessThanOrEqual(rows, 40)
        XCTAssertEqual(cells.count, columns * rows)
        XCTAssertTrue(cells.allSatisfy { $0.foreground == nil && $0.background == nil }, "text mode carries no colours")
    }

    func testSquareImageKeepsAspectInTallCells() {
        // 8x16-pixel cells: a square image is twice as many columns as rows.
        let picture = ChafaRenderer.render(card, columns: 80, rows: 40, mode: .symbols(.none), cell: CellPixelSize(width: 8, height: 16))
        XCTAssertEqual(picture.rows, 40)
        XCTAssertEqual(picture.columns, 80)
        let narrow = ChafaRenderer.render(card, columns: 40, rows: 40, mode: .symbols(.none), cell: CellPixelSize(width: 8, height: 16))
        XCTAssertEqual(narrow.columns, 40)
        XCTAssertEqual(narrow.rows, 20)
    }

    func testTextSymbolsShowTheImage() {
        guard case let .cells(_, _, cells) = ChafaRenderer.render(card, columns: 40, rows: 20, mode: .symbols(.none)) else {
            return XCTFail("expected cells")
        }
        let drawn = cells.filter { $0.symbol != " " }.count
        XCTAssertGreaterThan(drawn, cells.count / 4, "most of the card is bright enough to draw")
        XCTAssertTrue(cells.contains { $0.symbol == " " }, "the dark square stays blank")
    }

    func testPaletteSymbolsUseGreys() {
        guard case let .cells(_, _, cells) = ChafaRenderer.render(card, columns: 40, rows: 20, mode: .symbols(.palette256)) else {
            return XCTFail("expected cells")
        }
        let colours = Set(cells.compactMap(\.foreground) + cells.compactMap(\.background))
        XCTAssertGreaterThan(colours.count, 4, "a gradient needs several greys")
        XCTAssertTrue(colours.allSatisfy { $0 >= 16 }, "the 240-colour canvas leaves the 16 ANSI colours alone: \(colours)")
    }

    func testSixelSequenceIsDCS() {
        guard case let .sequence(text, columns, rows) = ChafaRenderer.render(card, columns: 20, rows: 10, mode: .sixel) else {
            return XCTFail("expected a sequence")
        }
        XCTAssertTrue(text.hasPrefix("\u{1B}P"), "a sixel image is a DCS string")
        XCTAssertTrue(text.hasSuffix("\u{1B}\\"))
        XCTAssertGreaterThan(columns, 0)
        XCTAssertGreaterThan(rows, 0)
    }

    func testKittySequenceIsAPC() {
        guard case let .sequence(text, _, _) = ChafaRenderer.render(card, columns: 20, rows: 10, mode: .kitty) else {
            return XCTFail("expected a sequence")
        }
        XCTAssertTrue(text.hasPrefix("\u{1B}_G"), "a kitty image is an APC string starting with G")
    }

    func testRenderTimeForEightyByForty() {
        // Warm up libchafa's symbol tables, then time one render as `hilum bench preview` does.
        _ = ChafaRenderer.render(card, columns: 80, rows: 40, mode: .symbols(.palette256))
        let start = ContinuousClock.now
        _ = ChafaRenderer.render(card, columns: 80, rows: 40, mode: .symbols(.palette256))
        let elapsed = ContinuousClock.now - start
        XCTAssertLessThan(elapsed, .milliseconds(250), "a debug build is slower than release; bench preview checks the 50 ms target")
    }
}
