import Foundation
import XCTest

/// A private tmux server (its own socket) running one shell command, and a
/// runner for other `hilum` processes. Everything starts with posix_spawn,
/// because Foundation.Process can hang `swift test` on Linux; `stop()` kills
/// only this server.
final class Tmux {
    let directory: String
    var socket: String { directory + "/tmux.sock" }

    /// The `hilum` binary next to the test bundle.
    static var hilum: String {
        let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: runner).deletingLastPathComponent().appendingPathComponent("hilum").path
    }

    /// Skips (or fails under HILUM_REQUIRE_INTEGRATION) when tmux or the binary is missing.
    static func requirements() throws {
        var missing: [String] = []
        if !FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") { missing.append("tmux (/usr/bin/tmux)") }
        if !FileManager.default.isExecutableFile(atPath: hilum) { missing.append("hilum at \(hilum); run 'swift build' first") }
        guard !missing.isEmpty else { return }
        let message = "missing " + missing.joined(separator: " and ")
        if ProcessInfo.processInfo.environment["HILUM_REQUIRE_INTEGRATION"] != nil { XCTFail(message) }
        throw XCTSkip(message)
    }

    /// Starts `command` under `sh -c` in a `width`×`height` window; the pane stays after it ends.
    init(directory: String, command: String, width: Int = 100, height: Int = 30) throws {
        self.directory = directory
        let status = tmux(["new-session", "-d", "-x", String(width), "-y", String(height), "sh", "-c", command + "; sleep 300"])
        guard status == 0 else { throw XCTSkip("tmux new-session failed with status \(status)") }
    }

    func stop() { _ = tmux(["kill-server"]) }

    func sendKeys(_ keys: String...) { _ = tmux(["send-keys"] + keys) }

    /// Types `text` literally.
    func type(_ text: String) { _ = tmux(["send-keys", "-l", text]) }

    func resize(width: Int, height: Int) { _ = tmux(["resize-window", "-x", String(width), "-y", String(height)]) }

    func capture() -> String {
        let output = directory + "/capture.txt"
        _ = tmux(["capture-pane", "-p"], stdout: output)
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }

    /// Polls the pane until `text` shows, for up to `seconds`; returns the last capture.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 10, file: StaticString = #filePath, line: UInt = #line) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = ""
        repeat {
            screen = capture()
            if screen.contains(text) { return screen }
            usleep(20_000)
        } while Date() < deadline
        XCTFail("\"\(text)\" did not appear within \(seconds) s; screen:\n\(screen)", file: file, line: line)
        return screen
    }

    @discardableResult
    private func tmux(_ arguments: [String], stdout: String = "/dev/null") -> Int32 {
        Tmux.spawn(["/usr/bin/tmux", "-f", "/dev/null", "-S", socket] + arguments, stdout: stdout,
                   environment: ["PATH=/usr/bin:/bin", "HOME=\(directory)", "LANG=C.UTF-8"])
    }

    /// Runs `argv` to completion with stdin from /dev/null and stdout and
    /// stderr to `stdout`; returns the exit status.
    static func spawn(_ argv: [String], stdout: String = "/dev/null", environment: [String]) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let args = argv.map { strdup($0) } + [nil]
        let env = environment.map { strdup($0) } + [nil]
        var pid: pid_t = 0
        let result = posix_spawn(&pid, argv[0], &actions, &attributes, args, env)
        args.forEach { free($0) }
        env.forEach { free($0) }
        posix_spawn_file_actions_destroy(&actions)
        posix_spawnattr_destroy(&attributes)
        guard result == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status >> 8) & 0xff
    }
}
