import Foundation
import HilumDICOMweb
import OrthancSandbox
import XCTest

/// Real Orthanc 1.10 with the DICOMweb plugin and the Hilum token filter,
/// holding four real studies from pydicom-data.
///
/// Each Orthanc runs in a private network namespace (see `OrthancSandbox`),
/// so the test starts this test runner again as a helper under `nsenter`
/// (see `NamespaceHelper`) to run the real `DICOMwebClient` there. The
/// studies are uploaded by a first instance without the filter. A second
/// instance on the same storage loads the filter and serves the checks.
final class OrthancIntegrationTests: XCTestCase {
    private var directory = ""
    private var sandbox: OrthancSandbox!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "hilum-orthanc-\(UUID().uuidString)"
        sandbox = try OrthancSandbox(directory: directory)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testStudyTokensAgainstOrthanc() throws {
        let samples: [OrthancSandbox.Sample]
        do throws(OrthancUnavailable) {
            try sandbox.checkPrerequisites()
            samples = try sandbox.locateSamples()
        } catch {
            // Fails when HILUM_REQUIRE_INTEGRATION is set, else skips, naming what is missing.
            if ProcessInfo.processInfo.environment["HILUM_REQUIRE_INTEGRATION"] != nil { XCTFail(error.description) }
            throw XCTSkip(error.description)
        }
        let secretPath = directory + "/token.secret"
        let secret = try StudyToken.createSecret(path: secretPath)

        // Phase 1: load the studies into storage through an instance without the filter.
        let uploader = try sandbox.start(name: "upload", filterSecret: nil)
        let statuses: [Int]
        do {
            // Stopped before the second instance opens the same storage.
            defer { Spawn.kill(uploader) }
            statuses = try sandbox.upload(samples.map(\.file), into: uploader)
        }
        XCTAssertEqual(statuses, samples.map { _ in 200 }, sandbox.log("upload"))

        // Phase 2: the same storage behind the token filter.
        let archive = try sandbox.start(name: "filtered", filterSecret: secretPath)
        defer { Spawn.kill(archive) }
        try sandbox.waitUntilAnswering(archive)

        let chest = samples[0].studyUID, headCT = samples[1].studyUID, abdomenCT = samples[2].studyUID, mr = samples[3].studyUID
        let inOneHour = Date().addingTimeInterval(3600)
        func token(_ uid: String, _ expiry: Date = inOneHour) throws -> String {
            try StudyToken.issue(secret: secret, studyUID: uid, expiresAt: expiry)
        }
        let otherSecret = try StudyTokenSecret(bytes: .random(32))
        let mrToken = try token(mr)
        let tampered = String(mrToken.dropLast()) + (mrToken.hasSuffix("A") ? "B" : "A")
        let pushedExpiry = mrToken.split(separator: ".").enumerated()
            .map { $0.offset == 1 ? String(Int($0.element)! + 86_400) : String($0.element) }.joined(separator: ".")

        let steps: [HelperPlan.Step] = [
            .init(kind: "study", name: "chest", uid: chest, token: try token(chest)),
            .init(kind: "study", name: "head", uid: headCT, token: try token(headCT)),
            .init(kind: "study", name: "abdomen", uid: abdomenCT, token: try token(abdomenCT)),
            .init(kind: "study", name: "mr", uid: mr, token: mrToken),
            .init(kind: "study", name: "other study", uid: mr, token: try token(chest)),
            .init(kind: "study", name: "expired", uid: mr, token: try token(mr, Date().addingTimeInterval(-5))),
            .init(kind: "study", name: "tampered mac", uid: mr, token: tampered),
            .init(kind: "study", name: "tampered expiry", uid: mr, token: pushedExpiry),
            .init(kind: "study", name: "wrong secret", uid: mr,
                  token: try StudyToken.issue(secret: otherSecret, studyUID: mr, expiresAt: inOneHour)),
            .init(kind: "study", name: "no token", uid: mr),
            .init(kind: "get", name: "bearer only", path: "/studies/\(mr)/series", token: mrToken, header: "Authorization"),
            .init(kind: "get", name: "x-hilum-token only", path: "/studies/\(mr)/series", token: mrToken, header: "X-Hilum-Token"),
            .init(kind: "get", name: "all studies", path: "/studies", token: mrToken),
            .init(kind: "get", name: "second study key", path: "/studies?StudyInstanceUID=\(mr)&0020000D=\(chest)", token: mrToken),
            .init(kind: "get", name: "uid list", path: "/studies?StudyInstanceUID=\(mr),\(chest)", token: mrToken),
            .init(kind: "get", name: "rest api", path: "/../instances", token: mrToken),
            .init(kind: "get", name: "wado-uri", path: "/../wado?requestType=WADO&studyUID=\(mr)", token: mrToken),
        ]
        let results = Dictionary(uniqueKeysWithValues: try runHelper(in: archive, steps: steps).map { ($0.name, $0) })
        let log = sandbox.log("filtered")

        let expected: [(name: String, modalities: [String], region: String, series: Int, instances: Int, procedure: String)] = [
            ("chest", ["CR"], "CHEST", 1, 1, "CR CHEST"),
            ("head", ["CT"], "HEAD", 1, 1, "CT HEAD WITHOUT CONTRAST"),
            ("abdomen", ["CT"], "ABDOMEN", 1, 1, "CT ABDOMEN"),
            ("mr", ["MR"], "EXTREMITY", 1, 1, "MR EXTREMITY"),
        ]
        for row in expected {
            let result = try XCTUnwrap(results[row.name], row.name)
            XCTAssertEqual(result.status, 200, "\(row.name): \(result.error ?? "") \(log)")
            XCTAssertEqual(result.modalities, row.modalities, row.name)
            XCTAssertEqual(result.region, row.region, row.name)
            XCTAssertEqual(result.seriesCount, row.series, row.name)
            XCTAssertEqual(result.instanceCount, row.instances, row.name)
            XCTAssertEqual(result.procedureName, row.procedure, row.name)
        }
        XCTAssertEqual(results["chest"]?.bodyParts, ["CHEST"])
        XCTAssertEqual(results["abdomen"]?.bodyParts, ["PANCREAS"])
        XCTAssertEqual(results["head"]?.contrast, false)
        XCTAssertNil(results["abdomen"]?.contrast)

        for name in ["other study", "expired", "tampered mac", "tampered expiry", "wrong secret", "no token"] {
            XCTAssertEqual(results[name]?.status, 403, "\(name): \(results[name]?.error ?? "no result")")
            XCTAssertTrue(results[name]?.error?.contains("check --auth or the study token") == true, name)
        }
        XCTAssertEqual(results["bearer only"]?.status, 200, results["bearer only"]?.error ?? "")
        XCTAssertEqual(results["x-hilum-token only"]?.status, 200, results["x-hilum-token only"]?.error ?? "")
        for name in ["all studies", "second study key", "uid list", "rest api", "wado-uri"] {
            XCTAssertEqual(results[name]?.status, 403, "\(name): \(results[name]?.error ?? "no result")")
        }
    }

