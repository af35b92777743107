import Foundation
@testable import HilumCommands
import HilumDICOMweb
import OrthancSandbox
import XCTest

/// `hilum demo --orthanc --setup-only` with the real Orthanc, its plugins and
/// pydicom-data: the archive runs in a network namespace of its own, and
/// everything here reaches it through the demo's relay on 127.0.0.1.
final class DemoOrthancTests: CommandTestCase {
    private var demo: String { directory + "/demo" }

    /// What each pydicom-data study posts, in `OrthancSandbox.sampleNames` order,
    /// and whether the demo assigns it to the demo radiologist.
    private static let expected: [(modality: String, region: String, procedure: String, assigned: Bool)] = [
        ("CR", "CHEST", "CR CHEST", true),
        ("CT", "HEAD", "CT HEAD WITHOUT CONTRAST", true),
        ("CT", "ABDOMEN", "CT ABDOMEN", true),
        ("MR", "EXTREMITY", "MR EXTREMITY", false),
    ]

    override func tearDownWithError() throws {
        // Stops whatever a failed test left running; a no-op after a clean stop.
        if FileManager.default.fileExists(atPath: demo + "/demo.json") {
            HilumBinary.run(["demo", "stop", "--dir", demo], directory: directory)
        }
        try super.tearDownWithError()
    }

    func testFilterCopyMatchesTools() throws {
        let tools = URL(fileURLWithPath: OrthancSandbox.filterScript)
        let original = try String(contentsOf: tools, encoding: .utf8)
        XCTAssertEqual(OrthancFilterScript.source + "\n", original,
                       "Sources/HilumCommands/OrthancFilterScript.swift differs from Tools/orthanc/hilum_token_filter.py; copy the script again")
    }

