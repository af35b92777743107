import Foundation
import HilumTerminal

/// Settings from `worklist.conf` in the data directory, one `key = value`
/// per line, `#` starting a comment:
///
///     lock-after = 10        # minutes without a key before the screen locks
///     viewer = xdg-open      # command that opens an access link
///     theme = /path/to/mine.theme
///     feedback-overdue = 24h # a question unanswered this long shows in the alarm colour
///     critical-within = 60   # minutes the clinician has to acknowledge a critical result
///     urgent-within = 360    # the same for an urgent one
public struct WorklistConfig: Sendable, Equatable {
    public static let keys = ["lock-after", "viewer", "theme", "feedback-overdue", "critical-within", "urgent-within"]
    public static let defaultLockMinutes = 10.0
    public static let defaultFeedbackOverdueMilliseconds: Int64 = 24 * 3_600_000

    public var lockAfterMinutes = WorklistConfig.defaultLockMinutes
    public var viewer: String?
    public var themePath: String?
    public var feedbackOverdueMilliseconds = WorklistConfig.defaultFeedbackOverdueMilliseconds
    /// Acknowledgment deadlines in minutes for results flagged in the report editor.
    public var criticalWithinMinutes: UInt32 = 60
    public var urgentWithinMinutes: UInt32 = 360

    public init() {}

    /// Parses `text`; `file` names it in errors. An unknown key or a bad value rejects the file.
    public init(text: String, file: String) throws(ConfigError) {
        for (offset, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?
                .trimmingCharacters(in: .whitespaces) ?? ""
            guard !line.isEmpty else { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ConfigError(file: file, line: offset + 1, message: "expected KEY = VALUE, as in \"lock-after = 10\"")
            }
            switch parts[0] {
            case "lock-after":
                guard let minutes = Self.minutes(parts[1]) else {
                    throw ConfigError(file: file, line: offset + 1, message: "lock-after \"\(parts[1])\" is not a number of minutes from 0.05 to 1440")
                }
                lockAfterMinutes = minutes
            case "viewer":
                viewer = parts[1]
            case "theme":
                themePath = parts[1]
            case "feedback-overdue":
                guard let milliseconds = Self.duration(parts[1]) else {
                    throw ConfigError(file: file, line: offset + 1, message: "feedback-overdue \"\(parts[1])\" is not a duration "
                        + "from 1m to 30d; write a number with m, h or d, as in \"24h\"")
                }
                feedbackOverdueMilliseconds = milliseconds
            case "critical-within", "urgent-within":
                guard let minutes = UInt32(parts[1]), (1...20_160).contains(minutes) else {
                    throw ConfigError(file: file, line: offset + 1,
                                      message: "\(parts[0]) \"\(parts[1])\" is not a whole number of minutes from 1 to 20160")
                }
                if parts[0] == "critical-within" { criticalWithinMinutes = minutes } else { urgentWithinMinutes = minutes }
            default:
                throw ConfigError(file: file, line: offset + 1, message: "unknown setting \"\(parts[0])\"; valid settings: "
                    + Self.keys.joined(separator: ", ") + Suggestion.didYouMean(parts[0], among: Self.keys))
            }
        }
    }

    /// "90m", "24h" or "2d" in milliseconds, from one minute to 30 days; nil otherwise.
    public static func duration(_ text: String) -> Int64? {
        let units: [Character: Int64] = ["m": 60_000, "h": 3_600_000, "d": 86_400_000]
        guard let unit = text.last.flatMap({ units[$0] }), let count = Int64(text.dropLast().trimmingCharacters(in: .whitespaces)),
              count > 0, count <= 30 * 86_400_000 / unit else { return nil }
        return count * unit
    }

    /// Minutes from 0.05 (3 s, for tests) to 1440 (a day); nil otherwise.
    public static func minutes(_ text: String) -> Double? {
        guard let value = Double(text), value >= 0.05, value <= 1440 else { return nil }
        return value
    }
}

/// A line of `worklist.conf` that could not be applied.
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String

    public var description: String { "\(file):\(line): \(message)" }
}
