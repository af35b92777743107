import Foundation
import XCTest

/// Runs the built `hilum` binary with posix_spawn (Foundation.Process can
/// hang `swift test` on Linux) and collects its output through files.
struct HilumRun {
    let status: Int32
    let stdout: String
    let stderr: String
}

enum HilumBinary {
    /// The `hilum` executable in the build directory that contains this test runner.
    static var path: String {
        let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: runner).deletingLastPathComponent().appendingPathComponent("hilum").path
    }

    static let baseEnvironment: [String: String] = [
        "PATH": "/usr/bin:/bin",
        "HILUM_KDF": "interactive",
        "SWIFT_BACKTRACE": "enable=no",
    ]

    /// Starts hilum with `arguments` and returns its pid and the paths its output
    /// goes to. A `launcher` is a command prefix such as nsenter's, starting with an absolute path.
    static func spawn(_ arguments: [String], environment: [String: String] = [:], launcher: [String] = [],
                      directory: String) -> (pid: pid_t, out: String, err: String) {
        let out = directory + "/stdout-\(UUID().uuidString)"
        let err = directory + "/stderr-\(UUID().uuidString)"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let command = launcher + [path] + arguments
        let argv = command.map { strdup($0) } + [nil]
        let env = baseEnvironment.merging(environment) { $1 }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        var pid: pid_t = 0
        let result = posix_spawn(&pid, command[0], &actions, &attributes, argv, env)
        precondition(result == 0, "posix_spawn of \(command[0]) failed with \(result)")
        argv.forEach { free($0) }
        env.forEach { free($0) }
        posix_spawn_file_actions_destroy(&actions)
        posix_spawnattr_destroy(&attributes)
        return (pid, out, err)
    }

    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        if status & 0x7f == 0 { return (status >> 8) & 0xff }
        return 128 + (status & 0x7f)
    }

    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], launcher: [String] = [], directory: String) -> HilumRun {
        let started = spawn(arguments, environment: environment, launcher: launcher, directory: directory)
        let status = wait(started.pid)
        let stdout = (try? String(contentsOfFile: started.out, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: started.err, encoding: .utf8)) ?? ""
        return HilumRun(status: status, stdout: stdout, stderr: stderr)
    }
}

/// A fresh temporary directory per test, removed afterwards.
class CommandTestCase: XCTestCase {
    var directory = ""
    var home: String { directory + "/home" }

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "hilum-commands-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        guard FileManager.default.isExecutableFile(atPath: HilumBinary.path) else {
            let message = "hilum binary not found at \(HilumBinary.path); run 'swift build' before 'swift test'"
            if ProcessInfo.processInfo.environment["HILUM_REQUIRE_INTEGRATION"] != nil { XCTFail(message) }
            throw XCTSkip(message)
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    @discardableResult
    func hilum(_ arguments: [String], passphrase: String? = "correct horse battery", extra: [String: String] = [:]) -> HilumRun {
        var environment = extra
        if let passphrase { environment["HILUM_PASSPHRASE"] = passphrase }
        return HilumBinary.run(arguments + ["--home", home], environment: environment, directory: directory)
    }

    func initRadiologist() {
        let run = hilum(["init", "--role", "radiologist", "--name", "Dr Ada Osei", "--recovery-out", directory + "/recovery.txt"])
        XCTAssertEqual(run.status, 0, run.stderr)
    }
}
