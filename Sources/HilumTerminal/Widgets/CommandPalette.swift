/// The `:` command palette: type part of a command's description (or its id),
/// pick from the fuzzy-matched list with Up/Down, run it with Enter.
public struct CommandPalette: Sendable {
    public private(set) var field = TextField()
    public private(set) var selection = 0
    private var scrollOffset = 0

    public enum Outcome: Sendable, Equatable {
        case updated
        case cancelled
        case run(CommandID)
        /// The chosen command cannot run now; show the reason.
        case unavailable(CommandID, reason: String)
        case ignored
    }

    public struct Entry: Sendable {
        public let command: Command
        public let keys: [Key]
        /// Matched character offsets in the description.
        public let positions: [Int]
        public let disabledReason: String?
    }

    public init() {}

    /// Commands matching the typed query, best first; all commands in table order for an empty query.
    public func entries(keymap: Keymap) -> [Entry] {
        let query = field.text
        var scored: [(entry: Entry, score: Int, order: Int)] = []
        for (order, command) in keymap.table.commands.enumerated() {
            let byDescription = FuzzyMatcher.match(query, in: command.description)
            let byID = FuzzyMatcher.match(query, in: command.id.name)
            guard let best = [byDescription, byID].compactMap({ $0 }).max(by: { $0.score < $1.score }) else { continue }
            let entry = Entry(command: command, keys: keymap.keys(for: command.id),
                              positions: byDescription?.positions ?? [], disabledReason: keymap.table.disabledReason(command.id))
            scored.append((entry, best.score, order))
        }
        return scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.order < $1.order }.map(\.entry)
    }

    public mutating func handle(_ key: Key, keymap: Keymap) -> Outcome {
        let count = entries(keymap: keymap).count
        switch key {
        case .escape:
            return .cancelled
        case .up, .control("p"):
            selection = max(0, selection - 1)
            return .updated
        case .down, .control("n"):
            selection = min(max(0, count - 1), selection + 1)
            return .updated
        case .enter:
            let list = entries(keymap: keymap)
            guard selection < list.count else { return .ignored }
            let entry = list[selection]
            if let reason = entry.disabledReason { return .unavailable(entry.command.id, reason: reason) }
            return .run(entry.command.id)
        default:
            guard field.handle(key) != .ignored else { return .ignored }
            selection = 0
            scrollOffset = 0
            return .updated
        }
    }

    /// Draws the palette as a box in the upper part of `bounds`.
    public mutating func render(into screen: inout ScreenBuffer, in bounds: Rect, keymap: Keymap) {
        let list = entries(keymap: keymap)
        let width = min(76, bounds.width - 4)
        let height = max(4, min(list.count + 3, bounds.height - 4))
        let box = Rect(x: bounds.x + (bounds.width - width) / 2, y: bounds.y + 2, width: width, height: height)
        Frame.draw(into: &screen, rect: box, title: "Commands", role: .palette)
        let inner = box.inset(by: 1)
        screen.write(":", at: Point(x: inner.x, y: inner.y), role: .filterPrompt)
        let visible = max(0, inner.height - 1)
        if selection < scrollOffset { scrollOffset = selection }
        if selection >= scrollOffset + visible { scrollOffset = selection - visible + 1 }
        for line in 0..<visible where scrollOffset + line < list.count {
            let index = scrollOffset + line
            renderEntry(list[index], selected: index == selection, into: &screen, row: inner.row(line + 1))
        }
        if list.isEmpty, visible > 0 {
            screen.write("No command matches.", at: Point(x: inner.x + 1, y: inner.y + 1), role: .paletteDisabled, limit: inner.width - 1)
        }
        field.render(into: &screen, in: Rect(x: inner.x + 2, y: inner.y, width: inner.width - 2, height: 1), role: .palette)
    }

    private func renderEntry(_ entry: Entry, selected: Bool, into screen: inout ScreenBuffer, row: Rect) {
        var base = Role.palette
        if entry.disabledReason != nil { base = .paletteDisabled }
        if selected { base = .paletteSelected }
        screen.fill(row, role: base)
        let keys = entry.keys.first?.name ?? ""
        let keyWidth = min(10, row.width / 4)
        let descriptionWidth = max(0, row.width - keyWidth - 2)
        let description = TextLayout.truncate(entry.command.description, to: descriptionWidth)
        let matched = Set(entry.positions)
        var x = row.x + 1
        for (offset, character) in description.enumerated() {
            let role = !selected && matched.contains(offset) ? Role.paletteMatch : base
            x += screen.write(String(character), at: Point(x: x, y: row.y), role: role)
        }
        screen.write(TextLayout.fit(keys, to: keyWidth, alignment: .right), at: Point(x: row.maxX - keyWidth - 1, y: row.y), role: base, limit: keyWidth)
    }
}
