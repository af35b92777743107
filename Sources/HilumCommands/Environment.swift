import Foundation
import HilumCrypto

/// Where a command keeps its data and how it obtains the passphrase.
struct Environment: Sendable {
    let home: String

    /// `--home`, else `HILUM_HOME`, else `$XDG_DATA_HOME/hilum`, else `~/.local/share/hilum`.
    static func resolveHome(_ option: String?) -> String {
        let variables = ProcessInfo.processInfo.environment
        if let option, !option.isEmpty { return option }
        if let home = variables["HILUM_HOME"], !home.isEmpty { return home }
        if let xdg = variables["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/hilum" }
        return (variables["HOME"] ?? NSHomeDirectory()) + "/.local/share/hilum"
    }

    var identityPath: String { home + "/identity.json" }
    var keyPath: String { home + "/device.key" }
    var replicaPath: String { home + "/replica.sqlite" }

    /// Creates the data directory with mode 0700 if it does not exist.
    func ensureHome() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: home, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CommandError("\(home) exists and is not a directory; pass another --home") }
            return
        }
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    /// The passphrase from `HILUM_PASSPHRASE_FILE`, `HILUM_PASSPHRASE`, or the
    /// terminal without echo. `confirm` asks twice (for a new key file).
    static func passphrase(confirm: Bool) throws -> SecretBytes {
        let variables = ProcessInfo.processInfo.environment
        if let file = variables["HILUM_PASSPHRASE_FILE"], !file.isEmpty {
            guard var bytes = FileManager.default.contents(atPath: file).map(Array.init) else {
                throw CommandError("cannot read HILUM_PASSPHRASE_FILE \(file); check the path and its permissions")
            }
            while let last = bytes.last, last == 10 || last == 13 { bytes.removeLast() }
            guard !bytes.isEmpty else { throw CommandError("HILUM_PASSPHRASE_FILE \(file) is empty") }
            return SecretBytes(consuming: &bytes)
        }
        if let text = variables["HILUM_PASSPHRASE"], !text.isEmpty {
            var bytes = Array(text.utf8)
            return SecretBytes(consuming: &bytes)
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw CommandError("no passphrase: stdin is not a terminal; set HILUM_PASSPHRASE_FILE or HILUM_PASSPHRASE")
        }
        let first = try readHidden(prompt: "Passphrase: ")
        if confirm {
            guard first.count >= 8 else { throw CommandError("the passphrase must have at least 8 characters") }
            let second = try readHidden(prompt: "Repeat passphrase: ")
            guard first == second else { throw CommandError("the two passphrases differ; nothing was created") }
        }
        return first
    }

    private static func readHidden(prompt: String) throws -> SecretBytes {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(STDIN_FILENO, &byte, 1) == 1, byte != 10 { bytes.append(byte) }
        byte = 0
        return SecretBytes(consuming: &bytes)
    }
}

/// A runtime failure with a message for the user: exit status 1.
struct CommandError: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) { description = message }
}
