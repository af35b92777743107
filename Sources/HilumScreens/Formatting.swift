import Foundation

/// Formats for amounts and times on the screens.
enum Formatting {
    /// `cents` as "45.00 USD".
    static func amount(_ cents: UInt64, _ currency: String) -> String {
        "\(cents / 100).\(String(format: "%02d", Int(cents % 100))) \(currency)"
    }

    /// `cents` as "45.00", for columns that name the currency elsewhere.
    static func number(_ cents: UInt64) -> String {
        "\(cents / 100).\(String(format: "%02d", Int(cents % 100)))"
    }

    /// Parses "42", "42.5" or "42.50" into cents; nil for anything else.
    static func cents(_ text: String) -> UInt64? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = UInt64(parts[0]), whole < 100_000_000 else { return nil }
        guard parts.count == 2 else { return whole * 100 }
        let fraction = parts[1]
        guard (1...2).contains(fraction.count), let value = UInt64(fraction) else { return nil }
        return whole * 100 + (fraction.count == 1 ? value * 10 : value)
    }

    /// Milliseconds since the epoch as "2026-01-01 10:00 UTC". The ledger
    /// spans jurisdictions, so every time shows in UTC.
    static func time(_ milliseconds: Int64) -> String {
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02d %02d:%02d UTC", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min)
    }

    /// Milliseconds since the epoch as "10:00:05 UTC".
    static func clock(_ milliseconds: Int64) -> String {
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%02d:%02d:%02d UTC", parts.tm_hour, parts.tm_min, parts.tm_sec)
    }
}
