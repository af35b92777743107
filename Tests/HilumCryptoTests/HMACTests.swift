import HilumCrypto
import XCTest

final class HMACTests: XCTestCase {
    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    private func secret(_ bytes: [UInt8]) -> SecretBytes {
        var copy = bytes
        return SecretBytes(consuming: &copy)
    }

    // RFC 4231 test case 2: a key shorter than the block size.
    func testRFC4231ShortKey() {
        let mac = HMACSHA256.authenticate(Array("what do ya want for nothing?".utf8), key: secret(Array("Jefe".utf8)))
        XCTAssertEqual(hex(mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    // RFC 4231 test case 6: a 131-byte key, longer than the block size, is hashed first.
    func testRFC4231LongKey() {
        let key = [UInt8](repeating: 0xaa, count: 131)
        let message = Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)
        XCTAssertEqual(hex(HMACSHA256.authenticate(message, key: secret(key))),
                       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    func testConstantTimeEqual() {
        XCTAssertTrue(ConstantTime.equal([1, 2, 3], [1, 2, 3]))
        XCTAssertFalse(ConstantTime.equal([1, 2, 3], [1, 2, 4]))
        XCTAssertFalse(ConstantTime.equal([1, 2, 3], [1, 2]))
        XCTAssertTrue(ConstantTime.equal([], []))
    }

    // RFC 4648 section 10 vectors, without padding; "+/" in standard base64 become "-_".
    func testBase64URLVectors() {
        XCTAssertEqual(Base64URL.encode(Array("fo".utf8)), "Zm8")
        XCTAssertEqual(Base64URL.encode(Array("foobar".utf8)), "Zm9vYmFy")
        XCTAssertEqual(Base64URL.encode([0xfb, 0xff]), "-_8")
        XCTAssertEqual(Base64URL.decode("-_8"), [0xfb, 0xff])
        XCTAssertNil(Base64URL.decode("Zm8="))
        XCTAssertNil(Base64URL.decode("+/8"))
        XCTAssertNil(Base64URL.decode("Zm8 "))
    }
}
