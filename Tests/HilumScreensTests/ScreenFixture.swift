import Foundation
import HilumCore
@testable import HilumCommands
import HilumLedger
import HilumNet
@testable import HilumScreens
import HilumTerminal
import HilumWorklist
import XCTest

/// The demo network built in-process at a fixed time, and the worklist of
/// its demo radiologist driven through `TerminalLoop` into a recording backend.
@MainActor
final class ScreenFixture {
    /// 2026-03-02 09:00 UTC: the demo's "now", so countdowns and times are stable.
    nonisolated static let now: Int64 = 1_772_442_000_000

    let directory: String
    let network: DemoNetwork
    let engine: SyncEngine
    let store: WorklistStore
    let app: WorklistApp
    let backend: RecordingBackend
    let loop: TerminalLoop<WorklistApp>
    let recorder = ServiceRecorder()

    /// `now` is both the demo's time and the app's clock unless `appNow`
    /// sets the clock. Actions that sign events need the wall clock, because
    /// the ledger checks event times.
    init(size: Size = Size(width: 80, height: 24), now: Int64 = ScreenFixture.now, appNow: Int64? = nil,
         externalEditor: String? = nil) throws {
        directory = NSTemporaryDirectory() + "hilum-screens-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var network = DemoNetwork(directory: directory, caseCount: 24, now: now, earlierReads: false)
        try network.generate()
        self.network = network
        try DemoCommand.write(network, nodeAddress: PeerAddress(host: "127.0.0.1", port: 9))
        let demo = try XCTUnwrap(network.members.first { $0.name == "Dr Demo Radiologist" })
        let path = demo.home + "/replica.sqlite"
        let certificate = try XCTUnwrap(LedgerReader(path: path).deviceEvent(demo.record.device))
        engine = try SyncEngine(configuration: .init(storePath: path, local: LocalIdentity(signingKey: demo.secrets.device, deviceEvent: certificate),
                                                     isNode: false), log: NodeLog(path: nil, echo: false))
        store = try WorklistStore(replicaPath: path, record: demo.record, secrets: demo.secrets, engine: engine)
        let recorder = recorder
        let clock = appNow ?? now
        let services = WorklistServices(now: { clock }, openViewer: { recorder.record(viewer: $0) },
                                        copyToClipboard: { recorder.record(copy: $0) },
                                        verifyPassphrase: { $0 == DemoNetwork.passphrase }, log: { recorder.record(log: $0) })
        app = WorklistApp(store: store, services: services, home: demo.home, externalEditor: externalEditor)
        app.start()
        backend = RecordingBackend(size: size)
        loop = TerminalLoop(app: app, backend: backend)
        loop.presentIfNeeded()
    }

    func stop() {
        engine.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Sends keys and returns the frame they produced.
    @discardableResult
    func press(_ keys: Key...) -> ScreenBuffer {
        loop.receive(keys)
        loop.presentIfNeeded()
        return frame
    }

    func type(_ text: String) {
        for character in text { press(.character(character)) }
    }

    var frame: ScreenBuffer { backend.frames.last! }

    var text: String { (0..<frame.size.height).map(frame.line).joined(separator: "\n") }
}

/// Records what the app asked of its services.
final class ServiceRecorder: @unchecked Sendable {
    // @unchecked: every access holds `lock`.
    private let lock = NSLock()
    private var viewerLinks: [String] = []
    private var copies: [String] = []
    private var logLines: [String] = []

    func record(viewer link: String) -> String? {
        lock.withLock { viewerLinks.append(link) }
        return nil
    }

    func record(copy text: String) { lock.withLock { copies.append(text) } }
    func record(log line: String) { lock.withLock { logLines.append(line) } }

    var viewed: [String] { lock.withLock { viewerLinks } }
    var copied: [String] { lock.withLock { copies } }
    var logged: [String] { lock.withLock { logLines } }
}

/// A backend that keeps every presented frame.
@MainActor
final class RecordingBackend: TerminalBackend {
    var size: Size
    private(set) var frames: [ScreenBuffer] = []

    init(size: Size) { self.size = size }

    func present(_ screen: ScreenBuffer) { frames.append(screen) }
}

/// Compares a screen with `Snapshots/NAME.txt` after replacing the demo's
/// random study UIDs. `HILUM_RECORD_SNAPSHOTS=1` writes the file instead and fails.
func assertSnapshot(_ screen: ScreenBuffer, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let directory = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Snapshots")
    let path = directory.appendingPathComponent(name + ".txt").path
    let actual = screen.snapshot().replacingOccurrences(of: #"2\.25\.[0-9]+"#, with: "2.25.UID", options: .regularExpression)
    if ProcessInfo.processInfo.environment["HILUM_RECORD_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data(actual.utf8))
        XCTFail("recorded snapshot \(name); rerun without HILUM_RECORD_SNAPSHOTS", file: file, line: line)
        return
    }
    guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
        XCTFail("snapshot \(name) missing at \(path); record it with HILUM_RECORD_SNAPSHOTS=1", file: file, line: line)
        return
    }
    guard expected != actual else { return }
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
    let detail = first.map { "line \($0.offset + 1):\n  expected \($0.element.0)\n  actual   \($0.element.1)" } ?? "line counts differ"
    XCTFail("snapshot \(name) differs at \(detail)", file: file, line: line)
}
