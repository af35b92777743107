/// Checks the document structure and `<head>` of an MRRT template and
/// collects its metadata.
struct HeadChecker {
    let document: MarkupElement
    let heads: [MarkupElement]
    let head: MarkupElement?
    /// Content of every `<meta name="dcterms.…">`, by lowercased name.
    let dublinCore: [String: [String]]
    let dublinCoreMetas: [MarkupElement]
    let charsetMetas: [MarkupElement]
    let titleText: String?
    let templateScripts: [MarkupElement]

    init(document: MarkupElement) {
        self.document = document
        heads = document.descendants(named: "head")
        head = heads.first
        let metas = (head ?? document).descendants(named: "meta")
        charsetMetas = metas.filter { $0.hasAttribute("charset") }
        dublinCoreMetas = metas.filter { ($0.attribute("name") ?? "").lowercased().hasPrefix("dcterms.") }
        var dublinCore: [String: [String]] = [:]
        for meta in dublinCoreMetas {
            let content = (meta.attribute("content") ?? "").collapsingWhitespace
            dublinCore[meta.attribute("name")!.lowercased(), default: []].append(content)
        }
        self.dublinCore = dublinCore
        titleText = (head ?? document).descendants(named: "title").first.map { $0.textContent().collapsingWhitespace }
        templateScripts = document.descendants(named: "script").filter {
            ($0.attribute("type") ?? "").lowercased().trimmingCharacters(in: .whitespaces) == "text/xml"
        }
    }

    var templateScript: MarkupElement? { templateScripts.first }

    private static func lineList(_ elements: [MarkupElement]) -> String {
        elements.map { String($0.line) }.joined(separator: ", ")
    }

    func check(into issues: inout [TemplateIssue]) {
        let htmlRoots = document.children(named: "html")
        if htmlRoots.isEmpty {
            issues.append(TemplateIssue(.missingHTMLElement, line: 1, "the document has no <html> root element",
                                        fix: "wrap <head> and <body> in <html> … </html>"))
        } else if htmlRoots.count > 1 || document.descendants(named: "html").count > 1 {
            let all = document.descendants(named: "html")
            issues.append(TemplateIssue(.multipleHTMLElements, line: all[1].line,
                                        "found \(all.count) <html> elements (lines \(Self.lineList(all)))",
                                        fix: "keep exactly one <html> root element"))
        }

        if heads.isEmpty {
            issues.append(TemplateIssue(.missingHeadElement, "the document has no <head> element",
                                        fix: "add <head> with the title, meta and template-attributes script before <body>"))
        } else if heads.count > 1 {
            issues.append(TemplateIssue(.multipleHeadElements, line: heads[1].line,
                                        "found \(heads.count) <head> elements (lines \(Self.lineList(heads))); MRRT allows exactly one",
                                        fix: "merge them into a single <head>"))
        }

        let bodies = document.descendants(named: "body")
        if bodies.isEmpty {
            issues.append(TemplateIssue(.missingBodyElement, "the document has no <body> element",
                                        fix: "add <body> with the template's <section> elements after </head>"))
        } else if bodies.count > 1 {
            issues.append(TemplateIssue(.multipleBodyElements, line: bodies[1].line,
                                        "found \(bodies.count) <body> elements (lines \(Self.lineList(bodies)))",
                                        fix: "merge them into a single <body>"))
        }

        if titleText?.isEmpty ?? true {
            issues.append(TemplateIssue(.missingTitleElement, line: head?.line,
                                        titleText == nil ? "<head> has no <title> element" : "the <title> element is empty",
                                        fix: "add <title>template name</title> inside <head>"))
        }

        checkMeta(into: &issues)
        checkScript(into: &issues)
    }

    private func checkMeta(into issues: inout [TemplateIssue]) {
        if charsetMetas.isEmpty {
            issues.append(TemplateIssue(.missingCharsetMeta, line: head?.line, "<head> has no <meta charset> element",
                                        fix: "add <meta charset=\"UTF-8\"/> inside <head>"))
        } else if charsetMetas.count > 1 {
            issues.append(TemplateIssue(.multipleCharsetMeta, line: charsetMetas[1].line,
                                        "found \(charsetMetas.count) <meta> elements with a charset attribute (lines \(Self.lineList(charsetMetas))); MRRT allows exactly one",
                                        fix: "keep one <meta charset=\"UTF-8\"/> and remove the charset attribute from the others"))
        } else if let charset = charsetMetas[0].attribute("charset"),
                  charset.lowercased().replacingOccurrences(of: "-", with: "") != "utf8" {
            issues.append(TemplateIssue(.charsetNotUTF8, line: charsetMetas[0].line,
                                        "<meta charset=\"\(charset)\"> declares an encoding other than UTF-8",
                                        fix: "save the file as UTF-8 and declare <meta charset=\"UTF-8\"/>"))
        }

        if dublinCoreMetas.isEmpty {
            issues.append(TemplateIssue(.missingDublinCoreMeta, line: head?.line,
                                        "<head> has no meta element denoting Dublin Core attributes (<meta name=\"dcterms.…\">)",
                                        fix: "add <meta name=\"dcterms.title\" content=\"…\"/>, dcterms.identifier and the other Dublin Core elements"))
            return
        }
        if (dublinCore["dcterms.title"]?.first ?? "").isEmpty {
            issues.append(TemplateIssue(.missingDublinCoreTitle, line: head?.line, "<head> has no <meta name=\"dcterms.title\">",
                                        fix: "add <meta name=\"dcterms.title\" content=\"template name\"/>"))
        }
        if (dublinCore["dcterms.identifier"]?.first ?? "").isEmpty {
            issues.append(TemplateIssue(.missingDublinCoreIdentifier, line: head?.line,
                                        "<head> has no <meta name=\"dcterms.identifier\">",
                                        fix: "add <meta name=\"dcterms.identifier\" content=\"template UID\"/>"))
        }
    }

    private func checkScript(into issues: inout [TemplateIssue]) {
        if templateScripts.isEmpty {
            issues.append(TemplateIssue(.missingScriptElement, line: head?.line,
                                        "<head> has no <script type=\"text/xml\"> element holding the template attributes",
                                        fix: "add <script type=\"text/xml\"><template_attributes>…</template_attributes></script> inside <head>"))
        } else if templateScripts.count > 1 {
            issues.append(TemplateIssue(.multipleScriptElements, line: templateScripts[1].line,
                                        "found \(templateScripts.count) <script type=\"text/xml\"> elements (lines \(Self.lineList(templateScripts))); MRRT allows exactly one",
                                        fix: "merge them into a single script element"))
        }
    }

    func metadata(source: String, attributes: TemplateAttributes) -> TemplateMetadata {
        func value(_ name: String) -> String? {
            dublinCore["dcterms.\(name)"]?.first.flatMap { $0.isEmpty ? nil : $0 }
        }
        let title = value("title") ?? titleText.flatMap { $0.isEmpty ? nil : $0 } ?? source
        return TemplateMetadata(identifier: value("identifier") ?? source, title: title, description: value("description"),
                                language: value("language"), type: value("type"), publisher: value("publisher"),
                                creator: value("creator"), contributors: dublinCore["dcterms.contributor"] ?? [],
                                rights: value("rights"), license: value("license"), date: value("date"),
                                status: attributes.status, isTopLevel: attributes.isTopLevel)
    }
}
