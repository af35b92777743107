import XCTest
@testable import HilumTerminal

final class KeymapTests: XCTestCase {
    let table = CommandTable(Command.standard + [
        Command("study.open", label: "open", description: "Open the selected study", group: "Study", keys: [.enter], showsInHints: true),
    ])

    func testVimKeysAndArrowsBothWork() {
        let keymap = Keymap(table: table)
        XCTAssertEqual(keymap.command(for: .character("j")), .cursorDown)
        XCTAssertEqual(keymap.command(for: .down), .cursorDown)
        XCTAssertEqual(keymap.command(for: .character("k")), .cursorUp)
        XCTAssertEqual(keymap.command(for: .up), .cursorUp)
        XCTAssertEqual(keymap.command(for: .character("g")), .top)
        XCTAssertEqual(keymap.command(for: .character("G")), .bottom)
    }

    func testBindAndUnbindFromFile() throws {
        var keymap = Keymap(table: table)
        try keymap.apply(configText: "# my keys\nbind ctrl-n cursor.down\n\nunbind q\nbind o study.open\n", file: "keys.conf")
        XCTAssertEqual(keymap.command(for: .control("n")), .cursorDown)
        XCTAssertNil(keymap.command(for: .character("q")))
        XCTAssertEqual(keymap.keys(for: "study.open"), [.enter, .character("o")])
    }

    func testWindowsLineEndingsParse() throws {
        var keymap = Keymap(table: table)
        try keymap.apply(configText: "bind ctrl-n cursor.down\r\nunbind q\r\n", file: "keys.conf")
        XCTAssertEqual(keymap.command(for: .control("n")), .cursorDown)
        XCTAssertNil(keymap.command(for: .character("q")))
    }

    func testRebindMovesKeyToNewCommand() throws {
        var keymap = Keymap(table: table)
        try keymap.apply(configText: "bind j cursor.up", file: "keys.conf")
        XCTAssertEqual(keymap.command(for: .character("j")), .cursorUp)
        XCTAssertEqual(keymap.keys(for: .cursorDown), [.down])
    }

    func testUnknownCommandNamesLineAndSuggestion() {
        var keymap = Keymap(table: table)
        XCTAssertThrowsError(try keymap.apply(configText: "bind j cursor.down\nbind x cursor.dwn\n", file: "keys.conf")) { error in
            XCTAssertEqual("\(error)", "keys.conf:2: unknown command \"cursor.dwn\"; did you mean \"cursor.down\"?")
        }
    }

    func testUnknownKeyNamesLineAndSuggestion() {
        var keymap = Keymap(table: table)
        XCTAssertThrowsError(try keymap.apply(configText: "bind pgdwn cursor.page-down", file: "keys.conf")) { error in
            XCTAssertEqual("\(error)", "keys.conf:1: unknown key \"pgdwn\"; did you mean \"pgdn\"?")
        }
    }

    func testUnknownDirectiveSuggestsBind() {
        var keymap = Keymap(table: table)
        XCTAssertThrowsError(try keymap.apply(configText: "bnid j cursor.down", file: "keys.conf")) { error in
            XCTAssertEqual("\(error)", "keys.conf:1: unknown directive \"bnid\"; use bind or unbind; did you mean \"bind\"?")
        }
    }

    func testWrongWordCountRejected() {
        var keymap = Keymap(table: table)
        XCTAssertThrowsError(try keymap.apply(configText: "bind j", file: "keys.conf")) { error in
            XCTAssertTrue("\(error)".hasPrefix("keys.conf:1: bind takes a key and a command"), "\(error)")
        }
    }

    func testFailedFileChangesNothing() {
        var keymap = Keymap(table: table)
        XCTAssertThrowsError(try keymap.apply(configText: "unbind j\nbind x nonsense", file: "keys.conf"))
        XCTAssertEqual(keymap.command(for: .character("j")), .cursorDown)
    }

    func testKeyNamesRoundTrip() {
        for name in ["j", "G", "?", "space", "enter", "esc", "shift-tab", "pgdn", "f5", "ctrl-d", "alt-x", "backspace"] {
            XCTAssertEqual(Key(name: name)?.name, name)
        }
    }

    func testHintLineFollowsUserBindings() throws {
        var keymap = Keymap(table: table)
        try keymap.apply(configText: "unbind /\nbind f filter.start", file: "keys.conf")
        let items = KeyHintLine.items(keymap: keymap)
        XCTAssertEqual(items.first?.key, "f")
        XCTAssertEqual(items.first?.label, "filter")
    }

    func testDisabledCommandDimmedInHints() {
        var keymap = Keymap(table: table)
        keymap.table.disable("study.open", because: "no study selected")
        let item = KeyHintLine.items(keymap: keymap).first { $0.label == "open" }
        XCTAssertEqual(item?.disabled, true)
    }

    func testSuggestionIgnoresFarNames() {
        XCTAssertNil(Suggestion.closest(to: "zzzzzz", among: ["cursor.down"]))
    }
}
