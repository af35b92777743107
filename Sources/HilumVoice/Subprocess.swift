import Foundation

/// Runs a program found on PATH with posix_spawnp and waits for it.
/// Foundation's Process can hang on this platform's waitUntilExit, so the
/// voice tools spawn directly. The child gets an empty signal mask.
enum Subprocess {
    /// Runs `arguments` with stdin and stderr on /dev/null and stdout to
    /// `output` (default /dev/null); returns the exit status, or 128 plus
    /// the signal number.
    static func run(_ arguments: [String], output: String = "/dev/null") throws(VoiceError) -> Int32 {
        let pid = try spawn(arguments, output: output)
        return wait(pid)
    }

    /// Starts `arguments` without waiting; stdout goes to `output`.
    static func spawn(_ arguments: [String], output: String) throws(VoiceError) -> pid_t {
        try spawn(arguments) { actions in
            posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
    }

    /// Starts `arguments` with stdout into a new pipe; returns the child and
    /// the pipe's read end, which the caller closes. The child's stderr goes
    /// to `errorOutput` (an open descriptor) when given, else to /dev/null,
    /// and its environment is this process's with `environment` added.
    static func spawnPiped(_ arguments: [String], environment: [String: String] = [:],
                           errorOutput: Int32? = nil) throws(VoiceError) -> (pid: pid_t, output: Int32) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw VoiceError("cannot create a pipe for \(arguments[0]): \(String(cString: strerror(errno)))") }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        do {
            let pid = try spawn(arguments, environment: environment) { actions in
                posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
                posix_spawn_file_actions_addclose(&actions, readEnd)
                posix_spawn_file_actions_addclose(&actions, writeEnd)
                if let errorOutput { posix_spawn_file_actions_adddup2(&actions, errorOutput, 2) }
            }
            close(writeEnd)
            return (pid, readEnd)
        } catch {
            close(readEnd)
            close(writeEnd)
            throw error
        }
    }

    /// `redirect` adds the file actions for stdout, and for stderr when it
    /// should not go to /dev/null.
    private static func spawn(_ arguments: [String], environment: [String: String] = [:],
                              redirect: (inout posix_spawn_file_actions_t) -> Void) throws(VoiceError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        redirect(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))

        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { _, added in added }
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw VoiceError("cannot start \(arguments[0]): \(String(cString: strerror(result))); is it installed?")
        }
        return pid
    }

    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