    func testOrthancDemoPostsRealStudies() throws {
        let samples = try requireOrthanc()

        // 1. The demo with its archive.
        let setup = startDemo()
        XCTAssertEqual(setup.status, 0, setup.stderr + archiveLog)
        guard setup.status == 0 else { return }
        let lines = setup.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        let archiveLine = try XCTUnwrap(lines.first { $0.first == "archive" }, setup.stdout)
        XCTAssertEqual(archiveLine.count, 3, setup.stdout)
        let archiveURL = archiveLine[1]
        XCTAssertNotNil(archiveURL.wholeMatch(of: /http:\/\/127\.0\.0\.1:[0-9]+\/dicom-web/), archiveURL)
        XCTAssertEqual(archiveLine.last, demo + "/archive")
        let marker = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: demo + "/demo.json"))) as? [String: Any])
        let archivePID = try XCTUnwrap((marker["archive_pid"] as? NSNumber)?.int32Value, "demo.json names no archive_pid")
        XCTAssertEqual(marker["archive_url"] as? String, archiveURL)
        let orthancPID = try XCTUnwrap(Int32(try String(contentsOfFile: demo + "/archive/orthanc.pid", encoding: .utf8)
                                                 .trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertEqual(kill(orthancPID, 0), 0, "Orthanc runs after setup")

        // 2. The client's cases name the real studies, and their postings carry what the archive holds.
        let cases = try clientCases()
        let postings = try ledger(kind: "posting")
        var caseIDs: [String] = []
        for (index, sample) in samples.enumerated() {
            let row = try XCTUnwrap(cases.first { $0["study_uid"] as? String == sample.studyUID }, "no case for \(sample.file)")
            let caseID = try XCTUnwrap(row["case"] as? String)
            caseIDs.append(caseID)
            XCTAssertEqual(row["status"] as? String, Self.expected[index].assigned ? "assigned" : "open", sample.file)
            XCTAssertEqual(row["assignee"] as? String, Self.expected[index].assigned ? "Dr Demo Radiologist" : nil, sample.file)
            let fields = try XCTUnwrap(postings.first { $0["id"] as? String == caseID }?["fields"] as? [String: String], caseID)
            XCTAssertEqual(fields["modality"], Self.expected[index].modality, sample.file)
            XCTAssertEqual(fields["body_region"], Self.expected[index].region, sample.file)
            XCTAssertEqual(fields["procedure"], Self.expected[index].procedure, sample.file)
            XCTAssertEqual(fields["series"], "1", sample.file)
            XCTAssertEqual(fields["instances"], "1", sample.file)
        }

        // 3. The demo radiologist's grants fetch each assigned study's series through the relay with its token.
        for (index, sample) in samples.enumerated() where Self.expected[index].assigned {
            let access = HilumBinary.run(["case", "access", caseIDs[index], "--series", "--json", "--home", demo + "/radiologist"],
                                         environment: ["HILUM_PASSPHRASE_FILE": demo + "/passphrase"], directory: directory)
            XCTAssertEqual(access.status, 0, "access \(sample.file): \(access.stderr)\(archiveLog)")
            guard access.status == 0 else { continue }
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(access.stdout.utf8)) as? [String: Any], access.stdout)
            XCTAssertEqual(object["dicomweb_url"] as? String, archiveURL, sample.file)
            XCTAssertEqual(object["credential"] as? String, "study-token", sample.file)
            XCTAssertNotNil(object["history"] as? String, "no history in the grant of \(sample.file)")
            let series = try XCTUnwrap(object["series"] as? [[String: Any]], access.stdout)
            XCTAssertEqual(series.compactMap { $0["series_uid"] as? String }, [sample.seriesUID], sample.file)
        }

        // 4. Through the relay, a token for the head CT opens the head CT and is refused for the chest radiograph.
        let secret = try StudyToken.loadSecret(path: demo + "/client-northside/orthanc-token.secret")
        let headToken = try StudyToken.issue(secret: secret, studyUID: samples[1].studyUID, expiresAt: Date().addingTimeInterval(600))
        let client = DICOMwebClient(baseURL: try XCTUnwrap(URL(string: archiveURL)), auth: .studyToken(headToken))
        XCTAssertEqual(try client.series(samples[1].studyUID).compactMap { $0.string(.seriesInstanceUID) }, [samples[1].seriesUID])
        XCTAssertThrowsError(try client.series(samples[0].studyUID)) { error in
            guard case .httpStatus(_, let status) = error as? DICOMwebError else { return XCTFail("\(error)") }
            XCTAssertEqual(status, 403)
        }

        // 5. Stopping the demo ends the archive process and its Orthanc and closes the relay.
        let stopped = HilumBinary.run(["demo", "stop", "--dir", demo], directory: directory)
        XCTAssertEqual(stopped.status, 0, stopped.stderr)
        XCTAssertTrue(stopped.stdout.contains("archive (PID \(archivePID))"), stopped.stdout)
        XCTAssertFalse(isRunning(orthancPID), "Orthanc (pid \(orthancPID)) still runs after 'hilum demo stop'")
        XCTAssertFalse(isRunning(archivePID), "the archive process (pid \(archivePID)) still runs after 'hilum demo stop'")
        XCTAssertEqual(processes(mentioning: demo + "/archive"), [], "processes of the demo's archive left behind")
        XCTAssertThrowsError(try DICOMwebClient(baseURL: try XCTUnwrap(URL(string: archiveURL)), timeout: 5).series(samples[1].studyUID),
                             "the relay still answers after 'hilum demo stop'")
    }

    func testKilledArchiveTakesOrthancAlong() throws {
        _ = try requireOrthanc()
        let setup = startDemo()
        XCTAssertEqual(setup.status, 0, setup.stderr + archiveLog)
        guard setup.status == 0 else { return }
        let marker = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: demo + "/demo.json"))) as? [String: Any])
        let archivePID = try XCTUnwrap((marker["archive_pid"] as? NSNumber)?.int32Value, "demo.json names no archive_pid")
        let orthancPID = try XCTUnwrap(Int32(try String(contentsOfFile: demo + "/archive/orthanc.pid", encoding: .utf8)
                                                 .trimmingCharacters(in: .whitespacesAndNewlines)))

        // SIGKILL gives the archive process no chance to stop Orthanc itself.
        XCTAssertEqual(kill(archivePID, SIGKILL), 0)
        for _ in 0..<100 where isRunning(orthancPID) { usleep(50_000) }
        XCTAssertFalse(isRunning(orthancPID), "Orthanc (pid \(orthancPID)) outlived its archive process by 5 s")
        XCTAssertEqual(processes(mentioning: demo + "/archive"), [], "processes of the demo's archive left behind")
    }

    // MARK: - Helpers

    /// Returns the pydicom-data samples; skips, or fails under HILUM_REQUIRE_INTEGRATION, when Orthanc or namespaces are unavailable.
    private func requireOrthanc() throws -> [OrthancSandbox.Sample] {
        let sandbox = try OrthancSandbox(directory: directory + "/probe")
        do throws(OrthancUnavailable) {
            try sandbox.checkPrerequisites()
            return try sandbox.locateSamples()
        } catch {
            if ProcessInfo.processInfo.environment["HILUM_REQUIRE_INTEGRATION"] != nil { XCTFail(error.description) }
            throw XCTSkip(error.description)
        }
    }

    /// Runs `hilum demo --orthanc --setup-only`, with the test's PATH so that it finds the python3 that imports pydicom.
    private func startDemo() -> HilumRun {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return HilumBinary.run(["demo", "--dir", demo, "--orthanc", "--setup-only", "--port", "17470", "--archive-port", "18042"],
                               environment: ["PATH": path], directory: directory)
    }

    private var archiveLog: String {
        let text = (try? String(contentsOfFile: demo + "/archive/archive.log", encoding: .utf8)) ?? ""
        return text.isEmpty ? "" : "\narchive.log:\n" + text.suffix(1500)
    }

    private func clientCases() throws -> [[String: Any]] {
        let run = HilumBinary.run(["client", "cases", "--json", "--offline", "--home", demo + "/client-northside"],
                                  environment: ["HILUM_PASSPHRASE_FILE": demo + "/passphrase"], directory: directory)
        XCTAssertEqual(run.status, 0, run.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]], run.stdout)
    }

    /// Returns the node's events of `kind` as `hilum ledger log --json` prints them.
    private func ledger(kind: String) throws -> [[String: Any]] {
        let run = HilumBinary.run(["ledger", "log", "--json", "--limit", "10000", "--kind", kind, "--home", demo + "/node"],
                                  environment: ["HILUM_PASSPHRASE_FILE": demo + "/passphrase"], directory: directory)
        XCTAssertEqual(run.status, 0, run.stderr)
        return try run.stdout.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], String($0))
        }
    }

    /// True while `pid` exists and is not a zombie (an ended process not yet reaped).
    private func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let end = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: end)...].drop { $0 == " " }.first != "Z"
    }

    /// Returns the pids of running processes whose command line contains `text`.
    private func processes(mentioning text: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let command = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8) else { return false }
            return command.replacingOccurrences(of: "\0", with: " ").contains(text) && isRunning(pid)
        }
    }
}

/// The checks `hilum demo --orthanc` runs before it replaces anything.
final class DemoArchivePrerequisiteTests: XCTestCase {
    func testMissingPluginsNamePackages() throws {
        let empty = NSTemporaryDirectory() + "hilum-no-plugins-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        XCTAssertThrowsError(try DemoArchive.checkPrerequisites(directory: empty + "/archive", scratch: empty, pluginDirectory: empty)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains(empty + "/libOrthancDicomWeb.so"), message)
            XCTAssertTrue(message.contains(empty + "/libOrthancPython.so"), message)
            XCTAssertTrue(message.contains("apt-get install -y orthanc-dicomweb orthanc-python"), message)
            XCTAssertTrue(message.contains("without --orthanc"), message)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: empty + "/archive"), "nothing is written when a check fails")
    }
}
