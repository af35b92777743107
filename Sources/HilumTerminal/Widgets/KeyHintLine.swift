/// The bottom line of key hints ("/ filter  : commands  ? help  q quit"),
/// generated from the command table and the keymap so it always shows the
/// keys that really run each command, including the user's own bindings.
public enum KeyHintLine {
    /// The hint items for `ids` (default: every command with `showsInHints`),
    /// skipping commands that have no key bound.
    public static func items(keymap: Keymap, ids: [CommandID]? = nil) -> [(key: String, label: String, disabled: Bool)] {
        let chosen = ids ?? keymap.table.commands.filter(\.showsInHints).map(\.id)
        return chosen.compactMap { id in
            guard let command = keymap.table[id], let key = keymap.keys(for: id).first else { return nil }
            return (key.label, command.label, keymap.table.disabledReason(id) != nil)
        }
    }

    /// Draws hints left to right, dropping those that no longer fit whole.
    public static func render(into screen: inout ScreenBuffer, in rect: Rect, keymap: Keymap, ids: [CommandID]? = nil) {
        screen.fill(rect.row(0), role: .hintLabel)
        var x = rect.x
        for item in items(keymap: keymap, ids: ids) {
            let keyText = " \(item.key) "
            let labelText = " \(item.label) "
            let width = DisplayWidth.width(of: keyText) + DisplayWidth.width(of: labelText)
            guard x + width <= rect.maxX else { break }
            x += screen.write(keyText, at: Point(x: x, y: rect.y), role: item.disabled ? .hintDisabled : .hintKey)
            x += screen.write(labelText, at: Point(x: x, y: rect.y), role: item.disabled ? .hintDisabled : .hintLabel)
            x += 1
        }
    }
}
