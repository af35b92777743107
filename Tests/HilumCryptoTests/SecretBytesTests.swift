import HilumCrypto
import XCTest

final class SecretBytesTests: XCTestCase {
    private struct FillFailed: Error {}

    func testDescriptionHidesContent() {
        var bytes = Array("s3cret-passphrase".utf8)
        let secret = SecretBytes(consuming: &bytes)
        XCTAssertEqual(secret.description, "SecretBytes(17 bytes, redacted)")
        XCTAssertEqual("\(secret)", "SecretBytes(17 bytes, redacted)")
    }

    func testConsumingZeroesSource() {
        var bytes: [UInt8] = [1, 2, 3, 4]
        let secret = SecretBytes(consuming: &bytes)
        XCTAssertEqual(bytes, [0, 0, 0, 0])
        XCTAssertEqual(secret.copyBytes(), [1, 2, 3, 4])
    }

    func testEquality() {
        var one: [UInt8] = [9, 8, 7]
        var same: [UInt8] = [9, 8, 7]
        var other: [UInt8] = [9, 8, 6]
        var shorter: [UInt8] = [9, 8]
        let first = SecretBytes(consuming: &one)
        XCTAssertEqual(first, SecretBytes(consuming: &same))
        XCTAssertNotEqual(first, SecretBytes(consuming: &other))
        XCTAssertNotEqual(first, SecretBytes(consuming: &shorter))
    }

    func testEmpty() {
        let empty = SecretBytes(count: 0) { _ in }
        XCTAssertEqual(empty.count, 0)
        XCTAssertEqual(empty.copyBytes(), [])
        XCTAssertEqual(empty, SecretBytes(count: 0) { _ in })
    }

    func testRandom() {
        let first = SecretBytes.random(32)
        let second = SecretBytes.random(32)
        XCTAssertEqual(first.count, 32)
        XCTAssertNotEqual(first, second)
    }

    func testFillErrorIsRethrown() {
        XCTAssertThrowsError(try SecretBytes(count: 8) { _ in throw FillFailed() }) { error in
            XCTAssertTrue(error is FillFailed)
        }
    }

    func testZeroize() {
        var bytes: [UInt8] = [0xFF, 0xEE]
        zeroize(&bytes)
        XCTAssertEqual(bytes, [0, 0])
        var empty: [UInt8] = []
        zeroize(&empty)
        XCTAssertEqual(empty, [])
    }
}
