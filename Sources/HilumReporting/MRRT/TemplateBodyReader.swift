/// Reads the sections and fields of a template's `<body>`.
///
/// MRRT sections are `<section data-section-name=…>` elements with a
/// `<header>`. Templates that do not follow the profile are read too: a
/// `<fieldset>` with a `<legend>` is a section, and a bare heading (`<h1>` …
/// `<h6>`) starts a section that collects what follows it. Other elements
/// (div, p, span, tables) only group and are read through.
final class TemplateBodyReader {
    /// Returns the sections of an embedded template by UID, or the issue
    /// explaining why it is not available.
    typealias EmbedLoader = (String) -> Result<[TemplateSection], TemplateIssue>

    private let codedContent: [String: [TemplateCode]]
    private let loadEmbed: EmbedLoader
    private var labelsByFor: [String: String] = [:]
    private var usedFieldIDs: Set<String> = []
    private var generatedIDCount = 0
    private(set) var boundCodeIDs: Set<String> = []
    private(set) var issues: [TemplateIssue] = []

    init(codedContent: [String: [TemplateCode]], loadEmbed: @escaping EmbedLoader) {
        self.codedContent = codedContent
        self.loadEmbed = loadEmbed
    }

    /// Returns the sections of `body` in document order.
    func read(_ body: MarkupElement) -> [TemplateSection] {
        for label in body.descendants(named: "label") {
            guard let target = label.attribute("for"), !target.isEmpty else { continue }
            labelsByFor[target] = Self.cleanLabel(label.textContent(excluding: Self.controlNames))
        }
        let root = SectionBuilder(id: nil, name: "", heading: nil, codes: [], isPrunable: true)
        walk(body.children, in: root, wrappingLabel: nil)

        var sections: [TemplateSection] = []
        var looseItems: [TemplateSection.Item] = []
        for item in root.buildItems() {
            if case .section(let section) = item {
                sections.append(section)
            } else {
                looseItems.append(item)
            }
        }
        if !looseItems.isEmpty {
            issues.append(TemplateIssue(.fieldOutsideSection, line: body.line,
                                        "\(looseItems.count) field(s) sit outside any <section>; they were put in a section named Report",
                                        fix: "wrap them in <section data-section-name=\"…\">"))
            sections.insert(TemplateSection(name: "Report", items: looseItems), at: 0)
        }
        return sections
    }

    static let controlNames: Set<String> = ["select", "option", "textarea", "script", "style", "optgroup"]

    static func cleanLabel(_ text: String) -> String {
        var label = text.collapsingWhitespace
        while label.hasSuffix(":") { label = String(label.dropLast()).collapsingWhitespace }
        return label
    }

    private func codes(for id: String?, element: MarkupElement, meaning: String) -> [TemplateCode] {
        var result: [TemplateCode] = []
        if let id, let bound = codedContent[id] {
            result += bound
            boundCodeIDs.insert(id)
        }
        if let radLex = element.attribute("data-radlex")?.trimmingCharacters(in: .whitespaces), !radLex.isEmpty {
            result.append(TemplateCode(scheme: "RADLEX", value: radLex, meaning: element.attribute("data-en") ?? meaning))
        }
        return result
    }

    private func target(_ container: SectionBuilder) -> SectionBuilder {
        container.currentImplicit ?? container
    }

