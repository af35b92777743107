import Foundation
import OrthancSandbox
import XCTest

/// One command in a private tmux server (its own socket), driven as a
/// person would: send keys, read the pane with capture-pane.
final class TmuxPane {
    private let directory: String
    private var socket: String { directory + "/tmux.sock" }

    /// Skips (or fails under HILUM_REQUIRE_INTEGRATION) without tmux.
    static func requireTmux() throws {
        guard !FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else { return }
        let message = "tmux (/usr/bin/tmux) not found; install the Debian package tmux"
        if ProcessInfo.processInfo.environment["HILUM_REQUIRE_INTEGRATION"] != nil { XCTFail(message) }
        throw XCTSkip(message)
    }

    /// Starts `command` under `sh -c` in a `width`×`height` window; the pane stays after it ends.
    init(directory: String, command: String, width: Int, height: Int) throws {
        self.directory = directory
        let status = tmux(["new-session", "-d", "-x", String(width), "-y", String(height), "sh", "-c", command + "; sleep 300"])
        guard status == 0 else { throw OrthancSandboxFailure("tmux new-session failed with status \(status)") }
    }

    func stop() { tmux(["kill-server"]) }

    func sendKeys(_ keys: String...) { tmux(["send-keys"] + keys) }

    /// Types `text` literally.
    func type(_ text: String) { tmux(["send-keys", "-l", text]) }

    func resize(width: Int, height: Int) { tmux(["resize-window", "-x", String(width), "-y", String(height)]) }

    /// Returns the pane's text; with `escapes`, also the SGR sequences of its colours and attributes.
    func capture(escapes: Bool = false) -> String {
        tmux(["capture-pane", "-p"] + (escapes ? ["-e"] : []), output: directory + "/capture.txt")
        return (try? String(contentsOfFile: directory + "/capture.txt", encoding: .utf8)) ?? ""
    }

    /// Polls the pane until `text` shows, for up to `seconds`; returns the last capture.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 15, file: StaticString = #filePath, line: UInt = #line) -> String {
        waitUntil("\"\(text)\" shows", seconds: seconds, file: file, line: line) { $0.contains(text) }
    }

    /// Polls the pane until `condition` holds, for up to `seconds`; returns the last capture.
    @discardableResult
    func waitUntil(_ what: String, seconds: Double = 15, file: StaticString = #filePath, line: UInt = #line,
                   _ condition: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = ""
        repeat {
            screen = capture()
            if condition(screen) { return screen }
            usleep(50_000)
        } while Date() < deadline
        XCTFail("not within \(seconds) s: \(what); screen:\n\(screen)", file: file, line: line)
        return screen
    }

    /// Runs tmux with this server's socket. `output` must be a file of the test's own:
    /// Spawn.run deletes it first, so never /dev/null.
    @discardableResult
    private func tmux(_ arguments: [String], output: String? = nil) -> Int32 {
        let output = output ?? directory + "/tmux.log"
        guard let run = Spawn.run(["/usr/bin/tmux", "-f", "/dev/null", "-S", socket] + arguments,
                                  environment: ["PATH": "/usr/bin:/bin", "HOME": directory, "LANG": "C.UTF-8"], log: output) else { return -1 }
        return run.status
    }
}
