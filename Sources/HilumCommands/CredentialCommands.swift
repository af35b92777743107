import Foundation
import HilumCore
import HilumLedger

enum CredentialCommands {
    static let grant = Command(
        path: ["credential", "grant"], summary: "attest a radiologist's licence for a jurisdiction",
        help: """
        Usage: hilum credential grant RADIOLOGIST --jurisdiction CODE --expires DATE
                                      [--from DATE] [--board NAME] [--subspecialty S] [--peer HOST:PORT] [--offline] [--home DIR]

        Signs, as a credentialer, that RADIOLOGIST (a key, a prefix of 6+ hex
        digits, or an exact display name) holds a licence for CODE (for example
        US-CA) until the end of DATE (YYYY-MM-DD, UTC). With --subspecialty it
        attests a subspecialty qualification (for example neuro) instead.
          --from DATE          start of validity (default: now)
          --board NAME         the board that issued it, when you attest for one
        \(Participant.syncHelp)
        """,
        flags: ["offline"], options: ["jurisdiction", "expires", "from", "board", "subspecialty"] + Participant.syncOptions, run: runGrant)

    static let revoke = Command(
        path: ["credential", "revoke"], summary: "revoke a credential you attested",
        help: """
        Usage: hilum credential revoke CREDENTIAL_ID [--peer HOST:PORT] [--offline] [--home DIR]

        Revokes one of your attestations from now on (ids in 'hilum credential list').
        \(Participant.syncHelp)
        """,
        flags: ["offline"], options: Participant.syncOptions, run: runRevoke)

    static let list = Command(
        path: ["credential", "list"], summary: "credentials on the ledger, yours first",
        help: """
        Usage: hilum credential list [--json] [--peer HOST:PORT] [--offline] [--home DIR]

        Lists attested licences and qualifications with subject, jurisdiction,
        validity and revocation. Works for any role.
        \(Participant.syncHelp)
        """,
        flags: ["offline", "json"], options: ["json"] + Participant.syncOptions, run: runList)

