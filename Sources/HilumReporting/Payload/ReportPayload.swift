import Foundation

/// What a signed report carries inside its sealed envelope: the rendered
/// text, the structured data, the follow-up recommendations, the critical
/// results communicated and the check warnings the radiologist overrode.
/// Encoded as JSON with sorted keys; `version` lets later builds add fields.
public struct ReportPayload: Codable, Sendable, Equatable {
    public static let formatName = "hilum-report"
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    /// 16 random bytes in base64. The ledger shows a hash of the sealed
    /// plaintext, and the salt keeps that hash from confirming a guessed
    /// report such as "No acute findings."
    public var salt: String
    /// Signing time in milliseconds since 1970 (UTC).
    public var signedAt: Int64
    public var radiologistName: String
    /// The plain-text report as the referring clinician reads it.
    public var text: String
    /// nil for a report written as free text, without a template.
    public var document: ReportDocument?
    /// Top-level sections with their codes and text, for coded exports.
    public var sections: [ReportSection]
    public var recommendations: [FollowUpRecommendation]
    public var criticalResults: [CriticalCommunication]
    public var overrides: [CheckOverride]

    public init(signedAt: Int64, radiologistName: String, text: String, document: ReportDocument?,
                sections: [ReportSection] = [], recommendations: [FollowUpRecommendation] = [],
                criticalResults: [CriticalCommunication] = [], overrides: [CheckOverride] = []) {
        format = Self.formatName
        version = Self.currentVersion
        salt = randomSalt()
        self.signedAt = signedAt
        self.radiologistName = radiologistName
        self.text = text
        self.document = document
        self.sections = sections
        self.recommendations = recommendations
        self.criticalResults = criticalResults
        self.overrides = overrides
    }

    public var templateIdentifier: String? { document?.template.identifier }
    public var templateTitle: String? { document?.template.title }

    /// The impression: the text of the section named Impression, or nil.
    public var impression: String? {
        sections.first { $0.name.caseInsensitiveCompare("Impression") == .orderedSame }?.text
    }

    /// Returns the payload as JSON with sorted keys: the bytes that are sealed and hashed.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    /// Decodes a payload, rejecting other formats and newer versions.
    public static func decode(_ bytes: [UInt8]) throws -> ReportPayload {
        let payload = try JSONDecoder().decode(ReportPayload.self, from: Data(bytes))
        guard payload.format == formatName, (1...currentVersion).contains(payload.version) else {
            throw ReportValueError.unsupportedDocument(format: payload.format, version: payload.version)
        }
        return payload
    }

    /// Returns the readable text of an opened report: the rendered text of
    /// a payload, or the plaintext itself for reports sealed as bare text
    /// (as the demo's colleagues and earlier builds wrote them).
    public static func readableText(of plaintext: [UInt8]) -> String {
        if let payload = try? decode(plaintext) { return payload.text }
        if let addendum = try? AddendumPayload.decode(plaintext) { return addendum.text }
        return String(decoding: plaintext, as: UTF8.self)
    }
}

/// 16 bytes from the system's cryptographic generator, in base64.
func randomSalt() -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    return Data(bytes).base64EncodedString()
}
