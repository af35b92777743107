import Foundation
import HilumCore
import HilumCrypto
import HilumHistory
import HilumLedger
import HilumReporting

/// Reads what `hilum report sign` needs: the case row, the grant, the
/// template and the fill file.
enum ReportInputs {
    /// The clear facts of a case that reporting needs.
    struct CaseFacts {
        let id: EventID
        let client: PublicKey
        let clinician: PublicKey?
        let assignee: PublicKey?
        let status: String
        let modality: String
        let bodyRegion: String
        let procedure: String
    }

    static func caseFacts(_ participant: Participant, _ caseID: EventID) throws -> CaseFacts {
        let statement = try participant.replica.database.prepare("""
            SELECT client, clinician, assignee, status, modality, body_region, procedure FROM cases WHERE substr(id, 1, 8) = substr(?1, 1, 8) AND id = ?1
            """).bind(1, caseID.bytes)
        guard try statement.step() else { throw CommandError("case \(caseID.short) is not in this replica; sync first") }
        return CaseFacts(id: caseID, client: PublicKey(unchecked: statement.blob(0)),
                         clinician: statement.optionalBlob(1).map(PublicKey.init(unchecked:)),
                         assignee: statement.optionalBlob(2).map(PublicKey.init(unchecked:)), status: statement.text(3),
                         modality: statement.text(4), bodyRegion: statement.text(5), procedure: statement.text(6))
    }

    /// Opens the newest access grant sealed to this participant for the case; nil when there is none.
    static func grant(_ participant: Participant, _ caseID: EventID) throws -> GrantPayload? {
        let grants = try participant.replica.database.prepare("""
            SELECT id FROM grants WHERE case_id = ? AND recipient = ? ORDER BY granted_at DESC LIMIT 1
            """).bind(1, caseID.bytes).bind(2, participant.identity.bytes)
        guard try grants.step() else { return nil }
        guard let event = try participant.event(EventID(unchecked: grants.blob(0))), case let .accessGrant(body) = event.content else {
            return nil
        }
        return try GrantPayload(decoding: try participant.openBytes(body.sealed))
    }

    /// Returns the template named by `--template` (identifier or title), else the
    /// catalog's choice for the case's modality and body region.
    static func template(_ environment: Environment, named name: String?, for facts: CaseFacts) throws -> ReportTemplate {
        let (catalog, _) = try TemplateStore(home: URL(fileURLWithPath: environment.home)).catalog()
        if let name {
            let lowered = name.lowercased()
            guard let entry = catalog.entries.first(where: {
                $0.template.id == name || $0.template.title.lowercased() == lowered
            }) else {
                let known = catalog.entries.map { "'\($0.template.title)'" }.joined(separator: ", ")
                throw UsageError("--template '\(name)' names no template; give an identifier or one of \(known) (see 'hilum template list')")
            }
            let candidates = catalog.candidates(modality: facts.modality, bodyRegion: facts.bodyRegion).map(\.template.id)
            guard candidates.contains(entry.template.id) else {
                throw UsageError("template '\(entry.template.title)' is not for \(facts.modality) \(facts.bodyRegion) studies; "
                                 + "choose one listed for them in 'hilum template list'")
            }
            guard !entry.template.allFields.isEmpty else {
                throw UsageError("template '\(entry.template.title)' has no fields to report in; choose another")
            }
            return entry.template
        }
        guard let entry = catalog.choose(modality: facts.modality, bodyRegion: facts.bodyRegion) else {
            throw UsageError("no template matches \(facts.modality) \(facts.bodyRegion); pass --template (see 'hilum template list')")
        }
        return entry.template
    }

    /// Fills `template` from a JSON object of field id (or name) to value.
    /// A string goes to a select field as its option value, to a date field
    /// as YYYY-MM-DD, and to other fields as text; numbers, booleans and
    /// string arrays map to numbers, checkboxes and multiple choices. The
    /// stored form `{"choice": "solid"}` is accepted too.
    static func fill(_ template: ReportTemplate, fromFile path: String) throws -> FilledTemplate {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError("cannot read the fill file \(path); check the path and its permissions")
        }
        let object: [String: FillValue]
        do {
            object = try JSONDecoder().decode([String: FillValue].self, from: data)
        } catch {
            let ids = template.allFields.prefix(2).map(\.id)
            throw CommandError("\(path) is not a JSON object of field id to value; write for example "
                               + "{\"\(ids.first ?? "field")\": \"...\"} with this template's field ids (the first are "
                               + ids.joined(separator: ", ") + ")")
        }
        guard !object.isEmpty else {
            throw CommandError("\(path) sets no field; a report needs at least its findings and impression")
        }
        var filled = FilledTemplate(template: template)
        for key in object.keys.sorted() {
            guard let field = template.field(key) else {
                let ids = template.allFields.map(\.id)
                let near = ids.min { editDistance(key, $0) < editDistance(key, $1) }
                throw CommandError("\(path): field '\(key)' is not in template '\(template.title)'"
                                   + (near.map { "; did you mean '\($0)'?" } ?? ""))
            }
            do {
                try filled.set(object[key]!.fieldValue(for: field), for: field.id)
            } catch {
                throw CommandError("\(path): \(error)")
            }
        }
        return filled
    }

    /// One value of the fill file, as JSON gives it.
    enum FillValue: Decodable {
        case null
        case flag(Bool)
        case number(Double)
        case text(String)
        case list([String])
        case stored(FieldValue)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let flag = try? container.decode(Bool.self) {
                self = .flag(flag)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else if let list = try? container.decode([String].self) {
                self = .list(list)
            } else {
                self = .stored(try container.decode(FieldValue.self))
            }
        }

        func fieldValue(for field: TemplateField) -> FieldValue? {
            switch self {
            case .null: return nil
            case .flag(let flag): return .flag(flag)
            case .number(let number): return .number(number)
            case .list(let list): return .choices(list)
            case .stored(let value): return value
            case .text(let text):
                switch field.kind {
                case .select: return .choice(text)
                case .date: return .date(text)
                default: return .text(text)
                }
            }
        }
    }
}
