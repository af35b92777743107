import Foundation

/// Credentials for requests to the archive. The secrets are read from files
/// named on the command line and never printed: `description` and `dump`
/// show only the kind and the user name.
public enum ArchiveAuth: Sendable, CustomStringConvertible, CustomReflectable {
    case basic(user: String, password: String)
    case bearer(String)
    /// A study token from `StudyToken.issue`, sent both as
    /// `Authorization: Bearer` and as `X-Hilum-Token`.
    case studyToken(String)

    /// Parses `basic:USER:PASSFILE` or `bearer:TOKENFILE` and reads the
    /// secret file, without its trailing line break.
    public static func parse(_ form: String) throws(ArchiveAuthError) -> ArchiveAuth {
        if form.hasPrefix("basic:") {
            let rest = form.dropFirst("basic:".count)
            guard let colon = rest.firstIndex(of: ":"), colon != rest.startIndex else { throw .invalidForm(form: redactedForm(form)) }
            let user = String(rest[..<colon])
            let path = String(rest[rest.index(after: colon)...])
            guard !path.isEmpty else { throw .invalidForm(form: redactedForm(form)) }
            return .basic(user: user, password: try readSecret(path))
        }
        if form.hasPrefix("bearer:") {
            let path = String(form.dropFirst("bearer:".count))
            guard !path.isEmpty else { throw .invalidForm(form: redactedForm(form)) }
            return .bearer(try readSecret(path))
        }
        throw .invalidForm(form: redactedForm(form))
    }

    /// The HTTP headers that carry the credential.
    public var headers: [String: String] {
        switch self {
        case let .basic(user, password):
            ["Authorization": "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()]
        case let .bearer(token):
            ["Authorization": "Bearer \(token)"]
        case let .studyToken(token):
            ["Authorization": "Bearer \(token)", "X-Hilum-Token": token]
        }
    }

    public var description: String {
        switch self {
        case let .basic(user, _): "basic auth as \(user) (password redacted)"
        case .bearer: "bearer token (redacted)"
        case .studyToken: "study token (redacted)"
        }
    }

    public var customMirror: Mirror { Mirror(self, children: ["auth": description]) }

    /// Reads a secret file; a trailing "\n" or "\r\n" is not part of the secret.
    static func readSecret(_ path: String) throws(ArchiveAuthError) -> String {
        guard FileManager.default.fileExists(atPath: path) else { throw .secretFileMissing(path: path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .secretFileUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard var text = String(data: data, encoding: .utf8) else { throw .secretFileNotText(path: path) }
        // "\r\n" is one Character in Swift, so one removeLast drops either line break.
        if text.last?.isNewline == true { text.removeLast() }
        guard !text.isEmpty else { throw .secretFileEmpty(path: path) }
        guard !text.contains(where: { $0.isNewline }) else { throw .secretFileNotText(path: path) }
        return text
    }

    /// The form with its file path kept and nothing else that could be a secret:
    /// a user who typed the password itself instead of a file name must not see it echoed.
    private static func redactedForm(_ form: String) -> String {
        let kind = form.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        return ["basic", "bearer"].contains(kind) ? "\(kind):…" : "…"
    }
}

public enum ArchiveAuthError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidForm(form: String)
    case secretFileMissing(path: String)
    case secretFileUnreadable(path: String, reason: String)
    case secretFileEmpty(path: String)
    case secretFileNotText(path: String)

    public var description: String {
        switch self {
        case let .invalidForm(form):
            "invalid --auth value \(form); use basic:USER:PASSFILE or bearer:TOKENFILE, where the file holds the password or token"
        case let .secretFileMissing(path):
            "secret file \(path) not found; create it with the password or token on one line"
        case let .secretFileUnreadable(path, reason):
            "cannot read secret file \(path): \(reason); check its permissions"
        case let .secretFileEmpty(path):
            "secret file \(path) is empty; write the password or token into it"
        case let .secretFileNotText(path):
            "secret file \(path) is not one line of UTF-8 text; write only the password or token into it"
        }
    }
}
