import HilumReporting
import HilumTerminal
import HilumWorklist

/// Draws the report editor. The title, the flagged critical result and the
/// guideline's recommendation stay pinned at the top. Below them come the
/// template's sections and fields, with the focused field highlighted and
/// kept in view, pick lists with their keys, and the error of a value that
/// does not fit its field.
enum ReportScreen {
    static let labelWidth = 24

    static func render(_ editor: ReportEditor, into screen: inout ScreenBuffer, in rect: Rect) {
        screen.fill(rect, role: .text)
        let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: rect.height)
        // The pinned lines leave at least three rows for the fields.
        let pinned = Array(TextPane(paragraphs: header(editor)).lines(width: inner.width).prefix(max(0, inner.height - 3)))
        for (row, line) in pinned.enumerated() {
            screen.write(line, at: Point(x: inner.x, y: inner.y + row))
        }

        let fieldsRect = Rect(x: inner.x, y: inner.y + pinned.count, width: inner.width, height: inner.height - pinned.count)
        var lines: [[Span]] = []
        var focusLines = 0..<0
        for (paragraph, isFocus) in paragraphs(editor) {
            let wrapped = TextPane(paragraphs: [paragraph]).lines(width: fieldsRect.width)
            if isFocus { focusLines = lines.count..<(lines.count + wrapped.count) }
            lines += wrapped
        }
        var offset = 0
        if focusLines.upperBound > fieldsRect.height {
            offset = min(focusLines.lowerBound, focusLines.upperBound - fieldsRect.height + 1)
        }
        for (row, line) in lines.dropFirst(offset).prefix(fieldsRect.height).enumerated() {
            screen.write(line, at: Point(x: fieldsRect.x, y: fieldsRect.y + row))
        }
    }

    /// Builds the lines that stay in view: the template's title, the flagged critical result and the guideline's recommendation.
    static func header(_ editor: ReportEditor) -> [TextPane.Paragraph] {
        let template = editor.template
        var title = [Span("Report: ", .textMuted), Span(template.title, .helpHeading)]
        if editor.candidates.count > 1 {
            title.append(Span("  (template \(editor.templateIndex + 1) of \(editor.candidates.count), ctrl-t switches)", .textMuted))
        }
        var result = [TextPane.Paragraph(title)]
        if let critical = editor.critical {
            let within = countdown(until: Int64(critical.acknowledgeWithinMinutes) * 60_000, now: 0)
            result.append(TextPane.Paragraph([
                Span("Critical result: ", .error), Span("\(critical.category.level), acknowledge within \(within): ", .textEmphasis),
                Span(critical.message, .text), Span("  (ctrl-r changes)", .textMuted),
            ], hangingIndent: 2))
        }
        if let guidance = editor.guidance {
            result.append(TextPane.Paragraph([Span("Guideline: ", .helpHeading), Span(guidance, .text)], hangingIndent: 2))
        }
        return result
    }

    /// Lays out the template's sections and fields as paragraphs, each marked when it shows the focused field.
    static func paragraphs(_ editor: ReportEditor) -> [(TextPane.Paragraph, Bool)] {
        var result: [(TextPane.Paragraph, Bool)] = []
        let template = editor.template
        let focusID = editor.focusedField?.id
        func add(_ section: TemplateSection, depth: Int) {
            let indent = String(repeating: "  ", count: depth)
            result.append((TextPane.Paragraph([Span(indent + (section.heading ?? section.name), .helpHeading)]), false))
            for item in section.items {
                switch item {
                case .field(let field):
                    let isFocus = field.id == focusID
                    result.append((fieldParagraph(editor, field, indent: indent + "  ", isFocus: isFocus), isFocus))
                    if let error = editor.errors[field.id] {
                        result.append((TextPane.Paragraph([Span(indent + "  " + String(repeating: " ", count: labelWidth) + error, .error)],
                                                          hangingIndent: labelWidth + indent.count + 2), isFocus))
                    }
                case .section(let subsection):
                    add(subsection, depth: depth + 1)
                case .missingEmbed(let uid):
                    result.append((TextPane.Paragraph([Span(indent + "  (embedded template \(uid) is missing)", .warning)]), false))
                }
            }
        }
        for section in template.sections { add(section, depth: 0) }
        return result
    }

    private static func fieldParagraph(_ editor: ReportEditor, _ field: TemplateField, indent: String,
                                       isFocus: Bool) -> TextPane.Paragraph {
        let marker = isFocus ? "> " : "  "
        let required = field.isRequired ? "*" : ""
        let label = TextLayout.fit(indent + marker + field.label + required, to: labelWidth + indent.count + 1) + " "
        var spans = [Span(label, isFocus ? .textEmphasis : .textMuted)]
        let valueRole: Role = isFocus ? .input : .text
        switch field.kind {
        case .text, .textarea, .time, .date:
            let text = editor.displayText(field).replacingOccurrences(of: "\n", with: " ¶ ")
            spans.append(Span(text.isEmpty && isFocus ? " " : text, valueRole))
        case .number(let format):
            spans.append(Span(editor.displayText(field), valueRole))
            if let unit = format.unit { spans.append(Span(" " + unit, .textMuted)) }
            let range = [format.minimum, format.maximum].map { $0.map(ReportEditor.format) ?? "" }
            if format.minimum != nil || format.maximum != nil {
                spans.append(Span("  (\(range[0])–\(range[1]))", .textMuted))
            }
        case .checkbox:
            let isSet = editor.filled.values[field.id] == .flag(true)
            spans.append(Span(isSet ? "[x]" : "[ ]", valueRole))
            if isFocus { spans.append(Span("  space toggles", .textMuted)) }
        case .select(let options, let multiple):
            let chosen: [String] = switch editor.filled.values[field.id] {
            case .choice(let value)?: [value]
            case .choices(let values)?: values
            default: []
            }
            if isFocus {
                for (index, option) in options.enumerated() {
                    let key = index < ReportEditor.optionKeys.count ? String(ReportEditor.optionKeys[index]) : " "
                    let isChosen = chosen.contains(option.value)
                    spans.append(Span(isChosen ? "[\(key) \(option.label)] " : " \(key) \(option.label)  ", isChosen ? .input : .text))
                }
                spans.append(Span(multiple ? " keys toggle" : " key or space picks", .textMuted))
            } else {
                let labels = options.filter { chosen.contains($0.value) }.map(\.label)
                spans.append(Span(labels.joined(separator: ", "), .text))
            }
        }
        return TextPane.Paragraph(spans, hangingIndent: labelWidth + indent.count + 2)
    }
}
