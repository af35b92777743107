import Foundation
import HilumCrypto

/// Study-scoped, expiring access tokens that an archive's request filter
/// checks: `hst1.<expiry, Unix seconds>.<base64url HMAC-SHA256>`, the MAC
/// taken over `"hilum-study-token-v1" 0x00 studyUID 0x00 expiry` with the
/// archive's secret. docs/STUDY-TOKENS.md describes the format and the filter.
public enum StudyToken {
    public static let prefix = "hst1"
    static let domain = "hilum-study-token-v1"

    /// Issues a token for `studyUID` that is valid until `expiresAt` (rounded down to the second).
    public static func issue(secret: StudyTokenSecret, studyUID: String, expiresAt: Date) throws(StudyTokenError) -> String {
        try checkUID(studyUID)
        let expiry = Int64(expiresAt.timeIntervalSince1970.rounded(.down))
        guard expiry > 0, expiry < 10_000_000_000 else { throw .expiryOutOfRange }
        let mac = HMACSHA256.authenticate(message(studyUID: studyUID, expiry: String(expiry)), key: secret.bytes)
        return "\(prefix).\(expiry).\(Base64URL.encode(mac))"
    }

    /// Checks that `token` was issued with `secret` for `studyUID` and has not
    /// expired at `now`. Returns the expiry; throws saying which check failed.
    @discardableResult
    public static func verify(_ token: String, secret: StudyTokenSecret, studyUID: String, now: Date = Date()) throws(StudyTokenError) -> Date {
        try checkUID(studyUID)
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == prefix else { throw .malformed }
        let expiryText = String(parts[1])
        guard (1...10).contains(expiryText.count), expiryText.allSatisfy(\.isASCIIDigit), let expiry = Int64(expiryText),
              let given = Base64URL.decode(String(parts[2])), given.count == HMACSHA256.byteCount
        else { throw .malformed }

        let expected = HMACSHA256.authenticate(message(studyUID: studyUID, expiry: expiryText), key: secret.bytes)
        guard ConstantTime.equal(expected, given) else { throw .notValidForStudy }
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(expiry))
        guard now < expiresAt else { throw .expired(at: expiresAt) }
        return expiresAt
    }

    /// Writes a new secret of 32 random bytes to `path` with mode 0600; fails if the file exists.
    public static func createSecret(path: String) throws(StudyTokenError) -> StudyTokenSecret {
        try StudyTokenSecret.create(path: path)
    }

    /// Loads a secret, checking its size and that only its owner can read it.
    public static func loadSecret(path: String) throws(StudyTokenError) -> StudyTokenSecret {
        try StudyTokenSecret.load(path: path)
    }

    static func message(studyUID: String, expiry: String) -> [UInt8] {
        Array(domain.utf8) + [0] + Array(studyUID.utf8) + [0] + Array(expiry.utf8)
    }

    private static func checkUID(_ uid: String) throws(StudyTokenError) {
        do { try DICOMwebClient.checkUID(uid) } catch { throw .invalidUID }
    }
}

/// The archive's token secret: at least 32 random bytes in a file only its owner can read.
public struct StudyTokenSecret: Sendable {
    public static let minimumSize = 32
    public static let maximumSize = 1024
    let bytes: SecretBytes

    public init(bytes: SecretBytes) throws(StudyTokenError) {
        guard bytes.count >= Self.minimumSize else { throw .secretTooShort(path: "(in memory)", size: bytes.count) }
        self.bytes = bytes
    }

    static func create(path: String) throws(StudyTokenError) -> StudyTokenSecret {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .secretFile(path: path, problem: "cannot create it: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let secret = SecretBytes.random(Self.minimumSize)
        let written = secret.withBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == secret.count, fchmod(descriptor, 0o600) == 0, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw .secretFile(path: path, problem: "cannot write it: \(reason)")
        }
        return try StudyTokenSecret(bytes: secret)
    }

    static func load(path: String) throws(StudyTokenError) -> StudyTokenSecret {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = errno == ENOENT ? "not found; create one with StudyToken.createSecret" : String(cString: strerror(errno))
            throw .secretFile(path: path, problem: reason)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .secretFile(path: path, problem: String(cString: strerror(errno))) }
        guard status.st_mode & 0o077 == 0 else {
            throw .secretFile(path: path, problem: "group or others may access it (mode \(String(status.st_mode & 0o777, radix: 8))); run chmod 600 \(path)")
        }
        let size = Int(status.st_size)
        guard size >= minimumSize else { throw .secretTooShort(path: path, size: size) }
        guard size <= maximumSize else { throw .secretFile(path: path, problem: "it is \(size) bytes; a secret file is at most \(maximumSize) bytes") }
        var complete = true
        let secret = SecretBytes(count: size) { buffer in
            var offset = 0
            while offset < size {
                let count = read(descriptor, buffer.baseAddress! + offset, size - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { complete = false; return }
                offset += count
            }
        }
        guard complete else { throw .secretFile(path: path, problem: "reading it failed before its end") }
        return try StudyTokenSecret(bytes: secret)
    }
}

public enum StudyTokenError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed
    case notValidForStudy
    case expired(at: Date)
    case invalidUID
    case expiryOutOfRange
    case secretTooShort(path: String, size: Int)
    case secretFile(path: String, problem: String)

    public var description: String {
        switch self {
        case .malformed:
            "the study token is malformed; expected hst1.<expiry>.<MAC> as issued by Hilum"
        case .notValidForStudy:
            "the study token is not valid for this study: it was issued for another study or with another secret, or it was altered"
        case let .expired(at):
            "the study token expired at \(ISO8601DateFormatter().string(from: at)); ask the imaging client for a new one"
        case .invalidUID:
            "invalid study UID; a DICOM UID is digits and dots, at most 64 characters"
        case .expiryOutOfRange:
            "the expiry must be after 1970 and before the year 2286"
        case let .secretTooShort(path, size):
            "token secret \(path) has \(size) bytes; it needs at least \(StudyTokenSecret.minimumSize) random bytes (create one with StudyToken.createSecret)"
        case let .secretFile(path, problem):
            "token secret \(path): \(problem)"
        }
    }
}
