import Foundation

/// A value entered in a template field. Select fields store option values
/// (not labels), so a report stays valid when a label is reworded.
public enum FieldValue: Sendable, Equatable {
    case text(String)
    case number(Double)
    case choice(String)
    case choices([String])
    case flag(Bool)
    case date(String)

    /// True when the value carries nothing to report: empty text, no
    /// choices, or an unticked checkbox.
    public var isEmpty: Bool {
        switch self {
        case .text(let text), .date(let text): text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        case .choice(let value): value.isEmpty
        case .choices(let values): values.isEmpty
        case .flag(let isSet): !isSet
        case .number: false
        }
    }

    var kindName: String {
        switch self {
        case .text: "text"
        case .number: "number"
        case .choice: "choice"
        case .choices: "choices"
        case .flag: "flag"
        case .date: "date"
        }
    }
}

/// Stored in JSON as an object with one key naming the kind, for example
/// `{"choices": ["washout"]}` or `{"number": 23}`.
extension FieldValue: Codable {
    private enum CodingKeys: String, CodingKey {
        case text, number, choice, choices, flag, date
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let key = container.allKeys.first, container.allKeys.count == 1 else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "a field value needs exactly one of the keys text, number, choice, choices, flag, date"))
        }
        switch key {
        case .text: self = .text(try container.decode(String.self, forKey: key))
        case .number: self = .number(try container.decode(Double.self, forKey: key))
        case .choice: self = .choice(try container.decode(String.self, forKey: key))
        case .choices: self = .choices(try container.decode([String].self, forKey: key))
        case .flag: self = .flag(try container.decode(Bool.self, forKey: key))
        case .date: self = .date(try container.decode(String.self, forKey: key))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .text(let text): try container.encode(text, forKey: .text)
        case .number(let number): try container.encode(number, forKey: .number)
        case .choice(let value): try container.encode(value, forKey: .choice)
        case .choices(let values): try container.encode(values, forKey: .choices)
        case .flag(let isSet): try container.encode(isSet, forKey: .flag)
        case .date(let date): try container.encode(date, forKey: .date)
        }
    }
}
