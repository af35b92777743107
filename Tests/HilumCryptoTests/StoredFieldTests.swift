import Foundation
import HilumCore
import HilumCrypto
import XCTest

/// Stored values that are not (validly) encrypted: legacy plain text, cut
/// rows, tampering and a nonce cut to 8 bytes. The fixture in
/// Fixtures/sodium-short-or-plain-ciphertext (see its CASE.md) was made with
/// libsodium's crypto_secretbox_easy under the key 00 01 02 … 1f.
final class StoredFieldTests: XCTestCase {
    private struct Fixture {
        let key: SecretBytes
        let rows: [String: String]
    }

    private func loadFixture() throws -> Fixture {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "fields", withExtension: "json",
                                                  subdirectory: "Fixtures/sodium-short-or-plain-ciphertext"))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var keyBytes = try XCTUnwrap(Hex.decode(try XCTUnwrap(json["keyHex"] as? String)))
        let rowList = try XCTUnwrap(json["rows"] as? [[String: Any]])
        var rows: [String: String] = [:]
        for row in rowList {
            rows[try XCTUnwrap(row["id"] as? String)] = try XCTUnwrap(row["value"] as? String)
        }
        return Fixture(key: SecretBytes(consuming: &keyBytes), rows: rows)
    }

    private func assertFailure(_ expected: StoredField.Failure, _ stored: String, key: SecretBytes, _ message: String = "",
                               file: StaticString = #filePath, line: UInt = #line) {
        do throws(StoredField.Failure) {
            let opened = try StoredField.open(stored, key: key)
            XCTFail("expected \(expected), but opened \(opened.count) bytes. \(message)", file: file, line: line)
        } catch {
            XCTAssertEqual(error, expected, message, file: file, line: line)
        }
    }

    func testFixtureHasSevenRows() throws {
        let fixture = try loadFixture()
        XCTAssertEqual(fixture.rows.keys.sorted(),
                       ["a-valid", "b-legacy-plain", "c-too-short", "d-tampered", "e-nonce-8-bytes", "f-empty", "g-only-mac"])
        XCTAssertEqual(fixture.key.count, 32)
    }

    func testValidRow() throws {
        let fixture = try loadFixture()
        let opened = try StoredField.open(try XCTUnwrap(fixture.rows["a-valid"]), key: fixture.key)
        XCTAssertEqual(String(decoding: opened.copyBytes(), as: UTF8.self), "Befund: Fraktur distaler Radius – Verlauf ✓")
    }

    func testLegacyPlainText() throws {
        let fixture = try loadFixture()
        assertFailure(.notEncrypted, try XCTUnwrap(fixture.rows["b-legacy-plain"]), key: fixture.key)
    }

    func testTooShort() throws {
        let fixture = try loadFixture()
        assertFailure(.tooShort(10), try XCTUnwrap(fixture.rows["c-too-short"]), key: fixture.key)
    }

    func testTampered() throws {
        let fixture = try loadFixture()
        assertFailure(.authenticationFailed, try XCTUnwrap(fixture.rows["d-tampered"]), key: fixture.key)
    }

    func testNonceCutToEightBytes() throws {
        let fixture = try loadFixture()
        assertFailure(.authenticationFailed, try XCTUnwrap(fixture.rows["e-nonce-8-bytes"]), key: fixture.key)
    }

    func testEmpty() throws {
        let fixture = try loadFixture()
        assertFailure(.empty, try XCTUnwrap(fixture.rows["f-empty"]), key: fixture.key)
    }

    func testOnlyTag() throws {
        let fixture = try loadFixture()
        let opened = try StoredField.open(try XCTUnwrap(fixture.rows["g-only-mac"]), key: fixture.key)
        XCTAssertEqual(opened.count, 0)
    }

    func testValidRowWithOtherKey() throws {
        let fixture = try loadFixture()
        assertFailure(.authenticationFailed, try XCTUnwrap(fixture.rows["a-valid"]), key: SecretBytes.random(32))
    }

    func testSealOpenRoundTrip() throws {
        let key = SecretBytes.random(32)
        let draft = Array("Draft: no acute intracranial abnormality.".utf8)
        let stored = StoredField.seal(draft, key: key)
        XCTAssertEqual(try StoredField.open(stored, key: key).copyBytes(), draft)
        XCTAssertEqual(Base64.decode(stored)?.count, 24 + draft.count + 16)
        XCTAssertNotEqual(StoredField.seal(draft, key: key), stored, "each seal takes a new nonce")
    }

    func testSealOfEmptyValue() throws {
        let key = SecretBytes.random(32)
        let stored = StoredField.seal([], key: key)
        XCTAssertEqual(try StoredField.open(stored, key: key).count, 0)
    }

    func testMinimumLengthBoundary() throws {
        // 39 decoded bytes is one short of nonce and tag. 40 bytes reach libsodium and fail its tag check.
        let key = SecretBytes.random(32)
        assertFailure(.tooShort(39), Base64.encode([UInt8](repeating: 7, count: 39)), key: key)
        assertFailure(.authenticationFailed, Base64.encode([UInt8](repeating: 7, count: 40)), key: key)
    }

    func testBase64LookalikePlainText() {
        // Plain text that happens to be valid base64 decodes to a few bytes and is caught by length.
        assertFailure(.tooShort(6), "Befund12", key: SecretBytes.random(32))
    }
}
