import HilumCore
import HilumPreview
@testable import HilumScreens
import HilumTerminal
import XCTest

/// The Case screen's preview column, driven with results posted as the
/// preview service posts them. The service's own queue is never drained
/// here, so only the results a test posts reach the app.
@MainActor
final class CasePreviewTests: XCTestCase {
    private static let size = Size(width: 132, height: 43)

    private func openCase() throws -> ScreenFixture {
        let fixture = try ScreenFixture(size: Self.size)
        fixture.app.previewService = PreviewService(mode: .symbols(.none), queue: EventQueue(), timeout: 1)
        fixture.press(.character("2"))
        fixture.press(.enter)
        return fixture
    }

    /// Posts a result for the newest request, with two series of three images each.
    private func post(_ outcome: Result<RenderedPreview, PreviewError>, to fixture: ScreenFixture, generation: Int? = nil,
                      seriesIndex: Int = 0, imageIndex: Int = 1) {
        let series = [PreviewSeries(uid: "1.2.3.1", number: 1, modality: "CT", description: "Axial 5mm"),
                      PreviewSeries(uid: "1.2.3.2", number: 2, modality: "CT", description: "Coronal")]
        let update = PreviewUpdate(generation: generation ?? fixture.app.preview.generation, caseID: fixture.app.preview.caseID!,
                                   series: series, instances: ["1.2.3.1": ["1", "2", "3"], "1.2.3.2": ["4", "5", "6"]],
                                   seriesIndex: seriesIndex, imageIndex: imageIndex, outcome: outcome)
        fixture.loop.queue.post(.preview(update))
        fixture.loop.drainQueue()
        fixture.loop.presentIfNeeded()
    }

    private func rendered(columns: Int, rows: Int) -> RenderedPreview {
        let image = RGBAImage.testCard(width: 256, height: 256)
        return RenderedPreview(picture: ChafaRenderer.render(image, columns: columns, rows: rows, mode: .symbols(.none)), image: image,
                               columns: columns, rows: rows, renderMilliseconds: 1)
    }

    func testOpenCaseStartsLoading() async throws {
        let fixture = try openCase()
        defer { fixture.stop() }
        XCTAssertEqual(fixture.app.preview.generation, 1)
        XCTAssertTrue(fixture.text.contains("Loading the key image from the archive"), fixture.text)
        XCTAssertTrue(fixture.text.contains("Patient history"), "the case's text stays on the left:\n\(fixture.text)")
    }

    func testImageShowsWithCaption() async throws {
        let fixture = try openCase()
        defer { fixture.stop() }
        let box = fixture.app.previewBox
        post(.success(rendered(columns: box.width, rows: box.height)), to: fixture)
        XCTAssertTrue(fixture.text.contains("Series 1/2  CT Axial 5mm"), fixture.text)
        XCTAssertTrue(fixture.text.contains("image 2/3  archive window"), fixture.text)
        XCTAssertGreaterThan(fixture.text.count { "█▀▄▌▐".contains($0) }, 100, fixture.text)
        XCTAssertTrue(fixture.recorder.logged.contains { $0.hasPrefix("preview of case ") && $0.contains("drawn in") }, "\(fixture.recorder.logged)")
    }

    func testStaleResultIsIgnored() async throws {
        let fixture = try openCase()
        defer { fixture.stop() }
        post(.failure(.accessRefused(status: 403)), to: fixture, generation: 0)
        XCTAssertFalse(fixture.text.contains("Access refused"), fixture.text)
        XCTAssertTrue(fixture.text.contains("Loading the key image"), fixture.text)
    }

    func testRefusalShowsAccessRefused() async throws {
        let fixture = try openCase()
        defer { fixture.stop() }
        post(.failure(.accessRefused(status: 403)), to: fixture)
        XCTAssertTrue(fixture.text.contains("Access refused by the archive (HTTP 403)"), fixture.text)
        XCTAssertTrue(fixture.recorder.logged.contains { $0.hasSuffix("failed: access refused (HTTP 403)") }, "\(fixture.recorder.logged)")
    }

