import Foundation
import HilumCore
import HilumCrypto
import HilumReporting

/// Unsigned reports at rest: one file per case under `<home>/drafts/`,
/// named by the case id in hex and holding the `ReportDocument` JSON
/// encrypted with `StoredField` under the radiologist's report-drafts key.
public struct ReportDraftStore: Sendable {
    public let directory: String
    private let key: SecretBytes

    public init(directory: String, key: SecretBytes) {
        self.directory = directory
        self.key = key
    }

    private func path(_ caseID: EventID) -> String { directory + "/" + caseID.hex + ".draft" }

    /// Writes the draft through a temporary file and a rename, so a crash
    /// leaves either the old draft or the new one, never half of one.
    public func save(_ document: ReportDocument, for caseID: EventID) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let sealed = StoredField.seal(Array(try JSONEncoder().encode(document)), key: key)
        let url = URL(fileURLWithPath: path(caseID))
        do {
            try Data(sealed.utf8).write(to: url, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        } catch {
            throw WorklistError("cannot write the draft for case \(caseID.short) to \(directory): \(error.localizedDescription)")
        }
    }

    /// The case's draft; nil when it has none.
    public func load(_ caseID: EventID) throws -> ReportDocument? {
        guard let data = FileManager.default.contents(atPath: path(caseID)) else { return nil }
        do {
            let plain = try StoredField.open(String(decoding: data, as: UTF8.self), key: key)
            return try plain.withBytes { try JSONDecoder().decode(ReportDocument.self, from: Data($0)) }
        } catch {
            throw WorklistError("cannot open the draft for case \(caseID.short) (\(path(caseID))): \(error)")
        }
    }

    public func delete(_ caseID: EventID) throws {
        for file in [path(caseID), criticalPath(caseID)] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.removeItem(atPath: file)
        }
    }

    private func criticalPath(_ caseID: EventID) -> String { directory + "/" + caseID.hex + ".critical" }

    /// Keeps the critical result flagged in the editor beside the draft, encrypted the same way; nil removes it.
    public func saveCritical(_ flag: CriticalFlag?, for caseID: EventID) throws {
        let url = URL(fileURLWithPath: criticalPath(caseID))
        do {
            guard let flag else {
                if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
                return
            }
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let sealed = StoredField.seal(Array(try JSONEncoder().encode(flag)), key: key)
            try Data(sealed.utf8).write(to: url, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        } catch {
            throw WorklistError("cannot write the critical result for case \(caseID.short) to \(directory): \(error.localizedDescription)")
        }
    }

    /// Returns the critical result flagged in the case's draft, or nil when none is.
    public func loadCritical(_ caseID: EventID) throws -> CriticalFlag? {
        guard let data = FileManager.default.contents(atPath: criticalPath(caseID)) else { return nil }
        do {
            let plain = try StoredField.open(String(decoding: data, as: UTF8.self), key: key)
            return try plain.withBytes { try JSONDecoder().decode(CriticalFlag.self, from: Data($0)) }
        } catch {
            throw WorklistError("cannot open the critical result for case \(caseID.short) (\(criticalPath(caseID))): \(error)")
        }
    }

    /// Cases that have a draft file.
    public func caseIDs() -> Set<EventID> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return Set(names.compactMap { name in
            guard name.hasSuffix(".draft") else { return nil }
            return EventID(hex: String(name.dropLast(6)))
        })
    }
}
