import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses an ACR Assist module's XML into an element tree with
/// Foundation's XMLParser, keeping text and element order (report text
/// mixes both) and the line of every start tag.
enum AssistXMLReader {
    static func parse(_ data: Data) throws -> MarkupElement {
        let delegate = TreeDelegate()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        // NOTE: swift-corelibs-foundation 6.3 returns true from parse() even
        // after recording an error, so parserError decides.
        let succeeded = parser.parse()
        if !succeeded || parser.parserError != nil {
            let code = (parser.parserError as NSError?)?.code ?? 0
            throw AssistError.malformedXML(line: parser.lineNumber, column: parser.columnNumber, parserCode: code)
        }
        guard let root = delegate.stack.first?.elementChildren.first else {
            throw AssistError.malformedXML(line: 1, column: 1, parserCode: 0)
        }
        return root
    }

    /// Collects the tree. Used by one parser on one thread only.
    private final class TreeDelegate: NSObject, XMLParserDelegate {
        var stack = [MarkupElement(name: "#document", line: 1)]

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let attributes = attributeDict.sorted { $0.key < $1.key }.map { MarkupAttribute(name: $0.key, value: $0.value) }
            guard stack.count <= MarkupTreeBuilder.maximumDepth else {
                parser.abortParsing()
                return
            }
            stack.append(MarkupElement(name: elementName, attributes: attributes, line: parser.lineNumber))
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            guard stack.count > 1 else { return }
            let element = stack.removeLast()
            stack[stack.count - 1].children.append(.element(element))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if case .text(let previous)? = stack[stack.count - 1].children.last {
                stack[stack.count - 1].children[stack[stack.count - 1].children.count - 1] = .text(previous + string)
            } else {
                stack[stack.count - 1].children.append(.text(string))
            }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            self.parser(parser, foundCharacters: String(decoding: CDATABlock, as: UTF8.self))
        }
    }
}
