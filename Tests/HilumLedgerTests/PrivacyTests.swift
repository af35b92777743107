import Foundation
import HilumCore
import HilumCrypto
import HilumLedger
import XCTest

/// Patient data planted only in sealed payloads must never appear in clear:
/// not in the signed events, not in the SQLite files, not in the log.
final class PrivacyTests: XCTestCase {
    private static let receivedAt = NetworkFixture.epoch + 365 * NetworkFixture.day

    /// Returns the byte patterns of `text` to search for: UTF-8, hex in both
    /// cases, and base64 at each of the three byte alignments, keeping only
    /// the base64 characters that do not depend on the neighbouring bytes.
    private static func forms(of text: String) -> [(name: String, bytes: [UInt8])] {
        let utf8 = Array(text.utf8)
        var forms: [(String, [UInt8])] = [("utf8", utf8)]
        forms.append(("hex", Array(Hex.encode(utf8).utf8)))
        forms.append(("HEX", Array(Hex.encode(utf8).uppercased().utf8)))
        for shift in 0..<3 {
            let encoded = Array(Data([UInt8](repeating: 0, count: shift) + utf8).base64EncodedString().utf8)
            let dropFront = shift == 0 ? 0 : 4
            let dropBack = (shift + utf8.count) % 3 == 0 ? 0 : 4
            forms.append(("base64+\(shift)", Array(encoded[dropFront..<(encoded.count - dropBack)])))
        }
        return forms
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        let first = needle[0]
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }

    /// Names each planted string, in each form, found in `haystack`.
    private static func leaks(in haystack: [UInt8]) -> [String] {
        var found: [String] = []
        for secret in PatientData.all {
            for form in forms(of: secret) where contains(haystack, form.bytes) {
                found.append("\(secret) as \(form.name)")
            }
        }
        return found
    }

    private func buildNetworkReplica() throws -> (StandardNetwork, TemporaryReplica) {
        let network = try StandardNetwork.build()
        let temporary = try TemporaryReplica()
        let report = try temporary.store.ingest(network.encodedEvents, receivedAt: Self.receivedAt)
        XCTAssertEqual(report.applied, network.events.count)
        XCTAssertEqual(report.quarantined, 0)
        return (network, temporary)
    }

    // MARK: - The search itself

    func testSearchFindsEveryFormOfPlantedString() {
        let noise = (0..<64).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        for secret in PatientData.all {
            for form in Self.forms(of: secret) {
                XCTAssertEqual(Self.leaks(in: noise + form.bytes + noise).contains("\(secret) as \(form.name)"), true,
                               "\(form.name) of \(secret)")
            }
            for shift in 0..<3 {
                let prefix = [UInt8](repeating: 0x41, count: shift)
                let embedded = Array(Data(noise + prefix + Array(secret.utf8) + noise).base64EncodedString().utf8)
                XCTAssertFalse(Self.leaks(in: embedded).isEmpty, "base64 of \(secret) after \(shift) bytes")
            }
        }
        XCTAssertEqual(Self.leaks(in: noise), [])
    }

    func testPlantedSecretsCoverEverySealedKind() throws {
        let network = try StandardNetwork.build()
        let secrets = network.fixture.secrets
        let kinds = Set(secrets.map(\.event.event.kind))

        XCTAssertEqual(kinds, [.accessGrant, .report, .followUpRecommendation, .criticalResult, .feedback, .reply,
                               .peerReview, .addendum])
        for needle in PatientData.all {
            XCTAssertTrue(secrets.contains { $0.plaintext.contains(needle) }, "\(needle) is planted somewhere")
        }
        for secret in secrets {
            XCTAssertEqual(secret.event.event.content.sealedPayloads, [secret.sealed], secret.label)
        }
    }

    // MARK: - Nothing in clear

    func testEncodedEventsCarryNoPatientData() throws {
        let (network, temporary) = try buildNetworkReplica()

        for event in network.events {
            XCTAssertEqual(Self.leaks(in: event.event.encoded), [], "\(event.event.kind.name) #\(event.event.sequence)")
        }
        let stored = try temporary.store.allEncodedEvents()
        XCTAssertEqual(stored.count, network.events.count)
        for encoded in stored {
            XCTAssertEqual(Self.leaks(in: encoded), [])
        }
    }

    func testDatabaseFilesCarryNoPatientData() throws {
        let (network, temporary) = try buildNetworkReplica()
        // Closing checkpoints the ingested events into the main file. The rebuild after
        // reopening rewrites every projection table into a new WAL, so both files have data.
        temporary.close()
        try temporary.reopen()
        try temporary.store.rebuild()
        XCTAssertEqual(try temporary.store.stats().events, network.events.count)

        let directory = temporary.directory.path
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        XCTAssertTrue(files.contains("ledger.sqlite"))
        XCTAssertTrue(files.contains("ledger.sqlite-wal"), "the replica runs in WAL mode, so recent writes are in the -wal file")
        let wal = try XCTUnwrap(FileManager.default.contents(atPath: temporary.path + "-wal"))
        XCTAssertGreaterThan(wal.count, 0)
        for name in files {
            let bytes = try XCTUnwrap(FileManager.default.contents(atPath: directory + "/" + name))
            XCTAssertEqual(Self.leaks(in: Array(bytes)), [], name)
        }
        let main = Array(try XCTUnwrap(FileManager.default.contents(atPath: temporary.path)) + wal)
        let someCiphertext = network.fixture.secrets[0].sealed.ciphertext
        XCTAssertTrue(Self.contains(main, someCiphertext), "the search must reach the stored events")

        // After the last connection closes SQLite checkpoints the WAL into the main file.
        temporary.close()
        let checkpointed = try XCTUnwrap(FileManager.default.contents(atPath: temporary.path))
        XCTAssertEqual(Self.leaks(in: Array(checkpointed)), [])
        XCTAssertTrue(Self.contains(Array(checkpointed), someCiphertext))
    }

