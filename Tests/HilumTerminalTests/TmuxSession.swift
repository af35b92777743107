import Foundation
import XCTest

/// A private tmux server (its own socket in a temporary directory) running
/// `hilum-terminal-check`. tmux is started with posix_spawn, because
/// Foundation.Process can hang `swift test` on Linux. `stop()` kills only
/// this server.
final class TmuxSession {
    let directory: String
    var socket: String { directory + "/tmux.sock" }

    static var checkBinary: String {
        let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: runner).deletingLastPathComponent().appendingPathComponent("hilum-terminal-check").path
    }

    /// Skips (or fails under HILUM_REQUIRE_INTEGRATION) when tmux or the check binary is missing.
    static func requirements() throws {
        var missing: [String] = []
        if !FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") { missing.append("tmux (/usr/bin/tmux)") }
        if !FileManager.default.isExecutableFile(atPath: checkBinary) { missing.append("hilum-terminal-check at \(checkBinary); run 'swift build' first") }
        guard !missing.isEmpty else { return }
        let message = "missing " + missing.joined(separator: " and ")
        if ProcessInfo.processInfo.environment["HILUM_REQUIRE_INTEGRATION"] != nil { XCTFail(message) }
        throw XCTSkip(message)
    }

    /// Starts the check in an 80×24 window. The shell prints the exit status
    /// and the terminal modes after it ends, then `MODES-DONE`, and waits so
    /// the pane stays.
    init(environment: String = "TERM=tmux-256color", arguments: String = "") throws {
        directory = NSTemporaryDirectory() + "hilum-tmux-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let command = "env LANG=C.UTF-8 SWIFT_BACKTRACE=enable=no \(environment) \(TmuxSession.checkBinary) \(arguments); "
            + "echo EXIT=$?; stty -a | tr ' ;' '\\n\\n' | grep -x -- '-\\{0,1\\}icanon\\|-\\{0,1\\}echo' | tr '\\n' ' '; echo MODES-DONE; sleep 120"
        let status = tmux(["new-session", "-d", "-x", "80", "-y", "24", "sh", "-c", command])
        guard status == 0 else { throw XCTSkip("tmux new-session failed with status \(status)") }
    }

    func stop() {
        _ = tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    func sendKeys(_ keys: String...) {
        _ = tmux(["send-keys"] + keys)
    }

    func resize(width: Int, height: Int) {
        _ = tmux(["resize-window", "-x", String(width), "-y", String(height)])
    }

    /// The visible pane as text; with `escapes`, including colour and attribute sequences.
    func capture(escapes: Bool = false) -> String {
        let output = directory + "/capture.txt"
        _ = tmux(["capture-pane", "-p"] + (escapes ? ["-e"] : []), stdout: output)
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }

    /// Polls the pane until `text` shows, for up to `seconds`; returns the last capture.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 10, file: StaticString = #filePath, line: UInt = #line) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = ""
        while Date() < deadline {
            screen = capture()
            if screen.contains(text) { return screen }
            usleep(50_000)
        }
        XCTFail("\"\(text)\" did not appear within \(seconds) s; screen:\n\(screen)", file: file, line: line)
        return screen
    }

    @discardableResult
    private func tmux(_ arguments: [String], stdout: String = "/dev/null") -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let argv = (["/usr/bin/tmux", "-f", "/dev/null", "-S", socket] + arguments).map { strdup($0) } + [nil]
        let variables: [String] = ["PATH=/usr/bin:/bin", "HOME=\(directory)", "LANG=C.UTF-8"]
        let env = variables.map { strdup($0) } + [nil]
        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/usr/bin/tmux", &actions, &attributes, argv, env)
        argv.forEach { free($0) }
        env.forEach { free($0) }
        posix_spawn_file_actions_destroy(&actions)
        posix_spawnattr_destroy(&attributes)
        guard result == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status >> 8) & 0xff
    }
}
