import Foundation

/// Real Orthanc 1.10 with the DICOMweb plugin, and optionally the Python
/// plugin running Hilum's study-token filter, for integration tests.
///
/// Orthanc 1.10 listens on every address, so each instance runs in a
/// private network namespace (`unshare -rn`, which works as root and, where
/// user namespaces are allowed, unprivileged). The test process cannot reach
/// that namespace: its clients run under the `nsenter` prefix that
/// `inNamespace(of:)` returns. Studies are uploaded through Orthanc's REST
/// API by an instance without the filter, because the filter shuts that API.
public final class OrthancSandbox {
    /// A study from pydicom-data and the DICOM attributes the tests check.
    public struct Sample: Decodable, Sendable {
        public let file: String
        public let studyUID: String
        public let seriesUID: String
        public let modality: String
        public let patientName: String
        public let patientID: String
        public let accessionNumber: String
    }

    public static let port = 8042
    public static let dicomwebURL = "http://127.0.0.1:\(port)/dicom-web"

    /// Four real studies: a chest radiograph, a head CT, an abdominal CT and an MR.
    public static let sampleNames = ["RG1_UNCR.dcm", "693_UNCI.dcm", "explicit_VR-UN.dcm", "MR2_UNCR.dcm"]

    public static let filterScript: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tools/orthanc/hilum_token_filter.py").path

    public let directory: String
    private var tools: [String: String] = [:]
    /// The interpreter that imports pydicom, set by `locateSamples`.
    private var python = ""

