/// The screen shown instead of the app while the terminal is smaller than
/// the app needs; it goes away when the terminal grows again.
public enum TooSmallScreen {
    public static func message(need: Size, have: Size) -> String {
        "terminal too small: need \(need.width)×\(need.height), have \(have.width)×\(have.height)"
    }

    public static func render(into screen: inout ScreenBuffer, need: Size) {
        screen.fill(screen.bounds, role: .tooSmall)
        screen.cursor = nil
        let lines = TextLayout.wrap(message(need: need, have: screen.size), width: screen.size.width)
        let top = max(0, (screen.size.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() where top + offset < screen.size.height {
            let x = max(0, (screen.size.width - DisplayWidth.width(of: line)) / 2)
            screen.write(line, at: Point(x: x, y: top + offset), role: .tooSmall)
        }
    }
}
