import Foundation
import HilumDICOMweb
import HilumPreview
import OrthancSandbox
import XCTest

/// Key images from real Orthanc 1.10 behind the study-token filter, with
/// real DICOM from pydicom-data. The studies are a chest radiograph
/// (RG1_UNCR), a head CT of two instances in one series, one uncompressed
/// (693_UNCI) and one JPEG 2000 (693_J2KR), and a JPEG 2000 abdominal CT
/// (explicit_VR-UN). The archive runs first without and then with
/// Orthanc's GDCM plugin.
final class OrthancPreviewTests: XCTestCase {
    static let sampleNames = ["RG1_UNCR.dcm", "693_UNCI.dcm", "693_J2KR.dcm", "explicit_VR-UN.dcm"]
    static let jpeg2000Lossless = "1.2.840.10008.1.2.4.90"

    private var directory = ""
    private var sandbox: OrthancSandbox!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "hilum-preview-\(UUID().uuidString)"
        sandbox = try OrthancSandbox(directory: directory)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testKeyImagesThroughTokenFilter() throws {
        let samples: [OrthancSandbox.Sample]
        do throws(OrthancUnavailable) {
            try sandbox.checkPrerequisites()
            try sandbox.checkGDCM()
            samples = try sandbox.locateSamples(Self.sampleNames)
        } catch {
            // Fails when HILUM_REQUIRE_INTEGRATION is set, else skips, naming what is missing.
            if ProcessInfo.processInfo.environment["HILUM_REQUIRE_INTEGRATION"] != nil { XCTFail(error.description) }
            throw XCTSkip(error.description)
        }
        let chest = samples[0].studyUID, head = samples[1].studyUID, abdomen = samples[3].studyUID
        XCTAssertEqual(samples[2].studyUID, head, "693_J2KR is the same head CT study as 693_UNCI")
        let secretPath = directory + "/token.secret"
        let secret = try StudyToken.createSecret(path: secretPath)
        func token(_ uid: String, expiresIn seconds: TimeInterval = 3600) throws -> String {
            try StudyToken.issue(secret: secret, studyUID: uid, expiresAt: Date().addingTimeInterval(seconds))
        }

        let uploader = try sandbox.start(name: "upload", filterSecret: nil)
        let statuses: [Int]
        do {
            // Stopped before the archive opens the same storage.
            defer { Spawn.kill(uploader) }
            statuses = try sandbox.upload(samples.map(\.file), into: uploader)
        }
        XCTAssertEqual(statuses, samples.map { _ in 200 }, sandbox.log("upload"))

        // Without GDCM: uncompressed images render, JPEG 2000 ones explain why they do not.
        let steps: [PreviewPlan.Step] = [
            .init(name: "chest", studyUID: chest, token: try token(chest)),
            .init(name: "head key image", studyUID: head, token: try token(head), preset: "brain"),
            .init(name: "head lung window", studyUID: head, token: try token(head), preset: "lung"),
            .init(name: "head jpeg 2000", studyUID: head, token: try token(head), imageIndex: 0, preset: "brain"),
            .init(name: "abdomen jpeg 2000", studyUID: abdomen, token: try token(abdomen), preset: "mediastinum"),
            .init(name: "other study's token", studyUID: head, token: try token(chest)),
            .init(name: "expired token", studyUID: head, token: try token(head, expiresIn: -5)),
        ]
        let plain = try withArchive(name: "plain", gdcm: false) { try runHelper(in: $0, steps: steps) }

        let chestImage = try XCTUnwrap(plain["chest"])
        XCTAssertNil(chestImage.error, chestImage.error ?? "")
        XCTAssertEqual(chestImage.modality, "CR")
        XCTAssertEqual(chestImage.seriesCount, 1)
        XCTAssertLessThanOrEqual(chestImage.width ?? .max, 640, "the archive scales the radiograph to the viewport")
        XCTAssertGreaterThan(chestImage.greyLevels ?? 0, 50, "a radiograph has many grey levels")
        XCTAssertGreaterThan(chestImage.drawnCells ?? 0, 100, "the text rendering draws the chest")

        let headImage = try XCTUnwrap(plain["head key image"])
        XCTAssertNil(headImage.error, headImage.error ?? "")
        XCTAssertEqual(headImage.modality, "CT")
        XCTAssertEqual(headImage.instanceCount, 2)
        XCTAssertEqual(headImage.imageIndex, 1, "the key image is the middle of the series")
        XCTAssertEqual(headImage.width, 640, "the archive scales the 512-pixel slice to the 640-pixel viewport")
        XCTAssertGreaterThan(headImage.drawnCells ?? 0, 100)
        let lungWindow = try XCTUnwrap(plain["head lung window"])
        XCTAssertNil(lungWindow.error, lungWindow.error ?? "")
        XCTAssertNotEqual(lungWindow.greyLevels, headImage.greyLevels, "another window renders other greys")

        for name in ["head jpeg 2000", "abdomen jpeg 2000"] {
            let outcome = try XCTUnwrap(plain[name])
            XCTAssertEqual(outcome.transferSyntax, Self.jpeg2000Lossless, "\(name): \(outcome.error ?? "rendered") \(sandbox.log("plain"))")
            XCTAssertTrue(outcome.error?.contains("JPEG 2000 lossless") == true, outcome.error ?? "")
            XCTAssertTrue(outcome.error?.contains("orthanc-gdcm") == true, outcome.error ?? "")
        }
        for name in ["other study's token", "expired token"] {
            let outcome = try XCTUnwrap(plain[name])
            XCTAssertEqual(outcome.refused, true, "\(name): \(outcome.error ?? "no error")")
            XCTAssertTrue(outcome.error?.hasPrefix("Access refused by the archive (HTTP 403)") == true, outcome.error ?? "")
            XCTAssertNil(outcome.width, "\(name) draws no image")
        }

        // With GDCM the same JPEG 2000 images render.
        let decoding = try withArchive(name: "gdcm", gdcm: true) { try runHelper(in: $0, steps: steps.filter { $0.name.contains("jpeg 2000") }) }
        for name in ["head jpeg 2000", "abdomen jpeg 2000"] {
            let outcome = try XCTUnwrap(decoding[name])
            XCTAssertNil(outcome.error, "\(name): \(outcome.error ?? "") \(sandbox.log("gdcm"))")
            XCTAssertEqual(outcome.width, 640, name)
            XCTAssertGreaterThan(outcome.drawnCells ?? 0, 50, name)
        }
    }

