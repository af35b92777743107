/// The `?` screen, generated from the command table and the keymap: every
/// command by group with the keys bound to it now and, for commands that
/// cannot run, the reason.
public enum HelpScreen {
    /// Width of the key column, in cells.
    static let keyColumn = 22

    /// The help text as paragraphs for a `TextPane`.
    public static func paragraphs(keymap: Keymap) -> [TextPane.Paragraph] {
        var paragraphs: [TextPane.Paragraph] = []
        for group in keymap.table.groups {
            if !paragraphs.isEmpty { paragraphs.append(TextPane.Paragraph([])) }
            paragraphs.append(TextPane.Paragraph([Span(group, .helpHeading)]))
            for command in keymap.table.commands where command.group == group {
                let keys = keymap.keys(for: command.id).map(\.name).joined(separator: " ")
                let keyText = keys.isEmpty ? "(no key)" : keys
                let padded = TextLayout.fit(keyText, to: keyColumn - 3)
                var spans = [Span("  " + padded + " ", .helpKey), Span(command.description, .helpText)]
                if let reason = keymap.table.disabledReason(command.id) {
                    spans.append(Span(" (unavailable: \(reason))", .textMuted))
                }
                paragraphs.append(TextPane.Paragraph(spans, hangingIndent: keyColumn))
            }
        }
        return paragraphs
    }

    /// A text pane holding the help text, ready to scroll and draw.
    public static func pane(keymap: Keymap) -> TextPane {
        TextPane(paragraphs: paragraphs(keymap: keymap))
    }
}
