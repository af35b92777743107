import HilumCore
import HilumTerminal
import HilumWorklist

extension WorklistApp {
    /// Routes a key to the open overlay, the filter line or a command.
    func handle(_ key: Key) -> Redraw {
        // Push-to-talk works over the sign dialog, so a second "sign report" can confirm it.
        if !isLocked, let id = keymap.command(for: key), id == .talk || id == .dictate, case .dialog(_, .sign) = overlay {
            return perform(id)
        }
        if case .dialog(var dialog, let purpose) = overlay {
            let outcome = dialog.handle(key)
            overlay = .dialog(dialog, purpose)
            if outcome == .pending { saveFeedbackDraft(dialog, for: purpose) }
            guard outcome != .pending else { return .overlay }
            overlay = .none
            return answer(outcome, to: purpose).union([.body, .overlay, .status])
        }
        if isLocked {
            overlay = .dialog(.prompt("Unlock", message: "Enter your passphrase to continue.", label: "Passphrase", secret: true), .unlock)
            return .all
        }
        switch overlay {
        case .palette(var palette):
            let outcome = palette.handle(key, keymap: keymap)
            overlay = .palette(palette)
            switch outcome {
            case .updated, .ignored:
                return .overlay
            case .cancelled:
                overlay = .none
                return .all
            case .unavailable(_, let reason):
                show("Unavailable: \(reason)", .warning)
                return .all
            case .run(let id):
                overlay = .none
                return perform(id).union(.all)
            }
        case .help(var pane):
            guard let id = keymap.command(for: key) else { return .none }
            if id == .back || id == .help || id == .quit {
                overlay = .none
                return .all
            }
            let moved = pane.perform(id)
            overlay = .help(pane)
            return moved ? .overlay : .none
        case .dialog, .none:
            break
        }
        if let outcome = editReport(key) { return outcome }
        if let outcome = editFilter(key) { return outcome }
        if case .mouse(let event) = key { return click(event) }
        guard let id = keymap.command(for: key) else { return .none }
        return perform(id)
    }

    /// Sends the key to the filter line while it is being edited; nil otherwise.
    private func editFilter(_ key: Key) -> Redraw? {
        switch screen {
        case .market:
            guard market.filter.isEditing else { return nil }
            let outcome = market.filter.handle(key)
            if case .changed = outcome { market.queryChanged() }
            return filterRedraw(outcome, shown: market.visible.count, of: market.rows.count)
        case .toRead:
            guard reading.filter.isEditing else { return nil }
            let outcome = reading.filter.handle(key)
            if case .changed = outcome { reading.queryChanged() }
            return filterRedraw(outcome, shown: reading.visible.count, of: reading.rows.count)
        default:
            return nil
        }
    }

    private func filterRedraw(_ outcome: FilterLine.Outcome, shown: Int, of total: Int) -> Redraw {
        switch outcome {
        case .changed(let query):
            show(query.isEmpty ? "" : "\(shown) of \(total) match")
            return [.body, .status]
        case .moved, .ignored:
            return .cursor
        case .closed:
            return .all
        }
    }

    /// Mouse: a click on a tab switches screens, a click selects a row, a
    /// double click opens it, the wheel moves the selection or scrolls.
    private func click(_ event: MouseEvent) -> Redraw {
        if event.position.y == 1, event.kind == .leftClick,
           let tab = tabRanges.first(where: { $0.range.contains(event.position.x) }) {
            return switchTo(tab.screen)
        }
        switch screen {
        case .market:
            guard market.table.handleMouse(event) else { return .none }
        case .toRead:
            guard reading.table.handleMouse(event) else { return .none }
        case .feedback:
            guard feedback.table.handleMouse(event) else { return .none }
            feedback.refreshPane(overdueAfter: feedbackOverdueMilliseconds, now: now)
        case .caseDetail:
            let command: CommandID
            switch event.kind {
            case .wheelUp: command = .cursorUp
            case .wheelDown: command = .cursorDown
            default: return .none
            }
            guard caseScreen.pane.perform(command) else { return .none }
            return .body
        default:
            return .none
        }
        if event.kind == .doubleClick { return perform(.openCase) }
        return [.body, .status]
    }
}
