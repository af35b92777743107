import Foundation

/// An ordered set of ranking rules, parsed from the line-based rules format
/// (described at the top of `DefaultRules.text`).
public struct HistoryRules: Sendable, Equatable {
    public var rules: [HistoryRule]

    public init(rules: [HistoryRule]) {
        self.rules = rules
    }

    /// The rules shipped with Hilum. They are embedded in the source, so no
    /// resource lookup can fail; a test parses them on every run.
    public static let builtIn: HistoryRules = {
        do {
            return try parse(DefaultRules.text, fileName: "built-in rules")
        } catch {
            preconditionFailure("the built-in history rules do not parse: \(error)")
        }
    }()

    /// The built-in rules with `url`'s rules laid over them: a rule with the
    /// name of a built-in one replaces it, others are added. `priority: 0`
    /// turns a built-in rule off.
    public static func builtIn(overriddenBy url: URL) throws -> HistoryRules {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw RulesParseError(fileName: url.lastPathComponent,
                                  problems: [.init(line: 0, field: nil, message: "cannot be read as UTF-8 text: \(error.localizedDescription)")])
        }
        return builtIn.overridden(by: try parse(text, fileName: url.lastPathComponent))
    }

    public func overridden(by other: HistoryRules) -> HistoryRules {
        var merged = rules
        for rule in other.rules {
            if let index = merged.firstIndex(where: { $0.name.lowercased() == rule.name.lowercased() }) {
                merged[index] = rule
            } else {
                merged.append(rule)
            }
        }
        return HistoryRules(rules: merged)
    }
}

/// Every problem found in a rules file, each with its line and field.
public struct RulesParseError: Error, Equatable, CustomStringConvertible {
    public struct Problem: Equatable, Sendable {
        public var line: Int
        public var field: String?
        public var message: String
    }

    public var fileName: String
    public var problems: [Problem]

    public var description: String {
        problems.map { problem in
            let field = problem.field.map { " field '\($0)':" } ?? ""
            return "\(fileName):\(problem.line):\(field) \(problem.message)"
        }.joined(separator: "\n")
    }
}

extension HistoryRules {
    static let fields = ["rule", "heading", "why", "priority", "modality", "region", "contrast", "resources", "status",
                         "codes", "words", "and-words", "within", "limit"]

    /// Parses rules text. All problems are collected, so one run of the
    /// clinician's edit shows every mistake.
    public static func parse(_ text: String, fileName: String = "rules") throws(RulesParseError) -> HistoryRules {
        var problems: [RulesParseError.Problem] = []
        var blocks: [(line: Int, fields: [(line: Int, key: String, value: String)])] = []

        // Pass 1: lines into blocks of fields. An indented line continues the previous field.
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if line.first == " " || line.first == "\t" {
                guard var block = blocks.popLast(), var last = block.fields.popLast() else {
                    problems.append(.init(line: lineNumber, field: nil, message: "indented line continues nothing; start a rule with 'rule: NAME'"))
                    continue
                }
                last.value += " " + trimmed
                block.fields.append(last)
                blocks.append(block)
                continue
            }
            guard let colon = trimmed.firstIndex(of: ":") else {
                problems.append(.init(line: lineNumber, field: nil, message: "expected 'field: value'"))
                continue
            }
            let key = trimmed[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if key == "rule" {
                blocks.append((lineNumber, [(lineNumber, key, value)]))
            } else if blocks.isEmpty {
                problems.append(.init(line: lineNumber, field: key, message: "comes before the first 'rule:' line"))
            } else {
                blocks[blocks.count - 1].fields.append((lineNumber, key, value))
            }
        }

        // Pass 2: each block into a rule.
        var rules: [HistoryRule] = []
        var names: [String: Int] = [:]
        for block in blocks {
            var parser = RuleParser(startLine: block.line)
            for field in block.fields {
                parser.apply(line: field.line, key: field.key, value: field.value)
            }
            let parsed = parser.finish()
            problems += parser.problems
            guard let rule = parsed else { continue }
            if let first = names[rule.name.lowercased()] {
                problems.append(.init(line: block.line, field: "rule", message: "name '\(rule.name)' is already used on line \(first)"))
                continue
            }
            names[rule.name.lowercased()] = block.line
            rules.append(rule)
        }
        guard problems.isEmpty else {
            throw RulesParseError(fileName: fileName, problems: problems.sorted { $0.line < $1.line })
        }
        return HistoryRules(rules: rules)
    }

    /// The known field closest to `key` by edit distance, if it is close enough to be a typo.
    static func suggestion(for key: String) -> String? {
        let scored = fields.map { ($0, editDistance(key, $0)) }.min { $0.1 < $1.1 }
        guard let (field, distance) = scored, distance <= max(2, key.count / 3) else { return nil }
        return field
    }

    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs), b = Array(rhs)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
