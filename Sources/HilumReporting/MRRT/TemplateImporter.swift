import Foundation

/// Imports IHE MRRT report templates (the HTML5 format of RSNA RadReport)
/// into `ReportTemplate`s and checks the profile's rules. The document needs
/// an `<html>` root with exactly one `<head>` and one `<body>`, a `<title>`
/// and exactly one `<meta charset>`. It needs Dublin Core
/// `<meta name="dcterms.*">` elements, at least dcterms.title and
/// dcterms.identifier. It needs exactly one `<script type="text/xml">` with
/// one `<template_attributes>`, in which every `<term>` has exactly one
/// `<code>` with meaning, value and scheme.
///
/// Import never crashes on malformed input: the HTML is read by a lenient
/// tokenizer, and every problem becomes a `TemplateIssue`.
public struct TemplateImporter: Sendable {
    /// Strictness with which the MRRT rules apply.
    public enum Conformance: Sendable {
        /// Any broken MRRT rule rejects the template.
        case strict
        /// Broken MRRT rules become warnings, so that MRRT-style templates
        /// without template attributes still import. A template without a
        /// `<body>` is still rejected.
        case lenient
    }

    /// Files larger than this are rejected before parsing (16 MiB, well
    /// above any published template).
    public static let maximumInputBytes = 16 << 20
    /// Embedded templates may embed others down to this depth.
    public static let maximumEmbedDepth = 8

    public var conformance: Conformance
    /// Returns the HTML of an embedded template by its UID, or nil when it is
    /// not available. MRRT names embedded files `<UID>.html`.
    public var embedResolver: (@Sendable (String) -> String?)?

    public init(conformance: Conformance = .strict, embedResolver: (@Sendable (String) -> String?)? = nil) {
        self.conformance = conformance
        self.embedResolver = embedResolver
    }

    /// Returns a resolver that reads `<UID>.html` from `directory`.
    public static func directoryResolver(_ directory: URL) -> @Sendable (String) -> String? {
        { uid in
            guard !uid.contains("/"), !uid.hasPrefix(".") else { return nil }
            let url = directory.appendingPathComponent("\(uid).html")
            guard let data = try? Data(contentsOf: url) else { return nil }
            return String(data: data, encoding: .utf8)
        }
    }

    /// Imports the template file at `url`, resolving `<embed>`s from the same
    /// directory unless `embedResolver` is set.
    public func importTemplate(contentsOf url: URL) throws -> ImportedTemplate {
        let data = try Data(contentsOf: url)
        guard let html = String(data: data, encoding: .utf8) else {
            throw TemplateImportError(source: url.lastPathComponent, issues: [
                TemplateIssue(.charsetNotUTF8, "the file is not valid UTF-8",
                              fix: "save the template as UTF-8, which MRRT requires"),
            ])
        }
        var importer = self
        if importer.embedResolver == nil {
            importer.embedResolver = Self.directoryResolver(url.deletingLastPathComponent())
        }
        return try importer.importTemplate(html: html, source: url.lastPathComponent)
    }

    /// Imports a template from its HTML text. `source` names it in errors.
    public func importTemplate(html: String, source: String = "template") throws -> ImportedTemplate {
        try importTemplate(html: html, source: source, embedChain: [])
    }

    private func importTemplate(html: String, source: String, embedChain: [String]) throws -> ImportedTemplate {
        guard html.utf8.count <= Self.maximumInputBytes else {
            throw TemplateImportError(source: source, issues: [
                TemplateIssue(.inputTooLarge, "the file has \(html.utf8.count) bytes, more than the limit of \(Self.maximumInputBytes)",
                              fix: "split the template into embedded templates"),
            ])
        }
        var issues: [TemplateIssue] = []
        let (document, notes) = MarkupTreeBuilder(dialect: .html).build(html)
        for note in notes.prefix(20) {
            issues.append(TemplateIssue(.malformedMarkup, line: note.line, note.message, fix: "correct the markup"))
        }

        let head = HeadChecker(document: document)
        head.check(into: &issues)
        var attributes = TemplateAttributes()
        if let script = head.templateScript {
            let reader = TemplateAttributesReader(scriptLine: script.line)
            attributes = reader.read(script.textContent(), issues: &issues) ?? TemplateAttributes()
        }

        var sections: [TemplateSection] = []
        if let body = document.descendants(named: "body").first {
            let uid = head.dublinCore["dcterms.identifier"]?.first ?? source
            let reader = TemplateBodyReader(codedContent: attributes.codedContent) { embeddedUID in
                self.loadEmbedded(embeddedUID, chain: embedChain + [uid])
            }
            sections = reader.read(body)
            issues += reader.issues
            for (key, line) in attributes.codedContentLines.sorted(by: { $0.value < $1.value })
            where !reader.boundCodeIDs.contains(key) {
                issues.append(TemplateIssue(.unboundCodedContent, line: line,
                                            "coded_content entry ORIGTXT=\"\(key)\" names no section, field or option id",
                                            fix: "set ORIGTXT to the id of the element the codes describe"))
            }
            if sections.isEmpty {
                issues.append(TemplateIssue(.noSections, line: body.line, "<body> has no sections or fields",
                                            fix: "add <section data-section-name=\"…\"> elements with the report's fields"))
            }
        }

        let errors = issues.filter { $0.defect.isFatal || (conformance == .strict && $0.defect.isConformance) }
        guard errors.isEmpty else { throw TemplateImportError(source: source, issues: errors) }

        let metadata = head.metadata(source: source, attributes: attributes)
        let template = ReportTemplate(metadata: metadata, codingSchemes: attributes.codingSchemes,
                                      terms: attributes.terms, sections: sections)
        return ImportedTemplate(template: template, warnings: issues)
    }

    private func loadEmbedded(_ uid: String, chain: [String]) -> Result<[TemplateSection], TemplateIssue> {
        if chain.contains(uid) {
            return .failure(TemplateIssue(.missingEmbed, "embedded template \(uid) embeds itself (through \(chain.joined(separator: " > ")))",
                                          fix: "remove the <embed> that closes the loop"))
        }
        guard chain.count < Self.maximumEmbedDepth else {
            return .failure(TemplateIssue(.missingEmbed, "embedded template \(uid) is nested more than \(Self.maximumEmbedDepth) levels deep",
                                          fix: "embed it from a shallower template"))
        }
        guard let html = embedResolver?(uid) else {
            return .failure(TemplateIssue(.missingEmbed, "embedded template \(uid) is not available",
                                          fix: "put \(uid).html next to the template or in the template directory"))
        }
        do {
            let imported = try importTemplate(html: html, source: "\(uid).html", embedChain: chain)
            return .success(imported.template.sections)
        } catch let error as TemplateImportError {
            let reasons = error.issues.map(\.message).joined(separator: "; ")
            return .failure(TemplateIssue(.missingEmbed, "embedded template \(uid) is invalid: \(reasons)",
                                          fix: "correct \(uid).html"))
        } catch {
            return .failure(TemplateIssue(.missingEmbed, "embedded template \(uid) could not be read",
                                          fix: "check \(uid).html"))
        }
    }
}
