import HilumCore
import HilumHistory
import HilumTerminal
import HilumWorklist

/// The Case screen: one case in full. It keeps the only copy of the
/// decrypted grant, history and prior reports, and `wipe` drops them.
struct CaseScreen {
    private(set) var caseID: EventID?
    private(set) var detail: CaseDetail?
    var pane = TextPane(paragraphs: [])

    /// The link to the study: the viewer URL from the grant, else the DICOMweb study URL.
    var accessLink: String? {
        guard let grant = detail?.grant else { return nil }
        if let viewer = grant.viewerURL, !viewer.isEmpty { return viewer }
        return grant.dicomwebURL + "/studies/" + grant.studyUID
    }

    mutating func show(_ detail: CaseDetail, now: Int64) {
        let sameCase = caseID == detail.caseID
        caseID = detail.caseID
        self.detail = detail
        let offset = pane.scrollOffset
        pane = TextPane(paragraphs: Self.paragraphs(detail, link: accessLink, now: now))
        if sameCase {
            for _ in 0..<offset { _ = pane.perform(.cursorDown) }
        }
    }

    /// Forgets the decrypted case; `caseID` stays so the case can be opened again after unlocking.
    mutating func wipe() {
        detail = nil
        pane = TextPane(paragraphs: [])
    }

    static func paragraphs(_ detail: CaseDetail, link: String?, now: Int64) -> [TextPane.Paragraph] {
        var lines: [TextPane.Paragraph] = []
        func heading(_ text: String) {
            if !lines.isEmpty { lines.append(TextPane.Paragraph([])) }
            lines.append(TextPane.Paragraph([Span(text, .helpHeading)]))
        }
        func field(_ name: String, _ value: String, _ role: Role = .text) {
            lines.append(TextPane.Paragraph([Span(TextLayout.fit(name, to: 14), .textMuted), Span(value, role)], hangingIndent: 14))
        }

        heading("\(detail.priority.label)  \(detail.modality) \(detail.region)  \(detail.procedure)")
        field("Status", detail.assignee.map { "\(detail.status) to \($0)" } ?? detail.status)
        field("Client", detail.client)
        field("Jurisdiction", detail.jurisdiction + (detail.subspecialty.map { ", subspecialty \($0)" } ?? ""))
        field("Price", Formatting.amount(detail.price, detail.currency))
        field("Posted", Formatting.time(detail.postedAt))
        field("Deadline", "\(Formatting.time(detail.deadlineAt))  (\(countdown(until: detail.deadlineAt, now: now)))",
              .deadline(detail.deadlineAt, now: now))
        if let assignedAt = detail.assignedAt { field("Assigned", Formatting.time(assignedAt)) }
        field("Images", "\(detail.seriesCount) series, \(detail.instanceCount) instances")
        if !detail.aiFindings.isEmpty { field("AI findings", detail.aiFindings) }

        heading("Access")
        if let grant = detail.grant, let link {
            field("Link", link, .textEmphasis)
            field("Credential", grant.credential.kind + (detail.grantExpiresAt.map { ", until \(Formatting.time($0))" } ?? ""))
            field("Keys", "v opens the viewer, c copies the link")
            let patient = grant.patient
            field("Patient", [patient.name, patient.sex, patient.birthDate.map { "born \($0)" }].compactMap { $0 }.joined(separator: ", "))
            if let id = patient.patientID { field("Patient ID", id) }
            if let accession = patient.accessionNumber { field("Accession", accession) }
            if let clinician = grant.clinicianName { field("Referrer", clinician) }
        } else {
            lines.append(TextPane.Paragraph([Span("No access grant for you on this case: it opens once the client assigns it to you.", .textMuted)]))
        }

        heading("Patient history")
        if let history = detail.history {
            for line in SummaryRenderer.render(history, width: 400, showIdentity: true, showProvenance: false) {
                let indent = line.prefix { $0 == " " }.count
                lines.append(TextPane.Paragraph([Span(line, .text)], hangingIndent: indent + 2))
            }
        } else {
            lines.append(TextPane.Paragraph([Span("No history summary in the grant.", .textMuted)]))
        }

        heading("Prior reports")
        if detail.priorReports.isEmpty {
            lines.append(TextPane.Paragraph([Span("None in this ledger for this patient.", .textMuted)]))
        }
        for report in detail.priorReports {
            lines.append(TextPane.Paragraph([Span(Formatting.time(report.signedAt) + "  ", .textMuted), Span(report.procedure, .textEmphasis)]))
            for paragraph in report.text.split(separator: "\n", omittingEmptySubsequences: false) {
                lines.append(TextPane.Paragraph([Span("  " + paragraph, .text)], hangingIndent: 2))
            }
        }

        heading("Bids and assignment")
        if detail.bids.isEmpty {
            lines.append(TextPane.Paragraph([Span("No bids yet.", .textMuted)]))
        }
        for bid in detail.bids {
            let text = "\(Formatting.time(bid.at))  \(bid.radiologist)  \(Formatting.amount(bid.price, bid.currency)), \(bid.turnaroundMinutes) min"
            lines.append(TextPane.Paragraph([Span(text + (bid.withdrawn ? "  (withdrawn)" : ""), bid.withdrawn ? .textMuted : .text)]))
        }
        if let assignee = detail.assignee, let assignedAt = detail.assignedAt {
            lines.append(TextPane.Paragraph([Span("\(Formatting.time(assignedAt))  assigned to \(assignee)", .textEmphasis)]))
        }
        for note in detail.notes {
            lines.append(TextPane.Paragraph([Span("Note: " + note, .warning)], hangingIndent: 6))
        }
        return lines
    }
}
