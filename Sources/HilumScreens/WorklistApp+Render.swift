import HilumCore
import HilumTerminal
import HilumWorklist

extension WorklistApp {
    /// Draws the whole frame. Every part is cheap to draw (only visible rows
    /// are formatted), so `changed` is not used to skip parts yet.
    public func render(_ changed: Redraw, into screen: inout ScreenBuffer) {
        screen.cursor = nil
        screen.graphics = []
        if isLocked {
            LockScreen.render(into: &screen, hint: "Press any key to unlock with your passphrase.")
            if case .dialog(let dialog, _) = overlay { dialog.render(into: &screen, in: screen.bounds) }
            return
        }
        let size = screen.size
        renderHeader(into: &screen)
        renderTabs(into: &screen)
        let filter = activeFilter
        let filterRows = filter?.isActive == true ? 1 : 0
        let body = Rect(x: 0, y: 2, width: size.width, height: size.height - 4 - filterRows)
        lastBody = body
        renderBody(into: &screen, in: body)
        if let filter, filterRows == 1 {
            filter.render(into: &screen, in: screen.bounds.row(size.height - 3))
        }
        StatusBar(left: [Span(message, messageRole)], right: [Span(position + " ", .status)])
            .render(into: &screen, in: screen.bounds.row(size.height - 2))
        KeyHintLine.render(into: &screen, in: screen.bounds.row(size.height - 1), keymap: keymap, ids: hintIDs)
        renderOverlay(into: &screen)
    }

    private var activeFilter: FilterLine? {
        switch self.screen {
        case .market: market.filter
        case .toRead: reading.filter
        default: nil
        }
    }

    private var position: String {
        switch self.screen {
        case .market: market.table.selection.map { "\($0 + 1)/\(market.visible.count)" } ?? "0/0"
        case .toRead: reading.table.selection.map { "\($0 + 1)/\(reading.visible.count)" } ?? "0/0"
        case .feedback: feedback.table.selection.map { "\($0 + 1)/\(feedback.threads.count)" } ?? "0/0"
        case .followUps: followUpList.table.selection.map { "\($0 + 1)/\(followUpList.visible.count)" } ?? "0/0"
        default: ""
        }
    }

    private var hintIDs: [CommandID] {
        switch self.screen {
        case .market: [.openCase, .bid, .accept, .filter, .sort, .help, .quit]
        case .toRead: [.openCase, .editReport, .filter, .sort, .help, .quit]
        case .caseDetail where editor != nil: [.signReport, .switchTemplate, .flagCritical, .back]
        case .caseDetail where previewService != nil: [.editReport, .openViewer, .nextSeries, .nextImage, .cycleWindow, .back, .help]
        case .followUps: [.openCase, .help, .quit]
        case .caseDetail: [.editReport, .openViewer, .copyLink, .back, .help, .quit]
        case .feedback: [.replyFeedback, .addendumFeedback, .openCase, .help, .quit]
        default: [.palette, .help, .quit]
        }
    }

    private func renderHeader(into screen: inout ScreenBuffer) {
        let record = store.record
        StatusBar(left: [Span("Hilum", .headerTitle), Span("  \(record.displayName)", .header)], right: status.spans(), role: .header)
            .render(into: &screen, in: screen.bounds.row(0))
    }

    /// Draws the screen tabs, with STAT and overdue counts on the right.
    private func renderTabs(into screen: inout ScreenBuffer) {
        let row = screen.bounds.row(1)
        screen.fill(row, role: .text)
        var x = 1
        tabRanges = []
        for target in WorklistScreen.allCases {
            var label = "\(target.rawValue) \(target.title)"
            if target == .market { label += " \(market.rows.count)" }
            if target == .toRead { label += " \(reading.rows.count(where: { $0.status != .signed }))" }
            if target == .followUps { label += followUpsTabSuffix }
            let role: Role = target == self.screen ? .rowSelected : .textMuted
            let written = screen.write(" \(label) ", at: Point(x: x, y: 1), role: role)
            tabRanges.append((target, x..<(x + written)))
            x += written + 1
        }
        let counts = ReadingScreen.counts(reading.rows, now: now)
        let spans = [Span("STAT \(counts.stat) to read, \(marketStatCount) on market", counts.stat > 0 ? .priorityStat : .textMuted),
                     Span("  overdue \(counts.overdue) ", counts.overdue > 0 ? .deadlineOverdue : .textMuted)]
        let width = spans.reduce(0) { $0 + DisplayWidth.width(of: $1.text) }
        if x + width < row.maxX {
            screen.write(spans, at: Point(x: row.maxX - width, y: 1))
        }
    }

