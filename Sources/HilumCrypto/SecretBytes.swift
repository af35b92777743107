import CSodium

/// Secret material (private keys, seeds, content keys, decrypted text) in a
/// buffer that is zeroed with `sodium_memzero` when released. It never
/// prints its contents. Treat it as immutable after creation.
public final class SecretBytes: @unchecked Sendable, CustomStringConvertible {
    // @unchecked Sendable: the buffer is written only in init and zeroed in deinit.
    private let buffer: UnsafeMutableRawBufferPointer
    private let length: Int

    public var count: Int { length }

    public init(count: Int, fill: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
        _ = Sodium.ready
        length = count
        buffer = .allocate(byteCount: max(count, 1), alignment: 16)
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        // Every stored property is set, so if fill throws, deinit zeroes and frees the buffer.
        try fill(UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count]))
    }

    /// Copies `bytes` in and zeroes the caller's array.
    public convenience init(consuming bytes: inout [UInt8]) {
        let source = bytes
        self.init(count: source.count) { out in source.withUnsafeBytes { out.copyMemory(from: $0) } }
        zeroize(&bytes)
    }

    public static func random(_ count: Int) -> SecretBytes {
        SecretBytes(count: count) { randombytes_buf($0.baseAddress!, count) }
    }

    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(rebasing: buffer[0..<length]))
    }

    /// A copy as an ordinary array, for values that stop being secret
    /// (decrypted text the caller will show), or to pass on. Zero it when done.
    public func copyBytes() -> [UInt8] { withBytes { Array($0) } }

    public var description: String { "SecretBytes(\(length) bytes, redacted)" }

    deinit {
        sodium_memzero(buffer.baseAddress!, buffer.count)
        buffer.deallocate()
    }
}

extension SecretBytes: Equatable {
    public static func == (lhs: SecretBytes, rhs: SecretBytes) -> Bool {
        guard lhs.length == rhs.length else { return false }
        return lhs.withBytes { left in
            rhs.withBytes { right in sodium_memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0 }
        }
    }
}

/// Zeroes an ordinary array that held secret bytes.
public func zeroize(_ bytes: inout [UInt8]) {
    bytes.withUnsafeMutableBytes { buffer in
        if let base = buffer.baseAddress { sodium_memzero(base, buffer.count) }
    }
}

// nonisolated(unsafe): one byte allocated once, only ever passed with length 0, never written.
nonisolated(unsafe) private let emptyInput: UnsafeMutablePointer<UInt8> = {
    let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    pointer.initialize(to: 0)
    return pointer
}()

extension UnsafeRawBufferPointer {
    /// The start as a byte pointer, never nil: libsodium's prototypes take
    /// non-null pointers even for zero-length input.
    var u8: UnsafePointer<UInt8> {
        baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) } ?? UnsafePointer(emptyInput)
    }
}

extension UnsafeMutableRawBufferPointer {
    var u8: UnsafeMutablePointer<UInt8> {
        baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) } ?? emptyInput
    }
}
