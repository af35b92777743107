import HilumCore

extension Projector {
    func applyDevice(_ verified: VerifiedEvent, _ body: DeviceBody) throws {
        let event = verified.event
        guard event.sequence == 1 else {
            throw Quarantine("device-not-first", "a device event may only open a feed (sequence 1)")
        }
        let existing = try sql("SELECT role, encryption_key FROM identities WHERE identity = ?").bind(1, body.identity)
        if try existing.step() {
            guard existing.int(0) == Int(body.role.rawValue) else {
                throw Quarantine("role-mismatch", "the identity is already registered with another role")
            }
            guard existing.blob(1) == body.encryptionKey.bytes else {
                throw Quarantine("encryption-key-mismatch", "the device names another encryption key than its identity's")
            }
        } else {
            try sql("INSERT INTO identities(identity, role, display_name, encryption_key, created_at) VALUES(?,?,?,?,?)")
                .bind(1, body.identity).bind(2, Int64(body.role.rawValue)).bind(3, body.displayName)
                .bind(4, body.encryptionKey).bind(5, event.timestamp).run()
        }
        try sql("INSERT INTO devices(device, identity, authorised_at) VALUES(?,?,?)")
            .bind(1, event.author).bind(2, body.identity).bind(3, event.timestamp).run()
        forgetDevice(event.author)
    }

    func applyProfile(_ context: Context, _ body: ProfileBody) throws {
        let prices = body.prices.map { "\($0.modality)=\($0.amount)" }.joined(separator: ",")
        try sql("""
            INSERT OR REPLACE INTO profiles(identity, subspecialties, prices, currency, turnaround_minutes, updated_at)
            VALUES(?,?,?,?,?,?)
            """).bind(1, context.identity).bind(2, body.subspecialties.joined(separator: ","))
            .bind(3, prices).bind(4, body.currency).bind(5, Int64(body.turnaroundMinutes)).bind(6, context.time).run()
    }

    func applyCredential(_ context: Context, _ body: CredentialBody) throws {
        if let revoked = body.revokes {
            let target = try sql("SELECT credentialer, revoked_at, subject FROM credentials WHERE id = ?").bind(1, revoked)
            guard try target.step() else { throw Quarantine.notFound("credential") }
            guard target.blob(0) == context.identity.bytes else {
                throw Quarantine("not-credentialer", "only the credentialer who attested a credential may revoke it")
            }
            guard target.isNull(1) else { throw Quarantine("already-revoked", "the credential is already revoked") }
            let subject = PublicKey(unchecked: target.blob(2))
            try sql("UPDATE credentials SET revoked_at = ? WHERE id = ?").bind(1, context.time).bind(2, revoked).run()
            recentCredentials.remove(subject)
            return
        }
        try sql("""
            INSERT INTO credentials(id, credentialer, subject, kind, jurisdiction, subspecialty, valid_from, valid_until, board)
            VALUES(?,?,?,?,?,?,?,?,?)
            """).bind(1, context.id).bind(2, context.identity).bind(3, body.subject)
            .bind(4, Int64(body.credentialKind.rawValue)).bind(5, body.jurisdiction).bind(6, body.subspecialty)
            .bind(7, body.validFrom).bind(8, body.validUntil).bind(9, body.board).run()
        recentCredentials.remove(body.subject)
    }

    func applyKeyRotation(_ context: Context, _ body: KeyRotationBody) throws {
        guard body.identity == context.identity else {
            throw Quarantine("wrong-identity", "a key rotation must be published by a device of the identity it rotates")
        }
        guard !body.revokedDevices.contains(context.event.author) else {
            throw Quarantine("self-revocation", "a key rotation cannot revoke the device that publishes it")
        }
        for device in body.revokedDevices {
            let owner = try sql("SELECT identity FROM devices WHERE device = ?").bind(1, device)
            guard try owner.step(), owner.blob(0) == body.identity.bytes else {
                throw Quarantine("foreign-device", "device \(device.short) does not belong to this identity")
            }
        }
        for device in body.revokedDevices {
            try sql("UPDATE devices SET revoked_at = ? WHERE device = ? AND revoked_at IS NULL")
                .bind(1, context.time).bind(2, device).run()
            forgetDevice(device)
        }
        try refreshForked(body.identity)
    }

    /// An identity shows as forked while any of its devices has a forked
    /// feed and has not been revoked by a key rotation.
    func refreshForked(_ identity: PublicKey) throws {
        try sql("""
            UPDATE identities SET forked = EXISTS(
                SELECT 1 FROM devices d JOIN feeds f ON f.author = d.device
                WHERE d.identity = identities.identity AND f.stop_reason = 'fork' AND d.revoked_at IS NULL)
            WHERE identity = ?
            """).bind(1, identity).run()
    }

    /// Whether `identity` held a licence for `jurisdiction` at `time`. A
    /// country licence ("US") covers its subdivisions ("US-CA"), not the reverse.
    func holdsLicence(_ identity: PublicKey, jurisdiction: String, at time: Int64) throws -> Bool {
        let country = String(jurisdiction.prefix(2))
        return try credentials(of: identity).contains { credential in
            credential.kind == 1 && credential.isValid(at: time)
                && (Self.sameText(credential.jurisdiction, jurisdiction) || Self.sameText(credential.jurisdiction, country))
        }
    }

    func holdsSubspecialty(_ identity: PublicKey, _ subspecialty: String, at time: Int64) throws -> Bool {
        try credentials(of: identity).contains { credential in
            guard credential.kind == 2, let held = credential.subspecialty else { return false }
            return credential.isValid(at: time) && Self.sameText(held, subspecialty)
        }
    }

    /// Reads every credential whose subject is `identity`, through `recentCredentials`.
    private func credentials(of identity: PublicKey) throws -> [CredentialRow] {
        if let cached = recentCredentials.value(for: identity) { return cached }
        let statement = try sql("""
            SELECT kind, jurisdiction, subspecialty, valid_from, valid_until, revoked_at FROM credentials WHERE subject = ?
            """).bind(1, identity)
        var rows: [CredentialRow] = []
        while try statement.step() {
            rows.append(CredentialRow(kind: statement.int64(0), jurisdiction: statement.text(1), subspecialty: statement.optionalText(2),
                                      validFrom: statement.int64(3), validUntil: statement.int64(4),
                                      revokedAt: statement.isNull(5) ? nil : statement.int64(5)))
        }
        recentCredentials.insert(rows, for: identity)
        return rows
    }

    /// Compares UTF-8 bytes, as SQLite's BINARY collation does. Swift's `==`
    /// would also equate canonically equivalent strings.
    private static func sameText(_ lhs: String, _ rhs: String) -> Bool { lhs.utf8.elementsEqual(rhs.utf8) }
}
