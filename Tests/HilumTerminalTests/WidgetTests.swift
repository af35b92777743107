import XCTest
@testable import HilumTerminal

final class WidgetTests: XCTestCase {
    func makeTable(rows: Int) -> TableView {
        var table = TableView(columns: [TableColumn("Name", width: .flex(minimum: 4, weight: 1))])
        table.setRowCount(rows)
        return table
    }

    func render(_ table: inout TableView, height: Int) -> ScreenBuffer {
        var screen = ScreenBuffer(size: Size(width: 20, height: height))
        table.render(into: &screen, in: screen.bounds) { row, _ in Span("row \(row)", .row) }
        return screen
    }

    func testSelectionStaysVisibleWhenMovingDown() {
        var table = makeTable(rows: 50)
        _ = render(&table, height: 6)
        for _ in 0..<12 { _ = table.perform(.cursorDown) }
        let screen = render(&table, height: 6)
        XCTAssertEqual(table.selection, 12)
        XCTAssertEqual(table.scrollOffset, 8)
        XCTAssertEqual(screen.line(5).trimmingWhitespace(), "row 12")
        XCTAssertEqual(screen[0, 5].role, .rowSelected)
    }

    func testPageDownMovesByVisibleRows() {
        var table = makeTable(rows: 50)
        _ = render(&table, height: 11)
        _ = table.perform(.pageDown)
        XCTAssertEqual(table.selection, 10)
    }

    func testBottomAndTop() {
        var table = makeTable(rows: 50)
        _ = render(&table, height: 6)
        _ = table.perform(.bottom)
        XCTAssertEqual(table.selection, 49)
        XCTAssertEqual(table.scrollOffset, 45)
        _ = table.perform(.top)
        XCTAssertEqual(table.scrollOffset, 0)
    }

    func testShrinkingKeepsSelectionInRange() {
        var table = makeTable(rows: 50)
        table.select(40)
        table.setRowCount(3)
        XCTAssertEqual(table.selection, 2)
        table.setRowCount(0)
        XCTAssertNil(table.selection)
    }

    func testMouseClickSelectsRow() {
        var table = makeTable(rows: 50)
        _ = render(&table, height: 6)
        XCTAssertTrue(table.handleMouse(MouseEvent(kind: .leftClick, position: Point(x: 3, y: 3))))
        XCTAssertEqual(table.selection, 2)
    }

    func testWheelMovesSelection() {
        var table = makeTable(rows: 50)
        _ = render(&table, height: 6)
        _ = table.handleMouse(MouseEvent(kind: .wheelDown, position: Point(x: 0, y: 0)))
        XCTAssertEqual(table.selection, 1)
    }

    func testSortIndicatorInHeader() {
        var table = makeTable(rows: 1)
        table.sortColumn = 0
        table.sortAscending = false
        let screen = render(&table, height: 3)
        XCTAssertEqual(screen[19, 0].text, "▼")
        XCTAssertEqual(screen[19, 0].role, .tableSort)
    }

    func testEmptyTableShowsMessage() {
        var table = makeTable(rows: 0)
        table.emptyMessage = "No studies"
        let screen = render(&table, height: 3)
        XCTAssertEqual(screen.line(1).trimmingWhitespace(), "No studies")
    }

    func testTextFieldEditing() {
        var field = TextField("chest")
        _ = field.handle(.home)
        _ = field.handle(.character("X"))
        _ = field.handle(.end)
        _ = field.handle(.backspace)
        XCTAssertEqual(field.text, "Xches")
        _ = field.handle(.control("w"))
        XCTAssertEqual(field.text, "")
    }

    func testTextFieldCursorAtDisplayWidth() {
        let field = TextField("王秀")
        var screen = ScreenBuffer(size: Size(width: 10, height: 1))
        field.render(into: &screen, in: screen.bounds, role: .input)
        XCTAssertEqual(screen.cursor, Point(x: 4, y: 0))
    }

    func testTextFieldScrollsToKeepCursorVisible() {
        let field = TextField("abcdefghijkl")
        var screen = ScreenBuffer(size: Size(width: 5, height: 1))
        field.render(into: &screen, in: screen.bounds, role: .input)
        XCTAssertEqual(screen.line(0), "ijkl ")
        XCTAssertEqual(screen.cursor, Point(x: 4, y: 0))
    }

    func testFilterEscapeClearsThenCloses() {
        var filter = FilterLine()
        filter.begin()
        XCTAssertEqual(filter.handle(.character("c")), .changed("c"))
        XCTAssertEqual(filter.handle(.escape), .changed(""))
        XCTAssertTrue(filter.isEditing)
        XCTAssertEqual(filter.handle(.escape), .closed)
        XCTAssertFalse(filter.isEditing)
    }

