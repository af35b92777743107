import Foundation
import HilumCore
import HilumCrypto
import HilumDICOMweb
import HilumLedger
import OrthancSandbox
import XCTest

/// Four real studies from pydicom-data through the `hilum` binary: an
/// Orthanc with the DICOMweb plugin and the study-token filter, a node, and
/// a client and a radiologist that sync through it.
///
/// Orthanc runs in a private network namespace (see `OrthancSandbox`), and
/// the node and every `hilum` command that syncs or reaches the archive run
/// in that namespace too, so they talk over its loopback only.
final class OrthancEndToEndTests: CommandTestCase {
    private static let node = "127.0.0.1:7420"
    private static let passphrase = "correct horse battery"
    private static let syntheaDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("HilumHistoryTests/Fixtures/synthea").path

    /// What each sample posts on the ledger, in `OrthancSandbox.sampleNames` order, with the Synthea record assigned with it.
    private static let expected: [(modality: String, region: String, procedure: String, bundle: String)] = [
        ("CR", "CHEST", "CR CHEST", "synthea-880930.json"),
        ("CT", "HEAD", "CT HEAD WITHOUT CONTRAST", "synthea-1012007.json"),
        ("CT", "ABDOMEN", "CT ABDOMEN", "synthea-1046675.json"),
        ("MR", "EXTREMITY", "MR EXTREMITY", "synthea-1361736.json"),
    ]

    private var sandbox: OrthancSandbox!
    /// Orthanc instances and the node, stopped in reverse order.
    private var started: [pid_t] = []
    private var orthanc: pid_t = 0

    override func tearDownWithError() throws {
        for pid in started.reversed() { Spawn.stop(pid, grace: 3) }
        try super.tearDownWithError()
    }

