/// A critical result communicated to the referring clinician, as recorded
/// in the report.
public struct CriticalCommunication: Codable, Sendable, Equatable {
    /// ACR category name: "red", "orange" or "yellow".
    public var category: String
    public var message: String
    public var acknowledgeWithinMinutes: Int
    /// The display name of the clinician notified.
    public var recipientName: String
    /// Milliseconds since 1970 (UTC).
    public var communicatedAt: Int64

    public init(category: String, message: String, acknowledgeWithinMinutes: Int, recipientName: String, communicatedAt: Int64) {
        self.category = category
        self.message = message
        self.acknowledgeWithinMinutes = acknowledgeWithinMinutes
        self.recipientName = recipientName
        self.communicatedAt = communicatedAt
    }
}
