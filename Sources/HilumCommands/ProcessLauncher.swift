import Foundation
import Glibc

/// Starts, waits for and stops programs other than `hilum` itself with
/// posix_spawn (Foundation.Process can hang on Linux). Output goes to a file.
enum ProcessLauncher {
    /// Starts `arguments[0]` (an absolute path) with exactly `environment`,
    /// standard input from /dev/null and standard output and error appended to `output`.
    /// - `newSession`: the child leads a session of its own, so it outlives this command and its terminal.
    /// - `descriptor`: a descriptor of this process that the child gets as descriptor 3.
    /// The child starts with no blocked signals and SIGINT, SIGTERM and SIGHUP at
    /// their default action, even where this process ignores them.
    static func start(_ arguments: [String], environment: [String: String], output: String, newSession: Bool = false,
                      descriptor: Int32? = nil) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        if let descriptor {
            precondition(descriptor > 3, "pass a descriptor above 3, so dup2 clears its close-on-exec flag")
            posix_spawn_file_actions_adddup2(&actions, descriptor, 3)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, signalNumber) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // POSIX_SPAWN_SETSID (0x80) is hidden behind _GNU_SOURCE in glibc's headers.
        let setSession: Int32 = newSession ? 0x80 : 0
        posix_spawnattr_setflags(&attributes, Int16(setSession | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard result == 0 else { throw CommandError("cannot start \(arguments[0]): \(String(cString: strerror(result)))") }
        return pid
    }

    /// Runs to completion and returns the exit status (128 + signal number when a signal ended it) and the output.
    static func run(_ arguments: [String], environment: [String: String], output: String) throws -> (status: Int32, output: String) {
        try? FileManager.default.removeItem(atPath: output)
        let pid = try start(arguments, environment: environment, output: output)
        let status = waitForExit(pid, blocking: true) ?? -1
        return (status, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
    }

    /// Reaps the child `pid`: its exit status once it has ended, nil while it runs (only when not `blocking`).
    static func waitForExit(_ pid: pid_t, blocking: Bool) -> Int32? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
            if result == 0 { return nil }
            if result == -1 && errno == EINTR { continue }
            // ECHILD: something else reaped it, so it has ended with an unknown status.
            if result == -1 { return -1 }
            return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        }
    }

    /// Sends SIGTERM to the child `pid`, waits up to `grace` seconds, then sends SIGKILL; returns its exit status.
    @discardableResult
    static func stopChild(_ pid: pid_t, grace: Double) -> Int32 {
        if let status = waitForExit(pid, blocking: false) { return status }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while Date() < deadline {
            if let status = waitForExit(pid, blocking: false) { return status }
            usleep(50_000)
        }
        kill(pid, SIGKILL)
        return waitForExit(pid, blocking: true) ?? -1
    }

    /// True while `pid` exists and has not ended; a zombie (an ended process not yet reaped) counts as ended.
    static func isAlive(_ pid: pid_t) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        // /proc/PID/stat is "PID (COMMAND) STATE ...", and COMMAND may contain spaces or parentheses.
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let end = stat.lastIndex(of: ")") else { return true }
        let state = stat[stat.index(after: end)...].drop { $0 == " " }.first
        return state != "Z" && state != "X"
    }

    /// Finds the first executable called `name` in the system directories, then on PATH.
    static func find(_ name: String) -> String? {
        let system = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"]
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return (system + path).map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
