import Foundation
import XCTest

final class InitCommandTests: CommandTestCase {
    func testInitCreatesPrivateKeyFile() throws {
        initRadiologist()
        let attributes = try FileManager.default.attributesOfItem(atPath: home + "/device.key")
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let key = try XCTUnwrap(FileManager.default.contents(atPath: home + "/device.key"))
        XCTAssertEqual(Array(key.prefix(8)), Array("HILUMKEY".utf8))
    }

    func testRecoveryCodeWrittenOnceNotStored() throws {
        initRadiologist()
        let code = try String(contentsOfFile: directory + "/recovery.txt", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(code.hasPrefix("hrk1-"))
        let digits = code.replacingOccurrences(of: "hrk1-", with: "").replacingOccurrences(of: "-", with: "")
        for file in try FileManager.default.contentsOfDirectory(atPath: home) {
            let bytes = try XCTUnwrap(FileManager.default.contents(atPath: home + "/" + file))
            XCTAssertNil(String(decoding: bytes, as: UTF8.self).range(of: String(digits.prefix(32))), "recovery code found in \(file)")
        }
    }

    func testWhoamiShowsPublicIdentity() throws {
        initRadiologist()
        let run = hilum(["whoami", "--json"], passphrase: nil)
        XCTAssertEqual(run.status, 0)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["role"] as? String, "radiologist")
        XCTAssertEqual(object["name"] as? String, "Dr Ada Osei")
        XCTAssertEqual((object["identity"] as? String)?.count, 64)
    }

    func testSecondInitInSameHomeRejected() {
        initRadiologist()
        let run = hilum(["init", "--role", "client", "--name", "Other"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("already contains an identity"), run.stderr)
    }

    func testUnknownRoleSuggestsClosest() {
        let run = hilum(["init", "--role", "radiolgist", "--name", "X"])
        XCTAssertEqual(run.status, 64)
        XCTAssertTrue(run.stderr.contains("'radiolgist'"), run.stderr)
        XCTAssertTrue(run.stderr.contains("did you mean radiologist"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: home + "/identity.json"))
    }

    func testUnknownOptionSuggestsClosest() {
        let run = hilum(["ledger", "stats", "--jsno"])
        XCTAssertEqual(run.status, 64)
        XCTAssertTrue(run.stderr.contains("did you mean --json"), run.stderr)
    }

    func testMissingPassphraseWithoutTerminal() {
        let run = hilum(["init", "--role", "client", "--name", "Clinic"], passphrase: nil)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("HILUM_PASSPHRASE_FILE"), run.stderr)
    }

    func testSecondDeviceJoinsSameIdentity() throws {
        initRadiologist()
        let first = hilum(["whoami", "--json"], passphrase: nil)
        let secondHome = directory + "/laptop"
        let joined = HilumBinary.run(["init", "--role", "radiologist", "--name", "Dr Ada Osei", "--recovery-in",
                                      directory + "/recovery.txt", "--home", secondHome],
                                     environment: ["HILUM_PASSPHRASE": "another passphrase"], directory: directory)
        XCTAssertEqual(joined.status, 0, joined.stderr)
        let second = HilumBinary.run(["whoami", "--json", "--home", secondHome], directory: directory)
        let one = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let two = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(one["identity"] as? String, two["identity"] as? String)
        XCTAssertEqual(one["encryption_key"] as? String, two["encryption_key"] as? String)
        XCTAssertNotEqual(one["device"] as? String, two["device"] as? String)
    }

    func testHelpListsEverySubcommand() {
        let run = HilumBinary.run(["--help"], directory: directory)
        XCTAssertEqual(run.status, 0)
        for command in ["init", "whoami", "ledger verify", "ledger stats", "ledger log", "ledger rebuild", "bench ingest"] {
            XCTAssertTrue(run.stdout.contains(command), "--help lacks \(command)")
            let sub = HilumBinary.run(command.split(separator: " ").map(String.init) + ["--help"], directory: directory)
            XCTAssertEqual(sub.status, 0, command)
            XCTAssertTrue(sub.stdout.hasPrefix("Usage: hilum \(command)"), command)
        }
    }
}