    private func walk(_ nodes: [MarkupNode], in container: SectionBuilder, wrappingLabel: String?) {
        for node in nodes {
            guard case .element(let element) = node else { continue }
            switch element.name.lowercased() {
            case "script", "style", "header", "legend", "template", "noscript", "button", "datalist":
                continue
            case "section", "fieldset":
                readSection(element, in: container)
            case "h1", "h2", "h3", "h4", "h5", "h6":
                let name = element.textContent().collapsingWhitespace
                guard !name.isEmpty else { continue }
                let section = SectionBuilder(id: element.attribute("id"), name: name, heading: nil,
                                             codes: codes(for: element.attribute("id"), element: element, meaning: name),
                                             isPrunable: true)
                container.items.append(.section(section))
                container.currentImplicit = section
            case "label":
                let hasControl = !element.descendants(named: "input").isEmpty || !element.descendants(named: "select").isEmpty
                    || !element.descendants(named: "textarea").isEmpty
                guard hasControl else { continue }
                let text = Self.cleanLabel(element.textContent(excluding: Self.controlNames))
                walk(element.children, in: container, wrappingLabel: text.isEmpty ? wrappingLabel : text)
            case "input":
                readInput(element, in: container, wrappingLabel: wrappingLabel)
            case "select":
                readSelect(element, in: container, wrappingLabel: wrappingLabel)
            case "textarea":
                let text = element.textContent().trimmingCharacters(in: .whitespacesAndNewlines)
                addField(element, kind: .textarea, defaultValue: text.isEmpty ? nil : .text(text),
                         in: container, wrappingLabel: wrappingLabel)
            case "embed":
                readEmbed(element, in: container)
            default:
                walk(element.children, in: container, wrappingLabel: wrappingLabel)
            }
        }
    }

    private func readSection(_ element: MarkupElement, in container: SectionBuilder) {
        let isFieldset = element.name.lowercased() == "fieldset"
        let headingElement = element.children(named: isFieldset ? "legend" : "header").first
        let heading = headingElement.map { $0.textContent().collapsingWhitespace }.flatMap { $0.isEmpty ? nil : $0 }
        let declaredName = element.attribute("data-section-name")?.collapsingWhitespace
        guard let name = (declaredName?.isEmpty == false ? declaredName : nil) ?? heading else {
            walk(element.children, in: container, wrappingLabel: nil)
            return
        }
        let id = element.attribute("id")
        let section = SectionBuilder(id: id, name: name, heading: heading == name ? nil : heading,
                                     codes: codes(for: id, element: element, meaning: name),
                                     isPrunable: declaredName == nil)
        target(container).items.append(.section(section))
        walk(element.children, in: section, wrappingLabel: nil)
    }

    private func readInput(_ element: MarkupElement, in container: SectionBuilder, wrappingLabel: String?) {
        let type = (element.attribute("type") ?? "text").lowercased()
        let fieldType = (element.attribute("data-field-type") ?? "").uppercased()
        let value = element.attribute("value")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let text: FieldValue? = value.isEmpty ? nil : .text(value)
        switch type {
        case "radio":
            readRadio(element, in: container, wrappingLabel: wrappingLabel)
        case "checkbox":
            addField(element, kind: .checkbox, defaultValue: element.hasAttribute("checked") ? .flag(true) : nil,
                     in: container, wrappingLabel: wrappingLabel)
        case "number", "range":
            let format = TemplateField.NumberFormat(
                unit: element.attribute("data-field-units") ?? element.attribute("data-unit"),
                minimum: element.attribute("min").flatMap(Double.init), maximum: element.attribute("max").flatMap(Double.init),
                step: element.attribute("step").flatMap(Double.init))
            addField(element, kind: .number(format: format), defaultValue: Double(value).map(FieldValue.number),
                     in: container, wrappingLabel: wrappingLabel)
        case "date", "datetime-local", "month":
            addField(element, kind: .date, defaultValue: value.isEmpty ? nil : .date(value), in: container,
                     wrappingLabel: wrappingLabel)
        case "time":
            addField(element, kind: .time, defaultValue: text, in: container, wrappingLabel: wrappingLabel)
        case "textarea":
            addField(element, kind: .textarea, defaultValue: text, in: container, wrappingLabel: wrappingLabel)
        case "hidden", "submit", "button", "reset", "image", "file", "password", "color":
            return
        default:
            if fieldType == "DATE" {
                addField(element, kind: .date, defaultValue: value.isEmpty ? nil : .date(value), in: container,
                         wrappingLabel: wrappingLabel)
            } else if fieldType == "NUMBER" {
                addField(element, kind: .number(format: TemplateField.NumberFormat()),
                         defaultValue: Double(value).map(FieldValue.number), in: container, wrappingLabel: wrappingLabel)
            } else {
                addField(element, kind: .text, defaultValue: text, in: container, wrappingLabel: wrappingLabel)
            }
        }
    }

