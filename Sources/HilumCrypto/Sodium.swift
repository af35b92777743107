import CSodium

/// libsodium must be initialised once before any other call; every entry
/// point in this module goes through `Sodium.ready`.
enum Sodium {
    static let ready: Bool = {
        // sodium_init returns 0 on success and 1 if already initialised; -1 means
        // the library is unusable, which is a broken installation, not bad input.
        let result = sodium_init()
        precondition(result >= 0, "libsodium failed to initialise (sodium_init returned \(result))")
        return true
    }()

    static func randomBytes(_ count: Int) -> [UInt8] {
        _ = ready
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { randombytes_buf($0.u8, count) }
        return bytes
    }
}

public enum Random {
    public static func bytes(_ count: Int) -> [UInt8] { Sodium.randomBytes(count) }
}
