import Foundation
import Glibc
import Synchronization

/// Timestamped log lines to standard error and, when given, a file.
/// Lines name peers by identity and give counts and reasons; they never
/// carry event contents, so no patient data can reach them.
public final class NodeLog: Sendable {
    private let descriptor: Mutex<Int32>
    private let echo: Bool

    /// Appends to `path` (created with mode 0600) and echoes to stderr when `echo`.
    public init(path: String?, echo: Bool = true) throws {
        self.echo = echo
        guard let path else {
            descriptor = Mutex(-1)
            return
        }
        let opened = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard opened >= 0 else { throw NetworkError.system("cannot open the log file \(path)") }
        descriptor = Mutex(opened)
    }

    deinit { descriptor.withLock { if $0 >= 0 { close($0) } } }

    public func write(_ message: String) {
        let line = Self.timestamp() + " " + message + "\n"
        let bytes = Array(line.utf8)
        descriptor.withLock { fd in
            if fd >= 0 { _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } }
            if echo { _ = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) } }
        }
    }

    private static func timestamp() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min, parts.tm_sec, Int(spec.tv_nsec / 1_000_000))
    }
}
