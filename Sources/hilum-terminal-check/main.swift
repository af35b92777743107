// A test tool, not part of the app: runs HilumTerminal's self-check screen.
// The end-to-end tests drive it in tmux; `swift run hilum-terminal-check` shows it by hand.
import Foundation
import HilumTerminal

let status = await SelfCheck.run(arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
exit(status)
