import Foundation
import Glibc
import HilumDICOMweb

/// The private Orthanc of `hilum demo --orthanc`, from the host's side: the
/// checks before the demo starts, the archive directory, and the
/// `hilum demo archive` process that owns Orthanc.
///
/// Orthanc 1.10 listens on every address, so it runs in a network namespace
/// of its own. The host reaches it only through a relay that listens on
/// 127.0.0.1 (see `ArchiveRelay` for why the relay runs inside the namespace
/// with a socket created outside it).
struct DemoArchive {
    /// Programs and plugins the archive needs, with the Debian package of each.
    static let programs = [("Orthanc", "orthanc"), ("unshare", "util-linux"), ("setpriv", "util-linux"), ("ip", "iproute2")]
    /// The directory of Orthanc's plugins in Debian's orthanc-* packages.
    static let pluginDirectory = "/usr/share/orthanc/plugins"
    static let plugins = [("libOrthancDicomWeb.so", "orthanc-dicomweb"), ("libOrthancPython.so", "orthanc-python")]
    /// The first port the relay tries on 127.0.0.1.
    static let defaultPort: UInt16 = 8042

    /// A study from pydicom-data that the demo loads, as python3 and pydicom read it.
    struct Study: Decodable {
        let name: String
        let file: String
        let studyUID: String
        let modality: String
    }

    /// The demo directory's `archive` folder: configurations, storage, filter, logs.
    let directory: String
    let tools: [String: String]
    let pluginDirectory: String
    let studies: [Study]

    var logPath: String { directory + "/archive.log" }

    /// Finds Orthanc, its plugins, the namespace tools and the studies, and checks
    /// that this user may create a network namespace. `scratch` is a directory for the probes' output.
    static func checkPrerequisites(directory: String, scratch: String, pluginDirectory: String = DemoArchive.pluginDirectory) throws -> DemoArchive {
        var tools: [String: String] = [:]
        var missing: [(String, String)] = []
        for (program, package) in programs {
            if let path = ProcessLauncher.find(program) { tools[program] = path } else { missing.append((program, package)) }
        }
        for (plugin, package) in plugins where !FileManager.default.fileExists(atPath: pluginDirectory + "/" + plugin) {
            missing.append((pluginDirectory + "/" + plugin, package))
        }
        if !missing.isEmpty {
            var packages: [String] = []
            for (_, package) in missing where !packages.contains(package) { packages.append(package) }
            throw CommandError("""
                hilum demo --orthanc needs Orthanc with its DICOMweb and Python plugins: \
                \(missing.map(\.0).joined(separator: ", ")) not found. Install the Debian \
                package\(packages.count == 1 ? "" : "s") with 'apt-get install -y \(packages.joined(separator: " "))' \
                (where systemd runs, then 'systemctl disable --now orthanc' stops the system Orthanc it starts), \
                or run the demo without --orthanc
                """)
        }

        let probe = try ProcessLauncher.run([tools["unshare"]!, "-rn", "/bin/true"], environment: [:], output: scratch + "/unshare.log")
        guard probe.status == 0 else {
            throw CommandError("""
                hilum demo --orthanc cannot create a network namespace for Orthanc: 'unshare -rn' failed \
                (\(probe.output.trimmingCharacters(in: .whitespacesAndNewlines))). Run it as root, or allow \
                unprivileged user namespaces (Debian: sysctl -w kernel.unprivileged_userns_clone=1); in a \
                container, the container needs CAP_SYS_ADMIN. Or run the demo without --orthanc
                """)
        }
        let studies = try locateStudies(scratch: scratch)
        return DemoArchive(directory: directory, tools: tools, pluginDirectory: pluginDirectory, studies: studies)
    }

