/// A modal dialog: a yes/no confirmation or a one-line text prompt, drawn as
/// a framed box in the middle of the screen.
///
/// Confirm: `y` or Enter on Yes confirms; `n`, Esc or Enter on No declines;
/// Left, Right and Tab move the focus. Prompt: Enter submits, Esc cancels,
/// other keys edit the text.
public struct Dialog: Sendable {
    public enum Kind: Sendable {
        /// `yesFocused` picks the button Enter presses first; keep it false for destructive actions.
        case confirm(yes: String, no: String, yesFocused: Bool)
        /// `secret` masks the text (passphrases).
        case prompt(label: String, field: TextField, secret: Bool)
    }

    public enum Outcome: Sendable, Equatable {
        case pending
        case confirmed
        case cancelled
        case submitted(String)
    }

    public var title: String
    public var message: String
    public private(set) var kind: Kind

    public init(title: String, message: String, kind: Kind) {
        self.title = title
        self.message = message
        self.kind = kind
    }

    public static func confirm(_ title: String, message: String, yes: String = "Yes", no: String = "No", yesFocused: Bool = false) -> Dialog {
        Dialog(title: title, message: message, kind: .confirm(yes: yes, no: no, yesFocused: yesFocused))
    }

    public static func prompt(_ title: String, message: String, label: String, text: String = "", secret: Bool = false) -> Dialog {
        Dialog(title: title, message: message, kind: .prompt(label: label, field: TextField(text), secret: secret))
    }

    public mutating func handle(_ key: Key) -> Outcome {
        switch kind {
        case .confirm(let yes, let no, let yesFocused):
            switch key {
            case .character("y"), .character("Y"): return .confirmed
            case .character("n"), .character("N"), .escape: return .cancelled
            case .enter: return yesFocused ? .confirmed : .cancelled
            case .left, .right, .tab, .backTab, .character("h"), .character("l"):
                kind = .confirm(yes: yes, no: no, yesFocused: !yesFocused)
                return .pending
            default: return .pending
            }
        case .prompt(let label, var field, let secret):
            switch key {
            case .enter: return .submitted(field.text)
            case .escape: return .cancelled
            default:
                _ = field.handle(key)
                kind = .prompt(label: label, field: field, secret: secret)
                return .pending
            }
        }
    }

    public func render(into screen: inout ScreenBuffer, in bounds: Rect) {
        let width = min(64, bounds.width - 4)
        let messageLines = TextLayout.wrap(message, width: width - 4)
        let height = min(bounds.height, messageLines.count + 4)
        let box = bounds.centered(Size(width: width, height: height))
        Frame.draw(into: &screen, rect: box, title: title, role: .dialog)
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
        for (offset, line) in messageLines.enumerated() where offset < inner.height - 2 {
            screen.write(line, at: Point(x: inner.x, y: inner.y + offset), role: .dialog, limit: inner.width)
        }
        let actionRow = inner.row(inner.height - 1)
        switch kind {
        case .confirm(let yes, let no, let yesFocused):
            let yesText = "[ \(yes) ]", noText = "[ \(no) ]"
            let total = DisplayWidth.width(of: yesText) + 2 + DisplayWidth.width(of: noText)
            let x = actionRow.x + max(0, (actionRow.width - total) / 2)
            let written = screen.write(yesText, at: Point(x: x, y: actionRow.y), role: yesFocused ? .dialogButtonFocused : .dialogButton)
            screen.write(noText, at: Point(x: x + written + 2, y: actionRow.y), role: yesFocused ? .dialogButton : .dialogButtonFocused)
        case .prompt(let label, let field, let secret):
            let labelWidth = screen.write(label + " ", at: Point(x: actionRow.x, y: actionRow.y), role: .dialog, limit: actionRow.width / 2)
            let input = Rect(x: actionRow.x + labelWidth, y: actionRow.y, width: actionRow.width - labelWidth, height: 1)
            field.render(into: &screen, in: input, role: .input, mask: secret ? "•" : nil)
        }
    }
}
