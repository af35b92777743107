import Foundation

/// One attribute of a DICOM JSON dataset: its VR and its `Value` array.
/// `InlineBinary` and `BulkDataURI` are not read.
public struct DICOMAttribute: Sendable, Equatable {
    public let vr: String?
    public let values: [JSONValue]
}

/// A DICOM JSON dataset (PS3.18 F.2) read leniently: attributes with an
/// unexpected shape are kept out and listed in `issues`, never fatal.
public struct DICOMDataset: Sendable, Equatable {
    public let attributes: [DICOMTag: DICOMAttribute]
    /// Problems met while reading, one per attribute, in tag order.
    public let issues: [DICOMJSONError]

    public init(attributes: [DICOMTag: DICOMAttribute], issues: [DICOMJSONError] = []) {
        self.attributes = attributes
        self.issues = issues
    }

    /// Parses a QIDO-RS response body: a JSON array of datasets. Entries that
    /// are not objects are skipped and returned in `skipped`.
    public static func parseList(_ data: Data) throws(DICOMJSONError) -> (datasets: [DICOMDataset], skipped: [DICOMJSONError]) {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch let error as DecodingError {
            throw .invalidJSON(Self.summary(of: error))
        } catch {
            throw .invalidJSON("\(type(of: error))")
        }
        guard case let .array(entries) = root else { throw .notAnArray(found: root.typeName) }

        var datasets: [DICOMDataset] = []
        var skipped: [DICOMJSONError] = []
        for (index, entry) in entries.enumerated() {
            guard case let .object(members) = entry else {
                skipped.append(.notAnObject(index: index, found: entry.typeName))
                continue
            }
            datasets.append(DICOMDataset(members: members))
        }
        return (datasets, skipped)
    }

    init(members: [String: JSONValue]) {
        var attributes: [DICOMTag: DICOMAttribute] = [:]
        var issues: [(key: String, error: DICOMJSONError)] = []
        for (key, member) in members {
            guard let tag = DICOMTag(key: key) else {
                issues.append((key, .invalidKey(String(key.prefix(16)))))
                continue
            }
            guard case let .object(fields) = member else {
                issues.append((key, .attribute(tag, "the attribute is a JSON \(member.typeName), not an object; it was ignored")))
                continue
            }
            var vr: String? = nil
            if case let .string(text)? = fields["vr"] { vr = text }
            switch fields["Value"] {
            case nil, .null?:
                attributes[tag] = DICOMAttribute(vr: vr, values: [])
            case let .array(values)?:
                attributes[tag] = DICOMAttribute(vr: vr, values: values)
            case let single?:
                // Some servers send one value without the array; accept it as one value.
                attributes[tag] = DICOMAttribute(vr: vr, values: [single])
                issues.append((key, .attribute(tag, "Value is a JSON \(single.typeName), not an array; read as one value")))
            }
        }
        self.attributes = attributes
        self.issues = issues.sorted { $0.key < $1.key }.map(\.error)
    }

    private static func summary(of error: DecodingError) -> String {
        switch error {
        case let .dataCorrupted(context): context.underlyingError.map { "\($0)" } ?? context.debugDescription
        default: "\(error)"
        }
    }
}

extension DICOMDataset {
    /// Returns the attribute's text values with DICOM's padding spaces trimmed.
    /// Empty values and values that are not strings or numbers are left out.
    public func strings(_ tag: DICOMTag) -> [String] {
        guard let attribute = attributes[tag] else { return [] }
        return attribute.values.compactMap { value -> String? in
            switch value {
            case let .string(text):
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                return trimmed.isEmpty ? nil : trimmed
            case let .number(number):
                return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
            default:
                return nil
            }
        }
    }

    /// Returns the first non-empty text value.
    public func string(_ tag: DICOMTag) -> String? { strings(tag).first }

    /// Code string (CS) values. A single string holding backslash-separated
    /// values, as some servers send multi-valued CS, is split; empty parts are dropped.
    public func codeStrings(_ tag: DICOMTag) -> [String] {
        strings(tag).flatMap { $0.split(separator: "\\") }
            .map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
            .filter { !$0.isEmpty }
    }

