/// A role's meaning, and the attributes that keep that meaning visible when
/// colour is off (`NO_COLOR`, a monochrome terminal).
public struct RoleInfo: Sendable {
    public let role: Role
    public let meaning: String
    /// Added to the theme's attributes in monochrome mode.
    public let monochrome: TextAttributes
}

extension Role {
    /// Every role the worklist draws with. Themes may define only these; the
    /// default theme defines all of them.
    public static let catalog: [RoleInfo] = [
        RoleInfo(role: .text, meaning: "ordinary body text", monochrome: []),
        RoleInfo(role: .textMuted, meaning: "secondary text such as ids and times", monochrome: []),
        RoleInfo(role: .textEmphasis, meaning: "emphasised body text", monochrome: [.bold]),
        RoleInfo(role: .header, meaning: "top bar", monochrome: [.reverse]),
        RoleInfo(role: .headerTitle, meaning: "application name in the top bar", monochrome: [.reverse, .bold]),
        RoleInfo(role: .status, meaning: "bottom status bar", monochrome: [.reverse]),
        RoleInfo(role: .statusOnline, meaning: "connected to a node", monochrome: [.reverse]),
        RoleInfo(role: .statusOffline, meaning: "no node reachable", monochrome: [.reverse, .bold]),
        RoleInfo(role: .statusSyncing, meaning: "sync in progress", monochrome: [.reverse]),
        RoleInfo(role: .statusMessage, meaning: "transient message in the status bar", monochrome: [.reverse]),
        RoleInfo(role: .statusLocked, meaning: "screen locked indicator", monochrome: [.reverse, .bold]),
        RoleInfo(role: .tableHeader, meaning: "column titles", monochrome: [.bold, .underline]),
        RoleInfo(role: .tableSort, meaning: "sort indicator in a column title", monochrome: [.bold, .underline]),
        RoleInfo(role: .row, meaning: "ordinary worklist row", monochrome: []),
        RoleInfo(role: .rowAlternate, meaning: "every other worklist row", monochrome: []),
        RoleInfo(role: .rowSelected, meaning: "the row under the cursor", monochrome: [.reverse]),
        RoleInfo(role: .rowMarked, meaning: "rows marked for a bulk action", monochrome: [.bold]),
        RoleInfo(role: .rowUnread, meaning: "rows new since last looked at", monochrome: [.bold]),
        RoleInfo(role: .rowEmpty, meaning: "placeholder text of an empty table", monochrome: []),
        RoleInfo(role: .priorityStat, meaning: "STAT priority", monochrome: [.bold]),
        RoleInfo(role: .priorityUrgent, meaning: "urgent priority", monochrome: [.bold]),
        RoleInfo(role: .priorityRoutine, meaning: "routine priority", monochrome: []),
        RoleInfo(role: .deadlineOverdue, meaning: "reading deadline passed", monochrome: [.bold, .underline]),
        RoleInfo(role: .deadlineSoon, meaning: "reading deadline close", monochrome: [.underline]),
        RoleInfo(role: .deadlineOK, meaning: "reading deadline far off", monochrome: []),
        RoleInfo(role: .studyNew, meaning: "study posted, not yet assigned", monochrome: [.bold]),
        RoleInfo(role: .studyAssigned, meaning: "study assigned to a radiologist", monochrome: []),
        RoleInfo(role: .studyReported, meaning: "study with a filed report", monochrome: [.dim]),
        RoleInfo(role: .studyCancelled, meaning: "study cancelled by the client", monochrome: [.dim]),
        RoleInfo(role: .syncPending, meaning: "local change not yet sent to a node", monochrome: [.underline]),
        RoleInfo(role: .syncSent, meaning: "local change sent", monochrome: []),
        RoleInfo(role: .syncConflict, meaning: "local change rejected or in conflict", monochrome: [.bold, .underline]),
        RoleInfo(role: .error, meaning: "error message", monochrome: [.bold]),
        RoleInfo(role: .warning, meaning: "warning message", monochrome: [.bold]),
        RoleInfo(role: .success, meaning: "success message", monochrome: []),
        RoleInfo(role: .filterPrompt, meaning: "label of the filter line", monochrome: [.bold]),
        RoleInfo(role: .filterText, meaning: "text typed into the filter line", monochrome: []),
        RoleInfo(role: .input, meaning: "text input field", monochrome: [.underline]),
        RoleInfo(role: .dialog, meaning: "dialog body", monochrome: []),
        RoleInfo(role: .dialogBorder, meaning: "dialog frame", monochrome: []),
        RoleInfo(role: .dialogTitle, meaning: "dialog title", monochrome: [.bold]),
        RoleInfo(role: .dialogButton, meaning: "dialog button", monochrome: []),
        RoleInfo(role: .dialogButtonFocused, meaning: "focused dialog button", monochrome: [.reverse]),
        RoleInfo(role: .palette, meaning: "command palette body", monochrome: []),
        RoleInfo(role: .paletteSelected, meaning: "selected palette entry", monochrome: [.reverse]),
        RoleInfo(role: .paletteMatch, meaning: "characters matching the palette query", monochrome: [.underline]),
        RoleInfo(role: .paletteDisabled, meaning: "palette entry that cannot run now", monochrome: [.dim]),
        RoleInfo(role: .helpHeading, meaning: "group heading on the help screen", monochrome: [.bold, .underline]),
        RoleInfo(role: .helpKey, meaning: "keys on the help screen", monochrome: [.bold]),
        RoleInfo(role: .helpText, meaning: "command descriptions on the help screen", monochrome: []),
        RoleInfo(role: .hintKey, meaning: "key in the key-hint line", monochrome: [.bold]),
        RoleInfo(role: .hintLabel, meaning: "label in the key-hint line", monochrome: []),
        RoleInfo(role: .hintDisabled, meaning: "hint for a command that cannot run now", monochrome: [.dim]),
        RoleInfo(role: .lockScreen, meaning: "lock screen text", monochrome: [.bold]),
        RoleInfo(role: .tooSmall, meaning: "terminal-too-small message", monochrome: [.bold]),
        RoleInfo(role: .scrollIndicator, meaning: "more-above and more-below marks", monochrome: []),
    ]

    /// Looks up a role by name in `catalog`.
    public static func named(_ name: String) -> Role? {
        catalogByName[name]
    }

    static let catalogByName: [String: Role] = Dictionary(uniqueKeysWithValues: catalog.map { ($0.role.name, $0.role) })
    static let monochromeByRole: [Role: TextAttributes] = Dictionary(uniqueKeysWithValues: catalog.map { ($0.role, $0.monochrome) })
}
