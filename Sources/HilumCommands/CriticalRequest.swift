import HilumCore

/// The `--critical` options of `hilum report sign`, read and checked.
struct CriticalRequest {
    let category: CriticalCategory
    let message: String
    let minutes: UInt32

    /// Default acknowledgment deadlines in minutes: an hour, six hours, three days.
    static let defaultMinutes: [CriticalCategory: UInt32] = [.red: 60, .orange: 360, .yellow: 4320]

    /// Returns nil when `--critical` is absent; then the other two options must be too.
    init?(_ arguments: inout Arguments) throws {
        let categoryText = arguments.option("critical")
        let messageText = arguments.option("critical-message")
        let minutesText = arguments.option("acknowledge-within")
        guard let categoryText else {
            if messageText != nil || minutesText != nil {
                throw UsageError("--critical-message and --acknowledge-within need --critical red|orange|yellow")
            }
            return nil
        }
        guard let category = CriticalCategory.allCases.first(where: { $0.name == categoryText.lowercased() }) else {
            throw UsageError("--critical '\(categoryText)' is not a category; use red, orange or yellow")
        }
        guard let messageText, !messageText.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw UsageError("--critical needs --critical-message TEXT: what the clinician is told")
        }
        self.category = category
        message = messageText
        if let minutesText {
            guard let minutes = UInt32(minutesText), (1...20_160).contains(minutes) else {
                throw UsageError("--acknowledge-within '\(minutesText)' is not a whole number of minutes from 1 to 20160")
            }
            self.minutes = minutes
        } else {
            minutes = Self.defaultMinutes[category]!
        }
    }
}
