import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A QIDO-RS client (PS3.18 10.6) for one archive's DICOMweb root, such as
/// `http://127.0.0.1:8042/dicom-web`. A loopback archive is always reached
/// directly, even when `http_proxy` is set. Other archives use the proxy
/// settings of the environment.
public final class DICOMwebClient: Sendable {
    public let baseURL: URL
    private let auth: ArchiveAuth?
    private let session: URLSession

    /// The attributes requested with every study query, as one
    /// comma-separated `includefield`: some servers keep only the last of repeated parameters.
    static let studyFields: [DICOMTag] = [
        .studyDescription, .modalitiesInStudy, .numberOfStudyRelatedSeries, .numberOfStudyRelatedInstances,
        .patientWeight, .requestedProcedureDescription,
    ]
    static let seriesFields: [DICOMTag] = [
        .modality, .seriesDescription, .bodyPartExamined, .contrastBolusAgent, .protocolName, .filterType,
        .numberOfSeriesRelatedInstances,
    ]

    /// `timeout` is in seconds and applies to each request.
    public init(baseURL: URL, auth: ArchiveAuth? = nil, timeout: TimeInterval = 15) {
        self.baseURL = baseURL
        self.auth = auth
        if Self.isLoopback(baseURL.host) { _ = Self.loopbackBypassesProxy }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        // Darwin honours an empty proxy dictionary; FoundationNetworking on Linux
        // ignores it and libcurl reads http_proxy and no_proxy from the environment.
        if Self.isLoopback(baseURL.host) { configuration.connectionProxyDictionary = [:] }
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.urlCredentialStorage = nil
        session = URLSession(configuration: configuration)
    }

    deinit { session.finishTasksAndInvalidate() }

    /// Reads one study: the study-level query, then its series.
    public func study(_ uid: String) throws(DICOMwebError) -> StudyInfo {
        try Self.checkUID(uid)
        let url = makeURL(path: "studies", query: [
            URLQueryItem(name: "StudyInstanceUID", value: uid),
            URLQueryItem(name: "includefield", value: Self.studyFields.map(\.key).joined(separator: ",")),
        ])
        let studies = try datasets(at: url)
        guard let study = studies.first(where: { $0.string(.studyInstanceUID) == uid }) else {
            throw .studyNotFound(url: Self.display(url))
        }
        let series = try series(uid)
        guard let info = StudyInfo(study: study, series: series) else { throw .studyNotFound(url: Self.display(url)) }
        return info
    }

    /// Fetches the series of a study with the attributes that `StudyInfo` reads.
    public func series(_ studyUID: String) throws(DICOMwebError) -> [DICOMDataset] {
        try Self.checkUID(studyUID)
        let url = makeURL(path: "studies/\(studyUID)/series", query: [
            URLQueryItem(name: "includefield", value: Self.seriesFields.map(\.key).joined(separator: ",")),
        ])
        return try datasets(at: url)
    }

    /// GETs `url` and parses the DICOM JSON body. A 204 or an empty body is an empty list.
    func datasets(at url: URL) throws(DICOMwebError) -> [DICOMDataset] {
        let (status, body) = try get(url)
        guard status != 204, !body.isEmpty else { return [] }
        guard (200..<300).contains(status) else { throw .httpStatus(url: Self.display(url), status: status) }
        do {
            return try DICOMDataset.parseList(body).datasets
        } catch {
            throw .invalidResponse(url: Self.display(url), problem: error)
        }
    }

    /// One synchronous GET of DICOM JSON; returns the status and the body, or throws for transport failures.
    func get(_ url: URL) throws(DICOMwebError) -> (status: Int, body: Data) {
        let response = try get(url, accept: "application/dicom+json")
        return (response.status, response.body)
    }

    /// One synchronous GET with `accept` as the Accept header; throws for
    /// transport failures and for any status from 300 up except 304.
    func get(_ url: URL, accept: String) throws(DICOMwebError) -> HTTPResponse {
        var request = URLRequest(url: url)
        request.httpMethod = "GET"
        request.setValue(accept, forHTTPHeaderField: "Accept")
        for (name, value) in auth?.headers ?? [:] { request.setValue(value, forHTTPHeaderField: name) }

        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: request) { data, response, error in
            outcome.set(data: data, response: response, error: error)
            done.signal()
        }.resume()
        done.wait()