    private func renderBody(into screen: inout ScreenBuffer, in body: Rect) {
        let now = self.now
        switch self.screen {
        case .market:
            let list = market
            market.table.render(into: &screen, in: body) { row, column in
                MarketScreen.cell(list.row(atDisplayed: row), column: column, now: now)
            }
        case .toRead:
            let list = reading
            reading.table.render(into: &screen, in: body) { row, column in
                ReadingScreen.cell(list.row(atDisplayed: row), column: column, now: now)
            }
        case .caseDetail:
            if let editor {
                ReportScreen.render(editor, into: &screen, in: body)
            } else if caseScreen.detail == nil {
                screen.fill(body, role: .text)
                screen.write("No case open. Select one on the Market (1) or To read (2) and press Enter.",
                             at: Point(x: 1, y: body.y + 1), role: .rowEmpty, limit: body.width - 2)
            } else {
                let previewRect = previewService == nil ? nil : Self.previewRect(inBody: body)
                let textWidth = previewRect.map { $0.x - body.x } ?? body.width
                caseScreen.pane.render(into: &screen, in: Rect(x: 1, y: body.y, width: textWidth - 2, height: body.height))
                screen.fill(Rect(x: 0, y: body.y, width: 1, height: body.height), role: .text)
                screen.fill(Rect(x: textWidth - 1, y: body.y, width: 1, height: body.height), role: .text)
                if let previewRect {
                    renderPreview(into: &screen, in: previewRect)
                }
            }
        case .feedback:
            feedback.render(into: &screen, in: body, overdueAfter: feedbackOverdueMilliseconds, now: now)
        case .followUps:
            let list = followUpList
            followUpList.table.render(into: &screen, in: body) { row, column in
                FollowUpsScreen.cell(list.row(atDisplayed: row), column: column, now: now)
            }
        case .me:
            mePane.render(into: &screen, in: Rect(x: 1, y: body.y, width: body.width - 2, height: body.height))
            screen.fill(Rect(x: 0, y: body.y, width: 1, height: body.height), role: .text)
            screen.fill(Rect(x: body.maxX - 1, y: body.y, width: 1, height: body.height), role: .text)
        }
    }

    /// Draws the preview column; after a resize, asks for the fetched image drawn again at the new size.
    private func renderPreview(into screen: inout ScreenBuffer, in rect: Rect) {
        let box = CasePreview.pictureBox(in: rect)
        if case .shown(let rendered) = preview.status, preview.requestedBox != box {
            requestPreview(reusing: rendered.image)
        }
        var graphicsAllowed = true
        if case .none = overlay {} else { graphicsAllowed = false }
        preview.render(into: &screen, in: rect, graphicsAllowed: graphicsAllowed)
    }

    private func renderOverlay(into screen: inout ScreenBuffer) {
        let area = Rect(x: 0, y: 1, width: screen.size.width, height: screen.size.height - 2)
        switch overlay {
        case .none:
            break
        case .palette(var palette):
            palette.render(into: &screen, in: area, keymap: keymap)
            overlay = .palette(palette)
        case .help(var pane):
            let box = Rect(x: 2, y: 2, width: screen.size.width - 4, height: screen.size.height - 4)
            Frame.draw(into: &screen, rect: box, title: "Help: Esc closes", role: .dialog)
            pane.render(into: &screen, in: box.inset(by: 1), role: .dialog)
            overlay = .help(pane)
        case .dialog(let dialog, _):
            dialog.render(into: &screen, in: screen.bounds)
        }
    }
}
