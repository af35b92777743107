import HilumCrypto
import XCTest

final class Base64Tests: XCTestCase {
    // RFC 4648, section 10.
    private let vectors: [(plain: String, encoded: String)] = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ]

    func testEncodeRFC4648Vectors() {
        for (plain, encoded) in vectors {
            XCTAssertEqual(Base64.encode(Array(plain.utf8)), encoded, plain)
        }
    }

    func testDecodeRFC4648Vectors() {
        for (plain, encoded) in vectors {
            XCTAssertEqual(Base64.decode(encoded), Array(plain.utf8), encoded)
        }
    }

    func testRoundTripAllByteValues() {
        let bytes = (0...255).map { UInt8($0) }
        XCTAssertEqual(Base64.decode(Base64.encode(bytes)), bytes)
    }

    func testRejectsNonStandardInput() {
        let invalid = [
            "Zg",        // missing padding
            "Zg=",       // incomplete padding
            "Zm9v\n",    // trailing newline
            " Zm9v",     // leading space
            "Zm 9v",     // space inside
            "Zm9v====",  // extra padding
            "Zm9vYg==x", // text after padding
            "-_-_",      // URL-safe alphabet
            "Zm9v!",     // character outside the alphabet
            "Befund unauffaellig",
        ]
        for text in invalid {
            XCTAssertNil(Base64.decode(text), text)
        }
    }

    func testRejectsNonCanonicalTrailingBits() {
        // "Zh==" has non-zero bits after the single byte "f", so a strict decoder rejects it.
        XCTAssertNil(Base64.decode("Zh=="))
    }
}
