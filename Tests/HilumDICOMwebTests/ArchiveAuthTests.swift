import Foundation
import HilumDICOMweb
import XCTest

final class ArchiveAuthTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "hilum-auth-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func write(_ text: String, to name: String) -> String {
        let path = directory + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        return path
    }

    func testBasicReadsPasswordFile() throws {
        let path = write("s3cret pass\n", to: "password")
        let auth = try ArchiveAuth.parse("basic:alice:\(path)")
        XCTAssertEqual(auth.headers["Authorization"], "Basic " + Data("alice:s3cret pass".utf8).base64EncodedString())
    }

    func testBearerReadsTokenFile() throws {
        let path = write("abc.def\r\n", to: "token")
        XCTAssertEqual(try ArchiveAuth.parse("bearer:\(path)").headers, ["Authorization": "Bearer abc.def"])
    }

    func testStudyTokenSendsBothHeaders() {
        XCTAssertEqual(ArchiveAuth.studyToken("hst1.1.x").headers, ["Authorization": "Bearer hst1.1.x", "X-Hilum-Token": "hst1.1.x"])
    }

    func testMissingFileNamesPath() {
        let path = directory + "/absent"
        XCTAssertThrowsError(try ArchiveAuth.parse("bearer:\(path)")) { error in
            XCTAssertEqual(error as? ArchiveAuthError, .secretFileMissing(path: path))
            XCTAssertTrue("\(error)".contains(path))
        }
    }

    func testEmptyFileRejected() {
        let path = write("\n", to: "empty")
        XCTAssertThrowsError(try ArchiveAuth.parse("basic:bob:\(path)")) { error in
            XCTAssertEqual(error as? ArchiveAuthError, .secretFileEmpty(path: path))
        }
    }

    func testUnreadableFileRejected() throws {
        try XCTSkipIf(getuid() == 0, "root reads files whatever their mode")
        let path = write("token", to: "locked")
        chmod(path, 0)
        XCTAssertThrowsError(try ArchiveAuth.parse("bearer:\(path)")) { error in
            guard case .secretFileUnreadable(path, _)? = error as? ArchiveAuthError else { return XCTFail("\(error)") }
        }
    }

    func testDirectoryRejected() {
        XCTAssertThrowsError(try ArchiveAuth.parse("bearer:\(directory)")) { error in
            XCTAssertTrue("\(error)".contains(directory), "\(error)")
        }
    }

    func testInvalidFormsRejected() {
        for form in ["", "token:abc", "basic:alice", "basic::/tmp/x", "basic:alice:", "bearer:", "Bearer abc"] {
            XCTAssertThrowsError(try ArchiveAuth.parse(form), form) { error in
                guard case .invalidForm? = error as? ArchiveAuthError else { return XCTFail("\(form): \(error)") }
                XCTAssertTrue("\(error)".contains("basic:USER:PASSFILE"), "\(error)")
            }
        }
    }

    func testSecretsNeverPrinted() throws {
        let path = write("hunter2", to: "password")
        let auth = try ArchiveAuth.parse("basic:alice:\(path)")
        var dumped = ""
        dump(auth, to: &dumped)
        XCTAssertFalse("\(auth)".contains("hunter2"))
        XCTAssertFalse(String(reflecting: auth).contains("hunter2"))
        XCTAssertFalse(dumped.contains("hunter2"), dumped)
        XCTAssertFalse("\(ArchiveAuth.studyToken("hst1.99.mac"))".contains("hst1"))
    }

    func testInvalidFormNotEchoed() {
        XCTAssertThrowsError(try ArchiveAuth.parse("bearer-hunter2")) { error in
            XCTAssertFalse("\(error)".contains("hunter2"), "\(error)")
        }
    }
}
