/// A box with a single-line border and an optional title in the top edge,
/// for dialogs and the palette. The inside is filled with `role`.
public enum Frame {
    public static func draw(into screen: inout ScreenBuffer, rect: Rect, title: String?, role: Role) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        screen.fill(rect, role: role)
        let horizontal = String(repeating: "─", count: rect.width - 2)
        screen.write("┌" + horizontal + "┐", at: Point(x: rect.x, y: rect.y), role: .dialogBorder)
        for y in rect.y + 1..<rect.maxY - 1 {
            screen.write("│", at: Point(x: rect.x, y: y), role: .dialogBorder)
            screen.write("│", at: Point(x: rect.maxX - 1, y: y), role: .dialogBorder)
        }
        screen.write("└" + horizontal + "┘", at: Point(x: rect.x, y: rect.maxY - 1), role: .dialogBorder)
        if let title, rect.width > 6 {
            screen.write(" " + TextLayout.truncate(title, to: rect.width - 6) + " ", at: Point(x: rect.x + 2, y: rect.y), role: .dialogTitle)
        }
    }
}
