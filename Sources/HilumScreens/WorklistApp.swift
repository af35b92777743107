import HilumCore
import HilumLedger
import HilumPreview
import HilumReporting
import HilumTerminal
import HilumVoice
import HilumWorklist

/// The radiologist's worklist: Market, To read, Case, Feedback, Follow-ups
/// and Me, with the header, filter, help, palette, dialogs and idle lock.
/// It reads and writes through a `WorklistStore` on the main actor and
/// learns about sync from `WorklistMessage.sync` and, with
/// `listsArriveAsMessages`, gets the lists from `WorklistMessage.lists`,
/// both of which background sync posts.
@MainActor
public final class WorklistApp: TerminalApp {
    public typealias Message = WorklistMessage

    /// A modal layer over the screen.
    enum Overlay {
        case none
        case palette(CommandPalette)
        case help(TextPane)
        case dialog(Dialog, DialogPurpose)
    }

    /// The action a dialog's outcome applies to.
    enum DialogPurpose {
        case bidPrice(MarketRow)
        case bidTurnaround(MarketRow, price: UInt64)
        case accept(MarketRow)
        case withdraw(MarketRow, bid: EventID)
        case quit
        case unlock
        /// Lists the checks that block signing; closing it changes nothing.
        case signBlocked
        /// Asks for the reason to override these warnings, then signs.
        case signOverride([ReportCheckFinding])
        /// Asks to sign with these overrides.
        case sign([CheckOverride])
        /// Takes the text of a reply to this thread.
        case reply(FeedbackThread)
        /// Takes the text of an addendum; a reply pointing to it follows.
        case addendum(FeedbackThread)
        /// Asks for the level of a critical result, then its message.
        case criticalLevel
        case criticalMessage(CriticalCategory)
    }

    public internal(set) var keymap: Keymap
    public internal(set) var isFinished = false
    public internal(set) var screen = WorklistScreen.market
    /// The status bar's message.
    public internal(set) var message = ""
    public internal(set) var isLocked = false
    let store: WorklistStore
    let services: WorklistServices
    var messageRole = Role.statusMessage
    /// The list screen the Case screen returns to on Esc.
    var listScreen = WorklistScreen.market
    var market = MarketScreen.makeList()
    var reading = ReadingScreen.makeList()
    var caseScreen = CaseScreen()
    /// The key-image preview beside the open case.
    var preview = CasePreview()
    /// Fetches and draws previews off the main actor; nil turns the preview off (tests, HILUM_PREVIEW=off).
    public var previewService: PreviewService?
    /// The body rectangle of the last frame, which sizes preview requests.
    var lastBody = Rect(x: 0, y: 2, width: 80, height: 20)
    var mePane = TextPane(paragraphs: [])
    var feedback = FeedbackScreen()
    /// Encrypted reply and addendum drafts under the home; nil without a home.
    let replyDrafts: ReplyDraftStore?
    /// Questions unanswered for longer than this many milliseconds show in the alarm colour.
    public var feedbackOverdueMilliseconds = WorklistConfig.defaultFeedbackOverdueMilliseconds
    var overlay = Overlay.none
    var status = SyncStatus.unknown
    var loadedVersion: Int64 = -1
    /// Time used for countdowns in this frame, in milliseconds.
    var now: Int64
    /// Cases opened in this session, shown as "in progress" in To read.
    var opened: Set<EventID> = []
    /// Column ranges of the screen tabs in the last frame, for mouse clicks.
    var tabRanges: [(screen: WorklistScreen, range: Range<Int>)] = []
    /// STAT cases on the market, counted at each reload rather than each frame.
    var marketStatCount = 0
    /// The report being edited; shown in place of the Case screen while set.
    var editor: ReportEditor?
    /// Encrypted drafts under the home; nil when the app runs without a home.
    let drafts: ReportDraftStore?
    /// Cases with a draft, shown as "draft" in To read.
    var draftCases: Set<EventID> = []
    let catalog: TemplateCatalog
    let macros: ReportMacros
    /// Push-to-talk; nil when the worklist runs without voice.
    public var voice: VoiceInput?
    /// Whether the voice model has loaded, so push-to-talk can be pressed.
    var voiceReady = false
    /// The `$VISUAL` or `$EDITOR` command for editing a text field outside the worklist.
    let externalEditor: String?
    /// The external edit in progress and the field it fills; `externalEditWaiting` until the loop takes it.
    var externalEdit: (program: ExternalProgram, caseID: EventID, fieldID: String)?
    var externalEditWaiting = false
    /// Minutes the clinician has to acknowledge a critical or an urgent result flagged in the editor.
    public var criticalDeadlines = (criticalMinutes: UInt32(60), urgentMinutes: UInt32(360))
    /// The Follow-ups screen's rows, read when it shows and dropped on lock.
    var followUpList = FollowUpsScreen.makeList()
    /// Unacknowledged critical results of this radiologist, counted at each reload for the tab line.
    var unacknowledgedCritical = 0
    /// Problems found while reading the home's templates and macros, shown at start.
    var startupProblems: [String] = []
    /// Whether background sync posts the lists (`WorklistMessage.lists`), so
    /// that a changed ledger version no longer makes the main actor read them.
    public var listsArriveAsMessages = false
    /// Whether the lists hold every row, rather than only the Market's first rows from `start()`.
    public private(set) var hasWholeLists = false
    private var lastRenderedMinute: Int64 = 0
    private var hasLoaded = false

