import Dispatch
import HilumCore
import HilumLedger
import HilumPreview
import HilumTerminal
import Synchronization

/// A request from the Case screen to the preview service: the study of a
/// grant, the series and image to show (nil for the first series and its
/// middle image, the key image), the window and the box to draw in.
struct PreviewRequest: Sendable {
    var generation: Int
    var caseID: EventID
    var grant: GrantPayload
    /// Known from an earlier result, so paging does not list them again.
    var series: [PreviewSeries]?
    var instances: [String: [String]]
    var seriesIndex: Int
    var imageIndex: Int?
    var preset: WindowPreset
    var columns: Int
    var rows: Int
    /// Set to redraw an image already fetched (after a resize) without asking the archive again.
    var image: RGBAImage?
}

/// A finished preview request, posted back to the worklist's queue.
public struct PreviewUpdate: Sendable {
    let generation: Int
    let caseID: EventID
    let series: [PreviewSeries]
    let instances: [String: [String]]
    let seriesIndex: Int
    let imageIndex: Int
    let outcome: Result<RenderedPreview, PreviewError>
}

/// A drawn preview and the image it came from, kept for redrawing at another size.
struct RenderedPreview: Sendable {
    var picture: PreviewPicture
    var image: RGBAImage
    var columns: Int
    var rows: Int
    var renderMilliseconds: Double
}

/// Fetches and draws previews on a serial queue of its own and posts each
/// result as `WorklistMessage.preview`, as background sync posts the lists:
/// the main actor never waits for the archive. Only the newest request
/// matters, so one that is superseded while queued is dropped.
public final class PreviewService: Sendable {
    public let mode: PreviewMode
    private let queue: EventQueue<WorklistMessage>
    private let work = DispatchQueue(label: "hilum.preview")
    private let newest = Atomic<Int>(0)
    private let timeout: Double

    /// `timeout` is in seconds, for each request to the archive.
    public init(mode: PreviewMode, queue: EventQueue<WorklistMessage>, timeout: Double = 15) {
        self.mode = mode
        self.queue = queue
        self.timeout = timeout
    }

    func request(_ request: PreviewRequest) {
        newest.store(request.generation, ordering: .relaxed)
        work.async { [self] in
            guard newest.load(ordering: .relaxed) == request.generation else { return }
            queue.post(.preview(run(request)))
        }
    }

    private func run(_ request: PreviewRequest) -> PreviewUpdate {
        var series = request.series ?? []
        var instances = request.instances
        var seriesIndex = request.seriesIndex
        var imageIndex = request.imageIndex ?? 0
        func finish(_ outcome: Result<RenderedPreview, PreviewError>) -> PreviewUpdate {
            PreviewUpdate(generation: request.generation, caseID: request.caseID, series: series, instances: instances,
                          seriesIndex: seriesIndex, imageIndex: imageIndex, outcome: outcome)
        }
        do throws(PreviewError) {
            let image: RGBAImage
            if let known = request.image {
                image = known
            } else {
                let grant = request.grant
                let previewer = try StudyPreviewer(dicomwebURL: grant.dicomwebURL, studyUID: grant.studyUID,
                                                   credentialKind: grant.credential.kind, token: grant.credential.token,
                                                   user: grant.credential.user, password: grant.credential.password, timeout: timeout)
                if series.isEmpty { series = try previewer.series() }
                seriesIndex = min(max(0, seriesIndex), series.count - 1)
                let uid = series[seriesIndex].uid
                if instances[uid] == nil { instances[uid] = try previewer.instances(of: uid) }
                let list = instances[uid] ?? []
                imageIndex = min(max(0, request.imageIndex ?? list.count / 2), list.count - 1)
                let cell = TerminalGraphics.cellPixelSize() ?? .fallback
                // Ask the archive for about the pixels the box shows (chafa samples 8x8 per symbol cell, and
                // sixel and kitty draw cell pixels), which keeps large radiographs quick to send and decode.
                // Orthanc 1.10 pads the image to the viewport's shape, so the viewport is square: most
                // radiographs and every axial CT slice are nearly square.
                let side = min(2048, request.columns * cell.width, request.rows * cell.height)
                let viewport = (width: side, height: side)
                image = try previewer.image(series: uid, instance: list[imageIndex], preset: request.preset, viewport: viewport)
            }
            let cell = TerminalGraphics.cellPixelSize() ?? .fallback
            let start = ContinuousClock.now
            let picture = ChafaRenderer.render(image, columns: request.columns, rows: request.rows, mode: mode, cell: cell)
            let elapsed = ContinuousClock.now - start
            let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            return finish(.success(RenderedPreview(picture: picture, image: image, columns: request.columns, rows: request.rows,
                                                   renderMilliseconds: milliseconds)))
        } catch {
            return finish(.failure(error))
        }
    }
}
