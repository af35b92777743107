import HilumCore
import HilumTerminal
import HilumWorklist

extension WorklistApp {
    /// Runs a command; returns what to redraw.
    func perform(_ id: CommandID) -> Redraw {
        if let reason = keymap.table.disabledReason(id) {
            show("Unavailable: \(reason)", .warning)
            return .status
        }
        if navigate(id) { return [.body, .status] }
        switch id {
        case .showMarket: return switchTo(.market)
        case .showToRead: return switchTo(.toRead)
        case .showCase: return switchTo(.caseDetail)
        case .showFeedback: return switchTo(.feedback)
        case .showFollowUps: return switchTo(.followUps)
        case .showMe: return switchTo(.me)
        case .nextScreen: return switchTo(screen.next)
        case .previousScreen: return switchTo(screen.previous)
        case .filter:
            if screen == .market { market.filter.begin() } else { reading.filter.begin() }
        case .palette:
            overlay = .palette(CommandPalette())
        case .help:
            overlay = .help(HelpScreen.pane(keymap: keymap))
        case .back:
            return back()
        case .quit:
            return quit()
        case .openCase:
            return openSelected()
        case .bid:
            guard let row = market.selected else { return .none }
            let price = row.myBid?.price ?? row.price
            overlay = .dialog(.prompt("Bid", message: "\(row.procedure), posted at \(Formatting.amount(row.price, row.currency)), due in \(countdown(until: row.deadlineAt, now: now)). Your price in \(row.currency):",
                                      label: "Price", text: Formatting.number(price)), .bidPrice(row))
        case .accept:
            guard let row = market.selected else { return .none }
            overlay = .dialog(.confirm("Accept", message: "Accept \(row.procedure) at the posted \(Formatting.amount(row.price, row.currency))? Your profile's turnaround is committed.",
                                       yes: "Accept", no: "Cancel", yesFocused: true), .accept(row))
        case .withdraw:
            guard let row = market.selected, let bid = row.myBid else { return .none }
            overlay = .dialog(.confirm("Withdraw bid", message: "Withdraw your bid of \(Formatting.amount(bid.price, row.currency)) on \(row.procedure)?",
                                       yes: "Withdraw", no: "Keep"), .withdraw(row, bid: bid.id))
        case .openViewer:
            guard let link = caseScreen.accessLink else { return .none }
            if let failure = services.openViewer(link) {
                show(failure, .error)
            } else {
                show("Opening the study in the viewer", .success)
                services.log("viewer started for case \(caseScreen.caseID?.short ?? "?")")
            }
            return .status
        case .copyLink:
            guard let link = caseScreen.accessLink else { return .none }
            services.copyToClipboard(link)
            show("Link copied to the clipboard (OSC 52; the terminal must allow it)", .success)
            return .status
        case .sort, .reverseSort:
            if screen == .market {
                if id == .sort { market.cycleSort() } else { market.reverseSort() }
                show("Sorted by \(market.sortTitle)\(market.table.sortAscending ? "" : ", reversed")")
            } else {
                if id == .sort { reading.cycleSort() } else { reading.reverseSort() }
                show("Sorted by \(reading.sortTitle)\(reading.table.sortAscending ? "" : ", reversed")")
            }
        case .refresh:
            reload()
            show("Reloaded: \(market.rows.count) on the market, \(reading.rows.count) to read")
        case .lock:
            lock(reason: "by request")
        case .editReport:
            guard let caseID = screen == .caseDetail ? caseScreen.caseID : selectedCase else { return .none }
            return openReport(caseID)
        case .signReport:
            return beginSigning()
        case .switchTemplate:
            return switchTemplate()
        case .externalEdit:
            return beginExternalEdit()
        case .replyFeedback:
            return beginReply()
        case .addendumFeedback:
            return beginAddendum()
        case .flagCritical:
            return beginCriticalFlag()
        case .nextSeries, .previousSeries, .nextImage, .previousImage, .cycleWindow:
            return pagePreview(id)
        case .talk:
            return pressToTalk(free: false)
        case .dictate:
            return pressToTalk(free: true)
        default:
            return .none
        }
        return .all
    }

    /// Cursor commands for the table or pane on screen.
    private func navigate(_ id: CommandID) -> Bool {
        switch screen {
        case .market: market.table.perform(id)
        case .toRead: reading.table.perform(id)
        case .caseDetail: editor == nil && caseScreen.pane.perform(id)
        case .me: mePane.perform(id)
        case .feedback: navigateFeedback(id)
        case .followUps: followUpList.table.perform(id)
        }
    }

    func switchTo(_ target: WorklistScreen) -> Redraw {
        if target == .market || target == .toRead { listScreen = target }
        if target == .me { loadMetrics() }
        if target == .feedback { loadFeedback() }
        if target == .followUps { loadFollowUps() }
        if target == .caseDetail, caseScreen.detail == nil, let caseID = caseScreen.caseID {
            load(caseID)
        }
        screen = target
        show("")
        return .all
    }

