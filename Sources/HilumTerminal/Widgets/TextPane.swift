/// A scrollable pane of styled paragraphs, wrapped at display width when
/// drawn. Used for study details, report text and the help screen.
public struct TextPane: Sendable {
    /// One paragraph: styled spans, and how far continuation lines are indented.
    public struct Paragraph: Sendable {
        public var spans: [Span]
        public var hangingIndent: Int

        public init(_ spans: [Span], hangingIndent: Int = 0) {
            self.spans = spans
            self.hangingIndent = hangingIndent
        }
    }

    public var paragraphs: [Paragraph]
    public private(set) var scrollOffset = 0
    private var pageSize = 1
    private var lineCount = 0

    public init(paragraphs: [Paragraph]) {
        self.paragraphs = paragraphs
    }

    /// A pane of plain text in one role; blank lines separate paragraphs.
    public init(text: String, role: Role = .text) {
        paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false).map { Paragraph([Span(String($0), role)]) }
    }

    /// Runs a navigation command; returns false for commands the pane does not handle.
    public mutating func perform(_ command: CommandID) -> Bool {
        switch command {
        case .cursorUp: scroll(to: scrollOffset - 1)
        case .cursorDown: scroll(to: scrollOffset + 1)
        case .pageUp: scroll(to: scrollOffset - pageSize)
        case .pageDown: scroll(to: scrollOffset + pageSize)
        case .top: scroll(to: 0)
        case .bottom: scroll(to: lineCount)
        default: return false
        }
        return true
    }

    private mutating func scroll(to offset: Int) {
        scrollOffset = max(0, min(offset, max(0, lineCount - pageSize)))
    }

    /// The paragraphs wrapped to `width` cells.
    public func lines(width: Int) -> [[Span]] {
        paragraphs.flatMap { StyledWrap.wrap($0.spans, width: width, hangingIndent: $0.hangingIndent) }
    }

    /// Draws the visible lines; a `↓` in the bottom-right corner marks more text below.
    public mutating func render(into screen: inout ScreenBuffer, in rect: Rect, role: Role = .text) {
        let wrapped = lines(width: rect.width)
        lineCount = wrapped.count
        pageSize = max(1, rect.height)
        scroll(to: scrollOffset)
        screen.fill(rect, role: role)
        for line in 0..<rect.height where scrollOffset + line < wrapped.count {
            screen.write(wrapped[scrollOffset + line], at: Point(x: rect.x, y: rect.y + line), limit: rect.width)
        }
        if scrollOffset + rect.height < wrapped.count, rect.width > 0 {
            screen.write("↓", at: Point(x: rect.maxX - 1, y: rect.maxY - 1), role: .scrollIndicator)
        }
        if scrollOffset > 0, rect.width > 0 {
            screen.write("↑", at: Point(x: rect.maxX - 1, y: rect.y), role: .scrollIndicator)
        }
    }
}
