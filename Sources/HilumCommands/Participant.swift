import Foundation
import HilumCore
import HilumCrypto
import HilumLedger
import HilumNet
import HilumSQLite

/// The caller of a role command (client, clinician, credentialer): this
/// home's identity with its unlocked keys and replica. Signs events into
/// its own feed and syncs with its nodes before reading and after writing.
final class Participant {
    let environment: Environment
    let record: IdentityRecord
    let secrets: DeviceSecrets
    let replica: Replica
    private let peers: [PeerAddress]

    /// The sync choices of a role command, read before anything is unlocked.
    struct SyncChoice {
        let peers: [PeerAddress]?
        let offline: Bool

        init(_ arguments: inout Arguments) throws {
            let texts = arguments.optionList("peer")
            offline = arguments.flag("offline")
            peers = texts.isEmpty ? nil : try texts.map { try SyncCommands.address($0, option: "--peer") }
        }
    }

    /// Options every role command takes.
    static let syncOptions = ["peer", "offline", "home"]
    static let syncHelp = """
          --peer HOST:PORT     node to sync with before and after (repeatable; default:
                               the home's 'nodes' file, else no sync)
          --offline            do not sync; events wait for the next 'hilum sync'
        """

    convenience init(_ environment: Environment, role: Role, command: String, sync choice: SyncChoice) throws {
        try self.init(environment, roles: [role], command: command, sync: choice)
    }

    /// Opens the home's identity, which must have one of `roles`.
    init(_ environment: Environment, roles: [Role], command: String, sync choice: SyncChoice) throws {
        self.environment = environment
        record = try IdentityFile.read(environment)
        guard roles.contains(record.role) else {
            let names = roles.map(\.name).joined(separator: " or ")
            throw CommandError("'hilum \(command)' needs a \(names) identity, but the one in \(environment.home) is a \(record.role.name); "
                               + "pass --home with a \(names)'s home or create one with 'hilum init --role \(roles[0].name)'")
        }
        secrets = try IdentityCommands.unlock(environment)
        replica = try LedgerCommands.openReplica(environment)
        if choice.offline {
            peers = []
        } else if let chosen = choice.peers {
            peers = chosen
        } else if FileManager.default.fileExists(atPath: environment.home + "/nodes") {
            peers = try SyncCommands.configuredNodes(environment)
        } else {
            peers = []
        }
    }

    var identity: PublicKey { record.identity }
    var recipient: SealRecipient { SealRecipient(identity: record.identity, encryptionKey: record.encryptionKey) }

    /// Exchanges events with the configured nodes; prints one line per node
    /// to stderr. A node that cannot be reached is reported, not fatal: the
    /// events stay queued in the replica.
    func sync() {
        guard !peers.isEmpty else { return }
        do {
            let log = try NodeLog(path: nil, echo: false)
            let local = LocalIdentity(signingKey: secrets.device,
                                      deviceEvent: try LedgerReader(path: environment.replicaPath).deviceEvent(record.device) ?? [])
            let engine = try SyncEngine(configuration: .init(storePath: environment.replicaPath, local: local, isNode: false), log: log)
            defer { engine.stop() }
            for peer in peers {
                do {
                    let summary = try engine.syncOnce(peer)
                    FileHandle.standardError.write(Data("synced with \(peer): \(summary.line)\n".utf8))
                } catch {
                    printError("could not sync with \(peer): \(error); run 'hilum sync' later")
                }
            }
        } catch {
            printError("could not sync: \(error)")
        }
    }

    /// Signs `body` as the next event of this device's feed and stores it.
    /// Throws with the rule's reason when the ledger would quarantine it.
    @discardableResult
    func publish(_ body: some EventBody) throws -> VerifiedEvent {
        // Commands look a row up and publish after it, never while iterating rows.
        replica.database.finishReads()
        return try FeedWriter(device: secrets.device).append(body, to: replica)
    }

    /// Tells the user where an event went when no node is configured.
    func noteIfUnsynced() {
        if peers.isEmpty {
            FileHandle.standardError.write(Data("stored locally; publish it with 'hilum sync' (or pass --peer)\n".utf8))
        }
    }

    // MARK: - Lookups

    /// A case by its id or an unambiguous prefix of at least 6 hex digits.
    func resolveCase(_ text: String) throws -> EventID {
        try resolve(text, table: "cases", column: "id", what: "case", listHint: "hilum client cases")
    }

