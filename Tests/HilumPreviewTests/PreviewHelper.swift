import Foundation
import HilumPreview
import XCTest

/// The previews that the integration test requests from the helper inside Orthanc's network namespace.
struct PreviewPlan: Codable {
    struct Step: Codable {
        var name: String
        var studyUID: String
        var token: String
        /// The image by index in its series (sorted by instance number, then UID); nil for the key image.
        var imageIndex: Int? = nil
        var preset: String = WindowPreset.archive.rawValue
    }

    var base: String
    var steps: [Step]
}

/// What one step returned, written back for the test to check.
struct PreviewOutcome: Codable {
    var name: String
    var seriesCount: Int? = nil
    var modality: String? = nil
    var instanceCount: Int? = nil
    var imageIndex: Int? = nil
    var width: Int? = nil
    var height: Int? = nil
    /// Non-blank cells of a 40x20 text-symbol rendering.
    var drawnCells: Int? = nil
    /// Distinct grey levels in the decoded image.
    var greyLevels: Int? = nil
    var error: String? = nil
    var refused: Bool? = nil
    var transferSyntax: String? = nil
}

/// Runs a `PreviewPlan` with the real `StudyPreviewer`. The integration
/// test starts this test runner again under `nsenter` with
/// HILUM_PREVIEW_HELPER_PLAN set, because only processes inside Orthanc's
/// private network namespace reach it.
final class PreviewHelper: XCTestCase {
    static let planVariable = "HILUM_PREVIEW_HELPER_PLAN"

    func testHelperRunsPlan() throws {
        guard let planPath = ProcessInfo.processInfo.environment[Self.planVariable] else {
            throw XCTSkip("runs only as the Orthanc preview test's helper inside its network namespace")
        }
        let plan = try JSONDecoder().decode(PreviewPlan.self, from: Data(contentsOf: URL(fileURLWithPath: planPath)))
        let outcomes = plan.steps.map { run($0, base: plan.base) }
        try JSONEncoder().encode(outcomes).write(to: URL(fileURLWithPath: planPath + ".results"))
    }

    private func run(_ step: PreviewPlan.Step, base: String) -> PreviewOutcome {
        var outcome = PreviewOutcome(name: step.name)
        do throws(PreviewError) {
            let previewer = try StudyPreviewer(dicomwebURL: base, studyUID: step.studyUID, credentialKind: "study-token",
                                               token: step.token, user: nil, password: nil, timeout: 10)
            let series = try previewer.series()
            outcome.seriesCount = series.count
            outcome.modality = series.first?.modality
            let instances = try previewer.instances(of: series[0].uid)
            outcome.instanceCount = instances.count
            let index = step.imageIndex ?? instances.count / 2
            outcome.imageIndex = index
            let image = try previewer.image(series: series[0].uid, instance: instances[index],
                                            preset: WindowPreset(rawValue: step.preset) ?? .archive, viewport: (640, 640))
            outcome.width = image.width
            outcome.height = image.height
            outcome.greyLevels = Set(stride(from: 0, to: image.pixels.count, by: 4).map { image.pixels[$0] }).count
            if case let .cells(_, _, cells) = ChafaRenderer.render(image, columns: 40, rows: 20, mode: .symbols(.none)) {
                outcome.drawnCells = cells.filter { $0.symbol != " " }.count
            }
        } catch {
            outcome.error = error.description
            if case .accessRefused = error { outcome.refused = true }
            if case let .cannotDecode(syntax) = error { outcome.transferSyntax = syntax ?? "unknown" }
        }
        return outcome
    }
}
