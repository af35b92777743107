import Dispatch
import Foundation
import HilumCrypto
import HilumLedger
import HilumNet
import HilumPreview
import HilumScreens
import HilumTerminal
import HilumVoice
import HilumWorklist

enum WorklistCommand {
    static let worklist = Command(
        path: ["worklist"], summary: "open the radiologist's worklist (full screen)",
        help: """
        Usage: hilum worklist [--lock-after MINUTES] [--voice [--audio-device NAME] | --audio-file FILE ...] [--home DIR]

        Asks for the passphrase, opens the replica, keeps a live connection to
        each node in the home's 'nodes' file (else 127.0.0.1:7420) and shows
        the worklist: Market (1), To read (2), Case (3), Feedback (4),
        Follow-ups (5) and Me (6). Press ? inside for every key, : for the
        command palette, q to quit. 'hilum' with no command opens it too when
        run in a terminal.

          --lock-after MINUTES  lock the screen and forget decrypted case data
                                after this long without a key (default 10;
                                also 'lock-after' in worklist.conf)
          --voice               push-to-talk with the microphone: F4 starts and
                                stops listening for a command or a finding, F5
                                for free text (experimental); records with
                                arecord at 16 kHz mono
          --audio-device NAME   the ALSA capture device for --voice (default:
                                ALSA's default; 'arecord -L' lists them)
          --audio-file FILE     push-to-talk decodes FILE instead of recording:
                                a WAV of 16 kHz mono 16-bit PCM; repeat the option
                                for several utterances, one per press

        Files in the home: worklist.conf (lock-after, viewer, theme,
        feedback-overdue, such as "24h": how long a clinician's question may
        wait before it shows in the alarm colour, and critical-within and
        urgent-within: the minutes a clinician has to acknowledge a result
        flagged in the editor, default 60 and 360), keys (key
        bindings: 'bind KEY COMMAND' and 'unbind KEY' lines) and worklist.log
        (the log; never patient data). The viewer command comes from
        HILUM_VIEWER, else 'viewer' in worklist.conf, else xdg-open.
        """,
        flags: ["voice"], options: ["lock-after", "voice", "audio-device", "audio-file", "home"], run: run)

    static func run(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let lockOption = arguments.option("lock-after")
        let voiceSource = try voiceSource(&arguments)
        try arguments.rejectUnknown(known: worklist.options)

        guard FileManager.default.fileExists(atPath: environment.identityPath) else {
            throw CommandError("""
                no identity in \(environment.home). Create one with
                  hilum init --role radiologist --name "Dr Your Name"
                or try the demo network:
                  hilum demo && HILUM_PASSPHRASE_FILE=~/.local/share/hilum-demo/passphrase hilum worklist --home ~/.local/share/hilum-demo/radiologist
                """)
        }
        let record = try IdentityFile.read(environment)
        guard record.role == .radiologist else {
            throw CommandError("the worklist is for radiologists; the identity in \(environment.home) is a \(record.role.name) (see 'hilum --help' for its commands)")
        }
        var config = try loadConfig(environment)
        if let lockOption {
            guard let minutes = WorklistConfig.minutes(lockOption) else {
                throw UsageError("--lock-after '\(lockOption)' is not a number of minutes from 0.05 to 1440")
            }
            config.lockAfterMinutes = minutes
        }
        let variables = ProcessInfo.processInfo.environment
        do {
            try TerminalPreflight.check(environment: variables)
        } catch {
            throw CommandError("\(error)")
        }
        let keymap = try loadKeymap(environment)
        let theme = try config.themePath.map { path in
            do { return try Theme.load(path: path) } catch { throw CommandError("\(error)") }
        } ?? Theme.standard

        let secrets = try IdentityCommands.unlock(environment)
        guard let certificate = try LedgerReader(path: environment.replicaPath).deviceEvent(record.device) else {
            throw CommandError("the replica in \(environment.home) lacks this device's certificate event; run 'hilum ledger verify' and restore the replica")
        }
        let local = LocalIdentity(signingKey: secrets.device, deviceEvent: certificate)
        let nodes = try SyncCommands.configuredNodes(environment)
        let log = try NodeLog(path: environment.home + "/worklist.log", echo: false)
        log.write("info: worklist starting for \(record.identity.short) with \(nodes.count) node(s)")
        let engine = try SyncEngine(configuration: .init(storePath: environment.replicaPath, local: local, isNode: false), log: log)
        let launcher = ViewerLauncher(configured: variables["HILUM_VIEWER"] ?? config.viewer)
        let keyPath = environment.keyPath
        let services = WorklistServices(
            now: { Clock.nowMilliseconds() },
            openViewer: { launcher.open($0) },
            copyToClipboard: { Clipboard.copy($0) },
            verifyPassphrase: { verify($0, keyPath: keyPath) },
            log: { log.write("info: " + $0) })
        let idle = Duration.milliseconds(Int64(config.lockAfterMinutes * 60_000))
        let replicaPath = environment.replicaPath

        Task { @MainActor in
            let code = await runApp(replicaPath: replicaPath, record: record, secrets: secrets, engine: engine, nodes: nodes,
                                    services: services, keymap: keymap, theme: theme, idle: idle, environment: variables, log: log,
                                    home: environment.home, config: config, voiceSource: voiceSource)
            exit(code)
        }
        dispatchMain()
    }

