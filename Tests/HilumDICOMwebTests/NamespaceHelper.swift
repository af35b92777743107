import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import HilumDICOMweb
import XCTest

/// The steps that the integration test runs through the helper inside Orthanc's network namespace.
struct HelperPlan: Codable {
    struct Step: Codable {
        /// "study": `DICOMwebClient.study(uid)`; "get": GET `path` and record the status.
        var kind: String
        var name: String
        var uid: String? = nil
        var path: String? = nil
        var token: String? = nil
        /// For "get": send the token only in this header ("Authorization" or "X-Hilum-Token").
        var header: String? = nil
    }

    var base: String
    var steps: [Step]
}

/// The outcome of one step, written back for the integration test to check.
struct HelperResult: Codable, Equatable {
    var name: String
    var status: Int? = nil
    var error: String? = nil
    var modalities: [String]? = nil
    var region: String? = nil
    var bodyParts: [String]? = nil
    var seriesCount: Int? = nil
    var instanceCount: Int? = nil
    var contrast: Bool? = nil
    var procedureName: String? = nil
}

/// Runs a `HelperPlan`. The integration test starts this test runner again
/// under `nsenter` with HILUM_DICOMWEB_HELPER_PLAN set, so that the real
/// `DICOMwebClient` runs inside the private network namespace of the
/// Orthanc it talks to. The test process itself cannot reach that namespace.
final class NamespaceHelper: XCTestCase {
    static let planVariable = "HILUM_DICOMWEB_HELPER_PLAN"

    func testHelperRunsPlan() throws {
        guard let planPath = ProcessInfo.processInfo.environment[Self.planVariable] else {
            throw XCTSkip("runs only as the Orthanc integration test's helper inside its network namespace")
        }
        let plan = try JSONDecoder().decode(HelperPlan.self, from: Data(contentsOf: URL(fileURLWithPath: planPath)))
        let base = try XCTUnwrap(URL(string: plan.base))
        let results = plan.steps.map { run($0, base: base) }
        try JSONEncoder().encode(results).write(to: URL(fileURLWithPath: planPath + ".results"))
    }

    private func run(_ step: HelperPlan.Step, base: URL) -> HelperResult {
        var result = HelperResult(name: step.name)
        let client = DICOMwebClient(baseURL: base, auth: step.token.map { .studyToken($0) }, timeout: 5)
        do {
            switch step.kind {
            case "study":
                let info = try client.study(step.uid ?? "")
                result.status = 200
                result.modalities = info.orderedModalities
                result.region = info.region.rawValue
                result.bodyParts = info.bodyParts.sorted()
                result.seriesCount = info.seriesCount
                result.instanceCount = info.instanceCount
                result.contrast = info.contrast
                result.procedureName = info.procedureName
            default:
                result.status = try get(base: base, path: step.path ?? "", token: step.token, header: step.header)
            }
        } catch let error as DICOMwebError {
            result.error = error.description
            if case let .httpStatus(_, status) = error { result.status = status }
        } catch {
            result.error = "\(error)"
        }
        return result
    }

    private func get(base: URL, path: String, token: String?, header: String?) throws -> Int {
        var auth: ArchiveAuth? = token.map { .studyToken($0) }
        if header == "Authorization", let token { auth = .bearer(token) }
        let url = URL(string: base.absoluteString + path)!
        if header == "X-Hilum-Token", let token { return try rawStatus(url, headers: ["X-Hilum-Token": token]) }
        return try DICOMwebClient(baseURL: base, auth: auth, timeout: 5).get(url).status
    }

    private func rawStatus(_ url: URL, headers: [String: String]) throws -> Int {
        var request = URLRequest(url: url)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        return try send(request)
    }

    private func send(_ request: URLRequest) throws -> Int {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.connectionProxyDictionary = [:]
        configuration.timeoutIntervalForRequest = 5
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let box = StatusBox()
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: request) { _, response, error in
            box.set((response as? HTTPURLResponse)?.statusCode, error.map { "\($0)" })
            done.signal()
        }.resume()
        done.wait()
        let (status, error) = box.get()
        guard let status else { throw HelperError(message: error ?? "no response") }
        return status
    }
}

private struct HelperError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

private final class StatusBox: @unchecked Sendable {
    // @unchecked Sendable: every access takes `lock`.
    private let lock = NSLock()
    private var value: (Int?, String?) = (nil, nil)

    func set(_ status: Int?, _ error: String?) {
        lock.lock()
        value = (status, error)
        lock.unlock()
    }

    func get() -> (Int?, String?) {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
