/// Why a validly signed event was not applied to the projection: a short
/// machine-readable code and a sentence for people.
public struct Quarantine: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: String
    public let reason: String

    public init(_ code: String, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "\(code): \(reason)" }

    static func unknownDevice() -> Quarantine {
        Quarantine("unknown-device", "the author's device has no device event")
    }

    static func wrongRole(_ kind: String, _ role: String) -> Quarantine {
        Quarantine("wrong-role", "a \(role) may not sign \(kind) events")
    }

    static func unknownCase() -> Quarantine {
        Quarantine("unknown-case", "the posting this event refers to is not in the ledger")
    }

    static func notFound(_ what: String) -> Quarantine {
        Quarantine("unknown-\(what)", "the \(what) this event refers to is not in the ledger")
    }
}