    /// `home` holds drafts, templates and the `macros` file; without it the
    /// editor uses the built-in templates and macros and keeps no drafts.
    public init(store: WorklistStore, services: WorklistServices, keymap: Keymap = Keymap(table: WorklistCommands.table),
                home: String? = nil, externalEditor: String? = nil) {
        self.store = store
        self.services = services
        self.keymap = keymap
        now = services.now()
        self.externalEditor = externalEditor
        let setup = Self.reportSetup(store: store, home: home)
        drafts = setup.drafts
        catalog = setup.catalog
        macros = setup.macros
        startupProblems = setup.problems
        draftCases = drafts?.caseIDs() ?? []
        replyDrafts = home.map { store.replyDraftStore(home: $0) }
    }

    /// Market rows read for the first frame when background sync posts the
    /// whole lists later: more rows than any terminal shows at once.
    static let firstPageRows = 200

    /// Loads the lists for the first frame. With `listsArriveAsMessages`, the
    /// Market gets only its first rows until background sync posts them all.
    public func start() {
        if listsArriveAsMessages {
            loadFirstPage()
        } else {
            reload()
        }
        if let problem = startupProblems.first { show(problem, .error) }
        let marketCount = hasWholeLists ? "\(market.rows.count)" : "first \(market.rows.count)"
        services.log("worklist started for \(store.record.identity.short); \(marketCount) on the market, \(reading.rows.count) to read")
    }

    /// Rows on the Market, for benchmarks and tests.
    public var marketRowCount: Int { market.rows.count }
    /// Cases in To read, for benchmarks and tests.
    public var toReadRowCount: Int { reading.rows.count }

    public func acceptsWhileTooSmall(_ key: Key) -> Bool {
        keymap.command(for: key) == .quit
    }

    public func handle(_ event: TerminalEvent<WorklistMessage>) -> Redraw {
        now = services.now()
        switch event {
        case .resize:
            return .all
        case .idle:
            guard !isLocked else { return .none }
            lock(reason: "idle")
            return .all
        case .message(.failure(let text)):
            show(text, .error)
            return .status
        case .message(.sync(let newStatus)):
            return syncChanged(newStatus)
        case .message(.preview(let update)):
            return previewArrived(update)
        case .message(.voice(let voiceMessage)):
            let redraw = handleVoice(voiceMessage)
            updateAvailability()
            return redraw.union(.hints)
        case .message(.lists(let lists)):
            // Lists older than a reload of this app's own (after a bid) would undo it.
            guard !isLocked, lists.version >= loadedVersion else { return .none }
            apply(lists)
            return [.header, .body, .status]
        case .key(let key):
            let redraw = handle(key)
            updateAvailability()
            return redraw.union(.hints)
        }
    }

