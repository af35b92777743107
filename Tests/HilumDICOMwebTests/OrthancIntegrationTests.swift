import Foundation
import HilumDICOMweb
import XCTest

/// Real Orthanc 1.10 with the DICOMweb plugin and the Hilum token filter,
/// holding four real studies from pydicom-data.
///
/// Orthanc 1.10 listens on every address, so each instance runs in a
/// private network namespace (`unshare -rn`, which works as root and, where
/// user namespaces are allowed, unprivileged). The client must run in that
/// namespace too: the test starts this test runner again as a helper under
/// `nsenter` (see `NamespaceHelper`). The studies are uploaded through
/// Orthanc's REST API by a first instance without the filter. A second
/// instance on the same storage loads the filter and serves the checks.
final class OrthancIntegrationTests: XCTestCase {
    struct Sample {
        let file: String
        let studyUID: String
    }

    private let port = 8042
    private var directory = ""
    private var tools: [String: String] = [:]

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "hilum-orthanc-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory + "/storage", withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testStudyTokensAgainstOrthanc() throws {
        try checkPrerequisites()
        let samples = try locateSamples()
        let secretPath = directory + "/token.secret"
        let secret = try StudyToken.createSecret(path: secretPath)

        // Phase 1: load the studies into storage through an instance without the filter.
        let uploader = try startOrthanc(config: orthancConfig(filter: nil), name: "upload")
        defer { Spawn.kill(uploader) }
        let uploads = try runHelper(in: uploader, steps: [.init(kind: "wait", name: "ready")]
            + samples.map { .init(kind: "upload", name: "upload \($0.file)", file: $0.file) })
        for result in uploads {
            XCTAssertEqual(result.status, 200, "\(result.name): \(result.error ?? "") \(orthancLog("upload"))")
        }
        Spawn.kill(uploader)

        // Phase 2: the same storage behind the token filter.
        let archive = try startOrthanc(config: orthancConfig(filter: secretPath), name: "filtered")
        defer { Spawn.kill(archive) }

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
            .init(kind: "wait", name: "ready"),
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
        let log = orthancLog("filtered")

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

    // MARK: - Orthanc and the namespace

    private func orthancConfig(filter secretPath: String?) -> [String: Any] {
        var plugins = ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so"]
        var config: [String: Any] = [
            "Name": "hilum-test",
            "StorageDirectory": directory + "/storage",
            "IndexDirectory": directory + "/storage",
            "HttpPort": port,
            "DicomServerEnabled": false,
            "RemoteAccessAllowed": false,
            "AuthenticationEnabled": false,
            "DicomWeb": ["Enable": true, "Root": "/dicom-web/"],
        ]
        if let secretPath {
            plugins.append("/usr/share/orthanc/plugins/libOrthancPython.so")
            config["PythonScript"] = Self.filterScript
            config["HilumTokenFilter"] = ["SecretFile": secretPath]
        }
        config["Plugins"] = plugins
        return config
    }

    /// Starts Orthanc in a new network namespace with loopback up; returns its pid
    /// (unshare and sh exec into Orthanc, so it is one process).
    private func startOrthanc(config: [String: Any], name: String) throws -> pid_t {
        let configPath = directory + "/\(name).json"
        try JSONSerialization.data(withJSONObject: config, options: [.prettyPrinted]).write(to: URL(fileURLWithPath: configPath))
        let script = "\(tools["ip"]!) link set lo up && exec \(tools["Orthanc"]!) --logdir=\(directory) \(configPath)"
        let pid = Spawn.start([tools["unshare"]!, "-rn", "/bin/sh", "-c", script],
                              environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"],
                              log: directory + "/\(name).log")
        return try XCTUnwrap(pid, "could not start unshare for Orthanc")
    }

