/// A semantic role for drawn text, such as `row.selected` or `deadline.overdue`.
/// Widgets tag cells with roles, and a `Theme` maps each role to colours and
/// attributes. `Role.catalog` lists every role the worklist uses.
public struct Role: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let name: String

    public init(_ name: String) { self.name = name }

    public var description: String { name }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.name < rhs.name }

    // Body text.
    public static let text = Role("text")
    public static let textMuted = Role("text.muted")
    public static let textEmphasis = Role("text.emphasis")

    // Top header bar and bottom status bar.
    public static let header = Role("header")
    public static let headerTitle = Role("header.title")
    public static let status = Role("status")
    public static let statusOnline = Role("status.online")
    public static let statusOffline = Role("status.offline")
    public static let statusSyncing = Role("status.syncing")
    public static let statusMessage = Role("status.message")
    public static let statusLocked = Role("status.locked")

    // Worklist table.
    public static let tableHeader = Role("table.header")
    public static let tableSort = Role("table.sort")
    public static let row = Role("row")
    public static let rowAlternate = Role("row.alternate")
    public static let rowSelected = Role("row.selected")
    public static let rowMarked = Role("row.marked")
    public static let rowUnread = Role("row.unread")
    public static let rowEmpty = Role("row.empty")

    // Study priority, reading deadline and study state.
    public static let priorityStat = Role("priority.stat")
    public static let priorityUrgent = Role("priority.urgent")
    public static let priorityRoutine = Role("priority.routine")
    public static let deadlineOverdue = Role("deadline.overdue")
    public static let deadlineSoon = Role("deadline.soon")
    public static let deadlineOK = Role("deadline.ok")
    public static let studyNew = Role("study.new")
    public static let studyAssigned = Role("study.assigned")
    public static let studyReported = Role("study.reported")
    public static let studyCancelled = Role("study.cancelled")

    // Sync state of local changes.
    public static let syncPending = Role("sync.pending")
    public static let syncSent = Role("sync.sent")
    public static let syncConflict = Role("sync.conflict")

    // Messages.
    public static let error = Role("error")
    public static let warning = Role("warning")
    public static let success = Role("success")

    // Filter line and text inputs.
    public static let filterPrompt = Role("filter.prompt")
    public static let filterText = Role("filter.text")
    public static let input = Role("input")

    // Dialogs and prompts.
    public static let dialog = Role("dialog")
    public static let dialogBorder = Role("dialog.border")
    public static let dialogTitle = Role("dialog.title")
    public static let dialogButton = Role("dialog.button")
    public static let dialogButtonFocused = Role("dialog.button.focused")

    // Command palette.
    public static let palette = Role("palette")
    public static let paletteSelected = Role("palette.selected")
    public static let paletteMatch = Role("palette.match")
    public static let paletteDisabled = Role("palette.disabled")

    // Help screen and key-hint line.
    public static let helpHeading = Role("help.heading")
    public static let helpKey = Role("help.key")
    public static let helpText = Role("help.text")
    public static let hintKey = Role("hint.key")
    public static let hintLabel = Role("hint.label")
    public static let hintDisabled = Role("hint.disabled")

    // Whole-screen states.
    public static let lockScreen = Role("lock")
    public static let tooSmall = Role("too-small")
    public static let scrollIndicator = Role("scroll.indicator")
}
