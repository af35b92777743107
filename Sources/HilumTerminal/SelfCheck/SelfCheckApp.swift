/// The self-test's screen: a worklist-shaped table of sample studies with
/// wide, combining and emoji text, a header, filter line, status bar, key
/// hints, help, palette, dialogs, a detail pane and the idle lock.
@MainActor
final class SelfCheckApp: TerminalApp {
    typealias Message = Never

    nonisolated static let commands = CommandTable(Command.standard + [
        Command("study.open", label: "open", description: "Open the selected study's details", group: "Study", keys: [.enter], showsInHints: true),
        Command("study.discard", label: "discard", description: "Discard the selected study (asks first)", group: "Study", keys: [.character("d")], showsInHints: true),
        Command("study.note", label: "note", description: "Add a note to the selected study", group: "Study", keys: [.character("n")]),
        Command("view.sort", label: "sort", description: "Sort by the next column", group: "View", keys: [.character("s")], showsInHints: true),
        Command("app.lock", label: "lock", description: "Lock the screen now", group: "View", keys: [.control("l")]),
    ])

    /// Sample rows: name, modality, date, description, description role.
    nonisolated static let studies: [(String, String, String, String, Role)] = [
        ("Baker, Tom", "CR", "2024-11-01", "XR Chest PA", .row),
        ("王 秀英", "CT", "2024-11-01", "胸部CT 造影 (肺動脈)", .row),
        ("김 민준", "MR", "2024-11-01", "뇌 MRI 조영증강", .row),
        ("Garci\u{301}a, Jose\u{301} Mari\u{301}a", "US", "2024-11-01", "Ecografi\u{301}a abdominal", .row),
        ("Nguye\u{302}\u{303}n, Thi\u{323} Lan", "MR", "2024-11-02", "MR Knee right", .row),
        ("長谷川 一二三四五六七八九十", "CT", "2024-11-02", "長い検査説明文がここに入ります。長い検査説明文がここに入ります。", .deadlineSoon),
        ("Ito, Ken", "CT", "2024-11-02", "⚠️ STAT CT head", .priorityStat),
        ("Schmidt, Anna", "NM", "2024-11-02", "Ｆｕｌｌｗｉｄｔｈ ＣＴ ｄｅｓｃ", .row),
    ]

    private enum Mode {
        case list, palette, help, detail, dialog, locked
    }

    private(set) var keymap: Keymap
    private(set) var isFinished = false
    private(set) var keyCount = 0
    private var mode = Mode.list
    private var table = TableView(columns: [
        TableColumn("Name", width: .fixed(20)),
        TableColumn("Mod", width: .fixed(4)),
        TableColumn("Date", width: .fixed(10)),
        TableColumn("Description", width: .flex(minimum: 10, weight: 1)),
    ])
    private var filter = FilterLine()
    private var palette = CommandPalette()
    private var pane = TextPane(paragraphs: [])
    private var dialog = Dialog.confirm("", message: "")
    private var visibleRows: [Int]
    private var message = "Ready"

    init(keymap: Keymap) {
        self.keymap = keymap
        self.keymap.table.disable("study.note", because: "notes need a signed-in radiologist")
        visibleRows = Array(SelfCheckApp.studies.indices)
        table.setRowCount(visibleRows.count)
    }

    func acceptsWhileTooSmall(_ key: Key) -> Bool {
        keymap.command(for: key) == .quit
    }

    func handle(_ event: TerminalEvent<Never>) -> Redraw {
        switch event {
        case .resize: return .all
        case .idle:
            mode = .locked
            return .all
        case .key(let key):
            keyCount += 1
            return handle(key)
        }
    }

    private func handle(_ key: Key) -> Redraw {
        switch mode {
        case .locked:
            guard key == .enter else { return .none }
            mode = .list
            return .all
        case .dialog:
            switch dialog.handle(key) {
            case .pending: return .overlay
            case .confirmed: message = "Discarded (self-check only: nothing changed)"
            case .cancelled: message = "Kept"
            case .submitted(let text): message = "Entered \(text)"
            }
            mode = .list
            return [.body, .overlay, .status]
        case .palette:
            switch palette.handle(key, keymap: keymap) {
            case .updated, .ignored: return .overlay
            case .cancelled:
                mode = .list
                return [.body, .overlay]
            case .unavailable(_, let reason):
                message = "Unavailable: \(reason)"
                return .status
            case .run(let id):
                mode = .list
                return perform(id).union([.body, .overlay])
            }
        case .help, .detail:
            guard let id = keymap.command(for: key) else { return .none }
            if id == .back || id == .help || id == .quit {
                mode = .list
                return [.body, .overlay, .hints]
            }
            return pane.perform(id) ? .overlay : .none
        case .list:
            if filter.isEditing {
                switch filter.handle(key) {
                case .changed: applyFilter()
                case .moved, .ignored: return .cursor
                case .closed: break
                }
                return [.body, .status]
            }
            if case .mouse(let event) = key {
                return table.handleMouse(event) ? .body : .none
            }
            guard let id = keymap.command(for: key) else { return .none }
            return perform(id)
        }
    }