    private func readSelect(_ element: MarkupElement, in container: SectionBuilder, wrappingLabel: String?) {
        var options: [PickListOption] = []
        var selected: [String] = []
        func collect(_ parent: MarkupElement, group: String?) {
            for child in parent.elementChildren {
                switch child.name.lowercased() {
                case "optgroup":
                    collect(child, group: child.attribute("label")?.collapsingWhitespace)
                case "option":
                    let text = child.textContent().collapsingWhitespace
                    let value = child.attribute("value") ?? text
                    guard !value.isEmpty else { continue }
                    let label = text.isEmpty ? (child.attribute("label") ?? value) : text
                    options.append(PickListOption(value: value, label: label,
                                                  codes: codes(for: child.attribute("id"), element: child, meaning: label),
                                                  group: group))
                    if child.hasAttribute("selected") { selected.append(value) }
                default:
                    collect(child, group: group)
                }
            }
        }
        collect(element, group: nil)
        let multiple = element.hasAttribute("multiple")
        let defaultValue: FieldValue?
        if selected.isEmpty {
            defaultValue = nil
        } else {
            defaultValue = multiple ? .choices(selected) : .choice(selected[0])
        }
        addField(element, kind: .select(options: options, multiple: multiple), defaultValue: defaultValue,
                 in: container, wrappingLabel: wrappingLabel)
    }

    /// Radio buttons sharing a name become one single-choice field; each
    /// button's `<label for>` is its option text.
    private func readRadio(_ element: MarkupElement, in container: SectionBuilder, wrappingLabel: String?) {
        let builder = target(container)
        let groupName = element.attribute("name") ?? element.attribute("id") ?? "radio"
        let value = element.attribute("value") ?? "on"
        let optionLabel = element.attribute("id").flatMap { labelsByFor[$0] } ?? wrappingLabel ?? value
        let option = PickListOption(value: value, label: optionLabel.isEmpty ? value : optionLabel,
                                    codes: codes(for: element.attribute("id"), element: element, meaning: optionLabel))
        if let index = builder.radioGroups[groupName], case .field(var field) = builder.items[index] {
            if !value.isEmpty {
                field.kind = .select(options: field.options + [option], multiple: false)
            }
            if element.hasAttribute("checked"), !value.isEmpty { field.defaultValue = .choice(value) }
            builder.items[index] = .field(field)
            return
        }
        var group = element
        group.attributes.removeAll { $0.name == "id" }
        group.attributes.append(MarkupAttribute(name: "id", value: groupName))
        addField(group, kind: .select(options: value.isEmpty ? [] : [option], multiple: false),
                 defaultValue: element.hasAttribute("checked") && !value.isEmpty ? .choice(value) : nil,
                 in: container, wrappingLabel: element.attribute("data-label"))
        builder.radioGroups[groupName] = builder.items.count - 1
    }