    /// Reads the first Integer String (IS) value, given as a JSON number or, as CP
    /// 1861 allows, as a string with optional sign and padding spaces. Nil
    /// when absent or empty; throws naming the tag when the value is not an integer.
    public func integer(_ tag: DICOMTag) throws(DICOMJSONError) -> Int? {
        guard let value = attributes[tag]?.values.first else { return nil }
        switch value {
        case .null:
            return nil
        case let .number(number):
            guard number == number.rounded(), abs(number) <= Double(Int32.max) else {
                throw .attribute(tag, "IS value \(number) is not an integer")
            }
            return Int(number)
        case let .string(text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return nil }
            let unsigned = trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed
            guard unsigned.count <= 12, let number = Int(unsigned) else {
                throw .attribute(tag, "IS value \"\(Self.clip(text))\" is not an integer; left blank")
            }
            return number
        default:
            throw .attribute(tag, "IS value is a JSON \(value.typeName), expected a number or a string; left blank")
        }
    }

    /// Reads the first Decimal String (DS) value as a `Decimal`, so "72.50" is not
    /// rounded through binary floating point. Accepts JSON numbers and
    /// strings with padding spaces, a sign and an exponent (" 6.5E1").
    public func decimal(_ tag: DICOMTag) throws(DICOMJSONError) -> Decimal? {
        guard let value = attributes[tag]?.values.first else { return nil }
        switch value {
        case .null:
            return nil
        case let .number(number):
            guard number.isFinite, let decimal = Decimal(string: String(number)) else {
                throw .attribute(tag, "DS value \(number) is not a finite number; left blank")
            }
            return decimal
        case let .string(text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return nil }
            guard trimmed.count <= 16, Self.isDecimalString(trimmed),
                  let decimal = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
            else {
                throw .attribute(tag, "DS value \"\(Self.clip(text))\" is not a decimal number; left blank")
            }
            return decimal
        default:
            throw .attribute(tag, "DS value is a JSON \(value.typeName), expected a number or a string; left blank")
        }
    }

    /// Reads the Person Name (PN) values. Each is a JSON object with component
    /// groups, and a plain string in `A=I=P` form is accepted too.
    public func personNames(_ tag: DICOMTag) throws(DICOMJSONError) -> [PersonName] {
        guard let attribute = attributes[tag] else { return [] }
        var names: [PersonName] = []
        for value in attribute.values {
            switch value {
            case .null:
                continue
            case let .string(text):
                names.append(PersonName(dicomString: text))
            case let .object(groups):
                names.append(PersonName(jsonGroups: groups))
            default:
                throw .attribute(tag, "PN value is a JSON \(value.typeName), expected an object with Alphabetic, Ideographic or Phonetic")
            }
        }
        return names.filter { !$0.isEmpty }
    }

    /// DS grammar from PS3.5 6.2: optional sign, digits with an optional
    /// fraction, optional exponent. Foundation's parser alone accepts trailing junk.
    private static func isDecimalString(_ text: String) -> Bool {
        var characters = Substring(text)
        if let first = characters.first, first == "+" || first == "-" { characters = characters.dropFirst() }
        let mantissaEnd = characters.firstIndex { $0 == "e" || $0 == "E" } ?? characters.endIndex
        let mantissa = characters[..<mantissaEnd]
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              parts.contains(where: { !$0.isEmpty }) else { return false }
        guard mantissaEnd < characters.endIndex else { return true }
        var exponent = characters[characters.index(after: mantissaEnd)...]
        if let first = exponent.first, first == "+" || first == "-" { exponent = exponent.dropFirst() }
        return !exponent.isEmpty && exponent.allSatisfy(\.isASCIIDigit)
    }

    private static func clip(_ text: String) -> String {
        text.count <= 16 ? text : String(text.prefix(16)) + "…"
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
