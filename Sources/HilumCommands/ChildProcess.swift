import Foundation

/// A `hilum` subcommand running in a child process of this executable,
/// started with posix_spawn, with its standard output and standard error
/// in files. Benchmarks use it to keep the figures of each side apart.
final class ChildProcess {
    let pid: pid_t
    let arguments: [String]
    let outputPath: String
    let errorPath: String
    /// Exit status (128 + signal number when a signal ended it) and resource usage, once reaped.
    private(set) var exit: (status: Int32, usage: rusage)?

    /// Starts `/proc/self/exe` with `arguments` and this process's environment
    /// plus `environment`. HILUM_PASSPHRASE_FILE and HILUM_HOME are left out,
    /// so the child uses the passphrase and home it is given.
    init(_ arguments: [String], environment: [String: String] = [:], outputPath: String, errorPath: String) throws {
        var variables = ProcessInfo.processInfo.environment
        variables["HILUM_PASSPHRASE_FILE"] = nil
        variables["HILUM_HOME"] = nil
        variables.merge(environment) { $1 }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))

        let executable = "/proc/self/exe"
        let argv = ([CommandLine.arguments.first ?? "hilum"] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw CommandError("cannot start 'hilum \(arguments.joined(separator: " "))': posix_spawn failed: \(String(cString: strerror(result)))")
        }
        self.pid = pid
        self.arguments = arguments
        self.outputPath = outputPath
        self.errorPath = errorPath
    }

    /// Stops the child if it still runs, so no error path leaves it behind.
    deinit { stop() }

    var isRunning: Bool {
        guard exit == nil else { return false }
        return reap(blocking: false)
    }

    /// Waits for the child to end and returns its exit status.
    @discardableResult
    func wait() -> Int32 {
        if exit == nil { _ = reap(blocking: true) }
        return exit?.status ?? -1
    }

    /// Sends SIGTERM, waits up to `grace` seconds, then sends SIGKILL.
    /// Returns the exit status.
    @discardableResult
    func stop(grace: Double = 10) -> Int32 {
        guard isRunning else { return exit?.status ?? -1 }
        kill(pid, SIGTERM)
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(grace * 1e9)
        while isRunning && DispatchTime.now().uptimeNanoseconds < deadline { usleep(20_000) }
        if isRunning { kill(pid, SIGKILL) }
        return wait()
    }

    /// True while the child runs; records its status and usage once it has ended.
    private func reap(blocking: Bool) -> Bool {
        var status: Int32 = 0
        var usage = rusage()
        while true {
            let result = wait4(pid, &status, blocking ? 0 : WNOHANG, &usage)
            if result == 0 { return true }
            if result == -1 && errno == EINTR { continue }
            if result == -1 {
                // ECHILD means something else reaped the child, so its status is unknown.
                exit = (-1, usage)
                return false
            }
            let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            exit = (code, usage)
            return false
        }
    }

    /// Peak resident set (VmHWM in /proc/PID/status) in MB while it runs,
    /// else the peak the kernel reported when it ended. That last figure is
    /// at least this process's peak at the time of the spawn: posix_spawn
    /// shares this process's memory until the exec, and the kernel keeps
    /// that high-water mark. Read it while the child runs.
    var peakResidentMegabytes: Double? {
        if exit == nil, let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) {
            return kilobytes / 1024
        }
        return exit.map { Double($0.usage.ru_maxrss) / 1024 }
    }

    /// User plus system CPU seconds, once the child has ended.
    var cpuSeconds: Double? {
        guard let usage = exit?.usage else { return nil }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    var standardOutput: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
    var standardError: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }

    /// The last lines of standard error, for an error message.
    var errorTail: String {
        standardError.split(separator: "\n").suffix(5).joined(separator: "\n")
    }
}