    @MainActor
    private static func runApp(replicaPath: String, record: IdentityRecord, secrets: DeviceSecrets, engine: SyncEngine, nodes: [PeerAddress],
                               services: WorklistServices, keymap: Keymap, theme: Theme, idle: Duration,
                               environment: [String: String], log: NodeLog, home: String, config: WorklistConfig,
                               voiceSource: VoiceInput.Source?) async -> Int32 {
        let queue = EventQueue<WorklistMessage>()
        let sync = BackgroundSync(engine: engine, nodes: nodes, replicaPath: replicaPath, record: record, secrets: secrets, queue: queue, now: services.now)
        do {
            let store = try WorklistStore(replicaPath: replicaPath, record: record, secrets: secrets, engine: engine)
            let app = WorklistApp(store: store, services: services, keymap: keymap, home: home,
                                  externalEditor: environment["VISUAL"] ?? environment["EDITOR"])
            app.listsArriveAsMessages = true
            app.feedbackOverdueMilliseconds = config.feedbackOverdueMilliseconds
            app.criticalDeadlines = (config.criticalWithinMinutes, config.urgentWithinMinutes)
            app.previewService = try previewMode(environment).map { PreviewService(mode: $0, queue: queue) }
            if let voiceSource {
                let voice = app.makeVoiceInput(source: voiceSource, queue: queue)
                voice.prepare()
                app.voice = voice
            }
            app.start()
            sync.start()
            try await TerminalSession.run(app, theme: theme, queue: queue, idleTimeout: idle, environment: environment)
            sync.stop()
            log.write("info: worklist stopped")
            return 0
        } catch {
            sync.stop()
            log.write("error: worklist stopped: \(error)")
            printError("\(error)")
            return 1
        }
    }

    /// Returns the preview mode for this terminal (nil when HILUM_PREVIEW is off).
    /// A terminal without graphics in libchafa's database is queried for sixel
    /// support (DA1). Colours are judged from the environment, because curses starts later:
    /// NO_COLOR gives none, a TERM with "256color" or any COLORTERM gives
    /// 256, anything else 8.
    static func previewMode(_ environment: [String: String]) throws -> PreviewMode? {
        let term = environment["TERM"] ?? ""
        var colors = term.contains("256color") || !(environment["COLORTERM"] ?? "").isEmpty ? 256 : 8
        if let value = environment["NO_COLOR"], !value.isEmpty { colors = 0 }
        do {
            return try TerminalGraphics.mode(environment: environment, colors: colors, probe: { TerminalGraphics.terminalReportsSixel() })
        } catch {
            throw CommandError("\(error)")
        }
    }

    /// Returns the push-to-talk source the options select, or nil without --voice or --audio-file.
    private static func voiceSource(_ arguments: inout Arguments) throws -> VoiceInput.Source? {
        let microphone = arguments.flag("voice")
        let device = arguments.option("audio-device")
        let files = arguments.optionList("audio-file")
        if microphone && !files.isEmpty {
            throw UsageError("give --voice (the microphone) or --audio-file FILE, not both")
        }
        if device != nil && !microphone {
            throw UsageError("--audio-device needs --voice: it names the microphone to record from")
        }
        for file in files {
            do {
                _ = try WAVReader.read(path: file)
            } catch {
                throw UsageError("--audio-file: \(error)")
            }
        }
        if microphone { return .microphone(device: device) }
        return files.isEmpty ? nil : .files(files)
    }

    /// Returns whether `passphrase` opens the key file at `keyPath`.
    static func verify(_ passphrase: String, keyPath: String) -> Bool {
        guard let file = FileManager.default.contents(atPath: keyPath) else { return false }
        var bytes = Array(passphrase.utf8)
        let secret = SecretBytes(consuming: &bytes)
        return (try? KeyFile.open(Array(file), passphrase: secret)) != nil
    }

    static func loadConfig(_ environment: Environment) throws -> WorklistConfig {
        let path = environment.home + "/worklist.conf"
        guard let data = FileManager.default.contents(atPath: path) else { return WorklistConfig() }
        do {
            return try WorklistConfig(text: String(decoding: data, as: UTF8.self), file: path)
        } catch {
            throw CommandError("\(error)")
        }
    }

    static func loadKeymap(_ environment: Environment) throws -> Keymap {
        var keymap = Keymap(table: WorklistCommands.table)
        let path = environment.home + "/keys"
        guard let data = FileManager.default.contents(atPath: path) else { return keymap }
        do {
            try keymap.apply(configText: String(decoding: data, as: UTF8.self), file: path)
        } catch {
            throw CommandError("\(error)")
        }
        return keymap
    }
}
