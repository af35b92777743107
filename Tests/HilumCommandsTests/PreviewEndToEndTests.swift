import Foundation
import HilumCore
import HilumCrypto
import HilumDICOMweb
import HilumLedger
import OrthancSandbox
import XCTest

/// The worklist's key-image preview in tmux against real Orthanc, which runs
/// the study-token filter and no GDCM plugin. The archive contains a head
/// CT of two images, one uncompressed (693_UNCI) and one JPEG 2000
/// (693_J2KR), and a chest radiograph (RG1_UNCR) whose grant carries the
/// head CT's token.
///
/// Orthanc, the node and the worklist run in one private network
/// namespace: the tmux server runs outside it and starts the worklist
/// under nsenter, so the pane is an ordinary terminal.
final class PreviewEndToEndTests: CommandTestCase {
    private static let node = "127.0.0.1:7420"
    private static let passphrase = "correct horse battery"
    private static let samples = ["693_UNCI.dcm", "693_J2KR.dcm", "RG1_UNCR.dcm"]
    /// Symbols libchafa draws in the text-only mode, as the worklist requests them.
    private static let imageSymbols = Set("▀▄█▌▐░▒▓▖▗▘▝▚▞▙▛▜▟━┃┏┓┗┛")

    private var sandbox: OrthancSandbox!
    private var started: [pid_t] = []
    private var orthanc: pid_t = 0
    private var pane: TmuxPane?

    override func tearDownWithError() throws {
        pane?.stop()
        for pid in started.reversed() { Spawn.stop(pid, grace: 3) }
        try super.tearDownWithError()
    }

