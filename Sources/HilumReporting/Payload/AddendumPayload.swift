import Foundation

/// What an addendum carries inside its sealed envelope.
public struct AddendumPayload: Codable, Sendable, Equatable {
    public static let formatName = "hilum-addendum"
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    /// 16 random bytes in base64, for the same reason as `ReportPayload.salt`.
    public var salt: String
    /// Filing time in milliseconds since 1970 (UTC).
    public var signedAt: Int64
    public var radiologistName: String
    public var text: String

    public init(signedAt: Int64, radiologistName: String, text: String) {
        format = Self.formatName
        version = Self.currentVersion
        salt = randomSalt()
        self.signedAt = signedAt
        self.radiologistName = radiologistName
        self.text = text
    }

    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    public static func decode(_ bytes: [UInt8]) throws -> AddendumPayload {
        let payload = try JSONDecoder().decode(AddendumPayload.self, from: Data(bytes))
        guard payload.format == formatName, (1...currentVersion).contains(payload.version) else {
            throw ReportValueError.unsupportedDocument(format: payload.format, version: payload.version)
        }
        return payload
    }
}