    /// Runs the steps in the helper inside `orthanc`'s network namespace and returns its results.
    private func runHelper(in orthanc: pid_t, steps: [HelperPlan.Step]) throws -> [HelperResult] {
        let planPath = directory + "/plan-\(UUID().uuidString).json"
        let plan = HelperPlan(base: "http://127.0.0.1:\(port)/dicom-web", steps: steps)
        try JSONEncoder().encode(plan).write(to: URL(fileURLWithPath: planPath))

        var environment = ProcessInfo.processInfo.environment
        environment[NamespaceHelper.planVariable] = planPath
        // A dead proxy: the client must not use it, even for 127.0.0.1.
        for name in ["http_proxy", "HTTP_PROXY", "all_proxy"] { environment[name] = "http://127.0.0.1:9" }
        for name in ["no_proxy", "NO_PROXY"] { environment[name] = nil }
        environment["SWIFT_BACKTRACE"] = "enable=no"

        let runner = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let run = try XCTUnwrap(Spawn.run([tools["nsenter"]!, "-t", String(orthanc), "-U", "-n", "--preserve-credentials", "--",
                                           runner, "HilumDICOMwebTests.NamespaceHelper/testHelperRunsPlan"],
                                          environment: environment, log: planPath + ".log"), "could not start nsenter")
        let resultsPath = planPath + ".results"
        guard run.status == 0, let data = FileManager.default.contents(atPath: resultsPath) else {
            XCTFail("helper exited with \(run.status): \(run.output.suffix(2000))")
            return []
        }
        return try JSONDecoder().decode([HelperResult].self, from: data)
    }

    private func orthancLog(_ name: String) -> String {
        let text = (try? String(contentsOfFile: directory + "/\(name).log", encoding: .utf8)) ?? ""
        return text.isEmpty ? "" : "\nOrthanc log (\(name)):\n" + text.suffix(1500)
    }

    // MARK: - Prerequisites

    static let filterScript: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tools/orthanc/hilum_token_filter.py").path

    /// Fails when HILUM_REQUIRE_INTEGRATION is set, else skips, naming what is missing.
    private func unavailable(_ message: String) -> Error {
        let full = "Orthanc integration test cannot run: \(message)"
        if ProcessInfo.processInfo.environment["HILUM_REQUIRE_INTEGRATION"] != nil {
            XCTFail(full)
        }
        return XCTSkip(full)
    }

    private func checkPrerequisites() throws {
        let packages = [("Orthanc", "orthanc"), ("unshare", "util-linux"), ("nsenter", "util-linux"), ("ip", "iproute2"), ("python3", "python3")]
        for (tool, package) in packages {
            guard let path = Spawn.find(tool) else { throw unavailable("\(tool) not found; install the Debian package \(package)") }
            tools[tool] = path
        }
        let plugins = [("libOrthancDicomWeb.so", "orthanc-dicomweb"), ("libOrthancPython.so", "orthanc-python")]
        for (plugin, package) in plugins where !FileManager.default.fileExists(atPath: "/usr/share/orthanc/plugins/\(plugin)") {
            throw unavailable("/usr/share/orthanc/plugins/\(plugin) not found; install the Debian package \(package)")
        }
        guard FileManager.default.fileExists(atPath: Self.filterScript) else {
            throw unavailable("the filter script \(Self.filterScript) is missing from the checkout")
        }
        let probe = Spawn.run([tools["unshare"]!, "-rn", "/bin/true"], environment: [:], log: directory + "/unshare.log")
        guard probe?.status == 0 else {
            throw unavailable("'unshare -rn' failed (\(probe?.output.trimmingCharacters(in: .whitespacesAndNewlines) ?? "not started")); "
                + "user and network namespaces must be allowed (run as root, or set kernel.unprivileged_userns_clone=1)")
        }
    }

    /// Finds the four studies in pydicom-data through python3.
    private func locateSamples() throws -> [Sample] {
        let names = ["RG1_UNCR.dcm", "693_UNCI.dcm", "explicit_VR-UN.dcm", "MR2_UNCR.dcm"]
        let script = """
            import sys
            import pydicom
            from pydicom.data import get_testdata_file
            for name in sys.argv[1:]:
                path = get_testdata_file(name)
                uid = pydicom.dcmread(path, stop_before_pixels=True).StudyInstanceUID if path else ""
                print(path or "", uid)
            """
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        // The python3 on PATH is the one pip installs into (a pyenv shim, for example), so search PATH first.
        let python = environment["PATH"].flatMap { path in
            path.split(separator: ":").map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        } ?? tools["python3"]!
        let run = Spawn.run([python, "-c", script] + names, environment: environment, log: directory + "/python.log")
        guard let run, run.status == 0 else {
            throw unavailable("\(python) could not import pydicom (\(run?.output.suffix(300) ?? "not started")); "
                + "run: python3 -m pip install pydicom pydicom-data")
        }
        let lines = run.output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.filter { $0.count == 2 }
        guard lines.count == names.count else {
            throw unavailable("pydicom-data did not provide \(names.joined(separator: ", ")); run: python3 -m pip install pydicom-data")
        }
        return lines.map { Sample(file: $0[0], studyUID: $0[1]) }
    }
}