    func testLogCarriesNoPatientData() throws {
        let (network, temporary) = try buildNetworkReplica()

        let entries = try temporary.store.log(limit: 10_000)

        XCTAssertEqual(entries.count, network.events.count)
        for entry in entries {
            var text = String(describing: entry) + "\n" + String(reflecting: entry) + "\n" + entry.status
            text += entry.quarantineReason ?? ""
            for (name, value) in entry.fields { text += "\n\(name)=\(value)" }
            XCTAssertEqual(Self.leaks(in: Array(text.utf8)), [], "\(entry.event.kind.name) entry")
        }
        let reportEntry = try XCTUnwrap(entries.first { $0.id == network.chestReport.id })
        let sealedField = try XCTUnwrap(reportEntry.fields.first { $0.0 == "sealed" }?.1)
        XCTAssertTrue(sealedField.contains(network.hospital.identity.short), "the log names the recipients: \(sealedField)")
    }

    func testProjectionTablesCarryNoPatientData() throws {
        let (_, temporary) = try buildNetworkReplica()
        let snapshot = try temporary.store.projectionSnapshot()

        for (table, rows) in snapshot {
            XCTAssertEqual(Self.leaks(in: Array(rows.joined(separator: "\n").utf8)), [], table)
        }
    }

    // MARK: - Recipients

    func testRecipientsOpenWhatWasSealedToThem() throws {
        let network = try StandardNetwork.build()
        let everyone = network.fixture.people

        for secret in network.fixture.secrets {
            XCTAssertEqual(secret.sealed.recipients.map(\.identity), secret.recipients.map(\.identity), secret.label)
            XCTAssertEqual(secret.sealed.ciphertext.count % Sealer.paddingBlock, Sealed.tagSize,
                           "\(secret.label): the plaintext is padded to a multiple of \(Sealer.paddingBlock) bytes")
            for reader in secret.recipients {
                let opened = try Sealer.open(secret.sealed, as: reader.identity, key: reader.secrets.encryption)
                XCTAssertEqual(String(decoding: opened.copyBytes(), as: UTF8.self), secret.plaintext,
                               "\(reader.name) opens the \(secret.label)")
            }
            let outsiders = everyone.filter { person in !secret.recipients.contains { $0 === person } }
            XCTAssertFalse(outsiders.isEmpty)
            for outsider in outsiders {
                XCTAssertThrowsError(try Sealer.open(secret.sealed, as: outsider.identity, key: outsider.secrets.encryption),
                                     "\(outsider.name) opens the \(secret.label)") { error in
                    XCTAssertEqual(error as? SealError, .notAddressedToReader)
                }
                // Claiming a recipient's identity does not help without that recipient's key.
                XCTAssertThrowsError(try Sealer.open(secret.sealed, as: secret.recipients[0].identity,
                                                     key: outsider.secrets.encryption)) { error in
                    XCTAssertEqual(error as? SealError, .authenticationFailed)
                }
            }
        }
    }

    func testSealedContentAsStoredOpensForRecipientOnly() throws {
        let (network, temporary) = try buildNetworkReplica()
        let grant = try XCTUnwrap(network.fixture.secrets.first { $0.label == "access grant" })
        let storedBytes = try XCTUnwrap(temporary.store.allEncodedEvents().first { Hash.blake2b256($0) == grant.event.id })
        let stored = try Event(decoding: storedBytes)
        let sealed = try XCTUnwrap(stored.content.sealedPayloads.first)

        let opened = try Sealer.open(sealed, as: network.chestReader.identity, key: network.chestReader.secrets.encryption)
        let text = String(decoding: opened.copyBytes(), as: UTF8.self)

        XCTAssertTrue(text.contains(PatientData.studyLink))
        XCTAssertTrue(text.contains(PatientData.mrn))
        XCTAssertThrowsError(try Sealer.open(sealed, as: network.neuroReader.identity, key: network.neuroReader.secrets.encryption))
    }

    func testSecondDeviceOfRecipientOpensToo() throws {
        let network = try StandardNetwork.build()
        let secondDevice = try network.fixture.secondDevice(of: network.chestReader)
        let report = try XCTUnwrap(network.fixture.secrets.first { $0.label == "feedback" })

        let opened = try Sealer.open(report.sealed, as: secondDevice.identity, key: secondDevice.secrets.encryption)

        XCTAssertEqual(String(decoding: opened.copyBytes(), as: UTF8.self), report.plaintext)
    }
}
