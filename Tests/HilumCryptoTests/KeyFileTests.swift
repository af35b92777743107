import HilumCrypto
import XCTest

/// Key files here use libsodium's interactive Argon2id limits (2 passes, 64 MiB) in place of
/// the MODERATE default (3 passes, 256 MiB), to keep each key derivation short.
final class KeyFileTests: XCTestCase {
    private let seedBytes = (0..<32).map { UInt8($0 * 3) }

    // Byte offsets of the header: "HILUMKEY", version, salt, opslimit, memlimit, then nonce and ciphertext.
    private let versionOffset = 8
    private let saltOffset = 9
    private let opsLimitOffset = 25
    private let memLimitOffset = 33
    private let headerSize = 41
    private let nonceSize = 24
    private let tagSize = 16

    private func secret(_ text: String) -> SecretBytes {
        var bytes = Array(text.utf8)
        return SecretBytes(consuming: &bytes)
    }

    private func sealSeed(passphrase: String = "correct horse battery staple") throws -> [UInt8] {
        var payload = seedBytes
        return try KeyFile.seal(SecretBytes(consuming: &payload), passphrase: secret(passphrase), limits: .interactive)
    }

    private func bigEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * UInt64($0))) }
    }

    private func assertFailure(_ expected: KeyFile.Failure, _ file: [UInt8], passphrase: String = "correct horse battery staple",
                               _ message: String = "", sourceFile: StaticString = #filePath, line: UInt = #line) {
        do throws(KeyFile.Failure) {
            _ = try KeyFile.open(file, passphrase: secret(passphrase))
            XCTFail("expected \(expected), but the key file opened. \(message)", file: sourceFile, line: line)
        } catch {
            XCTAssertEqual(error, expected, message, file: sourceFile, line: line)
        }
    }

    func testRoundTrip() throws {
        let file = try sealSeed()
        let opened = try KeyFile.open(file, passphrase: secret("correct horse battery staple"))
        XCTAssertEqual(opened.copyBytes(), seedBytes)
    }

    func testLayout() throws {
        let file = try sealSeed()
        XCTAssertEqual(Array(file.prefix(8)), Array("HILUMKEY".utf8))
        XCTAssertEqual(file[versionOffset], KeyFile.version)
        XCTAssertEqual(Array(file[opsLimitOffset..<memLimitOffset]), bigEndian(KeyFile.Limits.interactive.opsLimit))
        XCTAssertEqual(Array(file[memLimitOffset..<headerSize]), bigEndian(KeyFile.Limits.interactive.memLimit))
        XCTAssertEqual(file.count, headerSize + nonceSize + seedBytes.count + tagSize)
    }

    func testFreshSaltAndNonceEachTime() throws {
        let first = try sealSeed()
        let second = try sealSeed()
        XCTAssertNotEqual(Array(first[saltOffset..<opsLimitOffset]), Array(second[saltOffset..<opsLimitOffset]))
        XCTAssertNotEqual(Array(first[headerSize...]), Array(second[headerSize...]))
    }

    func testEmptyPassphraseRoundTrip() throws {
        var payload = seedBytes
        let file = try KeyFile.seal(SecretBytes(consuming: &payload), passphrase: secret(""), limits: .interactive)
        XCTAssertEqual(try KeyFile.open(file, passphrase: secret("")).copyBytes(), seedBytes)
        assertFailure(.wrongPassphrase, file, passphrase: " ")
    }

    func testWrongPassphrase() throws {
        let file = try sealSeed()
        assertFailure(.wrongPassphrase, file, passphrase: "correct horse battery stapler")
        assertFailure(.wrongPassphrase, file, passphrase: "Correct horse battery staple")
    }

    func testEditedSaltByte() throws {
        var file = try sealSeed()
        file[saltOffset + 3] ^= 0x01
        assertFailure(.wrongPassphrase, file)
    }

    func testEditedLimitsWithinRange() throws {
        // The limits are additional data, so a changed but acceptable value still fails the tag.
        let original = try sealSeed()
        var opsEdited = original
        opsEdited[memLimitOffset - 1] = 3
        assertFailure(.wrongPassphrase, opsEdited, "opslimit 3")
        var memEdited = original
        memEdited.replaceSubrange(memLimitOffset..<headerSize, with: bigEndian(32 << 20))
        assertFailure(.wrongPassphrase, memEdited, "memlimit 32 MiB")
    }

    func testEditedNonceAndCiphertext() throws {
        let original = try sealSeed()
        var nonceEdited = original
        nonceEdited[headerSize] ^= 0x80
        assertFailure(.wrongPassphrase, nonceEdited, "nonce")
        var ciphertextEdited = original
        ciphertextEdited[original.count - 1] ^= 0x01
        assertFailure(.wrongPassphrase, ciphertextEdited, "tag")
    }

    func testMemLimitOfOneTebibyte() throws {
        var file = try sealSeed()
        file.replaceSubrange(memLimitOffset..<headerSize, with: bigEndian(1 << 40))
        assertFailure(.limitsOutOfRange, file)
    }

    func testOtherLimitsOutOfRange() throws {
        let original = try sealSeed()
        for (offset, value) in [(opsLimitOffset, UInt64(0)), (opsLimitOffset, 11), (opsLimitOffset, .max),
                                (memLimitOffset, 0), (memLimitOffset, (1 << 30) + 1)] {
            var file = original
            file.replaceSubrange(offset..<(offset + 8), with: bigEndian(value))
            assertFailure(.limitsOutOfRange, file, "\(offset == opsLimitOffset ? "opslimit" : "memlimit") \(value)")
        }
    }

    func testTruncated() throws {
        let file = try sealSeed()
        // Shorter than header, nonce and tag together: not a key file at all.
        for length in [0, 7, 8, headerSize, headerSize + nonceSize, headerSize + nonceSize + tagSize - 1] {
            assertFailure(.notAKeyFile, Array(file.prefix(length)), "\(length) bytes")
        }
    }

    func testTruncatedCiphertext() throws {
        // Long enough to parse, but the tag no longer matches.
        let file = try sealSeed()
        assertFailure(.wrongPassphrase, Array(file.dropLast()))
    }

    func testBadMagic() throws {
        var file = try sealSeed()
        file[0] = UInt8(ascii: "h")
        assertFailure(.notAKeyFile, file)
    }

    func testNewerVersion() throws {
        var file = try sealSeed()
        file[versionOffset] = 2
        assertFailure(.unsupportedVersion(2), file)
    }
}