    /// Esc: clears an active filter, else leaves the Case screen.
    private func back() -> Redraw {
        if screen == .market, market.filter.isActive {
            market.filter.clear()
            market.queryChanged()
        } else if screen == .toRead, reading.filter.isActive {
            reading.filter.clear()
            reading.queryChanged()
        } else if screen == .caseDetail, editor != nil {
            editor = nil
            show(drafts == nil ? "Report closed" : "Report closed; the draft is kept")
            return .all
        } else if screen == .caseDetail {
            return switchTo(listScreen)
        } else {
            return .none
        }
        show("")
        return .all
    }

    private func quit() -> Redraw {
        let pending = status.ledger.pendingUpload
        guard pending == 0 else {
            overlay = .dialog(.confirm("Quit", message: "\(pending) of your events have not reached a node yet. They stay in the replica and are sent at the next sync. Quit now?",
                                       yes: "Quit", no: "Stay"), .quit)
            return .overlay
        }
        finish()
        return .none
    }

    func finish() {
        services.log("worklist quit")
        isFinished = true
    }

    private func openSelected() -> Redraw {
        guard let caseID = selectedCase else { return .none }
        if screen == .toRead, !opened.contains(caseID) {
            opened.insert(caseID)
            reload()
        }
        listScreen = screen
        load(caseID)
        screen = .caseDetail
        return .all
    }

    /// Reads and decrypts one case into the Case screen.
    func load(_ caseID: EventID) {
        do {
            let detail = try store.caseDetail(caseID)
            caseScreen.show(detail, now: now)
            startPreviewIfNeeded(detail)
            show("")
            services.log("case \(caseID.short) opened")
        } catch {
            show("Cannot open the case: \(error)", .error)
            services.log("error: opening case \(caseID.short) failed: \(error)")
        }
    }

    func loadMetrics() {
        do {
            mePane = TextPane(paragraphs: MeScreen.paragraphs(try store.qualityMetrics(now: now), routing: try store.routingRecord(),
                                                              measures: MeasureFigures.figures(try store.measureTallies()), error: nil))
        } catch {
            mePane = TextPane(paragraphs: MeScreen.paragraphs(nil, error: "Cannot compute the quality figures: \(error)"))
        }
    }

    /// The case selected on the Market or To read screen showing now.
    private var selectedCase: EventID? {
        switch screen {
        case .market: market.selected?.caseID
        case .toRead: reading.selected?.caseID
        case .feedback: feedback.selected?.caseID
        case .followUps: followUpList.selected?.caseID
        default: nil
        }
    }

    /// Marks the commands that cannot run on this screen or selection, with the reason.
    func updateAvailability() {
        var table = keymap.table
        func set(_ id: CommandID, _ reason: String?) {
            if let reason { table.disable(id, because: reason) } else { table.enable(id) }
        }
        let onList = screen == .market || screen == .toRead
        let marketRow = screen == .market ? market.selected : nil
        var openReason: String?
        if !onList && screen != .feedback && screen != .followUps {
            openReason = "only on Market, To read, Feedback and Follow-ups"
        } else if selectedCase == nil {
            openReason = "no case selected"
        }
        set(.openCase, openReason)
        let noPosting = marketRow == nil ? "select a posting on the Market (1)" : nil
        set(.bid, noPosting)
        set(.accept, noPosting)
        if let marketRow, marketRow.myBid == nil {
            set(.withdraw, "you have no bid on this posting")
        } else {
            set(.withdraw, noPosting)
        }
        var link: String?
        if screen != .caseDetail {
            link = "open a case first (Enter)"
        } else if caseScreen.accessLink == nil {
            link = "this case has no access grant for you"
        }
        let onReportable = screen == .toRead || (screen == .caseDetail && caseScreen.detail != nil)
        set(.editReport, editor != nil ? "the report is open" : (onReportable ? nil : "open a case from To read (2) first"))
        set(.signReport, editor == nil ? "open the report first (e)" : nil)
        set(.switchTemplate, editor == nil ? "open the report first (e)" : nil)
        set(.flagCritical, editor == nil ? "open the report first (e)" : nil)
        var external: String?
        if editor == nil {
            external = "open the report first (e)"
        } else if drafts == nil || externalEditor == nil {
            external = drafts == nil ? "the worklist runs without a home" : "set VISUAL or EDITOR"
        }
        set(.externalEdit, external)
        for id in [CommandID.nextSeries, .previousSeries, .nextImage, .previousImage, .cycleWindow] {
            set(id, previewUnavailability(id))
        }
        var talk: String?
        if voice == nil {
            talk = "voice is off: start the worklist with --voice or --audio-file FILE"
        } else if !voiceReady {
            talk = "the voice model is still loading"
        }
        set(.talk, talk)
        set(.dictate, talk ?? (editor == nil ? "open the report first (e)" : nil))
        set(.openViewer, link)
        set(.copyLink, link)
        set(.filter, onList ? nil : "only on Market and To read")
        set(.sort, onList ? nil : "only on Market and To read")
        set(.reverseSort, onList ? nil : "only on Market and To read")
        var noThread: String?
        if screen != .feedback {
            noThread = "only on Feedback (4)"
        } else if feedback.selected == nil {
            noThread = "no feedback selected"
        }
        set(.replyFeedback, noThread)
        set(.addendumFeedback, noThread)
        keymap.table = table
    }
}
