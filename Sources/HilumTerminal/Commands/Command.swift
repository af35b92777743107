/// The identifier of a command, such as `cursor.down` or `study.open`.
/// Keymap files and the command palette refer to commands by this name.
public struct CommandID: Hashable, Sendable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let name: String

    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { name = value }

    public var description: String { name }

    public static func < (lhs: CommandID, rhs: CommandID) -> Bool { lhs.name < rhs.name }
}

/// A command as data. The help screen, the key-hint line, the command
/// palette and the keymap are all generated from a table of these, so they
/// cannot drift apart.
public struct Command: Sendable {
    public let id: CommandID
    /// One or two words for the key-hint line ("open", "filter").
    public let label: String
    /// A sentence for the help screen and the palette ("Open the selected study").
    public let description: String
    /// Heading the help screen groups it under ("Navigation", "Study").
    public let group: String
    public let defaultKeys: [Key]
    /// Whether the key-hint line offers it; the help screen and palette list every command.
    public let showsInHints: Bool

    public init(_ id: CommandID, label: String, description: String, group: String, keys: [Key], showsInHints: Bool = false) {
        precondition(keys.allSatisfy(\.isBindable), "command \(id) has a key that cannot be bound")
        self.id = id
        self.label = label
        self.description = description
        self.group = group
        defaultKeys = keys
        self.showsInHints = showsInHints
    }
}

extension CommandID {
    // Commands the widgets of this layer respond to; the app adds its own.
    public static let cursorUp: CommandID = "cursor.up"
    public static let cursorDown: CommandID = "cursor.down"
    public static let pageUp: CommandID = "cursor.page-up"
    public static let pageDown: CommandID = "cursor.page-down"
    public static let top: CommandID = "cursor.top"
    public static let bottom: CommandID = "cursor.bottom"
    public static let filter: CommandID = "filter.start"
    public static let palette: CommandID = "palette.open"
    public static let help: CommandID = "help.open"
    public static let back: CommandID = "view.back"
    public static let quit: CommandID = "app.quit"
}

extension Command {
    /// Navigation, filter, palette, help and quit, with vim keys next to the arrows.
    public static let standard: [Command] = [
        Command(.cursorUp, label: "up", description: "Move the selection up one row", group: "Navigation", keys: [.up, .character("k")]),
        Command(.cursorDown, label: "down", description: "Move the selection down one row", group: "Navigation", keys: [.down, .character("j")]),
        Command(.pageUp, label: "page up", description: "Move the selection up one page", group: "Navigation", keys: [.pageUp, .control("b"), .control("u")]),
        Command(.pageDown, label: "page down", description: "Move the selection down one page", group: "Navigation", keys: [.pageDown, .control("f"), .control("d")]),
        Command(.top, label: "top", description: "Jump to the first row", group: "Navigation", keys: [.home, .character("g")]),
        Command(.bottom, label: "bottom", description: "Jump to the last row", group: "Navigation", keys: [.end, .character("G")]),
        Command(.filter, label: "filter", description: "Filter the rows by typing; Esc clears the filter", group: "View", keys: [.character("/")], showsInHints: true),
        Command(.palette, label: "commands", description: "Open the command palette to run any command by name", group: "View", keys: [.character(":")], showsInHints: true),
        Command(.help, label: "help", description: "Show every command and its keys", group: "View", keys: [.character("?"), .function(1)], showsInHints: true),
        Command(.back, label: "back", description: "Close the current view or dialog", group: "View", keys: [.escape]),
        Command(.quit, label: "quit", description: "Quit Hilum", group: "View", keys: [.character("q"), .control("c")], showsInHints: true),
    ]
}
