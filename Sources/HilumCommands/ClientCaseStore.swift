import Foundation
import HilumCore
import HilumCrypto
import HilumLedger
import HilumSQLite

/// The client's own record of the cases it posted: the study, the archive
/// and the patient. None of it goes on the ledger; it is kept in
/// `client.sqlite` in the home, each row encrypted with a key derived from
/// the client's unlocked encryption key.
final class ClientCaseStore {
    struct Entry: Codable, Equatable {
        var caseID: String
        var postedAt: Int64
        var studyUID: String
        var dicomwebURL: String
        /// How to reach the archive: "basic:USER:PASSFILE", "bearer:TOKENFILE" or
        /// "study-token:SECRETFILE" (paths, never the secrets), or nil.
        var auth: String?
        var patient: GrantPayload.Patient
        var modality: String
        var region: String
    }

    private let database: Database
    private let key: SecretBytes

    init(path: String, key: SecretBytes) throws {
        database = try Database(path: path)
        self.key = key
        try database.execute("""
            CREATE TABLE IF NOT EXISTS cases(case_id BLOB PRIMARY KEY, posted_at INTEGER NOT NULL, details TEXT NOT NULL) WITHOUT ROWID
            """)
        chmod(path, 0o600)
    }

    func insert(_ entry: Entry, caseID: EventID) throws {
        let plain = Array(try JSONEncoder().encode(entry))
        try database.prepare("INSERT OR REPLACE INTO cases(case_id, posted_at, details) VALUES(?,?,?)")
            .bind(1, caseID.bytes).bind(2, entry.postedAt).bind(3, StoredField.seal(plain, key: key)).run()
    }

    func entry(_ caseID: EventID) throws -> Entry? {
        let statement = try database.prepare("SELECT details FROM cases WHERE case_id = ?").bind(1, caseID.bytes)
        guard try statement.step() else { return nil }
        return try decode(statement.text(0), caseID: caseID.short)
    }

    func entries() throws -> [Entry] {
        let statement = try database.prepare("SELECT case_id, details FROM cases ORDER BY posted_at DESC")
        var entries: [Entry] = []
        while try statement.step() {
            entries.append(try decode(statement.text(1), caseID: Key32(unchecked: statement.blob(0)).short))
        }
        return entries
    }

    private func decode(_ stored: String, caseID: String) throws -> Entry {
        do {
            let plain = try StoredField.open(stored, key: key)
            return try plain.withBytes { try JSONDecoder().decode(Entry.self, from: Data($0)) }
        } catch {
            throw CommandError("the local details of case \(caseID) in client.sqlite cannot be read (\(error)); they were written with another key or damaged")
        }
    }
}