    /// Starts the archive with the token filter on the uploaded storage, runs `body`, and kills it.
    private func withArchive<T>(name: String, gdcm: Bool, _ body: (pid_t) throws -> T) throws -> T {
        let archive = try sandbox.start(name: name, filterSecret: directory + "/token.secret", gdcm: gdcm)
        defer { Spawn.kill(archive) }
        try sandbox.waitUntilAnswering(archive)
        return try body(archive)
    }

    /// Runs the steps in the helper inside `orthanc`'s network namespace and returns its outcomes by name.
    private func runHelper(in orthanc: pid_t, steps: [PreviewPlan.Step]) throws -> [String: PreviewOutcome] {
        let planPath = directory + "/plan-\(UUID().uuidString).json"
        try JSONEncoder().encode(PreviewPlan(base: OrthancSandbox.dicomwebURL, steps: steps)).write(to: URL(fileURLWithPath: planPath))
        var environment = ProcessInfo.processInfo.environment
        environment[PreviewHelper.planVariable] = planPath
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let runner = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let run = try XCTUnwrap(Spawn.run(sandbox.inNamespace(of: orthanc) + [runner, "HilumPreviewTests.PreviewHelper/testHelperRunsPlan"],
                                          environment: environment, log: planPath + ".log"), "could not start nsenter")
        guard run.status == 0, let data = FileManager.default.contents(atPath: planPath + ".results") else {
            XCTFail("helper exited with \(run.status): \(run.output.suffix(2000))")
            return [:]
        }
        let outcomes = try JSONDecoder().decode([PreviewOutcome].self, from: data)
        return Dictionary(uniqueKeysWithValues: outcomes.map { ($0.name, $0) })
    }
}