    private func perform(_ id: CommandID) -> Redraw {
        if let reason = keymap.table.disabledReason(id) {
            message = "Unavailable: \(reason)"
            return .status
        }
        if table.perform(id) { return .body }
        switch id {
        case .filter: filter.begin()
        case .palette:
            palette = CommandPalette()
            mode = .palette
        case .help:
            pane = HelpScreen.pane(keymap: keymap)
            mode = .help
        case .back:
            filter.clear()
            applyFilter()
        case .quit: isFinished = true
        case "study.open":
            guard let selected = table.selection else { return .none }
            let study = SelfCheckApp.studies[visibleRows[selected]]
            pane = TextPane(text: "\(study.0)\n\n\(study.1)  \(study.2)\n\n\(study.3)")
            mode = .detail
        case "study.discard":
            dialog = .confirm("Discard study", message: "Discard the selected study from this worklist?", yes: "Discard", no: "Keep")
            mode = .dialog
        case "view.sort":
            table.sortColumn = ((table.sortColumn ?? -1) + 1) % table.columns.count
        case "app.lock": mode = .locked
        default: return .none
        }
        return .all
    }

    private func applyFilter() {
        visibleRows = SelfCheckApp.studies.indices.filter { index in
            let study = SelfCheckApp.studies[index]
            return filter.matches([study.0, study.1, study.3])
        }
        table.setRowCount(visibleRows.count)
        message = filter.query.isEmpty ? "Ready" : "\(visibleRows.count) of \(SelfCheckApp.studies.count) studies match"
    }

    func render(_ changed: Redraw, into screen: inout ScreenBuffer) {
        let size = screen.size
        screen.cursor = nil
        if mode == .locked {
            LockScreen.render(into: &screen)
            return
        }

        StatusBar(left: [Span("Hilum", .headerTitle), Span("  terminal check", .header)],
                  right: [Span("● online ", .statusOnline)], role: .header)
            .render(into: &screen, in: screen.bounds.row(0))
        let filterRows = filter.isActive ? 1 : 0
        let body = Rect(x: 0, y: 1, width: size.width, height: size.height - 3 - filterRows)
        table.render(into: &screen, in: body) { row, column in
            let study = SelfCheckApp.studies[self.visibleRows[row]]
            switch column {
            case 0: return Span(study.0, .row)
            case 1: return Span(study.1, .row)
            case 2: return Span(study.2, .textMuted)
            default: return Span(study.3, study.4)
            }
        }

        if filterRows == 1 {
            filter.render(into: &screen, in: screen.bounds.row(size.height - 3))
        }
        let position = table.selection.map { "\($0 + 1)/\(visibleRows.count)" } ?? "0/0"
        StatusBar(left: [Span(message, .statusMessage)], right: [Span(position + " ", .status)])
            .render(into: &screen, in: screen.bounds.row(size.height - 2))
        KeyHintLine.render(into: &screen, in: screen.bounds.row(size.height - 1), keymap: keymap)

        switch mode {
        case .palette: palette.render(into: &screen, in: Rect(x: 0, y: 1, width: size.width, height: size.height - 2), keymap: keymap)
        case .help, .detail:
            let box = Rect(x: 2, y: 2, width: size.width - 4, height: size.height - 4)
            Frame.draw(into: &screen, rect: box, title: mode == .help ? "Help: Esc closes" : "Study", role: .dialog)
            pane.render(into: &screen, in: box.inset(by: 1), role: .dialog)
        case .dialog: dialog.render(into: &screen, in: screen.bounds)
        case .list, .locked: break
        }
        if filter.isEditing, mode == .list {
            filter.render(into: &screen, in: screen.bounds.row(size.height - 3))
        }
    }
}
