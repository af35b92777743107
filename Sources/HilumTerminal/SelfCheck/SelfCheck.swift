import Dispatch
import Foundation
import Glibc

/// A hidden self-test an application can run (`hilum-terminal-check` does):
/// a worklist-shaped screen built only from this layer's widgets, for
/// checking a terminal by hand and for the end-to-end tests in tmux.
///
/// Options: `--theme PATH`, `--keys PATH` (keymap file), `--idle-seconds N`,
/// `--crash-after-start` (dies on a trap after the first frame, to test the restore).
public enum SelfCheck {
    /// Runs the self-test; returns the process exit code.
    @MainActor
    public static func run(arguments: [String], environment: [String: String]) async -> Int32 {
        var theme = Theme.standard
        var keymap = Keymap(table: SelfCheckApp.commands)
        var idle: Duration?
        var crash = false
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let value = index + 1 < arguments.count ? arguments[index + 1] : nil
            do {
                switch argument {
                case "--theme":
                    theme = try Theme.load(path: try required(value, for: argument))
                    index += 1
                case "--keys":
                    let path = try required(value, for: argument)
                    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                        throw UsageError(message: "cannot read keymap file \(path)")
                    }
                    try keymap.apply(configText: text, file: path)
                    index += 1
                case "--idle-seconds":
                    guard let seconds = value.flatMap(Int.init), seconds > 0 else {
                        throw UsageError(message: "--idle-seconds needs a positive whole number of seconds")
                    }
                    idle = .seconds(seconds)
                    index += 1
                case "--crash-after-start":
                    crash = true
                default:
                    throw UsageError(message: "unknown option \(argument); valid options: --theme PATH, --keys PATH, --idle-seconds N, --crash-after-start")
                }
            } catch {
                printError("hilum-terminal-check: \(error)")
                return 64
            }
            index += 1
        }
        let app = SelfCheckApp(keymap: keymap)
        if crash {
            // Runs once the session is waiting for input, so curses has drawn a frame.
            DispatchQueue.main.asyncAfter(deadline: .now() + 0.5) {
                fatalError("crash requested with --crash-after-start")
            }
        }
        do {
            try await TerminalSession.run(app, theme: theme, idleTimeout: idle, environment: environment)
        } catch {
            printError("hilum-terminal-check: \(error)")
            return 2
        }
        print("hilum-terminal-check: terminal restored, \(app.keyCount) keys handled")
        return 0
    }

    private static func required(_ value: String?, for option: String) throws(UsageError) -> String {
        guard let value else { throw UsageError(message: "\(option) needs a value") }
        return value
    }

    private struct UsageError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    private static func printError(_ message: String) {
        var bytes = Array((message + "\n").utf8)
        _ = write(STDERR_FILENO, &bytes, bytes.count)
    }
}