    private func syncChanged(_ newStatus: SyncStatus) -> Redraw {
        var redraw: Redraw = []
        if newStatus != status {
            if newStatus.connected != status.connected {
                services.log(newStatus.isOnline ? "connected to \(newStatus.connected.joined(separator: ", "))" : "offline: no node connected")
            }
            status = newStatus
            redraw.insert(.header)
        }
        if !isLocked, !listsArriveAsMessages, status.ledger.version != loadedVersion {
            reload()
            redraw.formUnion([.header, .body, .status])
        }
        let minute = now / 60_000
        if minute != lastRenderedMinute {
            lastRenderedMinute = minute
            redraw.formUnion([.header, .body])
        }
        return redraw
    }

    /// Reads the lists again on the main actor, and the open case when it
    /// shows: about 0.3 to 0.5 s for 100,000 postings in `hilum bench worklist`.
    /// Ledger changes skip this when `listsArriveAsMessages` is set.
    func reload() {
        do {
            apply(try LoadedLists.load(from: store, now: now))
        } catch {
            show("Cannot read the replica: \(error)", .error)
            services.log("error: reading the replica failed: \(error)")
        }
    }

    /// Reads the Market's first rows and all of To read, so the first frame
    /// does not wait for 100,000 postings.
    // NOTE: until the whole lists arrive (0.7 to 0.9 s after start in
    // `hilum bench worklist` at 100,000 postings), the filter and sort see only these rows.
    func loadFirstPage() {
        do {
            let version = try store.ledgerVersion()
            let first = try store.market(now: now, limit: Self.firstPageRows)
            apply(LoadedLists(version: version, market: first, marketIndex: SearchIndex(fields: first.map(\.searchFields)),
                              reading: try store.toRead(now: now)))
            hasWholeLists = false
        } catch {
            show("Cannot read the replica: \(error)", .error)
            services.log("error: reading the replica failed: \(error)")
        }
    }

    /// Shows freshly read lists, and the open case again when it shows.
    func apply(_ lists: LoadedLists) {
        do {
            let before = Set(reading.rows.map(\.caseID))
            market.load(lists.market, index: lists.marketIndex)
            marketStatCount = market.rows.count { $0.priority == .stat }
            reading.load(lists.reading.map { row in
                if row.status != .signed, draftCases.contains(row.caseID) { return row.with(status: .draft) }
                return row.status == .new && opened.contains(row.caseID) ? row.with(status: .inProgress) : row
            })
            loadedVersion = max(lists.version, status.ledger.version)
            let arrived = reading.rows.filter { !before.contains($0.caseID) }
            defer { hasLoaded = true }
            if hasLoaded, let first = arrived.first {
                show("Assigned to you: \(first.procedure) (To read, 2)", .success)
                services.log("case \(first.caseID.short) assigned to this radiologist")
            }
            refreshFollowUps()
            if screen == .caseDetail, let caseID = caseScreen.caseID, caseScreen.detail != nil {
                caseScreen.show(try store.caseDetail(caseID), now: now)
            }
            if screen == .feedback { loadFeedback() }
            if screen == .me {
                // New ratings and reports change the figures; keep the reader's place.
                let offset = mePane.scrollOffset
                loadMetrics()
                for _ in 0..<offset { _ = mePane.perform(.cursorDown) }
            }
            updateAvailability()
            hasWholeLists = true
        } catch {
            show("Cannot read the replica: \(error)", .error)
            services.log("error: reading the replica failed: \(error)")
        }
    }

    func show(_ text: String, _ role: Role = .statusMessage) {
        message = text
        messageRole = role
    }

    /// Locks the screen: every decrypted case is dropped and overlays close.
    func lock(reason: String) {
        isLocked = true
        caseScreen.wipe()
        preview.wipe()
        editor = nil
        mePane = TextPane(paragraphs: [])
        feedback.wipe()
        followUpList = FollowUpsScreen.makeList()
        overlay = .none
        services.log("locked (\(reason)); decrypted case data dropped")
    }
}
