/// A one-row bar (the header at the top, the status bar at the bottom) with
/// spans on the left and on the right. The right side is drawn whole; the
/// left side is truncated with an ellipsis when they do not both fit.
public struct StatusBar: Sendable {
    public var left: [Span]
    public var right: [Span]
    public var role: Role

    public init(left: [Span] = [], right: [Span] = [], role: Role = .status) {
        self.left = left
        self.right = right
        self.role = role
    }

    public func render(into screen: inout ScreenBuffer, in rect: Rect) {
        screen.fill(rect.row(0), role: role)
        let rightWidth = min(rect.width, right.reduce(0) { $0 + DisplayWidth.width(of: $1.text) })
        screen.write(right, at: Point(x: rect.maxX - rightWidth, y: rect.y), limit: rightWidth)
        let leftRoom = max(0, rect.width - rightWidth - (rightWidth > 0 ? 1 : 0) - 1)
        var x = rect.x + 1
        var room = leftRoom
        for span in left where room > 0 {
            let text = TextLayout.truncate(span.text, to: room)
            let written = screen.write(text, at: Point(x: x, y: rect.y), role: span.role, limit: room)
            x += written
            room -= written
        }
    }
}
