import Foundation

/// A command line split into options and positional words. Options are
/// `--name value` or `--name=value`; flags are `--name` alone.
struct Arguments {
    private(set) var words: [String]
    private var options: [String: [String]] = [:]
    private var flags: Set<String> = []
    private var used: Set<String> = []
    private var tookPositional = false

    /// Parses `raw`; `flagNames` lists the options that take no value and
    /// `known` every option the command accepts.
    init(_ raw: [String], flagNames: Set<String>, known: [String]) throws(UsageError) {
        words = []
        var index = 0
        while index < raw.count {
            let word = raw[index]
            index += 1
            guard word.hasPrefix("--"), word.count > 2 else {
                words.append(word)
                continue
            }
            var name = String(word.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard known.contains(name) || flagNames.contains(name) else {
                let suggestion = Arguments.closest(name, in: known).map { "; did you mean --\($0)?" } ?? ""
                throw UsageError("unknown option --\(name)\(suggestion)")
            }
            if flagNames.contains(name) {
                guard value == nil else { throw UsageError("--\(name) takes no value") }
                flags.insert(name)
                continue
            }
            if value == nil {
                guard index < raw.count, !(raw[index].hasPrefix("--") && raw[index].count > 2) else {
                    throw UsageError("--\(name) needs a value")
                }
                value = raw[index]
                index += 1
            }
            options[name, default: []].append(value!)
        }
    }

    mutating func flag(_ name: String) -> Bool {
        used.insert(name)
        return flags.contains(name)
    }

    mutating func option(_ name: String) -> String? {
        used.insert(name)
        return options[name]?.last
    }

    mutating func optionList(_ name: String) -> [String] {
        used.insert(name)
        return options[name] ?? []
    }

    /// Removes and returns the first positional word.
    mutating func takePositional() -> String? {
        tookPositional = true
        return words.isEmpty ? nil : words.removeFirst()
    }

    mutating func required(_ name: String, hint: String) throws(UsageError) -> String {
        guard let value = option(name) else { throw UsageError("missing --\(name): \(hint)") }
        return value
    }

    mutating func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let text = option(name) else { return fallback }
        let digits = text.replacingOccurrences(of: "_", with: "")
        guard let value = Int(digits), range.contains(value) else {
            throw UsageError("--\(name) '\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// Rejects options the command did not read, naming the closest known one.
    func rejectUnknown(known: [String]) throws(UsageError) {
        for name in options.keys.sorted() + flags.sorted() where !used.contains(name) {
            let suggestion = Arguments.closest(name, in: known).map { "; did you mean --\($0)?" } ?? ""
            throw UsageError("unknown option --\(name)\(suggestion)")
        }
        if tookPositional, let extra = words.first { throw UsageError("unexpected argument '\(extra)'") }
    }

    private static func closest(_ name: String, in candidates: [String]) -> String? {
        candidates.map { ($0, editDistance(name, $0)) }.filter { $0.1 <= 3 }.min { $0.1 < $1.1 }?.0
    }
}

func editDistance(_ left: String, _ right: String) -> Int {
    let a = Array(left)
    let b = Array(right)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + [Int](repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}

/// A command line the program cannot act on: exit status 64 (EX_USAGE).
struct UsageError: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) { description = message }
}

/// A failure that has already been explained; carries the exit status.
struct ExitStatus: Error {
    let code: Int32
}
