/// Builds an element tree from tokens the way a forgiving browser would,
/// within limits: void elements never take children, an `<option>` closes
/// the open one, a block element closes an open `<p>`, an end tag closes
/// every element opened after its match, and a stray end tag is ignored.
/// Each repair is recorded as a note. The result's root is a `#document`
/// element.
struct MarkupTreeBuilder {
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
        "track", "wbr",
    ]
    private static let closesParagraph: Set<String> = [
        "p", "div", "section", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table",
        "fieldset", "form", "article", "aside", "nav", "blockquote", "pre", "hr",
    ]
    /// Deeper nesting is flattened so that recursive walks over the tree stay
    /// far from the stack limit whatever the input.
    static let maximumDepth = 256

    let dialect: HTMLTokenizer.Dialect

    /// Returns the document tree and the repairs made while tokenizing and building it.
    func build(_ text: String) -> (document: MarkupElement, notes: [MarkupNote]) {
        var tokenizer = HTMLTokenizer(text, dialect: dialect)
        let tokens = tokenizer.tokenize()
        var notes = tokenizer.notes
        var stack = [MarkupElement(name: "#document", line: 1)]

        func closeTop() {
            let element = stack.removeLast()
            stack[stack.count - 1].children.append(.element(element))
        }

        for token in tokens {
            switch token.kind {
            case .text(let text):
                stack[stack.count - 1].children.append(.text(text))
            case .comment, .declaration:
                continue
            case .startTag(let name, let attributes, let selfClosing):
                if dialect == .html {
                    if (name == "option" || name == "optgroup"), stack.last?.name == "option" { closeTop() }
                    if name == "optgroup", stack.last?.name == "optgroup" { closeTop() }
                    if name == "li", stack.last?.name == "li" { closeTop() }
                    if Self.closesParagraph.contains(name), stack.last?.name == "p" { closeTop() }
                }
                let element = MarkupElement(name: name, attributes: attributes, line: token.line)
                let isVoid = dialect == .html && Self.voidElements.contains(name)
                if selfClosing || isVoid {
                    stack[stack.count - 1].children.append(.element(element))
                } else if stack.count > Self.maximumDepth {
                    notes.append(MarkupNote(line: token.line,
                                            message: "<\(name)> is nested deeper than \(Self.maximumDepth) levels; read as a sibling"))
                    stack[stack.count - 1].children.append(.element(element))
                } else {
                    stack.append(element)
                }
            case .endTag(let name):
                guard let match = stack.lastIndex(where: { $0.name == name }), match > 0 else {
                    if !(dialect == .html && Self.voidElements.contains(name)) {
                        notes.append(MarkupNote(line: token.line, message: "end tag </\(name)> has no open <\(name)>; ignored"))
                    }
                    continue
                }
                while stack.count - 1 > match {
                    let unclosed = stack[stack.count - 1]
                    if dialect == .xml || !Self.impliedEnd(unclosed.name) {
                        notes.append(MarkupNote(line: unclosed.line,
                                                message: "<\(unclosed.name)> is not closed; closed at </\(name)> on line \(token.line)"))
                    }
                    closeTop()
                }
                closeTop()
            }
        }
        while stack.count > 1 {
            let unclosed = stack[stack.count - 1]
            if dialect == .xml || !Self.impliedEnd(unclosed.name) {
                notes.append(MarkupNote(line: unclosed.line, message: "<\(unclosed.name)> is not closed before the end of the file"))
            }
            closeTop()
        }
        return (stack[0], notes)
    }

    /// Elements whose end tag HTML lets an author leave out.
    private static func impliedEnd(_ name: String) -> Bool {
        ["p", "li", "option", "optgroup", "td", "th", "tr", "dt", "dd", "html", "head", "body"].contains(name)
    }
}