    func testCaseScreenShowsKeyImage() throws {
        sandbox = try OrthancSandbox(directory: directory + "/orthanc")
        let samples: [OrthancSandbox.Sample]
        do throws(OrthancUnavailable) {
            try sandbox.checkPrerequisites()
            samples = try sandbox.locateSamples(Self.samples)
        } catch {
            if ProcessInfo.processInfo.environment["HILUM_REQUIRE_INTEGRATION"] != nil { XCTFail(error.description) }
            throw XCTSkip(error.description)
        }
        try TmuxPane.requireTmux()
        let head = samples[0], chest = samples[2]

        // The archive, the node, the licence, and both studies posted and assigned.
        for (role, name) in [("node", "Test Node"), ("credentialer", "Medical Board of California"), ("client", "Northside Imaging"),
                             ("radiologist", "Dr Ada Osei")] {
            let created = run(["init", "--role", role, "--name", name, "--recovery-out", directory + "/\(role).recovery"], as: role)
            XCTAssertEqual(created.status, 0, "init \(role): \(created.stderr)")
        }
        let secretPath = directory + "/token.secret"
        let secret = try StudyToken.createSecret(path: secretPath)
        try startArchive(with: samples, secretPath: secretPath)
        try startNode()
        XCTAssertEqual(run(["sync"], as: "radiologist", inNamespace: true).status, 0)
        let licensed = run(["credential", "grant", "Dr Ada Osei", "--jurisdiction", "US-CA", "--expires", "2099-12-31"],
                           as: "credentialer", inNamespace: true)
        XCTAssertEqual(licensed.status, 0, licensed.stderr)
        var cases: [String] = []
        for sample in [head, chest] {
            let posted = run(["client", "post", "--dicomweb", OrthancSandbox.dicomwebURL, "--study", sample.studyUID, "--priority", "urgent",
                              "--deadline", "4h", "--price", "60", "--jurisdiction", "US-CA", "--token-secret", secretPath],
                             as: "client", inNamespace: true)
            XCTAssertEqual(posted.status, 0, "post \(sample.file): \(posted.stderr)")
            let caseID = try XCTUnwrap(posted.stdout.firstMatch(of: /posted case ([0-9a-f]{64}):/)?.1, posted.stdout)
            cases.append(String(caseID))
            let assigned = run(["client", "assign", String(caseID), "--to", "Dr Ada Osei", "--token-secret", secretPath],
                               as: "client", inNamespace: true)
            XCTAssertEqual(assigned.status, 0, "assign \(sample.file): \(assigned.stderr)")
        }
        // The chest case's newest grant carries the head CT's token, as a client that mixed up two studies would send.
        let headToken = try StudyToken.issue(secret: secret, studyUID: head.studyUID, expiresAt: Date().addingTimeInterval(3600))
        try publishGrant(on: cases[1], studyUID: chest.studyUID, token: headToken)
        XCTAssertEqual(run(["sync"], as: "client", inNamespace: true).status, 0)
        XCTAssertEqual(run(["sync"], as: "radiologist", inNamespace: true).status, 0)

        // The worklist in tmux, inside the namespace, drawing previews as text symbols.
        let passphraseFile = directory + "/passphrase"
        try Self.passphrase.write(toFile: passphraseFile, atomically: true, encoding: .utf8)
        continueAfterFailure = false
        let command = (sandbox.inNamespace(of: orthanc) + ["/usr/bin/env", "LANG=C.UTF-8", "TERM=tmux-256color", "HILUM_PREVIEW=text",
                       "SWIFT_BACKTRACE=enable=no", "HILUM_PASSPHRASE_FILE=\(passphraseFile)", HilumBinary.path, "worklist",
                       "--home", directory + "/radiologist"]).joined(separator: " ") + "; echo EXIT=$?"
        let pane = try TmuxPane(directory: directory, command: command, width: 160, height: 48)
        self.pane = pane
        pane.waitFor("1 Market")
        pane.sendKeys("2")
        pane.waitFor("CT HEAD")
        pane.sendKeys("/")
        pane.type("CT HEAD")
        pane.sendKeys("Enter")
        pane.sendKeys("Enter")

        // The key image is the middle of the head CT's two images, drawn in symbols beside the history.
        var screen = pane.waitUntil("the key image drawn") { $0.contains("image 2/2") && !$0.contains("Loading") }
        XCTAssertTrue(screen.contains("Series 1/1  CT"), screen)
        XCTAssertTrue(screen.contains("Patient history"), "the history stays beside the preview:\n\(screen)")
        XCTAssertGreaterThan(symbolCount(in: screen), 200, "the preview draws the slice:\n\(screen)")

        // A smaller window draws the fetched image again to fit: 120 columns give a
        // 48-column preview from column 72, and the slice fewer rows.
        let rows = imageRows(in: screen)
        pane.resize(width: 120, height: 40)
        screen = pane.waitUntil("the key image drawn smaller") { screen in
            let caption = screen.split(separator: "\n").first { $0.contains("│ Series 1/1") }
            return caption.map { $0.prefix { $0 != "│" }.count == 72 } == true && (5..<rows).contains(imageRows(in: screen))
        }
        XCTAssertTrue(screen.contains("image 2/2  archive window"), screen)
        pane.resize(width: 160, height: 48)
        pane.waitUntil("the key image drawn at full size again") { imageRows(in: $0) == rows }

        // W cycles the CT windows; the image is fetched again with each.
        pane.sendKeys("W")
        pane.waitFor("lung C-600 W1500")
        pane.sendKeys("W")
        pane.waitFor("mediastinum C40 W400")
        screen = pane.waitUntil("the mediastinum window drawn") { $0.contains("image 2/2  mediastinum") && !$0.contains("Loading") }
        XCTAssertGreaterThan(symbolCount(in: screen), 200, "the preview draws the slice again:\n\(screen)")

        // The first image is JPEG 2000, which this Orthanc cannot decode without GDCM.
        pane.sendKeys(",")
        screen = pane.waitFor("JPEG 2000 lossless")
        XCTAssertTrue(screen.contains("image 1/2"), screen)
        XCTAssertTrue(screen.contains("The archive cannot decode this image"), screen)
        XCTAssertLessThan(symbolCount(in: screen), 20, "no image is drawn:\n\(screen)")

        // The chest case's token is for another study: access refused, no image.
        // Esc leaves the case, a second Esc clears the filter.
        pane.sendKeys("Escape")
        pane.waitFor("/CT HEAD")
        pane.sendKeys("Escape")
        pane.waitFor("CR CHEST")
        pane.sendKeys("/")
        pane.type("CR CHEST")
        pane.sendKeys("Enter")
        pane.sendKeys("Enter")
        screen = pane.waitFor("Access refused by the archive (HTTP 403)")
        XCTAssertLessThan(symbolCount(in: screen), 20, "no image is drawn:\n\(screen)")

        pane.sendKeys("q")
        pane.waitFor("EXIT=0")
        pane.stop()

        // Without HILUM_PREVIEW, tmux gets symbols in the 256-colour palette: greys from xterm's 232 to 255 and cube.
        let colourCommand = command.replacingOccurrences(of: "HILUM_PREVIEW=text ", with: "")
        // A tmux server of its own: the first one's socket may still be closing.
        try FileManager.default.createDirectory(atPath: directory + "/colour", withIntermediateDirectories: true)
        let colourPane = try TmuxPane(directory: directory + "/colour", command: colourCommand, width: 160, height: 48)
        self.pane = colourPane
        colourPane.waitFor("1 Market")
        colourPane.sendKeys("2")
        colourPane.waitFor("CT HEAD")
        colourPane.sendKeys("/")
        colourPane.type("CT HEAD")
        colourPane.sendKeys("Enter")
        colourPane.sendKeys("Enter")
        colourPane.waitUntil("the key image drawn in colour") { $0.contains("image 2/2") && !$0.contains("Loading") }
        let escaped = colourPane.capture(escapes: true)
        let paletteColours = Set(escaped.matches(of: /\e\[[0-9;]*?38;5;([0-9]+)/).compactMap { Int($0.1) })
        XCTAssertGreaterThan(paletteColours.filter { $0 >= 16 }.count, 3, "the preview uses several palette colours:\n\(escaped.prefix(3000))")
        colourPane.sendKeys("q")
        colourPane.waitFor("EXIT=0")
    }

    private func imageRows(in screen: String) -> Int {
        screen.split(separator: "\n").count { $0.contains { Self.imageSymbols.contains($0) } }
    }

    private func symbolCount(in screen: String) -> Int {
        screen.count { Self.imageSymbols.contains($0) }
    }

    // MARK: - Processes

    private func run(_ arguments: [String], as role: String, inNamespace: Bool = false) -> HilumRun {
        let peer = inNamespace ? ["--peer", Self.node] : []
        return HilumBinary.run(arguments + peer + ["--home", directory + "/" + role], environment: ["HILUM_PASSPHRASE": Self.passphrase],
                               launcher: inNamespace ? sandbox.inNamespace(of: orthanc) : [], directory: directory)
    }

    private func startArchive(with samples: [OrthancSandbox.Sample], secretPath: String) throws {
        let uploader = try sandbox.start(name: "upload", filterSecret: nil)
        let statuses: [Int]
        do {
            defer { Spawn.kill(uploader) }
            statuses = try sandbox.upload(samples.map(\.file), into: uploader)
        }
        XCTAssertEqual(statuses, samples.map { _ in 200 }, sandbox.log("upload"))
        orthanc = try sandbox.start(name: "filtered", filterSecret: secretPath)
        started.append(orthanc)
        try sandbox.waitUntilAnswering(orthanc)
    }

    private func startNode() throws {
        let node = HilumBinary.spawn(["node", "--listen", Self.node, "--home", directory + "/node"],
                                     environment: ["HILUM_PASSPHRASE": Self.passphrase],
                                     launcher: sandbox.inNamespace(of: orthanc), directory: directory)
        started.append(node.pid)
        for _ in 0..<200 {
            let log = (try? String(contentsOfFile: directory + "/node/node.log", encoding: .utf8)) ?? ""
            if log.contains("listening on") { return }
            usleep(50_000)
        }
        throw OrthancSandboxFailure("the node did not listen on \(Self.node) within 10 s")
    }

    /// Signs, as the client, a grant to the radiologist on `caseID` for `studyUID` that carries `token`.
    private func publishGrant(on caseID: String, studyUID: String, token: String) throws {
        let client = try identity(of: "client")
        let radiologist = try identity(of: "radiologist")
        var passphrase = Array(Self.passphrase.utf8)
        let packed = try KeyFile.open(Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/client/device.key"))),
                                      passphrase: SecretBytes(consuming: &passphrase))
        let secrets = try XCTUnwrap(DeviceSecrets(packed: packed))
        let expiresAt = Clock.nowMilliseconds() + 3_600_000
        let payload = GrantPayload(studyUID: studyUID, dicomwebURL: OrthancSandbox.dicomwebURL,
                                   credential: .init(kind: "study-token", token: token), patient: .init(), expiresAt: expiresAt)
        let sealed = try Sealer.seal(try payload.encoded(), to: [radiologist, client])
        let replica = try Replica(path: directory + "/client/replica.sqlite")
        try FeedWriter(device: secrets.device).append(AccessGrantBody(posting: try XCTUnwrap(EventID(hex: caseID)),
                                                                      recipient: radiologist.identity, expiresAt: expiresAt, sealed: sealed),
                                                      to: replica)
    }

    private func identity(of role: String) throws -> SealRecipient {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/\(role)/identity.json"))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        return SealRecipient(identity: try XCTUnwrap((object["identity"] as? String).flatMap(PublicKey.init(hex:))),
                             encryptionKey: try XCTUnwrap((object["encryption_key"] as? String).flatMap(PublicKey.init(hex:))))
    }
}
