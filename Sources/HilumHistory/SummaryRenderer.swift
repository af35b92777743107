import Foundation

/// Renders a summary as plain text lines no wider than a given width. Long
/// text wraps; a word longer than a line is split. Nothing is dropped.
public enum SummaryRenderer {
    /// Below this, indentation would leave no room; narrower requests use it.
    public static let minimumWidth = 20

    /// - Parameters:
    ///   - showIdentity: include the patient's name and birth date (for the radiologist's screen, never for logs).
    ///   - showProvenance: add each item's reason and source resource.
    public static func render(_ summary: HistorySummary, width: Int = 80, showIdentity: Bool = false,
                              showProvenance: Bool = true) -> [String] {
        let width = max(width, minimumWidth)
        var lines: [String] = []

        var patient: [String] = []
        if showIdentity, let name = summary.patientName { patient.append(name) }
        patient.append(summary.ageYears.map { "\($0) y" } ?? "age unknown")
        patient.append(summary.sex ?? "sex unknown")
        if showIdentity, let birthDate = summary.birthDate { patient.append("born \(birthDate)") }
        if summary.deceased { patient.append("deceased") }
        lines += wrap("Patient: " + patient.joined(separator: ", "), width: width, indent: 2)
        let contrast = summary.study.contrast ? "with contrast" : "without contrast"
        lines += wrap("Study: \(summary.study.modality) \(summary.study.bodyRegion) \(contrast)", width: width, indent: 2)

        if summary.sections.isEmpty {
            lines.append("")
            lines += wrap("No entries in the record match the rules for this study.", width: width, indent: 0)
        }
        for section in summary.sections {
            lines.append("")
            lines += wrap(section.heading.uppercased(), width: width, indent: 2)
            for item in section.items {
                lines += itemLines(item, width: width, showProvenance: showProvenance)
            }
            if section.omittedCount > 0 {
                lines += wrap("  … and \(section.omittedCount) older", width: width, indent: 4)
            }
        }

        if !summary.notes.isEmpty {
            lines.append("")
            lines += wrap("NOT READ OR LEFT OUT", width: width, indent: 2)
            for note in summary.notes {
                lines += wrap("  - " + note, width: width, indent: 4)
            }
        }
        return lines
    }

    static func itemLines(_ item: HistorySummary.Item, width: Int, showProvenance: Bool) -> [String] {
        var text = item.text
        if let value = item.value { text += ": \(value)" }
        if let status = item.status { text += " [\(status)]" }
        if item.occurrences > 1 {
            text += " (\(item.occurrences) times" + (item.firstDate.map { ", since \(dayPart($0))" } ?? "") + ")"
        }
        let date = item.date.map(dayPart) ?? "undated"
        // From 40 columns the text starts after the date, so wrapped lines align;
        // narrower, the date gets a line of its own and the text is indented under it.
        let wide = width >= 40
        let datePrefix = wide ? "  " + date.padding(toLength: 10, withPad: " ", startingAt: 0) + "  " : "    "
        let indent = String(repeating: " ", count: datePrefix.count)
        let textWidth = width - datePrefix.count
        var column = wrap(text, width: textWidth, indent: 0)
        if let detail = item.detail {
            column += wrap(detail, width: textWidth, indent: 0)
        }
        if showProvenance {
            column += wrap("(\(item.why); \(item.source.label))", width: textWidth, indent: 0)
        }
        let lines = column.enumerated().map { ($0.offset == 0 ? datePrefix : indent) + $0.element }
        return wide ? lines : ["  " + date] + lines
    }

    /// Word-wraps `text` to `width` characters; continuation lines start with
    /// `indent` spaces. Widths count Characters.
    /// NOTE: East Asian wide characters take two terminal columns but count as one here.
    public static func wrap(_ text: String, width: Int, indent: Int) -> [String] {
        let indent = min(indent, width / 2)
        let padding = String(repeating: " ", count: indent)
        var lines: [String] = []
        var current = ""
        // Leading spaces of the first line are kept; later runs of spaces become one.
        let leading = String(text.prefix(while: { $0 == " " }))
        let words = text.dropFirst(leading.count).split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        // Capped so a line of only spaces cannot leave no room for text.
        current = String(leading.prefix(width / 2))
        var lineHasWord = false
        for word in words {
            var word = word
            let separator = lineHasWord ? " " : ""
            if current.count + separator.count + word.count <= width {
                current += separator + word
                lineHasWord = true
                continue
            }
            if lineHasWord {
                lines.append(current)
                current = padding
                lineHasWord = false
            }
            // A word longer than the room left is split across lines.
            while current.count + word.count > width {
                let room = width - current.count
                lines.append(current + word.prefix(room))
                word = String(word.dropFirst(room))
                current = padding
            }
            current += word
            lineHasWord = !word.isEmpty
        }
        if lineHasWord || lines.isEmpty {
            lines.append(current)
        }
        return lines
    }
}
