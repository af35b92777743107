import HilumLedger
import HilumTerminal

/// The Me screen: this radiologist's quality figures with their definitions,
/// their quality-measure rates, and how clients' routing policies treated their bids.
enum MeScreen {
    static func paragraphs(_ metrics: QualityMetrics?, routing: RoutingRecord? = nil, measures: [QualityFigure] = [],
                           error: String?) -> [TextPane.Paragraph] {
        guard let metrics else {
            return [TextPane.Paragraph([Span(error ?? "Quality figures are not loaded.", .textMuted)])]
        }
        var lines = [TextPane.Paragraph([Span("Quality figures as of \(Formatting.time(metrics.asOf))", .helpHeading)])]
        for figure in metrics.figures {
            lines.append(TextPane.Paragraph([]))
            let value = figure.formatted { format($0, of: figure) }
            lines.append(TextPane.Paragraph([Span(figure.name + ": ", .textEmphasis), Span(value, .text)], hangingIndent: 2))
            lines.append(TextPane.Paragraph([Span("  " + figure.definition, .textMuted)], hangingIndent: 2))
        }
        if metrics.reviews > 0 {
            lines.append(TextPane.Paragraph([]))
            let scores = metrics.radpeer.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            lines.append(TextPane.Paragraph([Span("Peer review (RADPEER) \(metrics.reviews): ", .textEmphasis), Span(scores, .text)]))
        }
        if let routing { lines += routingParagraphs(routing) }
        if !measures.isEmpty { lines += measureParagraphs(measures) }
        return lines
    }

    /// Lists each measure's rate, or "too few cases", with its definition and source.
    static func measureParagraphs(_ measures: [QualityFigure]) -> [TextPane.Paragraph] {
        var lines = [TextPane.Paragraph([]), TextPane.Paragraph([Span("Quality measures (MIPS)", .helpHeading)])]
        for figure in measures {
            lines.append(TextPane.Paragraph([]))
            let value = figure.formatted { format($0, of: figure) }
            lines.append(TextPane.Paragraph([Span(figure.name + ": ", .textEmphasis), Span(value, .text)], hangingIndent: 2))
            lines.append(TextPane.Paragraph([Span("  " + figure.definition, .textMuted)], hangingIndent: 2))
        }
        return lines
    }

    /// "Routing: picked 3, passed over 2" and the figures that passed the bids over.
    static func routingParagraphs(_ routing: RoutingRecord) -> [TextPane.Paragraph] {
        var lines = [TextPane.Paragraph([]), TextPane.Paragraph([Span("Routing by clients' policies", .helpHeading)])]
        lines.append(TextPane.Paragraph([Span("picked \(routing.picked), passed over \(routing.passedOver)", .text)]))
        if routing.passedOver > 0 {
            lines.append(TextPane.Paragraph([Span("passed over by: ", .textEmphasis), Span(routing.breakdown, .text)], hangingIndent: 2))
        }
        lines.append(TextPane.Paragraph([Span("  bids on cases whose client published a routing decision: picked, or passed over "
                                                  + "for the public figure named", .textMuted)], hangingIndent: 2))
        return lines
    }

    /// Shares as percentages, times (milliseconds in the ledger) as a duration, ratings with one decimal.
    static func format(_ value: Double, of figure: QualityFigure) -> String {
        if figure.definition.hasPrefix("share") { return "\(Int((value * 100).rounded())) %" }
        if figure.definition.contains("time from") || figure.name.hasSuffix("median") && figure.name.contains("acknowledgment") {
            let minutes = Int((value / 60_000).rounded())
            return minutes < 60 ? "\(minutes) min" : "\(minutes / 60) h \(minutes % 60) min"
        }
        return String(format: "%.1f", value)
    }
}
