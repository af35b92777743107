import Foundation

/// The report as plain text: a header naming the procedure and the
/// radiologist, the report text, then each addendum with its time.
public enum PlainTextExport {
    public static func render(_ payload: ReportPayload, context: ReportExportContext) -> String {
        var text = "\(context.procedure)\n"
        text += "Signed by \(payload.radiologistName) at \(ExportTime.iso8601(payload.signedAt))\n"
        if let accession = context.accessionNumber { text += "Accession \(accession)\n" }
        text += "\n" + payload.text
        if !payload.text.hasSuffix("\n") { text += "\n" }
        for communication in payload.criticalResults {
            text += "\nCRITICAL RESULT (\(communication.category)) communicated to \(communication.recipientName) at "
                + "\(ExportTime.iso8601(communication.communicatedAt)): \(communication.message)\n"
        }
        for addendum in context.addenda {
            text += "\nADDENDUM by \(addendum.radiologistName) at \(ExportTime.iso8601(addendum.signedAt))\n\(addendum.text)\n"
        }
        return text
    }
}

/// Time formats the exports use.
enum ExportTime {
    /// "2026-12-04T21:30:00Z".
    static func iso8601(_ milliseconds: Int64) -> String {
        format(milliseconds, "yyyy-MM-dd'T'HH:mm:ss'Z'")
    }

    /// HL7 v2 DTM to the second, in UTC: "20261204213000+0000".
    static func hl7(_ milliseconds: Int64) -> String {
        format(milliseconds, "yyyyMMddHHmmss") + "+0000"
    }

    private static func format(_ milliseconds: Int64, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}
