import Foundation
import HilumCore
import HilumCrypto
import HilumLedger

enum IdentityCommands {
    static let initCommand = Command(
        path: ["init"], summary: "create an identity and this device's keys",
        help: """
        Usage: hilum init --role ROLE --name NAME [--recovery-out FILE] [--recovery-in FILE] [--home DIR]

        Creates an identity (Ed25519), this device's signing key, the identity's
        X25519 encryption key, and the replica, then signs the device event that
        opens this device's feed. Secret keys are stored encrypted (Argon2id and
        XChaCha20-Poly1305) in DIR/device.key with mode 0600.

          --role ROLE          radiologist, client, clinician, credentialer or node
          --name NAME          the name others see (a person or an organisation)
          --recovery-out FILE  write the recovery code to FILE (mode 0600) instead of printing it
          --recovery-in FILE   add this device to an existing identity whose recovery code is in FILE

        The recovery code is the identity's secret key. It is shown once and
        never stored: keep it offline. It adds devices and rotates out lost or
        forked ones.
        """,
        flags: [], options: ["role", "name", "recovery-out", "recovery-in", "home"],
        run: runInit)

    static let whoami = Command(
        path: ["whoami"], summary: "show this device's public identity",
        help: """
        Usage: hilum whoami [--json] [--home DIR]

        Prints the identity key, device key, encryption key, role and name. No passphrase needed.
        """,
        flags: ["json"], options: ["home", "json"],
        run: runWhoami)

    static func runInit(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let roleText = try arguments.required("role", hint: "one of radiologist, client, clinician, credentialer, node")
        guard let role = Role(name: roleText) else {
            let near = Role.allCases.map(\.name).min { editDistance(roleText, $0) < editDistance(roleText, $1) }!
            throw UsageError("--role '\(roleText)' is not a role; choose radiologist, client, clinician, credentialer or node (did you mean \(near)?)")
        }
        let name = try arguments.required("name", hint: "the name others see, e.g. --name \"Dr Ada Osei\"")
        do {
            try FieldRules.text(name, "--name", maxLength: DeviceBody.maxNameLength)
        } catch {
            throw UsageError("\(error)")
        }
        let recoveryOut = arguments.option("recovery-out")
        let recoveryIn = arguments.option("recovery-in")
        try arguments.rejectUnknown(known: initCommand.options)

        if FileManager.default.fileExists(atPath: environment.identityPath) {
            throw CommandError("\(environment.home) already contains an identity; use another --home for a second identity or device")
        }
        let recoverySeed: SecretBytes
        if let recoveryIn {
            guard let text = try? String(contentsOfFile: recoveryIn, encoding: .utf8) else {
                throw CommandError("cannot read the recovery code from \(recoveryIn)")
            }
            recoverySeed = try RecoveryCode.parse(text)
        } else {
            recoverySeed = SecretBytes.random(32)
        }
        let passphrase = try Environment.passphrase(confirm: true)
        let created = try IdentityFactory.create(role: role, displayName: name, recoverySeed: recoverySeed, at: Clock.nowMilliseconds())
        try writeHome(environment, created, passphrase: passphrase, limits: kdfLimits())

        print("Created \(role.name) identity \(created.record.identity.hex)")
        print("Device key \(created.record.device.hex) in \(environment.home)")
        if recoveryIn == nil {
            let code = RecoveryCode.format(recoverySeed)
            if let recoveryOut {
                try writePrivate(Data((code + "\n").utf8), to: recoveryOut)
                print("Recovery code written to \(recoveryOut). Move it offline; it is not stored anywhere else.")
            } else {
                print("\nRecovery code (shown once, never stored; write it down and keep it offline):\n\n  \(code)\n")
            }
        } else {
            print("Added this device to the existing identity.")
        }
        return 0
    }

    static func runWhoami(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let json = arguments.flag("json")
        try arguments.rejectUnknown(known: whoami.options)
        let record = try IdentityFile.read(environment)
        if json {
            printJSON(["identity": record.identity.hex, "device": record.device.hex, "encryption_key": record.encryptionKey.hex,
                       "role": record.role.name, "name": record.displayName, "home": environment.home])
        } else {
            print("\(record.displayName) (\(record.role.name))")
            print("identity        \(record.identity.hex)")
            print("device          \(record.device.hex)")
            print("encryption key  \(record.encryptionKey.hex)")
            print("home            \(environment.home)")
        }
        return 0
    }

    /// Argon2id limits for new key files: MODERATE unless HILUM_KDF=interactive
    /// (for test suites and scripts that create many identities).
    static func kdfLimits() -> KeyFile.Limits {
        ProcessInfo.processInfo.environment["HILUM_KDF"] == "interactive" ? .interactive : .moderate
    }

