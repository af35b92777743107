import Foundation

typealias JSONObject = [String: Any]

/// Collects what could not be read. Notes name the entry, resource type and
/// field, never a value, because callers may log them.
final class NoteCollector {
    /// Enough to show every kind of problem in a bundle without letting a
    /// bundle of 100 000 broken entries produce 100 000 notes.
    static let maxNotes = 60

    private(set) var notes: [String] = []
    private var dropped = 0

    func add(_ note: String) {
        if notes.count < Self.maxNotes {
            notes.append(note)
        } else {
            dropped += 1
        }
    }

    func finish() -> [String] {
        dropped == 0 ? notes : notes + ["\(dropped) more notes like the ones above were left out"]
    }
}

/// A JSON value's kind in words, for notes about wrongly typed fields.
func jsonKind(_ value: Any) -> String {
    switch value {
    case is NSNull: return "null"
    case is String: return "a string"
    case is JSONObject: return "an object"
    case is [Any]: return "an array"
    case let number as NSNumber: return isJSONBool(number) ? "true/false" : "a number"
    default: return "an unknown value"
    }
}

/// JSONSerialization returns booleans as NSNumber; only the CFBoolean ones bridge to Bool.
func isJSONBool(_ number: NSNumber) -> Bool {
    (number as Any) as? Bool != nil && String(cString: number.objCType) == "c"
}

/// Typed reads from one JSON object. A field of the wrong type is treated as
/// missing and noted with its path, so one bad field never sinks a resource.
struct FieldReader {
    let json: JSONObject
    /// Where this object sits, for notes: "entry 7 (Condition c7)".
    let place: String
    let path: String
    let notes: NoteCollector

    init(_ json: JSONObject, place: String, path: String = "", notes: NoteCollector) {
        self.json = json
        self.place = place
        self.path = path
        self.notes = notes
    }

    private func fieldPath(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    private func noteWrongType(_ key: String, _ value: Any, expected: String) {
        notes.add("\(place): '\(fieldPath(key))' is \(jsonKind(value)), expected \(expected); ignored")
    }

    func has(_ key: String) -> Bool {
        json[key] != nil && !(json[key] is NSNull)
    }

    func string(_ key: String) -> String? {
        guard let value = json[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else {
            noteWrongType(key, value, expected: "a string")
            return nil
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    func number(_ key: String) -> NSNumber? {
        guard let value = json[key], !(value is NSNull) else { return nil }
        guard let number = value as? NSNumber, !isJSONBool(number) else {
            noteWrongType(key, value, expected: "a number")
            return nil
        }
        return number
    }

    func bool(_ key: String) -> Bool? {
        guard let value = json[key], !(value is NSNull) else { return nil }
        guard let number = value as? NSNumber, isJSONBool(number) else {
            noteWrongType(key, value, expected: "true or false")
            return nil
        }
        return number.boolValue
    }

    func object(_ key: String) -> FieldReader? {
        guard let value = json[key], !(value is NSNull) else { return nil }
        guard let object = value as? JSONObject else {
            noteWrongType(key, value, expected: "an object")
            return nil
        }
        return FieldReader(object, place: place, path: fieldPath(key), notes: notes)
    }

    /// The objects in an array field. A single object where an array belongs
    /// is accepted, since exporters often drop the brackets of one-element lists.
    func objects(_ key: String) -> [FieldReader] {
        guard let value = json[key], !(value is NSNull) else { return [] }
        if let object = value as? JSONObject {
            return [FieldReader(object, place: place, path: fieldPath(key), notes: notes)]
        }
        guard let array = value as? [Any] else {
            noteWrongType(key, value, expected: "an array")
            return []
        }
        var result: [FieldReader] = []
        for (index, element) in array.enumerated() {
            guard let object = element as? JSONObject else {
                noteWrongType("\(key)[\(index)]", element, expected: "an object")
                continue
            }
            result.append(FieldReader(object, place: place, path: "\(fieldPath(key))[\(index)]", notes: notes))
        }
        return result
    }

    func strings(_ key: String) -> [String] {
        guard let value = json[key], !(value is NSNull) else { return [] }
        if let single = value as? String { return [single] }
        guard let array = value as? [Any] else {
            noteWrongType(key, value, expected: "an array of strings")
            return []
        }
        return array.compactMap { $0 as? String }
    }

    /// A CodeableConcept. A plain string in its place (invalid FHIR, but sent by
    /// real exporters) is read as the concept's text, with a note.
    func concept(_ key: String) -> CodeableConcept? {
        guard let value = json[key], !(value is NSNull) else { return nil }
        if let text = value as? String {
            notes.add("\(place): '\(fieldPath(key))' is a string, expected a CodeableConcept; read as its text")
            return CodeableConcept(codings: [], text: text)
        }
        guard let object = object(key) else { return nil }
        return object.asConcept()
    }

    func concepts(_ key: String) -> [CodeableConcept] {
        objects(key).compactMap { $0.asConcept() }
    }

    func asConcept() -> CodeableConcept? {
        var codings: [Coding] = []
        for coding in objects("coding") {
            let entry = Coding(system: coding.string("system"), code: coding.string("code"), display: coding.string("display"))
            if entry.code != nil || entry.display != nil {
                codings.append(entry)
            }
        }
        let concept = CodeableConcept(codings: codings, text: string("text"))
        return concept.isEmpty ? nil : concept
    }

    /// `reference` and `display` of a Reference.
    func reference(_ key: String) -> (reference: String?, display: String?)? {
        guard let object = object(key) else { return nil }
        return (object.string("reference"), object.string("display"))
    }
}
