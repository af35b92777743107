import HilumCore
import XCTest

/// Returns a 32-byte key or event id made of one repeated byte, for values whose content does not matter.
func key(_ fill: UInt8) -> Key32 {
    Key32(unchecked: [UInt8](repeating: fill, count: 32))
}

/// Returns deterministic filler bytes for signatures, wrapped keys, nonces and ciphertexts.
func filler(_ count: Int, seed: UInt8) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: ($0 &* 167) ^ (Int(seed) &* 29) ^ ($0 >> 8)) }
}

/// The 64-byte stand-in signature that every test event carries: HilumCore
/// decodes events without checking signatures, so any 64 bytes will do.
let dummySignature = filler(64, seed: 0x5A)

/// A time inside the ledger's lifetime: 2024-12-04 19:20:00 UTC in milliseconds.
let sampleTimestamp: Int64 = 1_733_340_000_000

/// Builds the bytes of a complete event: header, `body` and the dummy signature.
/// The defaults describe the second event of a radiologist's device feed.
func eventBytes(kind: EventKind, body: [UInt8], author: PublicKey = Keys.radiologistDevice,
                sequence: UInt64 = 2, previous: EventID = key(0xEE),
                timestamp: Int64 = sampleTimestamp) -> [UInt8] {
    Event.unsignedBytes(kind: kind, author: author, sequence: sequence, previous: previous,
                        timestamp: timestamp, body: body) + dummySignature
}

/// Asserts that `expression` throws exactly `expected`, field name and reason included.
func assertDecodeError<T>(_ expected: DecodeError, _ message: @autoclosure () -> String = "",
                          file: StaticString = #filePath, line: UInt = #line,
                          _ expression: () throws(DecodeError) -> T) {
    do throws(DecodeError) {
        let value = try expression()
        XCTFail("expected \(expected), but decoding returned \(value). \(message())", file: file, line: line)
    } catch {
        XCTAssertEqual(error, expected, message(), file: file, line: line)
    }
}

/// Asserts that decoding `bytes` as a whole event throws exactly `expected`.
func assertEventError(_ expected: DecodeError, _ bytes: [UInt8], _ message: @autoclosure () -> String = "",
                      file: StaticString = #filePath, line: UInt = #line) {
    assertDecodeError(expected, message(), file: file, line: line) { () throws(DecodeError) in
        try Event(decoding: bytes)
    }
}

/// Asserts that an event of `kind` carrying `body` is rejected with exactly `expected`.
func assertBodyError(_ expected: DecodeError, kind: EventKind, body: [UInt8], _ message: @autoclosure () -> String = "",
                     file: StaticString = #filePath, line: UInt = #line) {
    assertEventError(expected, eventBytes(kind: kind, body: body), message(), file: file, line: line)
}

/// Asserts that a locally built body is rejected by `validate()` with exactly
/// `expected`, and that the same body arriving in an event is rejected the same way.
func assertInvalid<Body: EventBody>(_ body: Body, _ expected: DecodeError,
                                    file: StaticString = #filePath, line: UInt = #line) {
    assertDecodeError(expected, "validate()", file: file, line: line) { () throws(DecodeError) in
        try body.validate()
    }
    assertBodyError(expected, kind: Body.kind, body: body.encoded(), "decoding", file: file, line: line)
}

/// The wire layout of one encoding written out independently of the decoder:
/// the field name the decoder must report for each byte range, in order.
/// It predicts the exact `.truncated` error for every prefix of the encoding.
struct Layout {
    struct Segment {
        let field: String
        let start: Int
        let size: Int
    }

    private(set) var segments: [Segment] = []

    var size: Int { segments.last.map { $0.start + $0.size } ?? 0 }

    mutating func fixed(_ field: String, _ size: Int) {
        segments.append(Segment(field: field, start: self.size, size: size))
    }

    mutating func byte(_ field: String) { fixed(field, 1) }

    mutating func key(_ field: String) { fixed(field, 32) }

    /// Adds a u32 length and the `count` bytes after it. The decoder names both parts after the field.
    mutating func lengthPrefixed(_ field: String, count: Int) {
        fixed(field, 4)
        fixed(field, count)
    }

