import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Content of the `<template_attributes>` XML inside an MRRT template's
/// `<script type="text/xml">`.
struct TemplateAttributes {
    var codingSchemes: [CodingScheme] = []
    var terms: [TemplateTerm] = []
    /// `coded_content` entries: codes keyed by the id (ORIGTXT) of the
    /// section, field or option they describe.
    var codedContent: [String: [TemplateCode]] = [:]
    var codedContentLines: [String: Int] = [:]
    var status: String?
    var isTopLevel = true
}

/// Reads and checks the template attributes. RSNA templates wrap the XML in
/// an HTML comment and leave `<code>` elements unclosed, so the XML is read
/// with the lenient tree builder; Foundation's XMLParser only reports
/// whether it is well-formed.
struct TemplateAttributesReader {
    /// Line of the `<script>` start tag, added to XML line numbers.
    let scriptLine: Int

    func read(_ rawScript: String, issues: inout [TemplateIssue]) -> TemplateAttributes? {
        let xml = Self.unwrappingComment(rawScript)
        checkWellFormed(xml, issues: &issues)

        let (document, _) = MarkupTreeBuilder(dialect: .xml).build(xml)
        let roots = document.descendants(named: "template_attributes")
        guard let root = roots.first else {
            issues.append(TemplateIssue(.missingTemplateAttributes, line: scriptLine,
                                        "<script type=\"text/xml\"> contains no <template_attributes> element",
                                        fix: "put one <template_attributes> element with the coding schemes and coded content inside the script"))
            return nil
        }
        if roots.count > 1 {
            let lines = roots.map { String(absolute($0.line)) }.joined(separator: ", ")
            issues.append(TemplateIssue(.multipleTemplateAttributes, line: absolute(roots[1].line),
                                        "found \(roots.count) <template_attributes> elements (lines \(lines)); MRRT allows exactly one",
                                        fix: "merge them into a single <template_attributes> element"))
        }

        var attributes = TemplateAttributes()
        for scheme in root.descendants(named: "coding_scheme") {
            attributes.codingSchemes.append(CodingScheme(name: scheme.attribute("name") ?? "",
                                                         designator: scheme.attribute("designator") ?? ""))
        }
        attributes.status = root.children(named: "status").first?.textContent().collapsingWhitespace
        if let flag = root.children(named: "top-level-flag").first?.textContent().collapsingWhitespace {
            attributes.isTopLevel = flag.lowercased() != "false"
        }
        for term in root.children(named: "term") {
            if let code = readCode(in: term, issues: &issues, schemes: attributes.codingSchemes) {
                attributes.terms.append(TemplateTerm(type: term.attribute("type"), code: code))
            }
        }
        for entry in root.descendants(named: "entry") {
            let key = (entry.attribute("ORIGTXT") ?? "").trimmingCharacters(in: .whitespaces)
            let codes = entry.descendants(named: "term").compactMap {
                readCode(in: $0, issues: &issues, schemes: attributes.codingSchemes)
            }
            guard !key.isEmpty else { continue }
            attributes.codedContent[key, default: []].append(contentsOf: codes)
            attributes.codedContentLines[key] = absolute(entry.line)
        }
        return attributes
    }

    /// Returns the script text with a comment that wraps all of it replaced
    /// by spaces, so that line numbers stay as in the file.
    static func unwrappingComment(_ script: String) -> String {
        let trimmed = script.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("<!--"), trimmed.hasSuffix("-->"),
              let open = script.range(of: "<!--"), let close = script.range(of: "-->", options: .backwards),
              open.upperBound <= close.lowerBound else { return script }
        return String(script[..<open.lowerBound]) + "    " + String(script[open.upperBound..<close.lowerBound]) + "   "
            + String(script[close.upperBound...])
    }

    private func absolute(_ xmlLine: Int) -> Int { scriptLine + xmlLine - 1 }

    /// Returns the one `<code>` of a `<term>` when it has every required
    /// attribute, recording an issue for each rule the term breaks.
    private func readCode(in term: MarkupElement, issues: inout [TemplateIssue], schemes: [CodingScheme]) -> TemplateCode? {
        let codes = term.descendants(named: "code")
        guard let code = codes.first else {
            issues.append(TemplateIssue(.termWithoutCode, line: absolute(term.line), "<term> has no <code> element",
                                        fix: "add <code meaning=\"…\" value=\"…\" scheme=\"…\"/> inside the <term>"))
            return nil
        }
        if codes.count > 1 {
            issues.append(TemplateIssue(.multipleCodesInTerm, line: absolute(term.line),
                                        "<term> contains \(codes.count) <code> elements; MRRT allows exactly one code element per term element",
                                        fix: "split it into one <term> per <code>"))
        }
        let missing = ["meaning", "value", "scheme"].filter { (code.attribute($0) ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        if !missing.isEmpty {
            let names = missing.joined(separator: ", ")
            issues.append(TemplateIssue(.codeMissingAttributes, line: absolute(code.line),
                                        "<code> element is missing required attributes: \(names)",
                                        fix: "give every <code> the attributes meaning, value and scheme"))
            return nil
        }
        let result = TemplateCode(scheme: code.attribute("scheme")!, value: code.attribute("value")!,
                                  meaning: code.attribute("meaning")!)
        if !schemes.contains(where: { $0.name.caseInsensitiveCompare(result.scheme) == .orderedSame }) {
            issues.append(TemplateIssue(.undeclaredCodingScheme, line: absolute(code.line),
                                        "<code> uses scheme \"\(result.scheme)\", which <coding_schemes> does not declare",
                                        fix: "add <coding_scheme name=\"\(result.scheme)\" designator=\"OID\"/> to <coding_schemes>"))
        }
        return result
    }

    private func checkWellFormed(_ xml: String, issues: inout [TemplateIssue]) {
        let parser = XMLParser(data: Data(xml.utf8))
        // NOTE: swift-corelibs-foundation 6.3 returns true from parse() even
        // when it records an error, so parserError decides.
        let succeeded = parser.parse()
        guard !succeeded || parser.parserError != nil else { return }
        let code = (parser.parserError as NSError?)?.code ?? 0
        let reason = "XMLParser error \(code)"
        issues.append(TemplateIssue(.templateAttributesNotWellFormed, line: absolute(parser.lineNumber),
                                    "the <template_attributes> XML is not well-formed (\(reason)); it was read leniently",
                                    fix: "close every element, for example write <code … /> instead of <code …>"))
    }
}
