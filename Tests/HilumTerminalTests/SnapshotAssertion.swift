import Foundation
import XCTest
@testable import HilumTerminal

/// Compares a screen with `Snapshots/NAME.txt`. A missing or different file
/// fails; `HILUM_RECORD_SNAPSHOTS=1` writes the file instead (and still fails,
/// so a recording run never passes by accident).
func assertSnapshot(_ screen: ScreenBuffer, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let directory = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Snapshots")
    let path = directory.appendingPathComponent(name + ".txt").path
    let actual = screen.snapshot()
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
    if expected != actual {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
        let detail = first.map { "line \($0.offset + 1):\n  expected \($0.element.0)\n  actual   \($0.element.1)" } ?? "line counts differ"
        XCTFail("snapshot \(name) differs at \(detail)", file: file, line: line)
    }
}

/// A backend that keeps every presented frame.
@MainActor
final class RecordingBackend: TerminalBackend {
    var size: Size
    private(set) var frames: [ScreenBuffer] = []

    init(size: Size) { self.size = size }

    func present(_ screen: ScreenBuffer) { frames.append(screen) }

    var lastFrame: ScreenBuffer? { frames.last }
}