    mutating func string(_ field: String, _ value: String) { lengthPrefixed(field, count: value.utf8.count) }

    mutating func optionalString(_ field: String, _ value: String?) {
        byte(field)
        if let value { string(field, value) }
    }

    mutating func optionalKey(_ field: String, _ value: Key32?) {
        byte(field)
        if value != nil { key(field) }
    }

    mutating func strings(_ field: String, _ values: [String]) {
        fixed(field, 4)
        for value in values { string(field, value) }
    }

    mutating func keys(_ field: String, count: Int) {
        fixed(field, 4)
        for _ in 0..<count { key(field) }
    }

    mutating func sealed(_ field: String, _ sealed: Sealed) {
        byte("\(field).recipients")
        for _ in sealed.recipients {
            key("\(field).recipient")
            fixed("\(field).wrappedKey", Sealed.wrappedKeySize)
        }
        fixed("\(field).nonce", Sealed.nonceSize)
        lengthPrefixed("\(field).ciphertext", count: sealed.ciphertext.count)
    }

    /// Returns the offset of the first byte named `field`, which is a fixed field, a presence flag or a length prefix.
    func start(of field: String) -> Int {
        guard let segment = segments.first(where: { $0.field == field }) else {
            preconditionFailure("the layout has no field \(field)")
        }
        return segment.start
    }

    /// Replaces the content of the text `field` (a single string, optional or not, not a list)
    /// with `raw`, and rewrites its length prefix to match.
    func replacingText(_ field: String, in bytes: [UInt8], with raw: [UInt8]) -> [UInt8] {
        guard let index = segments.indices.dropLast().first(where: {
            segments[$0].field == field && segments[$0].size == 4 && segments[$0 + 1].field == field
        }) else {
            preconditionFailure("the layout has no text field \(field)")
        }
        let lengthPrefix = segments[index]
        let content = segments[index + 1]
        var writer = ByteWriter()
        writer.write(bytes: raw)
        return Array(bytes[..<lengthPrefix.start]) + writer.bytes + Array(bytes[(content.start + content.size)...])
    }

    /// Returns the error that decoding only the first `length` bytes must throw, or nil for the whole encoding.
    func truncationError(atLength length: Int) -> DecodeError? {
        guard let segment = segments.first(where: { length < $0.start + $0.size }) else { return nil }
        return .truncated(field: segment.field, needed: segment.size, available: length - segment.start)
    }

    /// Builds the layout of a whole event whose body is `bodySize` bytes long.
    static func event(bodySize: Int) -> Layout {
        var layout = Layout()
        layout.byte("version")
        layout.fixed("kind", 2)
        layout.key("author")
        layout.fixed("sequence", 8)
        layout.key("previous")
        layout.fixed("timestamp", 8)
        layout.lengthPrefixed("body", count: bodySize)
        layout.fixed("signature", Event.signatureSize)
        return layout
    }
}

/// Encodes the body inside decoded content again, so a test can compare it with the bytes it came from.
func encodedBody(of content: EventContent) -> [UInt8] {
    switch content {
    case let .device(body): body.encoded()
    case let .profile(body): body.encoded()
    case let .credential(body): body.encoded()
    case let .keyRotation(body): body.encoded()
    case let .forkProof(body): body.encoded()
    case let .posting(body): body.encoded()
    case let .bid(body): body.encoded()
    case let .withdrawal(body): body.encoded()
    case let .assignment(body): body.encoded()
    case let .accessGrant(body): body.encoded()
    case let .settlement(body): body.encoded()
    case let .report(body): body.encoded()
    case let .addendum(body): body.encoded()
    case let .followUpRecommendation(body): body.encoded()
    case let .followUpStatus(body): body.encoded()
    case let .criticalResult(body): body.encoded()
    case let .acknowledgment(body): body.encoded()
    case let .routingDecision(body): body.encoded()
    case let .measureOutcomes(body): body.encoded()
    case let .feedback(body): body.encoded()
    case let .reply(body): body.encoded()
    case let .peerReview(body): body.encoded()
    case let .aiLabel(body): body.encoded()
    }
}