    private func addField(_ element: MarkupElement, kind: TemplateField.Kind, defaultValue: FieldValue?,
                          in container: SectionBuilder, wrappingLabel: String?) {
        let builder = target(container)
        let name = element.attribute("name")?.collapsingWhitespace
        var id = element.attribute("id")?.trimmingCharacters(in: .whitespaces) ?? ""
        if id.isEmpty { id = name ?? "" }
        if id.isEmpty {
            generatedIDCount += 1
            id = "field-\(generatedIDCount)"
        }
        let codeKey = id
        if usedFieldIDs.contains(id) {
            var suffix = 2
            while usedFieldIDs.contains("\(id)-\(suffix)") { suffix += 1 }
            issues.append(TemplateIssue(.duplicateFieldID, line: element.line,
                                        "<\(element.name)> reuses the field id \"\(id)\"; it was renamed to \"\(id)-\(suffix)\"",
                                        fix: "give every field a unique id attribute"))
            id = "\(id)-\(suffix)"
        }
        usedFieldIDs.insert(id)

        let explicitLabel = labelsByFor[codeKey].flatMap { $0.isEmpty ? nil : $0 } ?? wrappingLabel
            ?? element.attribute("title").map(Self.cleanLabel) ?? element.attribute("aria-label").map(Self.cleanLabel)
        let fieldName = name ?? explicitLabel ?? id
        let label = explicitLabel ?? fieldName
        let omitsLabel = explicitLabel == nil && fieldName.caseInsensitiveCompare(builder.name) == .orderedSame
        let isRequired = element.hasAttribute("required")
        let field = TemplateField(id: id, name: fieldName, label: label, kind: kind, isRequired: isRequired,
                                  defaultValue: defaultValue, codes: codes(for: codeKey, element: element, meaning: label),
                                  omitsLabelInReport: omitsLabel)
        builder.items.append(.field(field))
    }

    private func readEmbed(_ element: MarkupElement, in container: SectionBuilder) {
        let source = element.attribute("src") ?? ""
        var uid = source.split(separator: "/").last.map(String.init) ?? ""
        for suffix in [".html", ".htm", ".xhtml"] where uid.lowercased().hasSuffix(suffix) {
            uid = String(uid.dropLast(suffix.count))
        }
        guard !uid.isEmpty else {
            issues.append(TemplateIssue(.missingEmbed, line: element.line, "<embed> has no src attribute naming a template",
                                        fix: "set src=\"<template UID>.html\""))
            return
        }
        switch loadEmbed(uid) {
        case .success(let sections):
            target(container).items.append(.embedded(sections))
        case .failure(var issue):
            issue.line = issue.line ?? element.line
            issues.append(issue)
            target(container).items.append(.missingEmbed(uid))
        }
    }
}

/// A section while the body is being read. A class because headings and
/// radio buttons update sections found earlier in the walk.
final class SectionBuilder {
    enum Entry {
        case field(TemplateField)
        case section(SectionBuilder)
        case missingEmbed(String)
        case embedded([TemplateSection])
    }

    let id: String?
    let name: String
    let heading: String?
    let codes: [TemplateCode]
    /// Sections from headings, fieldsets or unnamed markup are dropped when
    /// they end up with no fields; MRRT `data-section-name` sections stay.
    let isPrunable: Bool
    var items: [Entry] = []
    /// The heading-started section that collects the content after it.
    var currentImplicit: SectionBuilder?
    var radioGroups: [String: Int] = [:]

    init(id: String?, name: String, heading: String?, codes: [TemplateCode], isPrunable: Bool) {
        self.id = id
        self.name = name
        self.heading = heading
        self.codes = codes
        self.isPrunable = isPrunable
    }

    func buildItems() -> [TemplateSection.Item] {
        items.flatMap { entry -> [TemplateSection.Item] in
            switch entry {
            case .field(let field): [.field(field)]
            case .section(let child): child.build().map { [.section($0)] } ?? []
            case .missingEmbed(let uid): [.missingEmbed(uid: uid)]
            case .embedded(let sections): sections.map { .section($0) }
            }
        }
    }

    func build() -> TemplateSection? {
        let section = TemplateSection(id: id, name: name, heading: heading, codes: codes, items: buildItems())
        if isPrunable && section.allFields.isEmpty && !section.items.contains(where: {
            if case .missingEmbed = $0 { return true }
            return false
        }) {
            return nil
        }
        return section
    }
}
