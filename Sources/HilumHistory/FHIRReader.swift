import Foundation

/// Reads a FHIR R4 Bundle (transaction, batch, searchset or collection) or a
/// bare Patient leniently. A field of the wrong type is skipped with a note.
/// Only a file that is not JSON, too large or not a resource is an error.
public enum FHIRReader {
    /// Bundle types read without a note. Others (document, message, history)
    /// are read the same way, with a note.
    static let expectedBundleTypes: Set<String> = ["transaction", "batch", "searchset", "collection"]

    public static func read(contentsOf url: URL, limits: FHIRReadLimits = FHIRReadLimits()) throws -> FHIRRecord {
        // Check the size before reading, so a huge file is never loaded.
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        if let size = (attributes?[.size] as? NSNumber)?.intValue, size > limits.maxBytes {
            throw FHIRReadError.tooLarge(bytes: size, limit: limits.maxBytes)
        }
        return try read(Data(contentsOf: url), limits: limits)
    }

    public static func read(_ data: Data, limits: FHIRReadLimits = FHIRReadLimits()) throws(FHIRReadError) -> FHIRRecord {
        guard data.count <= limits.maxBytes else {
            throw .tooLarge(bytes: data.count, limit: limits.maxBytes)
        }
        let top = try parseJSON(data)
        guard let root = top as? JSONObject else {
            throw .notAResource(found: jsonKind(top))
        }
        guard let resourceType = root["resourceType"] as? String else {
            throw .notAResource(found: "an object without a \"resourceType\" string")
        }

        let notes = NoteCollector()
        var bundleType: String?
        var rawEntries: [RawEntry]
        switch resourceType {
        case "Bundle":
            let bundle = FieldReader(root, place: "Bundle", notes: notes)
            bundleType = bundle.string("type")
            if let type = bundleType {
                if !expectedBundleTypes.contains(type) {
                    notes.add("Bundle type '\(safeToken(type))' is not transaction, batch, searchset or collection; read the same way")
                }
            } else {
                notes.add("Bundle has no 'type'; read as a collection")
            }
            let entryCount = (root["entry"] as? [Any])?.count ?? 0
            guard entryCount <= limits.maxEntries else {
                throw .tooManyEntries(count: entryCount, limit: limits.maxEntries)
            }
            rawEntries = collectEntries(bundle, notes: notes)
        case "Patient":
            rawEntries = [RawEntry(index: 0, fullUrl: nil, json: root, resourceType: "Patient", id: root["id"] as? String)]
        default:
            throw .unsupportedResourceType(safeResourceType(resourceType))
        }

        var reader = RecordBuilder(entries: rawEntries, notes: notes)
        reader.bundleType = bundleType
        return reader.build()
    }

    /// Parses with JSONSerialization and turns its error into one that names
    /// the byte offset but none of the file's text.
    static func parseJSON(_ data: Data) throws(FHIRReadError) -> Any {
        do {
            return try JSONSerialization.jsonObject(with: data)
        } catch {
            let message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            if data.isEmpty {
                throw .malformedJSON(offset: 0, reason: "the file is empty")
            }
            if message.contains("end of file") || message.contains("Unexpected end") {
                throw .truncated(bytes: data.count)
            }
            if message.contains("nested") {
                throw .malformedJSON(offset: characterOffset(in: message), reason: "arrays or objects are nested too deeply")
            }
            if message.contains("not representable") {
                throw .malformedJSON(offset: nil, reason: "a number is too large to represent")
            }
            throw .malformedJSON(offset: characterOffset(in: message), reason: "invalid or unexpected value")
        }
    }

    /// Extracts the number after "character" from Foundation's parser message ("Invalid value around character 12.").
    private static func characterOffset(in message: String) -> Int? {
        guard let range = message.range(of: "character ") else { return nil }
        let digits = message[range.upperBound...].prefix(while: { $0.isNumber })
        return Int(digits)
    }

    private static func collectEntries(_ bundle: FieldReader, notes: NoteCollector) -> [RawEntry] {
        guard bundle.has("entry") else { return [] }
        guard let array = bundle.json["entry"] as? [Any] else {
            notes.add("Bundle: 'entry' is \(jsonKind(bundle.json["entry"] as Any)), expected an array; no entries read")
            return []
        }
        var entries: [RawEntry] = []
        entries.reserveCapacity(array.count)
        for (index, element) in array.enumerated() {
            guard let entry = element as? JSONObject else {
                notes.add("entry \(index): is \(jsonKind(element)), expected an object; skipped")
                continue
            }
            let fullUrl = entry["fullUrl"] as? String
            guard let resource = entry["resource"] as? JSONObject else {
                let found = entry["resource"].map(jsonKind) ?? "missing"
                notes.add("entry \(index): 'resource' is \(found), expected an object; skipped")
                continue
            }
            guard let type = resource["resourceType"] as? String else {
                notes.add("entry \(index): resource has no 'resourceType' string; skipped")
                continue
            }
            entries.append(RawEntry(index: index, fullUrl: fullUrl, json: resource, resourceType: type, id: resource["id"] as? String))
        }
        return entries
    }

    /// A resourceType safe to repeat in a note or error: FHIR type names are
    /// ASCII letters starting with a capital, so anything else is not shown.
    static func safeResourceType(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let valid = (1...64).contains(scalars.count) && ("A"..."Z").contains(scalars.first!)
            && scalars.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) }
        return valid ? text : "(invalid resourceType, not shown)"
    }

    /// A token from the file that is safe to repeat in a note: a short run of
    /// letters, digits, '-' and '.', as resource types and codes are.
    static func safeToken(_ text: String) -> String {
        let allowed = text.count <= 64 && text.unicodeScalars.allSatisfy {
            ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "."
        }
        return allowed ? text : "(not shown)"
    }
}

/// One bundle entry whose resource is an object with a resourceType.
struct RawEntry {
    let index: Int
    let fullUrl: String?
    let json: JSONObject
    let resourceType: String
    let id: String?

    /// "entry 7 (Condition c7)". A Patient's id is left out because it may be a record number.
    var place: String {
        let shownId = resourceType == "Patient" ? nil : id
        let id = shownId.map { " \(FHIRReader.safeToken($0))" } ?? ""
        return "entry \(index) (\(FHIRReader.safeResourceType(resourceType))\(id))"
    }

    var source: SourceReference {
        SourceReference(resourceType: resourceType, id: id, fullUrl: fullUrl)
    }
}