    /// Uses `directory` (created if missing) for Orthanc's storage, configuration and logs.
    public init(directory: String) throws {
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory + "/storage", withIntermediateDirectories: true)
    }

    // MARK: - Prerequisites

    /// Finds Orthanc, its plugins, the filter script and the namespace tools,
    /// and checks that `unshare -rn` works here.
    public func checkPrerequisites() throws(OrthancUnavailable) {
        let packages = [("Orthanc", "orthanc"), ("unshare", "util-linux"), ("nsenter", "util-linux"), ("ip", "iproute2"), ("python3", "python3")]
        for (tool, package) in packages {
            guard let path = Spawn.find(tool) else { throw OrthancUnavailable("\(tool) not found; install the Debian package \(package)") }
            tools[tool] = path
        }
        let plugins = [("libOrthancDicomWeb.so", "orthanc-dicomweb"), ("libOrthancPython.so", "orthanc-python")]
        for (plugin, package) in plugins where !FileManager.default.fileExists(atPath: "/usr/share/orthanc/plugins/\(plugin)") {
            throw OrthancUnavailable("/usr/share/orthanc/plugins/\(plugin) not found; install the Debian package \(package)")
        }
        guard FileManager.default.fileExists(atPath: Self.filterScript) else {
            throw OrthancUnavailable("the filter script \(Self.filterScript) is missing from the checkout")
        }
        let probe = Spawn.run([tools["unshare"]!, "-rn", "/bin/true"], environment: [:], log: directory + "/unshare.log")
        guard probe?.status == 0 else {
            throw OrthancUnavailable("'unshare -rn' failed (\(probe?.output.trimmingCharacters(in: .whitespacesAndNewlines) ?? "not started")); "
                + "user and network namespaces must be allowed (run as root, or set kernel.unprivileged_userns_clone=1)")
        }
    }

    /// Orthanc's GDCM decoder plugin (Debian package orthanc-gdcm).
    public static let gdcmPlugin = "/usr/share/orthanc/plugins/libOrthancGdcm.so"

    /// Throws unless the GDCM plugin is installed.
    public func checkGDCM() throws(OrthancUnavailable) {
        guard FileManager.default.fileExists(atPath: Self.gdcmPlugin) else {
            throw OrthancUnavailable("\(Self.gdcmPlugin) not found; install the Debian package orthanc-gdcm")
        }
    }

    /// Finds `names` in pydicom-data through python3 and reads their attributes.
    public func locateSamples(_ names: [String] = sampleNames) throws(OrthancUnavailable) -> [Sample] {
        let script = """
            import json
            import sys
            import pydicom
            from pydicom.data import get_testdata_file
            print(sys.executable)
            for name in sys.argv[1:]:
                path = get_testdata_file(name)
                if not path:
                    continue
                data = pydicom.dcmread(path, stop_before_pixels=True)
                print(json.dumps({"file": path, "studyUID": data.StudyInstanceUID, "seriesUID": data.SeriesInstanceUID,
                                  "modality": data.Modality, "patientName": str(data.get("PatientName", "")),
                                  "patientID": data.get("PatientID", ""), "accessionNumber": data.get("AccessionNumber", "")}))
            """
        // The python3 on PATH is the one pip installs into (a pyenv shim, for example), so search PATH first.
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidate = searchPath.split(separator: ":").map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? tools["python3"] ?? "/usr/bin/python3"
        let run = Spawn.run([candidate, "-c", script] + names, environment: pythonEnvironment, log: directory + "/python.log")
        guard let run, run.status == 0 else {
            throw OrthancUnavailable("\(candidate) could not import pydicom (\(run?.output.suffix(300) ?? "not started")); "
                + "run: python3 -m pip install pydicom pydicom-data")
        }
        let lines = run.output.split(separator: "\n").map(String.init)
        let samples = lines.dropFirst().compactMap { try? JSONDecoder().decode(Sample.self, from: Data($0.utf8)) }
        guard let executable = lines.first, samples.count == names.count else {
            throw OrthancUnavailable("pydicom-data did not provide \(names.joined(separator: ", ")); run: python3 -m pip install pydicom-data")
        }
        python = executable
        return samples
    }

    // MARK: - Orthanc

    /// Starts Orthanc in a new network namespace with loopback up and returns its pid
    /// (unshare and sh exec into Orthanc, so it is one process). With
    /// `filterSecret` it loads the Python plugin and the token filter with that secret file.
    /// With `gdcm` it also loads the GDCM plugin, which decodes JPEG 2000 and other compressed images.
    public func start(name: String, filterSecret: String?, gdcm: Bool = false) throws -> pid_t {
        let configPath = directory + "/\(name).json"
        try JSONSerialization.data(withJSONObject: configuration(filterSecret: filterSecret, gdcm: gdcm), options: [.prettyPrinted])
            .write(to: URL(fileURLWithPath: configPath))
        let script = "\(tools["ip"]!) link set lo up && exec \(tools["Orthanc"]!) --logdir=\(directory) \(configPath)"
        guard let pid = Spawn.start([tools["unshare"]!, "-rn", "/bin/sh", "-c", script],
                                    environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"],
                                    log: directory + "/\(name).log") else {
            throw OrthancSandboxFailure("could not start \(tools["unshare"]!) for Orthanc '\(name)'")
        }
        do {
            try waitForNamespace(of: pid, name: name)
        } catch {
            Spawn.kill(pid)
            throw error
        }
        return pid
    }

    /// Waits up to 5 s until `pid` is in a network namespace of its own. Until
    /// unshare has made it, nsenter would join this process's namespaces, and
    /// fails with EINVAL for the user namespace.
    private func waitForNamespace(of pid: pid_t, name: String) throws {
        let own = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/net")
        for _ in 0..<100 {
            if let other = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/net"), other != own { return }
            usleep(50_000)
        }
        throw OrthancSandboxFailure("Orthanc '\(name)' (pid \(pid)) has no network namespace of its own after 5 s\(log(name))")
    }

    private func configuration(filterSecret: String?, gdcm: Bool) -> [String: Any] {
        var plugins = ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so"]
        if gdcm { plugins.append(Self.gdcmPlugin) }
        var config: [String: Any] = [
            "Name": "hilum-test",
            "StorageDirectory": directory + "/storage",
            "IndexDirectory": directory + "/storage",
            "HttpPort": Self.port,
            "DicomServerEnabled": false,
            "RemoteAccessAllowed": false,
            "AuthenticationEnabled": false,
            "DicomWeb": ["Enable": true, "Root": "/dicom-web/"],
        ]
        if let filterSecret {
            plugins.append("/usr/share/orthanc/plugins/libOrthancPython.so")
            config["PythonScript"] = Self.filterScript
            config["HilumTokenFilter"] = ["SecretFile": filterSecret]
        }
        config["Plugins"] = plugins
        return config
    }

    /// Returns the `nsenter` prefix that runs a command (an absolute path) in `orthanc`'s
    /// user and network namespaces. nsenter execs the command without forking,
    /// so the pid that `Spawn.start` returns is the command's.
    public func inNamespace(of orthanc: pid_t) -> [String] {
        [tools["nsenter"]!, "-t", String(orthanc), "-U", "-n", "--preserve-credentials", "--"]
    }

    /// Waits up to 10 s until `orthanc` responds to HTTP with any status (so 403 from the filter counts).
    public func waitUntilAnswering(_ orthanc: pid_t) throws {
        _ = try upload([], into: orthanc)
    }

    /// Waits until `orthanc` responds, then POSTs each file to its REST API's
    /// /instances. Returns the HTTP status per file, in order.
    public func upload(_ files: [String], into orthanc: pid_t) throws -> [Int] {
        let script = """
            import sys
            import time
            import urllib.error
            import urllib.request

            base = sys.argv[1]
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

            def status(request):
                try:
                    with opener.open(request, timeout=5) as response:
                        return response.status
                except urllib.error.HTTPError as error:
                    return error.code

            for attempt in range(100):
                try:
                    status(base + "/system")
                    break
                except OSError:
                    time.sleep(0.1)
            else:
                sys.exit("Orthanc at %s did not answer within 10 s" % base)
            for path in sys.argv[2:]:
                with open(path, "rb") as handle:
                    request = urllib.request.Request(base + "/instances", data=handle.read(),
                                                     headers={"Content-Type": "application/dicom"})
                print(status(request))
            """
        precondition(!python.isEmpty, "call locateSamples before upload")
        let log = directory + "/upload-\(UUID().uuidString).log"
        let arguments = inNamespace(of: orthanc) + [python, "-c", script, "http://127.0.0.1:\(Self.port)"] + files
        guard let run = Spawn.run(arguments, environment: pythonEnvironment, log: log) else {
            throw OrthancSandboxFailure("could not start \(tools["nsenter"]!)")
        }
        let statuses = run.output.split(separator: "\n").compactMap { Int($0) }
        guard run.status == 0, statuses.count == files.count else {
            throw OrthancSandboxFailure("upload into Orthanc exited with \(run.status): \(run.output.suffix(1000))")
        }
        return statuses
    }

    /// Returns the end of the Orthanc instance's log, for failure messages.
    public func log(_ name: String) -> String {
        let text = (try? String(contentsOfFile: directory + "/\(name).log", encoding: .utf8)) ?? ""
        return text.isEmpty ? "" : "\nOrthanc log (\(name)):\n" + text.suffix(1500)
    }

    private var pythonEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        return environment
    }
}

/// A missing prerequisite of the Orthanc integration tests, with how to install it.
public struct OrthancUnavailable: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = "Orthanc integration test cannot run: " + description }
}

/// A failure to start or drive Orthanc once its prerequisites are present.
public struct OrthancSandboxFailure: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
