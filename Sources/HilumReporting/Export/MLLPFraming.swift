/// Minimal Lower Layer Protocol framing for HL7 v2 over TCP: a message
/// goes between 0x0B and 0x1C 0x0D.
public enum MLLPFraming {
    public static let startBlock: UInt8 = 0x0B
    public static let endBlock: UInt8 = 0x1C
    public static let carriageReturn: UInt8 = 0x0D

    public static func frame(_ message: String) -> [UInt8] {
        [startBlock] + Array(message.utf8) + [endBlock, carriageReturn]
    }

    /// Returns the first complete message in `buffer` and the bytes it used,
    /// or nil while the end block has not arrived. Bytes before the start
    /// block are skipped, as the protocol allows.
    public static func firstMessage(in buffer: [UInt8]) -> (message: [UInt8], consumed: Int)? {
        guard let start = buffer.firstIndex(of: startBlock) else { return nil }
        var index = start + 1
        while index + 1 < buffer.count {
            if buffer[index] == endBlock && buffer[index + 1] == carriageReturn {
                return (Array(buffer[(start + 1)..<index]), index + 2)
            }
            index += 1
        }
        return nil
    }
}

/// The acknowledgment code and text of an HL7 v2 ACK message (MSA segment).
public struct HL7Acknowledgment: Sendable, Equatable {
    /// MSA-1: AA/CA accepted, AE/CE error, AR/CR rejected.
    public let code: String
    /// MSA-2: the control id of the message acknowledged.
    public let controlID: String
    /// MSA-3 (or ERR text when present): the receiver's explanation.
    public let text: String?

    public var isAccepted: Bool { code == "AA" || code == "CA" }

    /// Parses an ACK; returns nil when it has no MSA segment.
    public init?(_ message: String) {
        let segments = message.split(whereSeparator: { $0 == "\r" || $0 == "\n" })
        guard let msa = segments.first(where: { $0.hasPrefix("MSA|") }) else { return nil }
        let fields = msa.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard fields.count > 1 else { return nil }
        code = fields[1]
        controlID = fields.count > 2 ? fields[2] : ""
        let errorText = segments.first { $0.hasPrefix("ERR|") }.map { String($0.dropFirst(4)) }
        let explanation = fields.count > 3 && !fields[3].isEmpty ? HL7Escaping.unescape(fields[3]) : errorText
        text = explanation
    }
}
