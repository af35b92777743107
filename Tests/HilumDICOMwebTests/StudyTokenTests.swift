import Foundation
import HilumCrypto
import HilumDICOMweb
import XCTest

final class StudyTokenTests: XCTestCase {
    private let study = "1.2.826.0.1.3680043.8.498.1"
    private let otherStudy = "1.2.826.0.1.3680043.8.498.2"
    private let now = Date(timeIntervalSince1970: 1_750_000_000)
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "hilum-token-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func secret(_ byte: UInt8 = 7) throws -> StudyTokenSecret {
        var bytes = [UInt8](repeating: byte, count: 32)
        return try StudyTokenSecret(bytes: SecretBytes(consuming: &bytes))
    }

    func testValidTokenVerifies() throws {
        let token = try StudyToken.issue(secret: secret(), studyUID: study, expiresAt: now.addingTimeInterval(600))
        XCTAssertEqual(try StudyToken.verify(token, secret: secret(), studyUID: study, now: now),
                       Date(timeIntervalSince1970: 1_750_000_600))
    }

    // The format is fixed so that the Python filter can check it: the MAC is
    // HMAC-SHA256(secret, "hilum-study-token-v1" 0x00 uid 0x00 expiry). Python's
    // hmac.new(b"\x07" * 32, msg, "sha256") with the same message gives this value.
    func testTokenFormatIsStable() throws {
        let token = try StudyToken.issue(secret: secret(), studyUID: study, expiresAt: Date(timeIntervalSince1970: 1_750_000_600))
        XCTAssertEqual(token, "hst1.1750000600.\(Self.expectedMAC)")
    }

    func testOtherStudyRejected() throws {
        let token = try StudyToken.issue(secret: secret(), studyUID: study, expiresAt: now.addingTimeInterval(600))
        XCTAssertThrowsError(try StudyToken.verify(token, secret: secret(), studyUID: otherStudy, now: now)) { error in
            XCTAssertEqual(error as? StudyTokenError, .notValidForStudy)
        }
    }

    func testExpiredTokenRejected() throws {
        let token = try StudyToken.issue(secret: secret(), studyUID: study, expiresAt: now.addingTimeInterval(-1))
        XCTAssertThrowsError(try StudyToken.verify(token, secret: secret(), studyUID: study, now: now)) { error in
            XCTAssertEqual(error as? StudyTokenError, .expired(at: now.addingTimeInterval(-1)))
        }
    }

    func testTokenAtExpiryRejected() throws {
        let token = try StudyToken.issue(secret: secret(), studyUID: study, expiresAt: now)
        XCTAssertThrowsError(try StudyToken.verify(token, secret: secret(), studyUID: study, now: now))
    }

    func testTamperedTokensRejected() throws {
        let token = try StudyToken.issue(secret: secret(), studyUID: study, expiresAt: now.addingTimeInterval(600))
        let parts = token.split(separator: ".").map(String.init)
        var flipped = Array(parts[2])
        flipped[5] = flipped[5] == "A" ? "B" : "A"
        let tampered = [
            "\(parts[0]).\(Int(parts[1])! + 3600).\(parts[2])",   // expiry pushed back
            "\(parts[0]).\(parts[1]).\(String(flipped))",          // MAC changed
        ]
        for candidate in tampered {
            XCTAssertThrowsError(try StudyToken.verify(candidate, secret: secret(), studyUID: study, now: now), candidate) { error in
                XCTAssertEqual(error as? StudyTokenError, .notValidForStudy, candidate)
            }
        }
    }

    func testMalformedTokensRejected() throws {
        let token = try StudyToken.issue(secret: secret(), studyUID: study, expiresAt: now.addingTimeInterval(600))
        let parts = token.split(separator: ".").map(String.init)
        let malformed = [
            "", "hst1", "hst2.\(parts[1]).\(parts[2])", "\(parts[0]).+\(parts[1]).\(parts[2])",
            "\(parts[0]).\(parts[1]).\(parts[2])=", "\(parts[0]).\(parts[1]).\(parts[2].dropLast())",
            "\(token).extra", "\(parts[0]).\(parts[1]).\(parts[2].replacingOccurrences(of: "-", with: "+"))x",
        ]
        for candidate in malformed {
            XCTAssertThrowsError(try StudyToken.verify(candidate, secret: secret(), studyUID: study, now: now), candidate) { error in
                XCTAssertEqual(error as? StudyTokenError, .malformed, candidate)
            }
        }
    }

    func testWrongSecretRejected() throws {
        let token = try StudyToken.issue(secret: secret(7), studyUID: study, expiresAt: now.addingTimeInterval(600))
        XCTAssertThrowsError(try StudyToken.verify(token, secret: secret(8), studyUID: study, now: now)) { error in
            XCTAssertEqual(error as? StudyTokenError, .notValidForStudy)
        }
    }

    func testInvalidUIDRejected() throws {
        XCTAssertThrowsError(try StudyToken.issue(secret: secret(), studyUID: "1.2/../3", expiresAt: now)) { error in
            XCTAssertEqual(error as? StudyTokenError, .invalidUID)
        }
    }

    func testCreatedSecretHasMode0600() throws {
        let path = directory + "/token.secret"
        let created = try StudyToken.createSecret(path: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertEqual((attributes[.size] as? NSNumber)?.intValue, 32)

        let loaded = try StudyToken.loadSecret(path: path)
        let token = try StudyToken.issue(secret: created, studyUID: study, expiresAt: now.addingTimeInterval(60))
        XCTAssertNoThrow(try StudyToken.verify(token, secret: loaded, studyUID: study, now: now))
    }

    func testCreateRefusesExistingFile() throws {
        let path = directory + "/token.secret"
        _ = try StudyToken.createSecret(path: path)
        XCTAssertThrowsError(try StudyToken.createSecret(path: path))
    }

    func testLoadRejectsReadableByOthers() throws {
        let path = directory + "/token.secret"
        _ = try StudyToken.createSecret(path: path)
        chmod(path, 0o644)
        XCTAssertThrowsError(try StudyToken.loadSecret(path: path)) { error in
            XCTAssertTrue("\(error)".contains("chmod 600 \(path)"), "\(error)")
        }
    }

    func testLoadRejectsShortSecret() throws {
        let path = directory + "/short.secret"
        _ = FileManager.default.createFile(atPath: path, contents: Data(repeating: 1, count: 31), attributes: [.posixPermissions: 0o600])
        XCTAssertThrowsError(try StudyToken.loadSecret(path: path)) { error in
            XCTAssertEqual(error as? StudyTokenError, .secretTooShort(path: path, size: 31))
        }
    }

    func testLoadMissingSecretNamesPath() {
        let path = directory + "/missing.secret"
        XCTAssertThrowsError(try StudyToken.loadSecret(path: path)) { error in
            XCTAssertTrue("\(error)".contains(path), "\(error)")
            XCTAssertTrue("\(error)".contains("not found"), "\(error)")
        }
    }

    static let expectedMAC = "HSwT7xKDIE4H-9lAk-25qHjlEMLx-qW6Ztax2ouwlsc"
}
