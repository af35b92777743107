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

    /// Returns a file under the shared data directory (the RSNA templates,
    /// whose licence forbids committing copies). Where that directory is
    /// absent the test is skipped, even with HILUM_REQUIRE_INTEGRATION: no
    /// package install can provide the files.
    static func shared(_ path: String) throws -> URL {
        let root = ProcessInfo.processInfo.environment["HILUM_SHARED_DATA"] ?? "/work/shared/data"
        let url = URL(fileURLWithPath: root).appendingPathComponent(path)
        if FileManager.default.fileExists(atPath: url.path) { return url }
        throw XCTSkip("\(url.path) is missing (RSNA templates may not be redistributed); set HILUM_SHARED_DATA to a copy of the shared data")
    }

    static func sharedText(_ path: String) throws -> String {
        try String(contentsOf: shared(path), encoding: .utf8)
    }
}