    static func runGrant(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let subjectText = try positional(&arguments, "RADIOLOGIST", usage: "hilum credential grant RADIOLOGIST --jurisdiction CODE --expires DATE")
        let jurisdiction = try arguments.required("jurisdiction", hint: "a code such as US-CA or DE-BY").uppercased()
        do {
            try FieldRules.jurisdiction(jurisdiction, "--jurisdiction")
        } catch {
            throw UsageError("\(error); write a country and region code such as US-CA or DE-BY")
        }
        let expires = try parseDate(try arguments.required("expires", hint: "the last valid day, YYYY-MM-DD"), option: "--expires", endOfDay: true)
        let from = try arguments.option("from").map { try parseDate($0, option: "--from", endOfDay: false) } ?? Clock.nowMilliseconds()
        let subspecialty = arguments.option("subspecialty")?.uppercased()
        let board = arguments.option("board")
        if let board {
            do {
                try FieldRules.text(board, "--board", maxLength: CredentialBody.maxBoardLength)
            } catch {
                throw UsageError("\(error)")
            }
        }
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: grant.options)
        guard expires > from else { throw UsageError("--expires must be after --from (and after today)") }
        let participant = try Participant(environment, role: .credentialer, command: "credential grant", sync: choice)
        participant.sync()
        let subject = try participant.resolveIdentity(subjectText, role: .radiologist)
        let body = CredentialBody(subject: subject, credentialKind: subspecialty == nil ? .licence : .subspecialty,
                                  jurisdiction: jurisdiction, subspecialty: subspecialty, validFrom: from, validUntil: expires,
                                  board: board)
        let event = try participant.publish(body)
        participant.sync()
        participant.noteIfUnsynced()
        print("credential \(event.id.short): \(try participant.name(of: subject)) \(body.credentialKind.name) \(jurisdiction)"
              + (subspecialty.map { " \($0)" } ?? "") + (board.map { " (\($0))" } ?? "") + " until \(formatTime(expires))")
        return 0
    }

    static func runRevoke(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let idText = try positional(&arguments, "CREDENTIAL_ID", usage: "hilum credential revoke CREDENTIAL_ID")
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: revoke.options)
        let participant = try Participant(environment, role: .credentialer, command: "credential revoke", sync: choice)
        participant.sync()
        let statement = try participant.replica.database.prepare("""
            SELECT id, subject, jurisdiction, kind, subspecialty, valid_from, valid_until, credentialer, revoked_at
            FROM credentials WHERE lower(hex(id)) LIKE ?
            """)
        statement.bind(1, idText.lowercased() + "%")
        guard idText.count >= 6, try statement.step() else {
            throw CommandError("no credential \(idText); see 'hilum credential list'")
        }
        guard statement.blob(7) == participant.identity.bytes else {
            throw CommandError("credential \(idText) was attested by another credentialer; only they may revoke it")
        }
        guard statement.isNull(8) else { throw CommandError("credential \(idText) is already revoked") }
        let target = EventID(unchecked: statement.blob(0))
        let body = CredentialBody(subject: PublicKey(unchecked: statement.blob(1)),
                                  credentialKind: CredentialKind(rawValue: UInt8(clamping: statement.int64(3))) ?? .licence,
                                  jurisdiction: statement.text(2), subspecialty: statement.optionalText(4),
                                  validFrom: statement.int64(5), validUntil: statement.int64(6), revokes: target)
        let event = try participant.publish(body)
        participant.sync()
        participant.noteIfUnsynced()
        print("revoked credential \(target.short) (\(event.id.short))")
        return 0
    }

    static func runList(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let json = arguments.flag("json")
        let choice = try Participant.SyncChoice(&arguments)
        try arguments.rejectUnknown(known: list.options)
        let record = try IdentityFile.read(environment)
        let participant = try Participant(environment, role: record.role, command: "credential list", sync: choice)
        participant.sync()
        let statement = try participant.replica.database.prepare("""
            SELECT c.id, c.subject, c.kind, c.jurisdiction, c.subspecialty, c.valid_from, c.valid_until, c.revoked_at, c.credentialer,
                c.board
            FROM credentials c ORDER BY c.credentialer = ? DESC, c.valid_until DESC
            """).bind(1, participant.identity.bytes)
        var rows: [[String: Any]] = []
        while try statement.step() {
            let subject = PublicKey(unchecked: statement.blob(1))
            var row: [String: Any] = [
                "id": Key32(unchecked: statement.blob(0)).hex, "subject": subject.hex, "subject_name": try participant.name(of: subject),
                "kind": (CredentialKind(rawValue: UInt8(clamping: statement.int64(2))) ?? .licence).name,
                "jurisdiction": statement.text(3), "valid_from": statement.int64(5), "valid_until": statement.int64(6),
                "credentialer": try participant.name(of: PublicKey(unchecked: statement.blob(8))),
            ]
            if let subspecialty = statement.optionalText(4) { row["subspecialty"] = subspecialty }
            if !statement.isNull(7) { row["revoked_at"] = statement.int64(7) }
            if let board = statement.optionalText(9) { row["board"] = board }
            rows.append(row)
        }
        if json {
            printJSON(rows)
            return 0
        }
        if rows.isEmpty { print("No credentials on the ledger yet.") }
        for row in rows {
            let id = (row["id"] as! String).prefix(16)
            let state = row["revoked_at"].map { "revoked \(formatTime($0 as! Int64))" } ?? "until \(formatTime(row["valid_until"] as! Int64))"
            print("\(id)  \(row["subject_name"]!)  \(row["kind"]!) \(row["jurisdiction"]!)"
                  + ((row["subspecialty"] as? String).map { " \($0)" } ?? "") + ((row["board"] as? String).map { " (\($0))" } ?? "")
                  + "  \(state)  by \(row["credentialer"]!)")
        }
        return 0
    }

    /// YYYY-MM-DD in UTC; the start of the day, or its last millisecond.
    static func parseDate(_ text: String, option: String, endOfDay: Bool) throws -> Int64 {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        guard text.count == 10, let date = formatter.date(from: text) else {
            throw UsageError("\(option) '\(text)' is not a date; write YYYY-MM-DD, for example 2027-12-31")
        }
        let start = Int64(date.timeIntervalSince1970 * 1000)
        return endOfDay ? start + 86_400_000 - 1 : start
    }
}