    /// An identity by hex key or prefix, or by its exact display name.
    func resolveIdentity(_ text: String, role: Role? = nil) throws -> PublicKey {
        let byName = try replica.database.prepare("SELECT identity FROM identities WHERE lower(display_name) = lower(?)"
                                                  + (role.map { " AND role = \($0.rawValue)" } ?? ""))
        byName.bind(1, text)
        var matches: [PublicKey] = []
        while try byName.step() { matches.append(PublicKey(unchecked: byName.blob(0))) }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            throw CommandError("\(matches.count) identities are named '\(text)'; give the key instead: "
                               + matches.map(\.short).joined(separator: ", "))
        }
        let looksLikeKey = text.count >= 6 && text.count <= 64 && text.allSatisfy(\.isHexDigit)
        guard looksLikeKey else {
            let names = try replica.database.prepare("SELECT display_name FROM identities"
                                                     + (role.map { " WHERE role = \($0.rawValue)" } ?? ""))
            var candidates: [String] = []
            while try names.step() { candidates.append(names.text(0)) }
            let close = candidates.filter { editDistance($0.lowercased(), text.lowercased()) <= 3 }.sorted().prefix(3)
            throw CommandError("no \(role?.name ?? "identity") named '\(text)' in this replica"
                               + (close.isEmpty ? "; sync first, or give the key (see 'hilum credential list' or 'hilum ledger log --kind device')"
                                                : "; did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?"))
        }
        return try resolve(text, table: "identities", column: "identity", what: role?.name ?? "identity",
                           listHint: "hilum ledger log --kind device")
    }

    func resolve(_ text: String, table: String, column: String, what: String, listHint: String) throws -> Key32 {
        let hex = text.lowercased()
        guard hex.count >= 6, hex.count <= 64, hex.allSatisfy(\.isHexDigit) else {
            throw CommandError("'\(text)' is not a \(what) id: give at least 6 hex digits (see '\(listHint)')")
        }
        let statement = try replica.database.prepare("SELECT \(column) FROM \(table) WHERE lower(hex(\(column))) LIKE ? LIMIT 3")
        statement.bind(1, hex + "%")
        var matches: [Key32] = []
        while try statement.step() { matches.append(Key32(unchecked: statement.blob(0))) }
        guard !matches.isEmpty else {
            throw CommandError("no \(what) \(text) in this replica; sync first or check the id (see '\(listHint)')")
        }
        guard matches.count == 1 else { throw CommandError("\(what) id \(text) is ambiguous; give more digits") }
        return matches[0]
    }

    /// The identity's display name, or its short key.
    func name(of identity: PublicKey) throws -> String {
        let statement = try replica.database.prepare("SELECT display_name FROM identities WHERE identity = ?").bind(1, identity.bytes)
        return try statement.step() ? statement.text(0) : identity.short
    }

    func encryptionKey(of identity: PublicKey) throws -> PublicKey {
        let statement = try replica.database.prepare("SELECT encryption_key FROM identities WHERE identity = ?").bind(1, identity.bytes)
        guard try statement.step() else { throw CommandError("identity \(identity.short) is not in this replica; sync first") }
        return PublicKey(unchecked: statement.blob(0))
    }

    func sealRecipient(_ identity: PublicKey) throws -> SealRecipient {
        SealRecipient(identity: identity, encryptionKey: try encryptionKey(of: identity))
    }

    /// Decodes a stored event by id.
    func event(_ id: EventID) throws -> Event? {
        let statement = try replica.database.prepare("SELECT encoded FROM events WHERE substr(id, 1, 8) = substr(?1, 1, 8) AND id = ?1").bind(1, id.bytes)
        return try statement.step() ? try Event(decoding: statement.blob(0)) : nil
    }

    /// Opens a sealed payload addressed to this identity as UTF-8 text.
    func open(_ sealed: Sealed) throws -> String {
        String(decoding: try openBytes(sealed), as: UTF8.self)
    }

    /// Opens a sealed payload addressed to this identity.
    func openBytes(_ sealed: Sealed) throws -> [UInt8] {
        let plain = try Sealer.open(sealed, as: identity, key: secrets.encryption)
        return plain.withBytes { Array($0) }
    }
}

/// Parses "90m", "4h", "2d", "1w" or a number of seconds.
func parseDuration(_ text: String, option: String) throws -> Int64 {
    let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
    var digits = Substring(text)
    var unit: Int64 = 1
    if let last = text.last, let factor = units[last] {
        digits = text.dropLast()
        unit = factor
    }
    guard let value = Int64(digits), value > 0, value <= 365 * 86_400 / unit else {
        throw UsageError("\(option) '\(text)' is not a duration; write for example 90m, 4h, 2d or 1w (at most a year)")
    }
    return value * unit
}

/// Parses an amount such as "120" or "120.50" into cents.
func parseAmount(_ text: String, option: String) throws -> UInt64 {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, let whole = UInt64(parts[0]), whole < 100_000_000,
          parts.count == 1 || (parts[1].count <= 2 && parts[1].allSatisfy(\.isNumber)) else {
        throw UsageError("\(option) '\(text)' is not an amount; write for example 120 or 120.50")
    }
    let fraction = parts.count == 2 ? UInt64(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0))! : 0
    return whole * 100 + fraction
}

func formatAmount(_ cents: UInt64, _ currency: String) -> String {
    "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100) \(currency)"
}

/// "2026-12-04 21:30 UTC" for a time in milliseconds.
func formatTime(_ milliseconds: Int64) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
    return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
}