    /// Unlocks this device's secrets; a wrong passphrase changes nothing.
    static func unlock(_ environment: Environment) throws -> DeviceSecrets {
        guard let file = FileManager.default.contents(atPath: environment.keyPath) else {
            throw CommandError("no key file at \(environment.keyPath); run 'hilum init' first")
        }
        let packed = try KeyFile.open(Array(file), passphrase: try Environment.passphrase(confirm: false))
        guard let secrets = DeviceSecrets(packed: packed) else { throw CommandError("\(environment.keyPath) contains a key of the wrong size; restore it from a backup") }
        return secrets
    }

    /// Fills `environment`'s home with a created identity: the key file
    /// sealed with `passphrase`, a replica holding the device event, and
    /// identity.json, which is written last.
    static func writeHome(_ environment: Environment,
                          _ created: (record: IdentityRecord, secrets: DeviceSecrets, deviceEvent: VerifiedEvent),
                          passphrase: SecretBytes, limits: KeyFile.Limits) throws {
        try environment.ensureHome()
        let keyFile = try KeyFile.seal(created.secrets.packed(), passphrase: passphrase, limits: limits)
        try writePrivate(Data(keyFile), to: environment.keyPath)
        let replica = try Replica(path: environment.replicaPath)
        let report = try replica.store([.success(created.deviceEvent)])
        if let quarantine = try replica.quarantine(of: created.deviceEvent.id) {
            throw CommandError("the device event was rejected: \(quarantine.reason)")
        }
        guard report.stored == 1 else { throw CommandError("the device event could not be stored") }
        try IdentityFile.write(created.record, to: environment.identityPath)
    }

    /// Writes a file readable only by its owner, replacing it atomically.
    static func writePrivate(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw CommandError("cannot write \(path); check that the directory exists and is writable")
        }
        guard rename(temporary, path) == 0 else { throw CommandError("cannot replace \(path): \(String(cString: strerror(errno)))") }
    }
}

/// `identity.json`: the public half of this device's identity.
enum IdentityFile {
    static func write(_ record: IdentityRecord, to path: String) throws {
        let object: [String: Any] = ["identity": record.identity.hex, "device": record.device.hex,
                                     "encryption_key": record.encryptionKey.hex, "role": record.role.name,
                                     "name": record.displayName, "created_at": record.createdAt]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
        try IdentityCommands.writePrivate(data, to: path)
    }

    static func read(_ environment: Environment) throws -> IdentityRecord {
        guard let data = FileManager.default.contents(atPath: environment.identityPath) else {
            throw CommandError("no identity in \(environment.home); create one with 'hilum init --role ROLE --name NAME'")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let identity = (object["identity"] as? String).flatMap(PublicKey.init(hex:)),
              let device = (object["device"] as? String).flatMap(PublicKey.init(hex:)),
              let encryption = (object["encryption_key"] as? String).flatMap(PublicKey.init(hex:)),
              let role = (object["role"] as? String).flatMap(Role.init(name:)),
              let name = object["name"] as? String else {
            throw CommandError("\(environment.identityPath) is damaged (missing or invalid fields); restore it from a backup")
        }
        return IdentityRecord(identity: identity, device: device, encryptionKey: encryption, role: role,
                              displayName: name, createdAt: (object["created_at"] as? NSNumber)?.int64Value ?? 0)
    }
}

extension IdentityCommands {
    static let changePassphrase = Command(
        path: ["passphrase"], summary: "change the passphrase of this device's key file",
        help: """
        Usage: hilum passphrase [--home DIR]

        Unlocks device.key with the current passphrase (HILUM_PASSPHRASE_FILE,
        HILUM_PASSPHRASE or the terminal) and re-encrypts it under a new one
        (HILUM_NEW_PASSPHRASE_FILE, HILUM_NEW_PASSPHRASE or the terminal).
        With a wrong current passphrase nothing is changed.
        """,
        flags: [], options: ["home"], run: runChangePassphrase)

    static func runChangePassphrase(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        try arguments.rejectUnknown(known: changePassphrase.options)
        let secrets = try unlock(environment)
        let variables = ProcessInfo.processInfo.environment
        let newPassphrase: SecretBytes
        if let file = variables["HILUM_NEW_PASSPHRASE_FILE"], var bytes = FileManager.default.contents(atPath: file).map(Array.init) {
            while let last = bytes.last, last == 10 || last == 13 { bytes.removeLast() }
            newPassphrase = SecretBytes(consuming: &bytes)
        } else if let text = variables["HILUM_NEW_PASSPHRASE"], !text.isEmpty {
            var bytes = Array(text.utf8)
            newPassphrase = SecretBytes(consuming: &bytes)
        } else {
            FileHandle.standardError.write(Data("New passphrase.\n".utf8))
            newPassphrase = try Environment.passphrase(confirm: true)
        }
        guard newPassphrase.count >= 8 else { throw CommandError("the new passphrase must have at least 8 characters") }
        let sealed = try KeyFile.seal(secrets.packed(), passphrase: newPassphrase, limits: kdfLimits())
        try writePrivate(Data(sealed), to: environment.keyPath)
        print("Passphrase changed for \(environment.keyPath)")
        return 0
    }
}
