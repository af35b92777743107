import Foundation

/// One subcommand: its name, a one-line summary, its full help text, the
/// options that take no value, and what it does.
struct Command: Sendable {
    let path: [String]
    let summary: String
    let help: String
    let flags: Set<String>
    let options: [String]
    let run: @Sendable (inout Arguments, Environment) throws -> Int32
}

/// Entry point of the `hilum` executable.
public enum HilumCommands {
    static let commands: [Command] = [
        WorklistCommand.worklist,
        IdentityCommands.initCommand,
        IdentityCommands.whoami,
        IdentityCommands.changePassphrase,
        LedgerCommands.verify,
        LedgerCommands.stats,
        LedgerCommands.log,
        LedgerCommands.rebuild,
        SyncCommands.node,
        SyncCommands.sync,
        DemoCommand.demo,
        DemoCommand.stop,
        DemoArchiveCommand.archive,
        ClientCommands.post,
        ClientCommands.cases,
        ClientCommands.bids,
        ClientCommands.assign,
        ClientCommands.policy,
        ClientCommands.route,
        ClientCommands.autoassign,
        ClientCommands.grantReview,
        ClientCommands.reviews,
        ClientCommands.followUps,
        ClientCommands.followUpStatus,
        SettlementCommands.settle,
        CaseCommands.access,
        TemplateCommands.importCommand,
        TemplateCommands.list,
        BidCommands.bid,
        ReportCommands.sign,
        ReportCommands.addendum,
        ReportCommands.export,
        ReviewCommands.score,
        ReviewCommands.list,
        LabelCommands.label,
        LabelExport.export,
        SettlementCommands.earnings,
        ClinicianCommands.feedback,
        ClinicianCommands.ask,
        ClinicianCommands.acknowledge,
        ClinicianCommands.followUpStatus,
        ClinicianCommands.inbox,
        CredentialCommands.grant,
        CredentialCommands.revoke,
        CredentialCommands.list,
        TransferCommands.export,
        TransferCommands.importCommand,
        BenchCommands.ingest,
        BenchCommands.sync,
        BenchCommands.worklist,
        BenchCommands.preview,
        BenchCommands.voice,
        TransferCommands.generate,
    ]

    static var overview: String {
        var text = """
        hilum: a terminal worklist for radiologists on a signed, shared teleradiology ledger

        Usage: hilum COMMAND [OPTIONS]

        Commands:

        """
        for command in commands {
            let name = command.path.joined(separator: " ")
            text += "  " + name.padding(toLength: 20, withPad: " ", startingAt: 0) + command.summary + "\n"
        }
        text += """

        Every command takes --home DIR (or HILUM_HOME) for its data directory;
        the default is $XDG_DATA_HOME/hilum, else ~/.local/share/hilum.
        A passphrase is asked without echo on a terminal, or read from
        HILUM_PASSPHRASE_FILE or HILUM_PASSPHRASE.
        Run 'hilum COMMAND --help' for a command's options.
        """
        return text
    }

    public static func main(_ argv: [String]) -> Int32 {
        var raw = Array(argv.dropFirst())
        // On a terminal, plain 'hilum' opens the worklist; piped or redirected, it prints the overview.
        if raw.isEmpty, isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 { raw = ["worklist"] }
        if raw.isEmpty || raw == ["--help"] || raw == ["-h"] || raw == ["help"] {
            print(overview)
            return raw.isEmpty ? 64 : 0
        }
        guard let command = commands.filter({ Array(raw.prefix($0.path.count)) == $0.path }).max(by: { $0.path.count < $1.path.count }) else {
            let group = commands.filter { $0.path.count > 1 && $0.path[0] == raw[0] }
            if !group.isEmpty, raw.count == 1 || raw[1].hasPrefix("-") {
                var text = "'hilum \(raw[0])' needs a subcommand:\n"
                for member in group {
                    text += "  " + member.path.joined(separator: " ").padding(toLength: 20, withPad: " ", startingAt: 0) + member.summary + "\n"
                }
                FileHandle.standardError.write(Data(text.utf8))
                return 64
            }
            let typed = raw.prefix(2).joined(separator: " ")
            let names = commands.map { $0.path.joined(separator: " ") }
            let near = names.min { editDistance(typed, $0) < editDistance(typed, $1) }
            printError("unknown command '\(typed)'" + (near.map { "; did you mean '\($0)'?" } ?? "") + " See 'hilum --help'.")
            return 64
        }
        let rest = Array(raw.dropFirst(command.path.count))
        if rest.contains("--help") || rest.contains("-h") {
            print(command.help)
            return 0
        }
        do {
            var arguments = try Arguments(rest, flagNames: command.flags.union(["help"]), known: command.options)
            let environment = Environment(home: Environment.resolveHome(arguments.option("home")))
            let status = try command.run(&arguments, environment)
            return status
        } catch let error as UsageError {
            printError("\(error). See 'hilum \(command.path.joined(separator: " ")) --help'.")
            return 64
        } catch let status as ExitStatus {
            return status.code
        } catch {
            printError("\(error)")
            return 1
        }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data(("hilum: " + message + "\n").utf8))
}

/// Writes `object` as JSON with sorted keys on one line.
func printJSON(_ object: Any) {
    if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) {
        print(String(decoding: data, as: UTF8.self))
    }
}

/// Writes one line to standard output without buffering.
func writeLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
