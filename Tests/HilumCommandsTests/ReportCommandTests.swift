import Foundation
import XCTest

/// `hilum report sign`, `addendum` and `export` on the demo network: the
/// radiologist signs in one process, the client and clinician read in others.
final class ReportCommandTests: CommandTestCase {
    private var demo: String { directory + "/demo" }
    private var nodePID: pid_t = 0
    private var listenerProcess: Process?

    override func tearDownWithError() throws {
        if nodePID > 0 { kill(nodePID, SIGKILL) }
        if let listenerProcess, listenerProcess.isRunning { kill(listenerProcess.processIdentifier, SIGKILL) }
        try super.tearDownWithError()
    }

    private func run(_ arguments: [String], as folder: String) -> HilumRun {
        HilumBinary.run(arguments + ["--home", demo + "/" + folder],
                        environment: ["HILUM_PASSPHRASE_FILE": demo + "/passphrase"], directory: directory)
    }

    /// Starts the demo and returns a CT head case assigned to the demo radiologist, with its client's folder.
    private func assignedHeadCase() throws -> (caseID: String, client: String) {
        let setup = HilumBinary.run(["demo", "--dir", demo, "--cases", "12", "--port", "17460", "--setup-only"], directory: directory)
        XCTAssertEqual(setup.status, 0, setup.stderr)
        let marker = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: demo + "/demo.json"))) as? [String: Any]
        nodePID = (marker?["node_pid"] as? NSNumber)?.int32Value ?? 0
        for client in ["client-northside", "client-hudson", "client-klinikum"] {
            let cases = run(["client", "cases", "--json"], as: client)
            XCTAssertEqual(cases.status, 0, cases.stderr)
            let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(cases.stdout.utf8)) as? [[String: Any]])
            if let row = rows.first(where: {
                $0["assignee"] as? String == "Dr Demo Radiologist" && $0["status"] as? String == "assigned"
                    && $0["modality"] as? String == "CT" && $0["region"] as? String == "HEAD"
            }) {
                return (try XCTUnwrap(row["case"] as? String), client)
            }
        }
        throw XCTSkip("the demo assigned no CT head case to the demo radiologist")
    }

    private func writeFill(_ values: [String: Any]) throws -> String {
        let path = directory + "/fill-\(UUID().uuidString).json"
        try JSONSerialization.data(withJSONObject: values).write(to: URL(fileURLWithPath: path))
        return path
    }

    func testSignBlocksThenClientExportsEveryFormat() throws {
        let (caseID, client) = try assignedHeadCase()
        var fill: [String: Any] = [
            "ct_head_indication": "Fall.",
            "ct_head_hemorrhage": "subdural",
            "ct_head_hemorrhage_thickness": 4,
            "ct_head_hemorrhage_details": "Thin acute subdural hematoma along the left convexity.",
            "ct_head_impression": "Acute right subdural hematoma, 4 mm, without mass effect.",
        ]

        let conflict = run(["report", "sign", caseID, "--fill", try writeFill(fill)], as: "radiologist")
        XCTAssertEqual(conflict.status, 1, conflict.stdout)
        XCTAssertTrue(conflict.stderr.contains("blocked by laterality: the impression says right"), conflict.stderr)
        XCTAssertTrue(conflict.stderr.contains("warning critical-finding"), conflict.stderr)
        XCTAssertTrue(conflict.stderr.contains("the report was not signed"), conflict.stderr)

        fill["ct_head_impression"] = "Acute left subdural hematoma, 4 mm, without mass effect."
        let unflagged = run(["report", "sign", caseID, "--fill", try writeFill(fill)], as: "radiologist")
        XCTAssertEqual(unflagged.status, 1)
        XCTAssertFalse(unflagged.stderr.contains("laterality"), unflagged.stderr)
        XCTAssertTrue(unflagged.stderr.contains("--override critical-finding:REASON"), unflagged.stderr)

        let signed = run(["report", "sign", caseID, "--fill", try writeFill(fill), "--critical", "orange",
                          "--critical-message", "Acute subdural hematoma: please review today."], as: "radiologist")
        XCTAssertEqual(signed.status, 0, signed.stderr)
        XCTAssertTrue(signed.stdout.contains("signed report"), signed.stdout)
        XCTAssertTrue(signed.stdout.contains("flagged critical result"), signed.stdout)

        let again = run(["report", "sign", caseID, "--fill", try writeFill(fill)], as: "radiologist")
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("is reported, so it takes no new report"), again.stderr)

        let text = run(["report", "export", caseID, "--format", "text"], as: client)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("Thin acute subdural hematoma along the left convexity."), text.stdout)
        XCTAssertTrue(text.stdout.contains("Signed by Dr Demo Radiologist"), text.stdout)
        XCTAssertTrue(text.stdout.contains("CRITICAL RESULT (orange)"), text.stdout)

        try checkFHIR(caseID, client: client, status: "final")
        try checkHL7(caseID, client: client)

        let inbox = run(["clinician", "inbox", "--json"], as: "clinician-raman")
        let other = run(["clinician", "inbox", "--json"], as: "clinician-ortega")
        XCTAssertTrue((inbox.stdout + other.stdout).contains("Acute left subdural hematoma"), "the clinician reads the text, not JSON")

        let addendum = run(["report", "addendum", caseID, "--text", "Neurosurgery informed by phone."], as: "radiologist")
        XCTAssertEqual(addendum.status, 0, addendum.stderr)
        try checkFHIR(caseID, client: client, status: "amended")
        let amended = run(["report", "export", caseID, "--format", "text"], as: client)
        XCTAssertTrue(amended.stdout.contains("ADDENDUM by Dr Demo Radiologist"), amended.stdout)
        XCTAssertTrue(amended.stdout.contains("Neurosurgery informed by phone."), amended.stdout)
    }

    func testSignPublishesMeasureOutcomes() throws {
        let (caseID, _) = try assignedHeadCase()
        let fill = try writeFill([
            "ct_head_technique": "Non-contrast CT of the head with automated exposure control and iterative reconstruction.",
            "ct_head_impression": "No acute intracranial abnormality.",
        ])
        let signed = run(["report", "sign", caseID, "--fill", fill], as: "radiologist")
        XCTAssertEqual(signed.status, 0, signed.stderr)
        XCTAssertTrue(signed.stdout.contains("MIPS-436: numerator"), "a CT report documenting a dose-lowering technique: \(signed.stdout)")
        XCTAssertFalse(signed.stdout.contains("MIPS-364"), "no pulmonary nodule in a head CT")

        XCTAssertEqual(run(["sync"], as: "radiologist-chen").status, 0)
        let log = run(["ledger", "log", "--kind", "measure-outcomes"], as: "radiologist-chen")
        XCTAssertTrue(log.stdout.contains("outcomes=MIPS-436=numerator"), "the outcome is public: \(log.stdout) \(log.stderr)")
    }

    func testExportRejectsReaderWithoutAccess() throws {
        let (caseID, client) = try assignedHeadCase()
        let fill = try writeFill(["ct_head_impression": "No acute intracranial abnormality."])
        let signed = run(["report", "sign", caseID, "--fill", fill], as: "radiologist")
        XCTAssertEqual(signed.status, 0, signed.stderr)
        let otherClient = client == "client-northside" ? "client-hudson" : "client-northside"
        let export = run(["report", "export", caseID, "--format", "text"], as: otherClient)
        XCTAssertEqual(export.status, 1)
        XCTAssertTrue(export.stderr.contains("is not sealed to you"), export.stderr)
        let credentialer = run(["report", "export", caseID, "--format", "text"], as: "board-ca")
        XCTAssertEqual(credentialer.status, 1)
        XCTAssertTrue(credentialer.stderr.contains("needs a client or clinician or radiologist identity"), credentialer.stderr)
    }

    private func checkFHIR(_ caseID: String, client: String, status: String) throws {
        try requirePython(["fhir.resources"])
        let path = directory + "/report.json"
        let export = run(["report", "export", caseID, "--format", "fhir", "--out", path], as: client)
        XCTAssertEqual(export.status, 0, export.stderr)
        let result = try python("""
            import sys
            from fhir.resources.R4B.diagnosticreport import DiagnosticReport
            report = DiagnosticReport.model_validate_json(open(sys.argv[1], "rb").read())
            print(report.status, report.subject.display if report.subject else "-", report.performer[0].display, sep="|")
            print(report.conclusion)
            """, arguments: [path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let head = lines.first?.split(separator: "|").map(String.init) ?? []
        XCTAssertEqual(head.first, status)
        XCTAssertNotEqual(head.dropFirst().first, "-", "the client knows its patient")
        XCTAssertEqual(head.last, "Dr Demo Radiologist")
        XCTAssertTrue(lines.dropFirst().first?.contains("subdural hematoma") ?? false, result.stdout)
    }

    private func checkHL7(_ caseID: String, client: String) throws {
        try requirePython(["hl7"])
        let path = directory + "/report.hl7"
        let export = run(["report", "export", caseID, "--format", "hl7v2", "--out", path], as: client)
        XCTAssertEqual(export.status, 0, export.stderr)
        let parse = try python("""
            import sys, hl7
            message = hl7.parse(open(sys.argv[1], "rb").read().decode("utf-8"))
            print(message.segment("MSH")[9], len(message.segments("OBX")), message.segment("OBR")[25], sep="|")
            """, arguments: [path])
        XCTAssertEqual(parse.status, 0, parse.stderr)
        let fields = parse.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|").map(String.init)
        XCTAssertEqual(fields.first, "ORU^R01^ORU_R01")
        XCTAssertGreaterThan(Int(fields.dropFirst().first ?? "") ?? 0, 3)
        XCTAssertEqual(fields.last, "F")

        // Delivery over MLLP to a listener that accepts, then to one that replies AE.
        let received = directory + "/received.hl7"
        let accepting = try startListener(code: "AA", saveTo: received)
        let sent = run(["report", "export", caseID, "--mllp", "127.0.0.1:\(accepting)"], as: client)
        XCTAssertEqual(sent.status, 0, sent.stderr)
        XCTAssertTrue(sent.stderr.contains("AA"), sent.stderr)
        listenerProcess?.waitUntilExit()
        XCTAssertEqual(listenerProcess?.terminationStatus, 0, "the listener parsed the message it received")
        XCTAssertEqual(try String(contentsOfFile: received, encoding: .utf8), try String(contentsOfFile: path, encoding: .utf8),
                       "the bytes received between the MLLP frame marks are the exported message")

        let rejecting = try startListener(code: "AE", saveTo: directory + "/rejected.hl7")
        let refused = run(["report", "export", caseID, "--mllp", "127.0.0.1:\(rejecting)"], as: client)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("rejected the HL7 message with AE: Unknown patient"), refused.stderr)
        listenerProcess?.waitUntilExit()
    }

    /// Starts a one-shot MLLP listener on 127.0.0.1 that parses what it receives with python-hl7 and replies `code`.
    private func startListener(code: String, saveTo path: String) throws -> Int {
        let script = """
            import socket, sys, hl7
            server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            server.bind(("127.0.0.1", 0))
            server.listen(1)
            print(server.getsockname()[1], flush=True)
            server.settimeout(60)
            connection, _ = server.accept()
            data = b""
            while not data.endswith(b"\\x1c\\r"):
                chunk = connection.recv(4096)
                if not chunk:
                    sys.exit("connection closed before the end of the frame")
                data += chunk
            assert data.startswith(b"\\x0b"), "missing MLLP start block"
            text = data[1:-2].decode("utf-8")
            open(sys.argv[2], "w", newline="").write(text)
            message = hl7.parse(text)
            control = str(message.segment("MSH")[10])
            reason = "" if sys.argv[1] == "AA" else "|Unknown patient"
            ack = "MSH|^~\\\\&|RIS|HOSP|HILUM|HILUM|20261204000000||ACK^R01|1|P|2.5\\rMSA|" + sys.argv[1] + "|" + control + reason + "\\r"
            connection.sendall(b"\\x0b" + ack.encode("utf-8") + b"\\x1c\\r")
            connection.close()
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, code, path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        listenerProcess = process
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line += chunk
        }
        return try XCTUnwrap(Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
                             "the listener printed no port")
    }

    private func requirePython(_ modules: [String]) throws {
        let probe = try python("import " + modules.joined(separator: ", "), arguments: [])
        guard probe.status != 0 else { return }
        let message = "python3 cannot import \(modules.joined(separator: ", ")); install them as .ci/run does"
        if ProcessInfo.processInfo.environment["HILUM_REQUIRE_INTEGRATION"] != nil { XCTFail(message) }
        throw XCTSkip(message)
    }

    private struct PythonRun {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    private func python(_ script: String, arguments: [String]) throws -> PythonRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return PythonRun(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                         stderr: String(decoding: errors, as: UTF8.self))
    }
}