    func testRealStudiesPostAssignAndAccess() throws {
        sandbox = try OrthancSandbox(directory: directory + "/orthanc")
        let samples: [OrthancSandbox.Sample]
        do throws(OrthancUnavailable) {
            try sandbox.checkPrerequisites()
            samples = try sandbox.locateSamples()
        } catch {
            // Fails when HILUM_REQUIRE_INTEGRATION is set, else skips, naming what is missing.
            if ProcessInfo.processInfo.environment["HILUM_REQUIRE_INTEGRATION"] != nil { XCTFail(error.description) }
            throw XCTSkip(error.description)
        }

        // 1. Homes, the archive with the filter's secret, and the node in the archive's namespace.
        // The credentialer licenses the radiologist for US-CA, without which the ledger rejects the assignments.
        let roles = [("node", "Test Node"), ("credentialer", "Medical Board of California"), ("client", "Northside Imaging"),
                     ("radiologist", "Dr Ada Osei")]
        for (role, name) in roles {
            let created = hilum(["init", "--role", role, "--name", name, "--recovery-out", directory + "/\(role).recovery"], as: role)
            XCTAssertEqual(created.status, 0, "init \(role): \(created.stderr)")
        }
        let secretPath = directory + "/token.secret"
        let secret = try StudyToken.createSecret(path: secretPath)
        let secretMode = try FileManager.default.attributesOfItem(atPath: secretPath)[.posixPermissions] as? Int
        XCTAssertEqual(secretMode, 0o600, "the filter rejects a secret that group or others can read")
        try startArchive(with: samples, secretPath: secretPath)
        try startNode()
        let announced = hilum(["sync"], as: "radiologist", inNamespace: true)
        XCTAssertEqual(announced.status, 0, "radiologist sync: \(announced.stderr)")
        let licensed = hilum(["credential", "grant", "Dr Ada Osei", "--jurisdiction", "US-CA", "--expires", "2099-12-31"],
                             as: "credentialer", inNamespace: true)
        XCTAssertEqual(licensed.status, 0, "credential grant: \(licensed.stderr)")

        // 2. The client posts each study, reading it through the filter with a token it issues.
        var cases: [String] = []
        for sample in samples {
            let posted = hilum(["client", "post", "--dicomweb", OrthancSandbox.dicomwebURL, "--study", sample.studyUID,
                              "--priority", "urgent", "--deadline", "4h", "--price", "60", "--jurisdiction", "US-CA",
                              "--token-secret", secretPath], as: "client", inNamespace: true)
            XCTAssertEqual(posted.status, 0, "post \(sample.file): \(posted.stderr)\(sandbox.log("filtered"))")
            let caseID = try XCTUnwrap(posted.stdout.firstMatch(of: /posted case ([0-9a-f]{64}):/)?.1, posted.stdout)
            cases.append(String(caseID))
        }
        XCTAssertEqual(cases.count, samples.count)
        let postings = try ledgerLog(kind: "posting")
        for (index, caseID) in cases.enumerated() {
            let fields = try XCTUnwrap(postings.first { $0["id"] as? String == caseID }?["fields"] as? [String: String], caseID)
            XCTAssertEqual(fields["modality"], Self.expected[index].modality, samples[index].file)
            XCTAssertEqual(fields["body_region"], Self.expected[index].region, samples[index].file)
            XCTAssertEqual(fields["procedure"], Self.expected[index].procedure, samples[index].file)
            XCTAssertEqual(fields["series"], "1", samples[index].file)
            XCTAssertEqual(fields["instances"], "1", samples[index].file)
        }

        // 3. The client assigns each case with a Synthea history and a token for its study.
        for (index, caseID) in cases.enumerated() {
            let assigned = hilum(["client", "assign", caseID, "--to", "Dr Ada Osei", "--fhir", Self.syntheaDirectory + "/" + Self.expected[index].bundle,
                                "--token-secret", secretPath], as: "client", inNamespace: true)
            XCTAssertEqual(assigned.status, 0, "assign \(samples[index].file): \(assigned.stderr)")
        }
        try assertNoIdentifiersOnLedger(samples)

        // 4. The radiologist opens each grant and lists the study's series from the archive.
        for (index, caseID) in cases.enumerated() {
            let sample = samples[index]
            let access = hilum(["case", "access", caseID, "--series", "--json"], as: "radiologist", inNamespace: true)
            XCTAssertEqual(access.status, 0, "access \(sample.file): \(access.stderr)\(sandbox.log("filtered"))")
            guard access.status == 0 else { continue }
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(access.stdout.utf8)) as? [String: Any], access.stdout)
            XCTAssertEqual(object["study_uid"] as? String, sample.studyUID, sample.file)
            XCTAssertEqual(object["credential"] as? String, "study-token", sample.file)
            let history = try XCTUnwrap(object["history"] as? String, "no history in the grant of \(sample.file)")
            let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(history.utf8)) as? [String: Any], history)
            let bundle = Self.syntheaDirectory + "/" + Self.expected[index].bundle
            XCTAssertEqual(summary["birthDate"] as? String, try patientBirthDate(in: bundle), sample.file)
            XCTAssertEqual((summary["study"] as? [String: Any])?["modality"] as? String, Self.expected[index].modality, sample.file)
            XCTAssertFalse((summary["sections"] as? [Any] ?? []).isEmpty, "no history sections for \(sample.file)")
            let series = try XCTUnwrap(object["series"] as? [[String: Any]], access.stdout)
            XCTAssertEqual(series.compactMap { $0["series_uid"] as? String }, [sample.seriesUID], sample.file)
            XCTAssertEqual(series.compactMap { $0["modality"] as? String }, [sample.modality], sample.file)
        }

        // 5. A grant on the chest case whose token is for the head CT: the archive rejects it.
        // 'client assign' always issues the token for the case's own study, so the test signs
        // this grant with the client's key, as a client that mixed up two studies would.
        let headToken = try StudyToken.issue(secret: secret, studyUID: samples[1].studyUID, expiresAt: Date().addingTimeInterval(3600))
        try publishGrant(on: cases[0], studyUID: samples[0].studyUID, token: headToken)
        let synced = hilum(["sync"], as: "client", inNamespace: true)
        XCTAssertEqual(synced.status, 0, "client sync: \(synced.stderr)")
        let refused = hilum(["case", "access", cases[0], "--series", "--json"], as: "radiologist", inNamespace: true)
        XCTAssertEqual(refused.status, 1, refused.stdout)
        XCTAssertTrue(refused.stderr.contains("returned HTTP 403"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("check --auth or the study token"), refused.stderr)
        XCTAssertEqual(refused.stdout, "", "nothing is printed from a refused grant")

        // The other cases keep their access.
        let still = hilum(["case", "access", cases[1], "--series", "--json"], as: "radiologist", inNamespace: true)
        XCTAssertEqual(still.status, 0, still.stderr)
    }

    // MARK: - Processes

    /// Runs hilum with the home of `role`, inside the archive's namespace and
    /// syncing with the node there when `inNamespace` is set.
    private func hilum(_ arguments: [String], as role: String, inNamespace: Bool = false) -> HilumRun {
        let peer = inNamespace ? ["--peer", Self.node] : []
        return HilumBinary.run(arguments + peer + ["--home", directory + "/" + role], environment: ["HILUM_PASSPHRASE": Self.passphrase],
                               launcher: inNamespace ? sandbox.inNamespace(of: orthanc) : [], directory: directory)
    }

    /// Uploads the samples through an Orthanc without the filter, then starts
    /// the archive on the same storage with the filter and `secretPath`.
    private func startArchive(with samples: [OrthancSandbox.Sample], secretPath: String) throws {
        let uploader = try sandbox.start(name: "upload", filterSecret: nil)
        let statuses: [Int]
        do {
            // Stopped before the archive opens the same storage.
            defer { Spawn.kill(uploader) }
            statuses = try sandbox.upload(samples.map(\.file), into: uploader)
        }
        XCTAssertEqual(statuses, samples.map { _ in 200 }, sandbox.log("upload"))

        orthanc = try sandbox.start(name: "filtered", filterSecret: secretPath)
        started.append(orthanc)
        try sandbox.waitUntilAnswering(orthanc)
    }

    /// Starts `hilum node` in the archive's namespace and waits up to 10 s until it listens.
    private func startNode() throws {
        let node = HilumBinary.spawn(["node", "--listen", Self.node, "--home", directory + "/node"],
                                     environment: ["HILUM_PASSPHRASE": Self.passphrase],
                                     launcher: sandbox.inNamespace(of: orthanc), directory: directory)
        started.append(node.pid)
        for _ in 0..<200 {
            let log = (try? String(contentsOfFile: directory + "/node/node.log", encoding: .utf8)) ?? ""
            if log.contains("listening on") { return }
            usleep(50_000)
        }
        let stderr = (try? String(contentsOfFile: node.err, encoding: .utf8)) ?? ""
        throw OrthancSandboxFailure("the node did not listen on \(Self.node) within 10 s: \(stderr)")
    }

    // MARK: - Ledger

    /// Returns the node's events of `kind` (all kinds when nil) as `hilum ledger log --json` prints them.
    private func ledgerLog(kind: String? = nil) throws -> [[String: Any]] {
        let log = hilum(["ledger", "log", "--json", "--limit", "10000"] + (kind.map { ["--kind", $0] } ?? []), as: "node")
        XCTAssertEqual(log.status, 0, log.stderr)
        return try log.stdout.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], String($0))
        }
    }

    /// Checks that no patient name, patient ID, accession number or study UID
    /// of the samples is in any ledger field, nor, when 6 bytes or longer, in
    /// the node's database files. A shorter string such as "MR2" turns up by
    /// chance in their signatures and ciphertext.
    private func assertNoIdentifiersOnLedger(_ samples: [OrthancSandbox.Sample]) throws {
        var identifiers: [String] = []
        for sample in samples {
            identifiers += [sample.patientName, sample.patientID, sample.accessionNumber, sample.studyUID]
            identifiers += sample.patientName.split(separator: "^").map(String.init)
        }
        identifiers = identifiers.filter { $0.count >= 3 }

        let events = try ledgerLog()
        XCTAssertEqual(events.count, 4 + 1 + 3 * samples.count, "devices, the licence, postings, assignments and grants")
        XCTAssertFalse(events.contains { $0["quarantine"] != nil }, "\(events.filter { $0["quarantine"] != nil })")
        let fields = events.flatMap { ($0["fields"] as? [String: String] ?? [:]).values }
        for identifier in identifiers {
            XCTAssertFalse(fields.contains { $0.contains(identifier) }, "'\(identifier)' is in a ledger field")
        }

        let databases = ["replica.sqlite", "replica.sqlite-wal"].compactMap { FileManager.default.contents(atPath: directory + "/node/" + $0) }
        XCTAssertFalse(databases.isEmpty)
        for identifier in identifiers where identifier.utf8.count >= 6 {
            let needle = Data(identifier.utf8)
            XCTAssertFalse(databases.contains { $0.range(of: needle) != nil }, "'\(identifier)' is in the node's database")
        }
    }

    /// Signs, as the client, a grant to the radiologist on `caseID` for
    /// `studyUID` that carries `token`, and stores it in the client's replica.
    private func publishGrant(on caseID: String, studyUID: String, token: String) throws {
        let client = try identity(of: "client")
        let radiologist = try identity(of: "radiologist")
        var passphrase = Array(Self.passphrase.utf8)
        let packed = try KeyFile.open(Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/client/device.key"))),
                                      passphrase: SecretBytes(consuming: &passphrase))
        let secrets = try XCTUnwrap(DeviceSecrets(packed: packed))

        let expiresAt = Clock.nowMilliseconds() + 3_600_000
        let payload = GrantPayload(studyUID: studyUID, dicomwebURL: OrthancSandbox.dicomwebURL,
                                   credential: .init(kind: "study-token", token: token), patient: .init(), expiresAt: expiresAt)
        let sealed = try Sealer.seal(try payload.encoded(), to: [radiologist, client])
        let replica = try Replica(path: directory + "/client/replica.sqlite")
        try FeedWriter(device: secrets.device).append(AccessGrantBody(posting: try XCTUnwrap(EventID(hex: caseID)),
                                                                      recipient: radiologist.identity, expiresAt: expiresAt, sealed: sealed),
                                                      to: replica)
    }

    /// Reads the birth date of the Patient resource in a FHIR bundle.
    private func patientBirthDate(in bundle: String) throws -> String? {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: bundle))) as? [String: Any]
        let resources = (object?["entry"] as? [[String: Any]] ?? []).compactMap { $0["resource"] as? [String: Any] }
        return resources.first { $0["resourceType"] as? String == "Patient" }?["birthDate"] as? String
    }

    /// Reads the identity and encryption key from the `identity.json` in `role`'s home.
    private func identity(of role: String) throws -> SealRecipient {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/\(role)/identity.json"))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        return SealRecipient(identity: try XCTUnwrap((object["identity"] as? String).flatMap(PublicKey.init(hex:))),
                             encryptionKey: try XCTUnwrap((object["encryption_key"] as? String).flatMap(PublicKey.init(hex:))))
    }
}
