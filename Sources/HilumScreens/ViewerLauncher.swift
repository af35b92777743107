import Foundation
import Glibc

/// Starts the image viewer on a link: the configured command (words split
/// at spaces) with the link appended, detached in its own session with no
/// terminal, so it cannot draw over the worklist or die with it.
public struct ViewerLauncher: Sendable {
    public let command: [String]

    /// `configured` (HILUM_VIEWER or the config's `viewer`), else `xdg-open`.
    public init(configured: String?) {
        let words = (configured ?? "").split(separator: " ").map(String.init)
        command = words.isEmpty ? ["xdg-open"] : words
    }

    /// Starts the viewer; returns nil when it started, else what went wrong.
    public func open(_ link: String, path: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") -> String? {
        guard let executable = Self.resolve(command[0], path: path) else {
            return "Viewer command \"\(command[0])\" not found; set HILUM_VIEWER or viewer in worklist.conf"
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        // POSIX_SPAWN_SETSID (0x80) is hidden behind _GNU_SOURCE in glibc's headers.
        posix_spawnattr_setflags(&attributes, Int16(0x80 | POSIX_SPAWN_SETSIGMASK))
        let argv = (command + [link]).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else { return "Cannot start the viewer \(executable): \(String(cString: strerror(result)))" }
        // Reaps the viewer when it exits, so it does not stay a zombie.
        let child = pid
        Thread {
            var status: Int32 = 0
            while waitpid(child, &status, 0) == -1 && errno == EINTR {}
        }.start()
        return nil
    }

    /// `name` itself when it contains a slash, else the first executable of that name on `path`.
    static func resolve(_ name: String, path: String) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
