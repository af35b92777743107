import HilumCore
import XCTest

final class ByteCodecTests: XCTestCase {
    // MARK: - ByteWriter

    func testIntegersAreBigEndian() {
        var writer = ByteWriter()
        writer.write(UInt8(0xAB))
        writer.write(UInt16(0x0102))
        writer.write(UInt32(0x0304_0506))
        writer.write(UInt64(0x0708_090A_0B0C_0D0E))
        writer.write(Int64(-2))
        XCTAssertEqual(writer.bytes, [0xAB, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E,
                                      0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE])
    }

    func testTextIsLengthPrefixedUTF8() {
        var writer = ByteWriter()
        writer.write("Søreide")
        XCTAssertEqual(writer.bytes, [0, 0, 0, 8] + Array("Søreide".utf8))
    }

    func testOptionalsWriteFlagByte() {
        var writer = ByteWriter()
        writer.write(nil as String?)
        writer.write("CT" as String?)
        writer.write(nil as Key32?)
        writer.write(key(0x07) as Key32?)
        XCTAssertEqual(writer.bytes, [0] + [1, 0, 0, 0, 2, 0x43, 0x54] + [0] + [1] + key(0x07).bytes)
    }

    func testListsWriteCount() {
        var writer = ByteWriter()
        writer.write(["MSK", ""])
        writer.write([key(1), key(2)])
        XCTAssertEqual(writer.bytes, [0, 0, 0, 2, 0, 0, 0, 3] + Array("MSK".utf8) + [0, 0, 0, 0]
                                     + [0, 0, 0, 2] + key(1).bytes + key(2).bytes)
    }

    func testBoolWritesZeroOrOne() {
        var writer = ByteWriter()
        writer.write(true)
        writer.write(false)
        XCTAssertEqual(writer.bytes, [1, 0])
    }

    // MARK: - ByteReader

    func testReadsWhatWriterWrote() throws {
        var writer = ByteWriter()
        writer.write(UInt8(7))
        writer.write(UInt16.max)
        writer.write(UInt32(0xDEAD_BEEF))
        writer.write(UInt64.max)
        writer.write(Int64.min)
        writer.write(true)
        writer.write("Befund ✓")
        writer.write("NEURO" as String?)
        writer.write(nil as Key32?)
        writer.write(["CT", "MR"])
        writer.write([key(9)])
        writer.writeFixed([1, 2, 3])

        var reader = ByteReader(writer.bytes)
        XCTAssertEqual(try reader.readUInt8("a"), 7)
        XCTAssertEqual(try reader.readUInt16("b"), .max)
        XCTAssertEqual(try reader.readUInt32("c"), 0xDEAD_BEEF)
        XCTAssertEqual(try reader.readUInt64("d"), .max)
        XCTAssertEqual(try reader.readInt64("e"), .min)
        XCTAssertEqual(try reader.readBool("f"), true)
        XCTAssertEqual(try reader.readString("g", maxLength: 100), "Befund ✓")
        XCTAssertEqual(try reader.readOptionalString("h", maxLength: 5), "NEURO")
        XCTAssertNil(try reader.readOptionalKey("i"))
        XCTAssertEqual(try reader.readStrings("j", maxCount: 2, maxLength: 2), ["CT", "MR"])
        XCTAssertEqual(try reader.readKeys("k", maxCount: 1), [key(9)])
        XCTAssertEqual(reader.remaining, 3)
        XCTAssertEqual(try reader.readFixed(3, "l"), [1, 2, 3])
        XCTAssertTrue(reader.isAtEnd)
        XCTAssertEqual(reader.offset, writer.bytes.count)
        assertNoDecodeError { () throws(DecodeError) in try reader.expectEnd("test") }
    }

    func testReadPastEndNamesField() {
        var reader = ByteReader([0x01, 0x02, 0x03])
        assertDecodeError(.truncated(field: "count", needed: 4, available: 3)) { () throws(DecodeError) in
            try reader.readUInt32("count")
        }
        // A failed read consumes nothing.
        XCTAssertEqual(reader.offset, 0)
        assertDecodeError(.truncated(field: "id", needed: 32, available: 3)) { () throws(DecodeError) in
            try reader.readKey("id")
        }
    }