        let (data, response, error) = outcome.get()
        if let error {
            let code = (error as? URLError)?.code
            if code == .timedOut { throw .timedOut(url: Self.display(url)) }
            throw .transport(url: Self.display(url), reason: error.localizedDescription)
        }
        guard let http = response as? HTTPURLResponse else {
            throw .transport(url: Self.display(url), reason: "the response is not HTTP")
        }
        if http.statusCode >= 300 && http.statusCode != 304 {
            throw .httpStatus(url: Self.display(url), status: http.statusCode)
        }
        return HTTPResponse(status: http.statusCode, body: data ?? Data(), contentType: http.value(forHTTPHeaderField: "Content-Type"))
    }

    func makeURL(path: String, query: [URLQueryItem]) -> URL {
        var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        components.queryItems = query
        return components.url!
    }

    static func isLoopback(_ host: String?) -> Bool {
        guard let host = host?.lowercased() else { return false }
        return host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }

    /// Adds the loopback addresses to `no_proxy`, once per process, because
    /// libcurl under FoundationNetworking otherwise sends even 127.0.0.1
    /// requests to `http_proxy`, and there is no per-session setting for it.
    /// NOTE: setenv is not safe against a concurrent getenv in another thread;
    /// this runs once, when the first loopback client is created.
    static let loopbackBypassesProxy: Void = {
        let environment = ProcessInfo.processInfo.environment
        let existing = environment["no_proxy"] ?? environment["NO_PROXY"] ?? ""
        let entries = existing.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let missing = ["127.0.0.1", "localhost", "::1"].filter { !entries.contains($0) }
        guard !missing.isEmpty else { return }
        setenv("no_proxy", (entries + missing).joined(separator: ","), 1)
    }()

    /// Formats a URL for messages, without its user name and password.
    static func display(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "(invalid URL)" }
        components.user = nil
        components.password = nil
        return components.string ?? "(invalid URL)"
    }

    /// Checks that `uid` is a DICOM UID (PS3.5 9.1): digits and dots, at most 64
    /// characters. This keeps anything but a UID out of the request path.
    static func checkUID(_ uid: String) throws(DICOMwebError) {
        let valid = !uid.isEmpty && uid.utf8.count <= 64 && uid.allSatisfy { $0 == "." || $0.isASCIIDigit }
            && !uid.hasPrefix(".") && !uid.hasSuffix(".") && !uid.contains("..")
        guard valid else { throw .invalidUID(String(uid.prefix(70))) }
    }
}

/// A successful HTTP response: its status, body and Content-Type header.
struct HTTPResponse {
    var status: Int
    var body: Data
    var contentType: String?
}

/// The result of one data task, handed from URLSession's delegate queue to the waiting caller.
private final class Outcome: @unchecked Sendable {
    // @unchecked Sendable: every access takes `lock`.
    private let lock = NSLock()
    private var data: Data?
    private var response: URLResponse?
    private var error: Error?

    func set(data: Data?, response: URLResponse?, error: Error?) {
        lock.lock()
        defer { lock.unlock() }
        (self.data, self.response, self.error) = (data, response, error)
    }

    func get() -> (Data?, URLResponse?, Error?) {
        lock.lock()
        defer { lock.unlock() }
        return (data, response, error)
    }
}

public enum DICOMwebError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidUID(String)
    case transport(url: String, reason: String)
    case timedOut(url: String)
    case httpStatus(url: String, status: Int)
    case studyNotFound(url: String)
    case invalidResponse(url: String, problem: DICOMJSONError)

    public var description: String {
        switch self {
        case let .invalidUID(uid):
            "invalid study UID \"\(uid)\"; a DICOM UID is digits and dots, at most 64 characters"
        case let .transport(url, reason):
            "request to \(url) failed: \(reason); check the archive URL and that the archive is running"
        case let .timedOut(url):
            "request to \(url) timed out; check the archive URL and that the archive is running"
        case let .httpStatus(url, status):
            "\(url) returned HTTP \(status); " + Self.fix(for: status)
        case let .studyNotFound(url):
            "no such study: \(url) returned no matching study; check the study UID and the archive URL"
        case let .invalidResponse(url, problem):
            "\(url) returned invalid DICOM JSON: \(problem)"
        }
    }

    private static func fix(for status: Int) -> String {
        switch status {
        case 401, 403: "check --auth or the study token (it may be for another study, expired or altered)"
        case 404: "no such study, or the URL is not the archive's DICOMweb root"
        case 500...: "the archive failed; check its log"
        default: "check the archive URL"
        }
    }
}