    /// Finds the demo's studies in pydicom-data with the first python3 on PATH
    /// (where pip installs), else the system's.
    private static func locateStudies(scratch: String) throws -> [Study] {
        let script = """
            import json
            import sys
            import pydicom
            from pydicom.data import get_testdata_file
            for name in sys.argv[1:]:
                path = get_testdata_file(name)
                if not path:
                    sys.exit("pydicom-data has no %s" % name)
                data = pydicom.dcmread(path, stop_before_pixels=True)
                print(json.dumps({"name": name, "file": path, "studyUID": data.StudyInstanceUID, "modality": data.Modality}))
            """
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" }
        guard let python = (path + ["/usr/bin/python3"]).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw CommandError("hilum demo --orthanc needs python3 with pydicom and pydicom-data: python3 not found; "
                + "install the Debian package python3, then run: python3 -m pip install pydicom pydicom-data")
        }
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        let names = DemoArchivePostings.samples.map(\.name)
        let run = try ProcessLauncher.run([python, "-c", script] + names, environment: environment, output: scratch + "/pydicom.log")
        let studies = run.output.split(separator: "\n").compactMap { try? JSONDecoder().decode(Study.self, from: Data($0.utf8)) }
        guard run.status == 0, studies.map(\.name) == names else {
            let reason = run.output.split(separator: "\n").last.map(String.init) ?? "no output"
            throw CommandError("hilum demo --orthanc loads real studies from pydicom-data, but \(python) could not read them (\(reason)); "
                + "run: python3 -m pip install pydicom pydicom-data")
        }
        return studies
    }

    /// Writes the archive directory: the study-token filter, and the two
    /// Orthanc configurations, of which only `orthanc.json` loads the filter
    /// with the secret in `secretPath`.
    func prepare(secretPath: String) throws {
        try FileManager.default.createDirectory(atPath: directory + "/storage", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let filterPath = directory + "/hilum_token_filter.py"
        try (OrthancFilterScript.source + "\n").write(toFile: filterPath, atomically: true, encoding: .utf8)
        for (name, filtered) in [("orthanc-upload", false), ("orthanc", true)] {
            var plugins = [pluginDirectory + "/libOrthancDicomWeb.so"]
            var configuration: [String: Any] = [
                "Name": "hilum-demo",
                "StorageDirectory": directory + "/storage",
                "IndexDirectory": directory + "/storage",
                "HttpPort": Int(DemoArchiveCommand.orthancPort),
                "DicomServerEnabled": false,
                // The namespace has only a loopback interface, and Orthanc allows nothing else either.
                "RemoteAccessAllowed": false,
                // Orthanc's basic authentication would reject the study token before the filter checks it.
                "AuthenticationEnabled": false,
                "DicomWeb": ["Enable": true, "Root": "/dicom-web/"],
            ]
            if filtered {
                plugins.append(pluginDirectory + "/libOrthancPython.so")
                configuration["PythonScript"] = filterPath
                configuration["HilumTokenFilter"] = ["SecretFile": secretPath]
            }
            configuration["Plugins"] = plugins
            try JSONSerialization.data(withJSONObject: configuration, options: [.prettyPrinted, .sortedKeys])
                .write(to: URL(fileURLWithPath: directory + "/\(name).json"))
        }
    }

    /// Starts `hilum demo archive` in a new network namespace, in a session of
    /// its own so it outlives this command, and waits until it relays. Calls
    /// `started` with its pid and the relay's port on 127.0.0.1 as soon as it
    /// runs, so the demo records it even if this command ends before it is ready.
    /// Returns the same pid and port.
    func start(port: UInt16, started: (pid_t, UInt16) throws -> Void) throws -> (pid: pid_t, port: UInt16) {
        let listener = try ArchiveRelay.listenLoopback(startingAt: port)
        defer { close(listener.descriptor) }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let arguments = [tools["unshare"]!, "-rn", "--", executable, "demo", "archive", "--dir", directory, "--listen-fd", "3"]
            + studies.flatMap { ["--study", $0.file] }
        let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8",
                           "SWIFT_BACKTRACE": "enable=no"]
        let pid = try ProcessLauncher.start(arguments, environment: environment, output: logPath, newSession: true,
                                            descriptor: listener.descriptor)
        do {
            try started(pid, listener.port)
        } catch {
            Self.stop(pid)
            throw error
        }
        // Uploading starts and stops one Orthanc before the archive's own starts; stopping takes about 4 s.
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline {
            if log.contains(DemoArchiveCommand.readyLine) { return (pid, listener.port) }
            if let status = ProcessLauncher.waitForExit(pid, blocking: false) {
                throw CommandError("the demo archive exited with status \(status) while starting:\n\(logTail)")
            }
            usleep(100_000)
        }
        Self.stop(pid)
        throw CommandError("the demo archive did not start within 90 s; see \(logPath)")
    }

    private var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
    private var logTail: String { log.split(separator: "\n").suffix(8).joined(separator: "\n") }

    /// Stops a demo archive process, only if `pid` still runs `hilum demo archive`,
    /// and waits up to 20 s until it and its Orthanc have ended. Returns whether it stopped one.
    @discardableResult
    static func stop(_ pid: pid_t) -> Bool {
        guard ProcessLauncher.isAlive(pid), let command = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8),
              command.contains("hilum"), command.contains("demo\0archive\0") else { return false }
        kill(pid, SIGTERM)
        // It stops Orthanc first, which takes about 4 s, and kills it after 10 s.
        for _ in 0..<200 where ProcessLauncher.isAlive(pid) {
            _ = ProcessLauncher.waitForExit(pid, blocking: false)
            usleep(100_000)
        }
        if ProcessLauncher.isAlive(pid) {
            // Its Orthanc dies with it (setpriv --pdeathsig KILL).
            kill(pid, SIGKILL)
            _ = ProcessLauncher.waitForExit(pid, blocking: false)
        }
        return true
    }
}
