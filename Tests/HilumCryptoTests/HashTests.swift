import HilumCore
import HilumCrypto
import XCTest

final class HashTests: XCTestCase {
    // Unkeyed BLAKE2b with a 32-byte digest, as published in the test suites of several BLAKE2b-256
    // implementations. Python's hashlib.blake2b(digest_size=32) gives the same values.
    private let emptyDigest = "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"
    private let abcDigest = "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"

    func testBlake2b256OfEmptyInput() {
        XCTAssertEqual(Hash.blake2b256([]).hex, emptyDigest)
        XCTAssertEqual(Hash.blake2b256([UInt8]()[...]).hex, emptyDigest)
    }

    func testBlake2b256OfABC() {
        XCTAssertEqual(Hash.blake2b256(Array("abc".utf8)).hex, abcDigest)
    }

    func testSliceHashesOnlyTheSlice() {
        let buffer = Array("xxabcxx".utf8)
        XCTAssertEqual(Hash.blake2b256(buffer[2..<5]).hex, abcDigest)
        XCTAssertEqual(Hash.blake2b256(buffer[3..<3]).hex, emptyDigest)
    }

    func testIncrementalOfNothingEqualsEmptyDigest() {
        let hash = IncrementalHash()
        let digest = hash.finish()
        XCTAssertEqual(digest.hex, emptyDigest)
    }

    func testIncrementalEqualsOneShot() {
        // 1000 bytes span several 128-byte BLAKE2b blocks, and the splits fall inside blocks and on block edges.
        let data = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let expected = Hash.blake2b256(data)
        for splits in [[0], [1], [127], [128], [129], [500], [999], [1_000], [3, 128, 256, 700], [0, 0, 1_000]] {
            var hash = IncrementalHash()
            var start = 0
            for split in splits where split >= start {
                hash.update(Array(data[start..<split]))
                start = split
            }
            hash.update(Array(data[start...]))
            let digest = hash.finish()
            XCTAssertEqual(digest, expected, "split at \(splits)")
        }
    }

    func testIncrementalByteByByte() {
        let data = Array("Befund: Fraktur distaler Radius".utf8)
        var hash = IncrementalHash()
        for byte in data { hash.update([byte]) }
        let digest = hash.finish()
        XCTAssertEqual(digest, Hash.blake2b256(data))
    }

    func testIncrementalTextUpdate() {
        var hash = IncrementalHash()
        hash.update("a")
        hash.update("")
        hash.update("bc")
        let digest = hash.finish()
        XCTAssertEqual(digest.hex, abcDigest)
    }

    func testIncrementalDroppedWithoutFinish() {
        // Releasing a hash that was never finished must free its state without a crash.
        var hash = IncrementalHash()
        hash.update([1, 2, 3])
        _ = consume hash
    }
}
