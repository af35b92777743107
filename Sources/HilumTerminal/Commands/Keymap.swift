/// The bindings from keys to commands: the commands' default keys, changed by
/// the user's keymap file.
///
/// Keymap file format, one directive per line, `#` starts a comment line:
///
///     bind KEY COMMAND     # KEY now runs COMMAND (and nothing else)
///     unbind KEY           # KEY runs nothing
///
/// KEY is a printable character (`j`, `G`, `?`), a named key (`enter`, `esc`,
/// `tab`, `shift-tab`, `space`, `backspace`, `delete`, `insert`, `up`, `down`,
/// `left`, `right`, `home`, `end`, `pgup`, `pgdn`), `f1` ... `f24`,
/// `ctrl-a` ... `ctrl-z` or `alt-` plus a character. COMMAND is a command id.
public struct Keymap: Sendable {
    private var bindings: [Key: CommandID] = [:]
    private var order: [Key] = []
    /// The commands; change disabled reasons through it (`keymap.table.disable(...)`).
    public var table: CommandTable

    public init(table: CommandTable) {
        self.table = table
        for command in table.commands {
            for key in command.defaultKeys {
                precondition(bindings[key] == nil, "key \(key.name) is a default for both \(bindings[key]!) and \(command.id)")
                bind(key, to: command.id)
            }
        }
    }

    public func command(for key: Key) -> CommandID? {
        bindings[key]
    }

    /// Keys bound to `id`, default keys first in their listed order, then user bindings.
    public func keys(for id: CommandID) -> [Key] {
        order.filter { bindings[$0] == id }
    }

    public mutating func bind(_ key: Key, to id: CommandID) {
        if bindings[key] == nil { order.append(key) }
        bindings[key] = id
    }

    public mutating func unbind(_ key: Key) {
        bindings[key] = nil
        order.removeAll { $0 == key }
    }

    /// Applies a keymap file; `file` names it in errors. Nothing changes unless every line is valid.
    public mutating func apply(configText text: String, file: String) throws(KeymapError) {
        var changed = self
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = offset + 1
            let words = rawLine.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let directive = words.first, !directive.hasPrefix("#") else { continue }
            switch directive {
            case "bind":
                guard words.count == 3 else {
                    throw KeymapError(file: file, line: line, message: "bind takes a key and a command, as in \"bind j cursor.down\"; found \(words.count - 1) words")
                }
                let key = try parseKey(words[1], file: file, line: line)
                let id = CommandID(words[2])
                guard table[id] != nil else {
                    throw KeymapError(file: file, line: line, message: "unknown command \"\(words[2])\""
                        + Suggestion.didYouMean(words[2], among: table.ids.map(\.name)))
                }
                changed.bind(key, to: id)
            case "unbind":
                guard words.count == 2 else {
                    throw KeymapError(file: file, line: line, message: "unbind takes one key, as in \"unbind q\"; found \(words.count - 1) words")
                }
                changed.unbind(try parseKey(words[1], file: file, line: line))
            default:
                throw KeymapError(file: file, line: line, message: "unknown directive \"\(directive)\"; use bind or unbind"
                    + Suggestion.didYouMean(directive, among: ["bind", "unbind"]))
            }
        }
        self = changed
    }

    private func parseKey(_ word: String, file: String, line: Int) throws(KeymapError) -> Key {
        guard let key = Key(name: word) else {
            throw KeymapError(file: file, line: line, message: "unknown key \"\(word)\""
                + Suggestion.didYouMean(word, among: Key.allNames))
        }
        return key
    }
}

/// A keymap file line that could not be applied.
public struct KeymapError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String

    public var description: String { "\(file):\(line): \(message)" }
}