    func testEmptyInput() {
        var reader = ByteReader([])
        XCTAssertTrue(reader.isAtEnd)
        assertDecodeError(.truncated(field: "flag", needed: 1, available: 0)) { () throws(DecodeError) in
            try reader.readBool("flag")
        }
    }

    func testFlagByteOtherThanZeroOrOne() {
        for value: UInt8 in [2, 0x80, 0xFF] {
            var reader = ByteReader([value])
            assertDecodeError(.invalidValue(field: "flag", reason: "flag byte is \(value), expected 0 or 1")) { () throws(DecodeError) in
                try reader.readBool("flag")
            }
            var optional = ByteReader([value] + key(1).bytes)
            assertDecodeError(.invalidValue(field: "bid", reason: "flag byte is \(value), expected 0 or 1")) { () throws(DecodeError) in
                try optional.readOptionalKey("bid")
            }
        }
    }

    func testInvalidUTF8() {
        for raw: [UInt8] in [[0xC3, 0x28], [0xC0, 0x80], [0xED, 0xBF, 0xBF], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80]] {
            var writer = ByteWriter()
            writer.write(bytes: raw)
            var reader = ByteReader(writer.bytes)
            assertDecodeError(.invalidUTF8(field: "name"), "\(raw)") { () throws(DecodeError) in
                try reader.readString("name", maxLength: 10)
            }
        }
    }

    func testLengthOverMaximumBeforeReading() {
        // The limit is checked on the declared length, before the reader looks for that many bytes.
        var reader = ByteReader([0xFF, 0xFF, 0xFF, 0xFF])
        assertDecodeError(.tooLong(field: "blob", length: 0xFFFF_FFFF, maximum: 1_000)) { () throws(DecodeError) in
            try reader.readBytes("blob", maxLength: 1_000)
        }
    }

    func testLengthAtMaximumAccepted() throws {
        var writer = ByteWriter()
        writer.write(bytes: [UInt8](repeating: 9, count: 5))
        var reader = ByteReader(writer.bytes)
        XCTAssertEqual(try reader.readBytes("blob", maxLength: 5), [9, 9, 9, 9, 9])
    }

    func testListCountOverMaximum() {
        var strings = ByteReader([0, 0, 0, 3])
        assertDecodeError(.tooLong(field: "codes", length: 3, maximum: 2)) { () throws(DecodeError) in
            try strings.readStrings("codes", maxCount: 2, maxLength: 4)
        }
        var keys = ByteReader([0, 0, 0, 2])
        assertDecodeError(.tooLong(field: "devices", length: 2, maximum: 1)) { () throws(DecodeError) in
            try keys.readKeys("devices", maxCount: 1)
        }
    }

    func testUnknownEnumValue() {
        var reader = ByteReader([9])
        assertDecodeError(.invalidValue(field: "priority", reason: "9 is not a known Priority")) { () throws(DecodeError) in
            try reader.readEnum(Priority.self, "priority")
        }
    }

    func testExpectEndCountsLeftoverBytes() {
        var reader = ByteReader([1, 2, 3])
        _ = try? reader.readUInt8("first")
        assertDecodeError(.trailingBytes(context: "test body", count: 2)) { () throws(DecodeError) in
            try reader.expectEnd("test body")
        }
    }

    // MARK: - Error descriptions

    func testDescriptionsNameFieldAndValues() {
        XCTAssertEqual(DecodeError.truncated(field: "author", needed: 32, available: 5).description,
                       "truncated at author: needs 32 bytes, 5 left")
        XCTAssertEqual(DecodeError.tooLong(field: "body", length: 9, maximum: 8).description, "body is 9 long, the maximum is 8")
        XCTAssertEqual(DecodeError.invalidUTF8(field: "device.displayName").description, "device.displayName is not valid UTF-8")
        XCTAssertEqual(DecodeError.unknownKind(99).description,
                       "unknown event kind 99; this build of hilum may be older than the event's author")
        XCTAssertEqual(DecodeError.unsupportedVersion(what: "event format", version: 2, supported: 1).description,
                       "event format version 2 is not supported (this build reads up to 1); update hilum")
    }
}
