/// The screen shown while the app is locked after idling: it covers
/// everything, so no study data stays visible. Unlocking (a passphrase
/// `Dialog.prompt` over it) is up to the app.
public enum LockScreen {
    public static func render(into screen: inout ScreenBuffer, title: String = "Hilum is locked", hint: String = "Press Enter to unlock.") {
        screen.fill(screen.bounds, role: .lockScreen)
        screen.cursor = nil
        let middle = screen.size.height / 2
        for (offset, line) in [title, hint].enumerated() {
            let text = TextLayout.truncate(line, to: screen.size.width)
            let x = max(0, (screen.size.width - DisplayWidth.width(of: text)) / 2)
            screen.write(text, at: Point(x: x, y: middle - 1 + offset), role: offset == 0 ? .lockScreen : .textMuted)
        }
    }
}
