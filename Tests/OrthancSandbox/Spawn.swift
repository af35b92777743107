import Foundation

/// Child processes through posix_spawn: Foundation.Process can hang
/// `swift test` on Linux. Output goes to files; every child is stopped by its pid.
public enum Spawn {
    /// Starts `arguments[0]` (an absolute path) with `environment`; stdout and stderr go to `log`.
    public static func start(_ arguments: [String], environment: [String: String], log: String) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        // Reset the signal mask, or the child may ignore SIGTERM.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))

        let argv = arguments.map { strdup($0) } + [nil]
        let env = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            env.forEach { free($0) }
        }
        var pid: pid_t = 0
        guard posix_spawn(&pid, arguments[0], &actions, &attributes, argv, env) == 0 else { return nil }
        return pid
    }

    /// Waits for `pid` and returns its exit status, or 128 + signal.
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        if status & 0x7f == 0 { return (status >> 8) & 0xff }
        return 128 + (status & 0x7f)
    }

    /// Runs to completion and returns the exit status and the output, or nil when it could not start.
    public static func run(_ arguments: [String], environment: [String: String], log: String) -> (status: Int32, output: String)? {
        try? FileManager.default.removeItem(atPath: log)
        guard let pid = start(arguments, environment: environment, log: log) else { return nil }
        let status = wait(pid)
        return (status, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }

    /// Stops a child we started: SIGKILL, then reaps it.
    public static func kill(_ pid: pid_t) {
        _ = Glibc.kill(pid, SIGKILL)
        _ = wait(pid)
    }

    /// Stops a child we started: SIGTERM so it can shut down cleanly, SIGKILL
    /// after `grace` seconds, then reaps it.
    public static func stop(_ pid: pid_t, grace: TimeInterval) {
        _ = Glibc.kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(50_000)
        }
        kill(pid)
    }

    /// Finds the first executable called `name` in the usual system directories.
    public static func find(_ name: String) -> String? {
        ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin"].map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
