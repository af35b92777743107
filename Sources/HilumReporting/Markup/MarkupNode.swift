/// One attribute of a start tag, in source order.
public struct MarkupAttribute: Sendable, Equatable {
    public var name: String
    public var value: String
}

/// A node of a parsed HTML or XML document: an element or a run of text.
public enum MarkupNode: Sendable, Equatable {
    case element(MarkupElement)
    case text(String)
}

/// An element of a parsed document with its attributes, children and the
/// 1-based source line of its start tag.
public struct MarkupElement: Sendable, Equatable {
    public var name: String
    public var attributes: [MarkupAttribute]
    public var children: [MarkupNode]
    public var line: Int

    public init(name: String, attributes: [MarkupAttribute] = [], children: [MarkupNode] = [], line: Int) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.line = line
    }

    /// Returns the value of the first attribute with this name, compared
    /// without regard to case because HTML attribute names are case-insensitive.
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public func hasAttribute(_ name: String) -> Bool { attribute(name) != nil }

    public var elementChildren: [MarkupElement] {
        children.compactMap { node in
            if case .element(let element) = node { return element }
            return nil
        }
    }

    /// Returns the children with this name (case-insensitive).
    public func children(named name: String) -> [MarkupElement] {
        elementChildren.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// Returns every element below this one with this name, in document order.
    public func descendants(named name: String) -> [MarkupElement] {
        var found: [MarkupElement] = []
        collectDescendants(named: name, into: &found)
        return found
    }

    private func collectDescendants(named name: String, into found: inout [MarkupElement]) {
        for child in elementChildren {
            if child.name.caseInsensitiveCompare(name) == .orderedSame { found.append(child) }
            child.collectDescendants(named: name, into: &found)
        }
    }

    /// The concatenated text of all descendants, skipping the subtrees whose
    /// element names are in `excluded`.
    public func textContent(excluding excluded: Set<String> = []) -> String {
        var text = ""
        appendText(to: &text, excluding: excluded)
        return text
    }

    private func appendText(to text: inout String, excluding excluded: Set<String>) {
        for child in children {
            switch child {
            case .text(let run):
                text += run
            case .element(let element):
                if !excluded.contains(element.name.lowercased()) {
                    element.appendText(to: &text, excluding: excluded)
                }
            }
        }
    }
}

extension String {
    /// The string with runs of white space (including no-break spaces)
    /// collapsed to one space and trimmed at both ends.
    var collapsingWhitespace: String {
        var result = ""
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{00A0}" {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
