/// The default theme's text, kept identical to `Themes/default.theme` (a test
/// compares them) so the layer works without the Themes folder installed.
enum DefaultTheme {
    static let source = """
# Hilum default theme: light text on a dark terminal.
# Every other theme is laid over this one, so it defines every role.
name = default
background = dark
minimum-contrast = 4.5

[palette]
ink = 252
muted = 246
bar = 235
panel = 234
accent = #5f87d7
stat = #ff5f5f
urgent = #ffaf00
soon = #ffd75f
good = #87d787
info = #5fd7ff

[roles]
text = fg:ink
text.muted = fg:muted
text.emphasis = fg:ink bold
header = fg:ink bg:bar
header.title = fg:info bg:bar bold
status = fg:ink bg:bar
status.online = fg:good bg:bar
status.offline = fg:stat bg:bar bold
status.syncing = fg:info bg:bar
status.message = fg:soon bg:bar
status.locked = fg:urgent bg:bar bold
table.header = fg:ink bold underline
table.sort = fg:info bold underline
row = fg:ink
row.alternate = fg:ink bg:234
row.selected = fg:black bg:accent bold
row.marked = fg:info bold
row.unread = fg:ink bold
row.empty = fg:muted
priority.stat = fg:stat bold
priority.urgent = fg:urgent bold
priority.routine = fg:ink
deadline.overdue = fg:stat bold underline
deadline.soon = fg:soon underline
deadline.ok = fg:good
study.new = fg:info bold
study.assigned = fg:ink
study.reported = fg:muted
study.cancelled = fg:muted
sync.pending = fg:soon underline
sync.sent = fg:good
sync.conflict = fg:stat bold underline
error = fg:stat bold
warning = fg:urgent bold
success = fg:good
filter.prompt = fg:info bold
filter.text = fg:ink
input = fg:ink bg:237 underline
dialog = fg:ink bg:panel
dialog.border = fg:accent bg:panel
dialog.title = fg:info bg:panel bold
dialog.button = fg:ink bg:panel
dialog.button.focused = fg:black bg:accent bold
palette = fg:ink bg:panel
palette.selected = fg:black bg:accent bold
palette.match = fg:urgent bg:panel bold underline
palette.disabled = fg:muted bg:panel
help.heading = fg:info bold underline
help.key = fg:urgent bold
help.text = fg:ink
hint.key = fg:black bg:accent bold
hint.label = fg:ink bg:bar
hint.disabled = fg:muted bg:bar
lock = fg:ink bold
too-small = fg:urgent bold
scroll.indicator = fg:muted
"""

    static let document: ThemeDocument = {
        do {
            return try ThemeDocument(parsing: source, file: "default.theme")
        } catch {
            preconditionFailure("built-in default theme is invalid: \(error)")
        }
    }()
}
