import Foundation
import XCTest

/// Locates test inputs: fixtures committed under Fixtures/ (loaded through
/// Bundle.module) and shared samples that may not be redistributed, read in
/// place from /work/shared/data.
enum TestData {
    static func fixture(_ path: String) throws -> URL {
        let url = try XCTUnwrap(Bundle.module.resourceURL).appendingPathComponent("Fixtures/\(path)")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("fixture Fixtures/\(path) is missing from the test bundle")
        }
        return url
    }

    static func fixtureText(_ path: String) throws -> String {
        try String(contentsOf: fixture(path), encoding: .utf8)
    }

    /// Returns a file under the shared data directory. When it is missing the test is
    /// skipped, unless HILUM_REQUIRE_INTEGRATION is set, which makes the
    /// absence a failure.
    static func shared(_ path: String) throws -> URL {
        let root = ProcessInfo.processInfo.environment["HILUM_SHARED_DATA"] ?? "/work/shared/data"
        let url = URL(fileURLWithPath: root).appendingPathComponent(path)
        if FileManager.default.fileExists(atPath: url.path) { return url }
        let message = "\(url.path) is missing; set HILUM_SHARED_DATA to the shared data directory"
        if ProcessInfo.processInfo.environment["HILUM_REQUIRE_INTEGRATION"] != nil {
            XCTFail(message)
            throw CocoaError(.fileNoSuchFile)
        }
        throw XCTSkip(message)
    }

    static func sharedText(_ path: String) throws -> String {
        try String(contentsOf: shared(path), encoding: .utf8)
    }
}
