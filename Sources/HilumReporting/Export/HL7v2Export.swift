import Foundation

/// The report as an HL7 v2.5 ORU^R01 message: MSH, PID, OBR, then one
/// OBX per report line (TX, coded by the section's LOINC code where the
/// template has one) and one per addendum line. Segments end in a carriage
/// return; text is escaped by `HL7Escaping`.
public enum HL7v2Export {
    public struct Options: Sendable {
        public var sendingApplication = "HILUM"
        public var sendingFacility = "HILUM"
        public var receivingApplication = ""
        public var receivingFacility = ""
        /// Message time in milliseconds since 1970; the signing time when nil.
        public var messageTime: Int64?

        public init() {}
    }

    /// Local coding system for sections without a LOINC code ("99" prefix: locally defined).
    static let localCodingSystem = "99HILUM"

    public static func message(_ payload: ReportPayload, context: ReportExportContext, options: Options = Options()) -> String {
        let escape = HL7Escaping.escape
        let resultStatus = context.isAmended ? "C" : "F"
        let controlID = String(context.reportID.prefix(20))
        var segments: [[String]] = []

        segments.append(["MSH", "^~\\&", escape(options.sendingApplication), escape(options.sendingFacility),
                         escape(options.receivingApplication), escape(options.receivingFacility),
                         ExportTime.hl7(options.messageTime ?? payload.signedAt), "", "ORU^R01^ORU_R01", controlID, "P", "2.5",
                         "", "", "AL", "NE", "", "UNICODE UTF-8"])

        var pid = ["PID", "1", "", "", "", "", "", "", ""]
        if let patient = context.patient {
            if let identifier = patient.identifier { pid[3] = escape(identifier) + "^^^^MR" }
            if let name = patient.nameParts { pid[5] = escape(name.family) + (name.given.map { "^" + escape($0) } ?? "") }
            if let birthDate = patient.birthDate { pid[7] = birthDate.replacingOccurrences(of: "-", with: "") }
            if let sex = patient.sex, ["F", "M", "O", "U"].contains(sex.uppercased()) { pid[8] = sex.uppercased() }
        }
        segments.append(pid)

        var obr = [String](repeating: "", count: 33)
        obr[0] = "OBR"
        obr[1] = "1"
        obr[3] = escape(context.accessionNumber ?? context.caseID)
        obr[4] = "18748-4^Diagnostic imaging study^LN^^" + escape(context.procedure)
        obr[7] = ExportTime.hl7(payload.signedAt)
        obr[22] = ExportTime.hl7(context.addenda.last?.signedAt ?? payload.signedAt)
        obr[24] = "RAD"
        obr[25] = resultStatus
        // OBR-32 is NDL; its first component is a CNN whose subcomponents are ID&Family name.
        obr[32] = "&" + escape(payload.radiologistName)
        segments.append(obr)

        var setID = 0
        func observation(code: String, subID: Int, text: String) {
            setID += 1
            segments.append(["OBX", String(setID), "TX", code, String(subID), escape(text), "", "", "", "", "", resultStatus])
        }
        for (index, section) in payload.sections.enumerated() {
            let code = section.loincCode.map { "\(escape($0.value))^\(escape($0.meaning))^LN" }
                ?? "SECTION-\(index + 1)^\(escape(section.name))^\(localCodingSystem)"
            for line in section.lines { observation(code: code, subID: index + 1, text: line) }
        }
        if payload.sections.isEmpty {
            for line in payload.text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
                observation(code: "REPORT^Report text^\(localCodingSystem)", subID: 1, text: String(line))
            }
        }
        for (index, addendum) in context.addenda.enumerated() {
            let code = "ADDENDUM^Addendum^\(localCodingSystem)"
            let subID = payload.sections.count + index + 2
            observation(code: code, subID: subID, text: "Addendum by \(addendum.radiologistName), \(ExportTime.iso8601(addendum.signedAt))")
            for line in addendum.text.split(separator: "\n") { observation(code: code, subID: subID, text: String(line)) }
        }
        return segments.map { trimmed($0).joined(separator: "|") }.joined(separator: "\r") + "\r"
    }

    /// Drops empty trailing fields, as HL7 encoders conventionally do.
    private static func trimmed(_ fields: [String]) -> [String] {
        var fields = fields
        while fields.count > 1, fields.last == "" { fields.removeLast() }
        return fields
    }
}