    // MARK: - The helper in the namespace

    /// Runs the steps in the helper inside `orthanc`'s network namespace and returns its results.
    private func runHelper(in orthanc: pid_t, steps: [HelperPlan.Step]) throws -> [HelperResult] {
        let planPath = directory + "/plan-\(UUID().uuidString).json"
        let plan = HelperPlan(base: OrthancSandbox.dicomwebURL, steps: steps)
        try JSONEncoder().encode(plan).write(to: URL(fileURLWithPath: planPath))

        var environment = ProcessInfo.processInfo.environment
        environment[NamespaceHelper.planVariable] = planPath
        // A dead proxy: the client must not use it, even for 127.0.0.1.
        for name in ["http_proxy", "HTTP_PROXY", "all_proxy"] { environment[name] = "http://127.0.0.1:9" }
        for name in ["no_proxy", "NO_PROXY"] { environment[name] = nil }
        environment["SWIFT_BACKTRACE"] = "enable=no"

        let runner = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let run = try XCTUnwrap(Spawn.run(sandbox.inNamespace(of: orthanc) + [runner, "HilumDICOMwebTests.NamespaceHelper/testHelperRunsPlan"],
                                          environment: environment, log: planPath + ".log"), "could not start nsenter")
        let resultsPath = planPath + ".results"
        guard run.status == 0, let data = FileManager.default.contents(atPath: resultsPath) else {
            XCTFail("helper exited with \(run.status): \(run.output.suffix(2000))")
            return []
        }
        return try JSONDecoder().decode([HelperResult].self, from: data)
    }
}
