import Foundation
import HilumCore
import HilumCrypto

/// Unsent replies and addenda at rest: one file per feedback thread and
/// kind under `<home>/drafts/`, named by the feedback id in hex with the
/// suffix `.reply` or `.addendum`, holding the text encrypted with
/// `StoredField` under the radiologist's reply-drafts key.
public struct ReplyDraftStore: Sendable {
    public enum Kind: String, Sendable {
        case reply, addendum
    }

    public let directory: String
    private let key: SecretBytes

    public init(directory: String, key: SecretBytes) {
        self.directory = directory
        self.key = key
    }

    private func path(_ feedback: EventID, _ kind: Kind) -> String { directory + "/" + feedback.hex + "." + kind.rawValue }

    /// Writes the draft through a temporary file and a rename; an empty text deletes it.
    public func save(_ text: String, kind: Kind, for feedback: EventID) throws {
        guard !text.isEmpty else { return try delete(kind, for: feedback) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let sealed = StoredField.seal(Array(text.utf8), key: key)
        let url = URL(fileURLWithPath: path(feedback, kind))
        do {
            try Data(sealed.utf8).write(to: url, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        } catch {
            throw WorklistError("cannot write the \(kind.rawValue) draft for feedback \(feedback.short) to \(directory): \(error.localizedDescription)")
        }
    }

    /// Returns the thread's draft of `kind`; nil when it has none.
    public func load(_ kind: Kind, for feedback: EventID) throws -> String? {
        guard let data = FileManager.default.contents(atPath: path(feedback, kind)) else { return nil }
        do {
            let plain = try StoredField.open(String(decoding: data, as: UTF8.self), key: key)
            return plain.withBytes { String(decoding: $0, as: UTF8.self) }
        } catch {
            throw WorklistError("cannot open the \(kind.rawValue) draft for feedback \(feedback.short) (\(path(feedback, kind))): \(error)")
        }
    }

    /// Returns whether the thread has a draft of `kind`, without opening it.
    public func contains(_ kind: Kind, for feedback: EventID) -> Bool {
        FileManager.default.fileExists(atPath: path(feedback, kind))
    }

    public func delete(_ kind: Kind, for feedback: EventID) throws {
        let file = path(feedback, kind)
        guard FileManager.default.fileExists(atPath: file) else { return }
        try FileManager.default.removeItem(atPath: file)
    }
}