    func testFilterMatchesWithoutAccentsOrCase() {
        var filter = FilterLine()
        filter.begin()
        for character in "jose gar" { _ = filter.handle(.character(character)) }
        XCTAssertTrue(filter.matches(["Garci\u{301}a, Jose\u{301} Mari\u{301}a"]))
        XCTAssertFalse(filter.matches(["Baker, Tom"]))
    }

    func testPaletteRanksDescriptionMatch() {
        let keymap = Keymap(table: CommandTable(Command.standard))
        var palette = CommandPalette()
        for character in "quit" { _ = palette.handle(.character(character), keymap: keymap) }
        XCTAssertEqual(palette.entries(keymap: keymap).first?.command.id, .quit)
        XCTAssertEqual(palette.handle(.enter, keymap: keymap), .run(.quit))
    }

    func testPaletteReportsDisabledReason() {
        var keymap = Keymap(table: CommandTable(Command.standard))
        keymap.table.disable(.filter, because: "no rows to filter")
        var palette = CommandPalette()
        for character in "filter" { _ = palette.handle(.character(character), keymap: keymap) }
        XCTAssertEqual(palette.handle(.enter, keymap: keymap), .unavailable(.filter, reason: "no rows to filter"))
    }

    func testPaletteEscapeCancels() {
        var palette = CommandPalette()
        XCTAssertEqual(palette.handle(.escape, keymap: Keymap(table: CommandTable(Command.standard))), .cancelled)
    }

    func testFuzzyMatchNeedsAllCharactersInOrder() {
        XCTAssertNotNil(FuzzyMatcher.match("sel dn", in: "Move the selection down one row"))
        XCTAssertNil(FuzzyMatcher.match("xyz", in: "Move the selection down one row"))
    }

    func testConfirmDefaultsToNo() {
        var dialog = Dialog.confirm("Discard", message: "Discard it?")
        XCTAssertEqual(dialog.handle(.enter), .cancelled)
        var other = Dialog.confirm("Discard", message: "Discard it?")
        XCTAssertEqual(other.handle(.tab), .pending)
        XCTAssertEqual(other.handle(.enter), .confirmed)
        XCTAssertEqual(other.handle(.character("y")), .confirmed)
    }

    func testPromptSubmitsText() {
        var dialog = Dialog.prompt("Unlock", message: "Passphrase", label: "Passphrase:", secret: true)
        for character in "pw" { _ = dialog.handle(.character(character)) }
        XCTAssertEqual(dialog.handle(.enter), .submitted("pw"))
    }

    func testPromptMasksSecret() {
        var dialog = Dialog.prompt("Unlock", message: "Passphrase", label: "Passphrase:", secret: true)
        for character in "secret" { _ = dialog.handle(.character(character)) }
        var screen = ScreenBuffer(size: .minimum)
        dialog.render(into: &screen, in: screen.bounds)
        XCTAssertFalse((0..<24).contains { screen.line($0).contains("secret") })
        XCTAssertTrue((0..<24).contains { screen.line($0).contains("••••••") })
    }

    func testHelpListsEveryCommandWithKeys() {
        let keymap = Keymap(table: CommandTable(Command.standard))
        let text = HelpScreen.pane(keymap: keymap).lines(width: 80).map { $0.map(\.text).joined() }
        for command in Command.standard {
            XCTAssertTrue(text.contains { $0.contains(command.description) }, command.id.name)
        }
        XCTAssertTrue(text.contains { $0.hasPrefix("  down j") && $0.contains("Move the selection down one row") })
    }

    func testIdleTimerFiresOnceAfterTimeout() {
        let start = ContinuousClock.now
        var timer = IdleTimer(timeout: .seconds(300), now: start)
        XCTAssertFalse(timer.check(at: start + .seconds(299)))
        XCTAssertTrue(timer.check(at: start + .seconds(300)))
        XCTAssertFalse(timer.check(at: start + .seconds(900)))
        timer.recordActivity(at: start + .seconds(901))
        XCTAssertFalse(timer.check(at: start + .seconds(1000)))
        XCTAssertTrue(timer.check(at: start + .seconds(1201)))
    }

    func testWideCharacterOverwriteBlanksOtherHalf() {
        var screen = ScreenBuffer(size: Size(width: 4, height: 1))
        screen.write("王", at: Point(x: 0, y: 0), role: .text)
        screen.write("x", at: Point(x: 1, y: 0), role: .text)
        XCTAssertEqual(screen.line(0), " x  ")
        XCTAssertEqual(screen.lineWidth(0), 4)
    }

    func testWideCharacterAtRightEdgeBecomesSpace() {
        var screen = ScreenBuffer(size: Size(width: 3, height: 1))
        XCTAssertEqual(screen.write("ab王", at: Point(x: 0, y: 0), role: .text), 3)
        XCTAssertEqual(screen.line(0), "ab ")
    }
}
