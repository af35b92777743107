/// A sign-time warning the radiologist overrode, with their reason.
public struct CheckOverride: Codable, Sendable, Equatable {
    public var checkID: String
    /// The warning as it was shown.
    public var message: String
    public var reason: String

    public init(checkID: String, message: String, reason: String) {
        self.checkID = checkID
        self.message = message
        self.reason = reason
    }
}
