import HilumCore

/// libFuzzer entry point: every input must either decode to an event whose
/// re-encoding is byte-identical, or throw a DecodeError. A crash, a hang or
/// a mismatch is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEventDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let event = try? Event(decoding: bytes) else { return 0 }
    let again = Event.unsignedBytes(kind: event.kind, author: event.author, sequence: event.sequence,
                                    previous: event.previous, timestamp: event.timestamp, body: event.body) + event.signature
    precondition(again == bytes, "re-encoding a decoded event changed its bytes")
    if case .device = event.content {
        // Re-encoding the decoded body must give the same body bytes too.
        precondition(EventContentBytes.encode(event.content) == event.body, "body re-encoding differs")
    }
    return 0
}

enum EventContentBytes {
    static func encode(_ content: EventContent) -> [UInt8] {
        switch content {
        case let .device(body): body.encoded()
        default: []
        }
    }
}
