import Foundation
import XCTest

/// Runs an independent Python parser on an export. The packages (PyPI
/// `hl7`, `fhir.resources`) are installed by .ci/run; without them the test
/// is skipped, unless HILUM_REQUIRE_INTEGRATION is set, when it fails.
enum PythonChecker {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func requireModules(_ modules: [String]) throws {
        let probe = try run("import " + modules.joined(separator: ", "), input: "")
        guard probe.status != 0 else { return }
        let message = "python3 cannot import \(modules.joined(separator: ", ")) (\(probe.stderr.suffix(200))); "
            + "install them with 'python3 -m pip install hl7 fhir.resources' as .ci/run does"
        if ProcessInfo.processInfo.environment["HILUM_REQUIRE_INTEGRATION"] != nil {
            XCTFail(message)
            throw XCTSkip("required Python modules are missing")
        }
        throw XCTSkip(message)
    }

    /// Runs `script` with `input` on standard input.
    static func run(_ script: String, input: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                      stderr: String(decoding: errors, as: UTF8.self))
    }
}
