import HilumCore
import HilumTerminal
import HilumWorklist

/// The Feedback screen: the clinicians' questions and ratings on this
/// radiologist's reports above, the selected thread beside the report it
/// concerns below. It keeps the only copy of the decrypted threads, and
/// `wipe` drops them.
struct FeedbackScreen {
    private(set) var threads: [FeedbackThread] = []
    var table: TableView
    var pane = TextPane(paragraphs: [])
    /// Set when reading the threads failed, shown in place of the list.
    private(set) var failure: String?
    /// Threads with a saved reply or addendum draft, marked in the list.
    var drafted: Set<EventID> = []

    init() {
        table = TableView(columns: [
            TableColumn("Age", width: .fixed(7), alignment: .right),
            TableColumn("Kind", width: .fixed(9)),
            TableColumn("From", width: .flex(minimum: 10, weight: 1)),
            TableColumn("Study", width: .flex(minimum: 12, weight: 2)),
            TableColumn("State", width: .fixed(14)),
        ])
        table.emptyMessage = "No feedback on your reports yet. Clinicians' questions and ratings show here."
        table.sortColumn = nil
    }

    var selected: FeedbackThread? { table.selection.flatMap { threads.indices.contains($0) ? threads[$0] : nil } }

    /// Replaces the threads, keeping the selection on the same thread.
    mutating func show(_ newThreads: [FeedbackThread], overdueAfter limit: Int64, now: Int64) {
        let keep = selected?.id
        let offset = pane.scrollOffset
        threads = newThreads
        failure = nil
        table.setRowCount(threads.count)
        if let keep, let position = threads.firstIndex(where: { $0.id == keep }) {
            table.select(position)
        }
        refreshPane(overdueAfter: limit, now: now)
        if selected?.id == keep {
            for _ in 0..<offset { _ = pane.perform(.cursorDown) }
        }
    }

    mutating func showFailure(_ text: String) {
        wipe()
        failure = text
    }

    /// Redraws the detail pane for the selected thread.
    mutating func refreshPane(overdueAfter limit: Int64, now: Int64) {
        pane = TextPane(paragraphs: selected.map { Self.paragraphs($0, overdueAfter: limit, now: now, drafted: drafted.contains($0.id)) } ?? [])
    }

    /// Forgets every decrypted thread.
    mutating func wipe() {
        threads = []
        table.setRowCount(0)
        pane = TextPane(paragraphs: [])
    }

    /// Draws the list in the upper part of `body` and the selected thread below it.
    mutating func render(into screen: inout ScreenBuffer, in body: Rect, overdueAfter limit: Int64, now: Int64) {
        screen.fill(body, role: .text)
        if let failure {
            screen.write(failure, at: Point(x: 1, y: body.y + 1), role: .error, limit: body.width - 2)
            return
        }
        let listHeight = min(max(4, body.height * 2 / 5), max(2, threads.count + 1))
        let list = Rect(x: body.x, y: body.y, width: body.width, height: threads.isEmpty ? body.height : listHeight)
        let rows = threads
        let drafted = drafted
        table.render(into: &screen, in: list) { row, column in
            Self.cell(rows[row], column: column, overdueAfter: limit, now: now, drafted: drafted.contains(rows[row].id))
        }
        guard !threads.isEmpty, body.height > listHeight + 1 else { return }
        let rule = String(repeating: "─", count: max(0, body.width))
        screen.write(rule, at: Point(x: body.x, y: body.y + listHeight), role: .textMuted, limit: body.width)
        let detail = Rect(x: body.x + 1, y: body.y + listHeight + 1, width: body.width - 2, height: body.height - listHeight - 1)
        pane.render(into: &screen, in: detail)
    }

    static func cell(_ thread: FeedbackThread, column: Int, overdueAfter limit: Int64, now: Int64, drafted: Bool) -> Span {
        let overdue = thread.isOverdue(now: now, limit: limit)
        switch column {
        case 0: return Span(countdown(until: now, now: thread.givenAt), overdue ? .deadlineOverdue : .row)
        case 1: return Span(kind(thread), thread.isQuestion ? .textEmphasis : .row)
        case 2: return Span(thread.clinicianName, .row)
        case 3: return Span(thread.procedure, .row)
        default:
            if overdue { return Span(drafted ? "overdue, draft" : "overdue", .deadlineOverdue) }
            if thread.awaitsReply { return Span(drafted ? "awaiting, draft" : "awaiting reply", .deadlineSoon) }
            if thread.isAnswered { return Span("answered", .studyReported) }
            return Span(drafted ? "draft" : "", drafted ? .syncPending : .row)
        }
    }

    /// "question", "rating 4", or "comment" for a message without a rating.
    static func kind(_ thread: FeedbackThread) -> String {
        if thread.isQuestion { return "question" }
        return thread.rating.map { "rating \($0)" } ?? "comment"
    }

    static func paragraphs(_ thread: FeedbackThread, overdueAfter limit: Int64, now: Int64, drafted: Bool) -> [TextPane.Paragraph] {
        var lines: [TextPane.Paragraph] = []
        var label = "Comment"
        if thread.isQuestion {
            label = "Question"
        } else if thread.message == nil {
            label = "Rating"
        }
        var heading = [Span("\(label) from \(thread.clinicianName), \(Formatting.time(thread.givenAt))", .helpHeading)]
        if thread.isOverdue(now: now, limit: limit) {
            heading.append(Span("  unanswered for \(countdown(until: now, now: thread.givenAt))", .deadlineOverdue))
        } else if thread.awaitsReply {
            heading.append(Span("  awaiting your reply", .deadlineSoon))
        }
        lines.append(TextPane.Paragraph(heading))
        if let rating = thread.rating {
            lines.append(TextPane.Paragraph([Span("Rating ", .textMuted), Span("\(rating) of 5", .textEmphasis)]))
        }
        if let message = thread.message {
            for line in message.split(separator: "\n", omittingEmptySubsequences: false) {
                lines.append(TextPane.Paragraph([Span("  " + line, .text)], hangingIndent: 2))
            }
        }

        lines.append(TextPane.Paragraph([]))
        lines.append(TextPane.Paragraph([Span("Your report: \(thread.modality) \(thread.region), \(thread.procedure), signed \(Formatting.time(thread.reportSignedAt))",
                                              .helpHeading)]))
        for line in thread.reportExcerpt.split(separator: "\n") {
            lines.append(TextPane.Paragraph([Span("  " + line, .textMuted)], hangingIndent: 2))
        }

        for reply in thread.replies {
            lines.append(TextPane.Paragraph([]))
            let addendum = reply.addendumID.map { ", with addendum \($0.short)" } ?? ""
            lines.append(TextPane.Paragraph([Span("You replied \(Formatting.time(reply.at))\(addendum)", .studyReported)]))
            for line in reply.text.split(separator: "\n", omittingEmptySubsequences: false) {
                lines.append(TextPane.Paragraph([Span("  " + line, .text)], hangingIndent: 2))
            }
        }
        if drafted {
            lines.append(TextPane.Paragraph([]))
            lines.append(TextPane.Paragraph([Span("A draft is saved for this thread; reply or addendum continues it.", .syncPending)]))
        }
        for note in thread.notes {
            lines.append(TextPane.Paragraph([Span("Note: " + note, .warning)]))
        }
        return lines
    }
}
