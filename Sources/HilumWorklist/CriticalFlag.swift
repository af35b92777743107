import Foundation
import HilumCore
import HilumReporting

/// A critical result to flag with a report: its category, the message for
/// the referring clinician, and the minutes they have to acknowledge it.
public struct CriticalFlag: Sendable, Equatable, Codable {
    public var category: CriticalCategory
    public var message: String
    public var acknowledgeWithinMinutes: UInt32

    /// The range the ledger accepts for `acknowledgeWithinMinutes`: a minute to 14 days.
    public static let minutesRange: ClosedRange<UInt32> = 1...20_160

    public init(category: CriticalCategory, message: String, acknowledgeWithinMinutes: UInt32) {
        self.category = category
        self.message = message
        self.acknowledgeWithinMinutes = acknowledgeWithinMinutes
    }

    /// Returns the communication as the sealed report records it.
    public func communication(recipientName: String, at time: Int64) -> CriticalCommunication {
        CriticalCommunication(category: category.name, message: message, acknowledgeWithinMinutes: Int(acknowledgeWithinMinutes),
                              recipientName: recipientName, communicatedAt: time)
    }

    private enum CodingKeys: String, CodingKey {
        case category, message, acknowledgeWithinMinutes
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .category)
        guard let category = CriticalCategory.allCases.first(where: { $0.name == name }) else {
            throw DecodingError.dataCorruptedError(forKey: .category, in: container,
                                                   debugDescription: "\"\(name)\" is not red, orange or yellow")
        }
        self.category = category
        message = try container.decode(String.self, forKey: .message)
        acknowledgeWithinMinutes = try container.decode(UInt32.self, forKey: .acknowledgeWithinMinutes)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(category.name, forKey: .category)
        try container.encode(message, forKey: .message)
        try container.encode(acknowledgeWithinMinutes, forKey: .acknowledgeWithinMinutes)
    }
}
