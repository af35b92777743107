import Foundation

/// The `/` filter line: typing narrows the rows at once. Esc clears the text
/// first and closes the line when it is already empty; Enter closes the line
/// and keeps the filter.
public struct FilterLine: Sendable {
    public private(set) var field = TextField()
    public private(set) var isEditing = false
    public var prompt = "/"

    public enum Outcome: Sendable, Equatable {
        /// The query changed: filter the rows again.
        case changed(String)
        /// Only the cursor moved.
        case moved
        /// Editing ended; the query (possibly empty) stays in force.
        case closed
        case ignored
    }

    public init() {}

    public var query: String { field.text }
    public var isActive: Bool { isEditing || !field.characters.isEmpty }

    public mutating func begin() { isEditing = true }

    /// Clears the query and closes the line.
    public mutating func clear() {
        field.setText("")
        isEditing = false
    }

    public mutating func handle(_ key: Key) -> Outcome {
        guard isEditing else { return .ignored }
        switch key {
        case .escape:
            if field.characters.isEmpty {
                isEditing = false
                return .closed
            }
            field.setText("")
            return .changed("")
        case .enter:
            isEditing = false
            return .closed
        default:
            switch field.handle(key) {
            case .changed: return .changed(query)
            case .moved: return .moved
            case .ignored: return .ignored
            }
        }
    }

    /// True when every space-separated term of the query occurs in one of
    /// `fields`, ignoring case and accents, so "jose" finds "José" in NFC or NFD.
    public func matches(_ fields: [String]) -> Bool {
        let terms = query.split(separator: " ")
        return terms.allSatisfy { term in
            fields.contains { $0.range(of: term, options: [.caseInsensitive, .diacriticInsensitive]) != nil }
        }
    }

    /// Draws the prompt and text in `rect`'s first row; when not editing, shows
    /// the active query without a cursor.
    public func render(into screen: inout ScreenBuffer, in rect: Rect) {
        screen.fill(rect.row(0), role: .filterText)
        let promptWidth = screen.write(prompt, at: Point(x: rect.x, y: rect.y), role: .filterPrompt, limit: rect.width)
        let inputRect = Rect(x: rect.x + promptWidth, y: rect.y, width: rect.width - promptWidth, height: 1)
        if isEditing {
            field.render(into: &screen, in: inputRect, role: .filterText)
        } else {
            screen.write(TextLayout.truncate(query, to: inputRect.width), at: Point(x: inputRect.x, y: rect.y), role: .filterText)
        }
    }
}
