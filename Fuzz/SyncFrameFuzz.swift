import HilumCore

/// libFuzzer entry point for the sync frame layer, compiled into one module
/// with FrameDecoder.swift and SyncMessage.swift. Each input is used twice:
///
/// - as one frame's plaintext: `SyncMessage(decoding:)` must throw a
///   DecodeError or return a message whose encoding is the input itself;
/// - as a byte stream: FrameDecoder must return the same frames (or the
///   same size error) whether the stream arrives whole or in pieces of 1 to
///   16 bytes, and each frame is then decoded as above.
///
/// A crash, a hang or a failed precondition is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSyncFrames(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    checkMessage(bytes)

    let whole = frames(bytes, pieces: { _ in bytes.count })
    // Piece sizes come from the input, so libFuzzer can steer the split points.
    let pieces = frames(bytes, pieces: { offset in Int(bytes[offset] & 0x0f) + 1 })
    precondition(whole.frames == pieces.frames, "frames differ when the stream arrives in pieces")
    precondition(whole.tooLarge == pieces.tooLarge, "the size error differs when the stream arrives in pieces")
    for frame in whole.frames { checkMessage(frame) }
    return 0
}

private func checkMessage(_ bytes: [UInt8]) {
    guard let message = try? SyncMessage(decoding: bytes) else { return }
    precondition(message.encoded() == bytes, "re-encoding a decoded \(message.name) message changed its bytes")
}

/// Frames of `stream` with a 64 KiB limit, appended in pieces whose sizes
/// `pieces` returns for each offset, and the length that broke the limit.
private func frames(_ stream: [UInt8], pieces: (Int) -> Int) -> (frames: [[UInt8]], tooLarge: Int?) {
    var decoder = FrameDecoder(maximum: 64 * 1024)
    var frames: [[UInt8]] = []
    var offset = 0
    while offset < stream.count {
        let end = min(stream.count, offset + pieces(offset))
        decoder.append(stream[offset..<end])
        offset = end
        do {
            while let frame = try decoder.next() { frames.append(frame) }
        } catch let error as FrameDecoder.TooLarge {
            return (frames, error.length)
        } catch {
            preconditionFailure("FrameDecoder threw \(error), which is not a size error")
        }
    }
    return (frames, nil)
}
