import Foundation
import HilumPreview
import XCTest

final class PNGDecoderTests: XCTestCase {
    /// A 4x2 8-bit greyscale PNG written by Python's zlib: row 0 is 0, 85, 170, 255 and row 1 the reverse.
    static let grey4x2 = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAAAAABawyK/AAAAEklEQVR4nGNgCF31n+H/qlAGABP2A/3WdsAfAAAAAElFTkSuQmCC")!

    func testGreyPNGDecodesToRGBA() throws {
        let image = try PNGDecoder.decode(Self.grey4x2)
        XCTAssertEqual(image.width, 4)
        XCTAssertEqual(image.height, 2)
        let reds = stride(from: 0, to: image.pixels.count, by: 4).map { image.pixels[$0] }
        XCTAssertEqual(reds, [0, 85, 170, 255, 255, 170, 85, 0])
        let alphas = stride(from: 3, to: image.pixels.count, by: 4).map { image.pixels[$0] }
        XCTAssertEqual(Set(alphas), [255])
    }

    func testNotPNGIsRejected() {
        XCTAssertThrowsError(try PNGDecoder.decode(Data("{\"HttpError\":\"Bad Request\"}".utf8))) { error in
            XCTAssertTrue("\(error)".contains("not a PNG"), "\(error)")
        }
    }

    func testTruncatedPNGIsRejected() {
        XCTAssertThrowsError(try PNGDecoder.decode(Self.grey4x2.prefix(40))) { error in
            XCTAssertTrue("\(error)".contains("invalid PNG"), "\(error)")
        }
    }

    func testEmptyInputIsRejected() {
        XCTAssertThrowsError(try PNGDecoder.decode(Data()))
    }
}