    func testKeysPageSeriesImagesAndWindows() async throws {
        let fixture = try openCase()
        defer { fixture.stop() }
        post(.success(rendered(columns: 20, rows: 10)), to: fixture)

        fixture.press(.character("."))
        XCTAssertEqual(fixture.app.preview.imageIndex, 2)
        XCTAssertEqual(fixture.app.preview.generation, 2, "each page asks the service again")
        fixture.press(.character("."))
        XCTAssertEqual(fixture.app.preview.imageIndex, 0, "paging wraps around")
        fixture.press(.character(","))
        XCTAssertEqual(fixture.app.preview.imageIndex, 2)

        fixture.press(.character("]"))
        XCTAssertEqual(fixture.app.preview.seriesIndex, 1)
        XCTAssertNil(fixture.app.preview.imageIndex, "a new series starts at its key image")
        fixture.press(.character("["))
        XCTAssertEqual(fixture.app.preview.seriesIndex, 0)

        fixture.press(.character("W"))
        XCTAssertEqual(fixture.app.preview.preset, .lung)
        XCTAssertTrue(fixture.text.contains("Window: lung C-600 W1500"), fixture.text)
        XCTAssertTrue(fixture.text.contains("Loading the key image"), fixture.text)
    }

    func testPagingNeedsAnOpenCase() async throws {
        let fixture = try ScreenFixture(size: Self.size)
        defer { fixture.stop() }
        fixture.app.previewService = PreviewService(mode: .symbols(.none), queue: EventQueue(), timeout: 1)
        fixture.press(.character("]"))
        XCTAssertTrue(fixture.text.contains("Unavailable: open a case first (Enter)"), fixture.text)
    }

    func testLockDropsTheImage() async throws {
        let fixture = try openCase()
        defer { fixture.stop() }
        post(.success(rendered(columns: 20, rows: 10)), to: fixture)
        fixture.press(.character("L"))
        guard case .idle = fixture.app.preview.status else { return XCTFail("the image outlived the lock: \(fixture.app.preview.status)") }
        XCTAssertTrue(fixture.app.preview.series.isEmpty)
    }

    /// A sixel image rendered for a larger box (before a resize) is not sent, because the terminal cannot crop it.
    func testOversizedSequenceWaitsForRedraw() {
        let image = RGBAImage.testCard(width: 256, height: 256)
        var preview = CasePreview()
        preview.status = .shown(RenderedPreview(picture: ChafaRenderer.render(image, columns: 40, rows: 20, mode: .sixel), image: image,
                                                columns: 40, rows: 20, renderMilliseconds: 1))
        let drawn = drawPreview(preview, in: Rect(x: 10, y: 0, width: 50, height: 30))
        XCTAssertEqual(drawn.graphics.count, 1)
        XCTAssertEqual(drawn.graphics.first?.origin, Point(x: 16, y: 2), "centred in the 48 columns right of the border")
        XCTAssertEqual(drawn.graphics.first?.size, Size(width: 40, height: 20))

        let smaller = drawPreview(preview, in: Rect(x: 10, y: 0, width: 30, height: 30))
        XCTAssertEqual(smaller.graphics, [])
        XCTAssertTrue(smaller.text.contains("Redrawing the image"), smaller.text)
    }

    private func drawPreview(_ preview: CasePreview, in rect: Rect) -> (graphics: [TerminalGraphic], text: String) {
        var screen = ScreenBuffer(size: Size(width: rect.maxX, height: rect.maxY))
        preview.render(into: &screen, in: rect, graphicsAllowed: true)
        return (screen.graphics, (0..<screen.size.height).map(screen.line).joined(separator: "\n"))
    }

    func testNoServiceKeepsFullWidth() async throws {
        let fixture = try ScreenFixture(size: Self.size)
        defer { fixture.stop() }
        fixture.press(.character("2"))
        fixture.press(.enter)
        XCTAssertFalse(fixture.text.contains("[ ] series"), fixture.text)
    }
}
