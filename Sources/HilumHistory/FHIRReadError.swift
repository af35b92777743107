import Foundation

/// Failures that stop a file from being read as a FHIR bundle at all. Messages name sizes,
/// offsets and field names, never values from the file, because the file is
/// a patient's record.
public enum FHIRReadError: Error, Equatable, CustomStringConvertible {
    case tooLarge(bytes: Int, limit: Int)
    case tooManyEntries(count: Int, limit: Int)
    /// The JSON parser stopped; `offset` is the byte where it gave up, when its message gives one.
    case malformedJSON(offset: Int?, reason: String)
    /// The file ended inside a JSON value.
    case truncated(bytes: Int)
    /// The top level is not a JSON object with a `resourceType`.
    case notAResource(found: String)
    case unsupportedResourceType(String)

    public var description: String {
        switch self {
        case let .tooLarge(bytes, limit):
            return "FHIR file is \(bytes) bytes, over the limit of \(limit) bytes; export fewer resources or raise FHIRReadLimits.maxBytes"
        case let .tooManyEntries(count, limit):
            return "FHIR bundle has \(count) entries, over the limit of \(limit); export fewer resources or raise FHIRReadLimits.maxEntries"
        case let .malformedJSON(offset?, reason):
            return "FHIR file is not valid JSON: \(reason) near byte \(offset); check the export"
        case let .malformedJSON(nil, reason):
            return "FHIR file is not valid JSON: \(reason); check the export"
        case let .truncated(bytes):
            return "FHIR file ends inside a JSON value after \(bytes) bytes; the file is probably cut off, copy or export it again"
        case let .notAResource(found):
            return "FHIR file's top level is \(found), expected an object with \"resourceType\": \"Bundle\""
        case let .unsupportedResourceType(type):
            return "FHIR file holds a \(type) resource, expected a Bundle or a Patient"
        }
    }
}

/// Limits that stop a hostile or mistaken file from using unbounded memory.
public struct FHIRReadLimits: Sendable {
    /// 64 MiB is an estimate: far above one patient's record (the Synthea test
    /// bundles are about 1 MiB each) and small enough to bound the parsed tree.
    /// NOTE: JSONSerialization on Linux parsed a 16 MB bundle in about 7 s in a
    /// debug test run on a shared 2-core machine. A bundle near this limit may
    /// take half a minute or more, so read it off the UI thread.
    public var maxBytes: Int
    public var maxEntries: Int

    public init(maxBytes: Int = 64 << 20, maxEntries: Int = 200_000) {
        self.maxBytes = maxBytes
        self.maxEntries = maxEntries
    }
}
