import HilumCore
import HilumPreview
import HilumTerminal

/// The key-image preview beside the Case screen's text: which series,
/// image and window show, and what the preview service last returned. It
/// stores the decoded image, which is patient data: `wipe` drops it.
struct CasePreview {
    enum Status {
        /// Nothing requested: the reason shows instead of an image.
        case idle(String)
        case loading
        case shown(RenderedPreview)
        case failed(PreviewError)
    }

    private(set) var caseID: EventID?
    var series: [PreviewSeries] = []
    var instances: [String: [String]] = [:]
    var seriesIndex = 0
    /// nil until the first image arrives: the service then picks the middle one.
    var imageIndex: Int?
    var presetIndex = 0
    var status = Status.idle("No case open.")
    /// Increases with every request, so a late result of an older one is ignored.
    private(set) var generation = 0
    /// The box the last request asked to fill, to notice a resize.
    var requestedBox: Size?

    /// Starts over for another case, keeping nothing of the previous one.
    mutating func reset(for caseID: EventID, modality: String) {
        self = CasePreview()
        self.caseID = caseID
        self.modality = modality
    }

    /// Drops the image and the study's layout, as the lock does with every decrypted case.
    mutating func wipe() {
        let caseID = self.caseID
        self = CasePreview()
        self.caseID = caseID
    }

    /// The case's modality from the posting, used for presets until the series are known.
    private(set) var modality = ""

    var presets: [WindowPreset] {
        WindowPreset.presets(forModality: series.indices.contains(seriesIndex) ? series[seriesIndex].modality : modality)
    }

    var preset: WindowPreset { presets[min(presetIndex, presets.count - 1)] }

    mutating func nextGeneration() -> Int {
        generation += 1
        return generation
    }

    /// The current series' image count, 0 while unknown.
    var imageCount: Int {
        guard series.indices.contains(seriesIndex) else { return 0 }
        return instances[series[seriesIndex].uid]?.count ?? 0
    }

    // MARK: - Drawing

    /// Returns the preview's width in a Case screen body of `width`, or 0 when the body is too narrow for one.
    static func width(inBody width: Int) -> Int {
        width >= 60 ? min(100, width * 2 / 5) : 0
    }

    /// Returns the cells the picture may fill in a preview column of `rect`. The
    /// border column, two caption lines and the key line take the rest.
    static func pictureBox(in rect: Rect) -> Size {
        Size(width: max(1, rect.width - 2), height: max(1, rect.height - 3))
    }

    func render(into screen: inout ScreenBuffer, in rect: Rect, graphicsAllowed: Bool) {
        screen.fill(rect, role: .text)
        for y in rect.y..<rect.maxY { screen.write("│", at: Point(x: rect.x, y: y), role: .textMuted) }
        let inner = Rect(x: rect.x + 2, y: rect.y, width: rect.width - 2, height: rect.height)
        screen.write(captionLines[0], at: Point(x: inner.x, y: inner.y), role: .textEmphasis, limit: inner.width)
        screen.write(captionLines[1], at: Point(x: inner.x, y: inner.y + 1), role: .textMuted, limit: inner.width)
        screen.write("[ ] series  , . image  W window", at: Point(x: inner.x, y: inner.maxY - 1), role: .hintLabel, limit: inner.width)
        let area = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 3)

        switch status {
        case .idle(let text):
            write(text, in: area, role: .textMuted, into: &screen)
        case .loading:
            write("Loading the key image from the archive…", in: area, role: .textMuted, into: &screen)
        case .failed(let error):
            write(error.description, in: area, role: .error, into: &screen)
        case .shown(let rendered):
            draw(rendered.picture, in: area, graphicsAllowed: graphicsAllowed, into: &screen)
        }
    }

    private var captionLines: [String] {
        guard series.indices.contains(seriesIndex) else { return ["Key image", preset.label] }
        let current = series[seriesIndex]
        let name = [current.modality, current.description].filter { !$0.isEmpty }.joined(separator: " ")
        let image = imageIndex.map { "image \($0 + 1)/\(imageCount)" } ?? "key image"
        return ["Series \(seriesIndex + 1)/\(series.count)  \(name)", "\(image)  \(preset.label)"]
    }

    private func write(_ text: String, in area: Rect, role: Role, into screen: inout ScreenBuffer) {
        for (offset, line) in TextLayout.wrap(text, width: max(1, area.width)).prefix(area.height).enumerated() {
            screen.write(line, at: Point(x: area.x, y: area.y + offset), role: role, limit: area.width)
        }
    }

    private func draw(_ picture: PreviewPicture, in area: Rect, graphicsAllowed: Bool, into screen: inout ScreenBuffer) {
        let columns = min(picture.columns, area.width), rows = min(picture.rows, area.height)
        let origin = Point(x: area.x + (area.width - columns) / 2, y: area.y)
        switch picture {
        case let .cells(width, _, cells):
            for y in 0..<rows {
                for x in 0..<columns {
                    let cell = cells[y * width + x]
                    let colors = cell.foreground == nil && cell.background == nil
                        ? nil : CellColors(foreground: cell.foreground, background: cell.background)
                    screen.putImageCell(cell.symbol, colors: colors, at: Point(x: origin.x + x, y: origin.y + y), role: .text)
                }
            }
        case let .sequence(text, width, height):
            guard graphicsAllowed else {
                write("The image hides while a dialog is open.", in: area, role: .textMuted, into: &screen)
                return
            }
            // The terminal cannot crop a sixel or kitty image to the box. After a resize shrinks the box, the old
            // image would cover the key line and the status bar, so nothing is drawn until the resized one arrives.
            guard width <= area.width, height <= area.height else {
                write("Redrawing the image for the new size…", in: area, role: .textMuted, into: &screen)
                return
            }
            screen.graphics.append(TerminalGraphic(origin: origin, size: Size(width: width, height: height), sequence: text, id: generation))
        }
    }
}
