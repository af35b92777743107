import HilumCore
import HilumPreview
import HilumTerminal
import HilumWorklist

extension WorklistApp {
    /// Starts the preview of a case just opened, unless it already shows that case.
    func startPreviewIfNeeded(_ detail: CaseDetail) {
        guard preview.caseID != detail.caseID || preview.generation == 0 else { return }
        preview.reset(for: detail.caseID, modality: detail.modality)
        requestPreview()
    }

    /// Asks the preview service for the current series, image and window of
    /// the open case, or for `image` drawn again at the current size.
    func requestPreview(reusing image: RGBAImage? = nil) {
        guard let service = previewService else {
            preview.status = .idle("Image preview is off: the worklist runs without a terminal, or HILUM_PREVIEW is off.")
            return
        }
        guard let detail = caseScreen.detail, let grant = detail.grant else {
            preview.status = .idle("No image preview: there is no access grant for you on this case.")
            return
        }
        let box = previewBox
        preview.requestedBox = box
        if image == nil { preview.status = .loading }
        service.request(PreviewRequest(generation: preview.nextGeneration(), caseID: detail.caseID, grant: grant,
                                       series: preview.series.isEmpty ? nil : preview.series, instances: preview.instances,
                                       seriesIndex: preview.seriesIndex, imageIndex: preview.imageIndex, preset: preview.preset,
                                       columns: box.width, rows: box.height, image: image))
    }

    /// Shows a finished preview, unless a newer request or the lock made it stale.
    func previewArrived(_ update: PreviewUpdate) -> Redraw {
        guard !isLocked, update.generation == preview.generation, update.caseID == preview.caseID else { return .none }
        preview.series = update.series
        preview.instances = update.instances
        preview.seriesIndex = update.seriesIndex
        preview.imageIndex = update.imageIndex
        switch update.outcome {
        case .success(let rendered):
            preview.status = .shown(rendered)
            services.log("preview of case \(update.caseID.short): series \(update.seriesIndex + 1), image \(update.imageIndex + 1), "
                + "\(preview.preset.rawValue) window, drawn in \(Int(rendered.renderMilliseconds.rounded())) ms")
        case .failure(let error):
            preview.status = .failed(error)
            services.log("preview of case \(update.caseID.short) failed: \(Self.logKind(of: error))")
        }
        // The series and image counts decide which paging keys work.
        updateAvailability()
        return [.body, .hints]
    }

    /// Pages the preview for one of the preview commands.
    func pagePreview(_ id: CommandID) -> Redraw {
        switch id {
        case .nextSeries, .previousSeries:
            let count = preview.series.count
            preview.seriesIndex = (preview.seriesIndex + (id == .nextSeries ? 1 : count - 1)) % count
            preview.imageIndex = nil
            preview.presetIndex = 0
        case .nextImage, .previousImage:
            let count = preview.imageCount
            preview.imageIndex = ((preview.imageIndex ?? 0) + (id == .nextImage ? 1 : count - 1)) % count
        default:
            preview.presetIndex = (preview.presetIndex + 1) % preview.presets.count
            show("Window: \(preview.preset.label)")
        }
        requestPreview()
        return [.body, .status]
    }

    /// Returns why a preview command cannot run now, or nil when it can.
    func previewUnavailability(_ id: CommandID) -> String? {
        if screen != .caseDetail || editor != nil || caseScreen.detail == nil { return "open a case first (Enter)" }
        if previewService == nil { return "image preview is off" }
        if caseScreen.detail?.grant == nil { return "this case has no access grant for you" }
        switch id {
        case .nextSeries, .previousSeries:
            return preview.series.count > 1 ? nil : (preview.series.isEmpty ? "the series list has not arrived" : "the study has one series")
        case .nextImage, .previousImage:
            return preview.imageCount > 1 ? nil : (preview.imageCount == 0 ? "the image list has not arrived" : "the series has one image")
        default:
            return preview.presets.count > 1 ? nil : "window presets are for CT images"
        }
    }

    /// Returns the preview's rectangle in the Case screen's body, or nil when the body is too narrow.
    static func previewRect(inBody body: Rect) -> Rect? {
        let width = CasePreview.width(inBody: body.width)
        guard width > 0 else { return nil }
        return Rect(x: body.maxX - width, y: body.y, width: width, height: body.height)
    }

    /// The picture's box for the body drawn last.
    var previewBox: Size {
        let rect = Self.previewRect(inBody: lastBody) ?? Rect(x: 0, y: 0, width: 32, height: 20)
        return CasePreview.pictureBox(in: rect)
    }

    /// Returns a failure's kind for the log, without the archive's URL (it names the study).
    private static func logKind(of error: PreviewError) -> String {
        switch error {
        case .accessRefused(let status): "access refused (HTTP \(status))"
        case .cannotDecode(let syntax): "archive cannot decode transfer syntax \(syntax ?? "unknown")"
        case .noImages: "no images"
        case .invalidGrant: "invalid grant"
        case .invalidImage: "invalid image"
        case .archive: "archive request failed"
        }
    }
}
