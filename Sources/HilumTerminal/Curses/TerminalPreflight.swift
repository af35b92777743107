import CNcursesw
import Glibc

/// Checks run before curses starts, because `initscr` exits the process on an
/// unknown TERM and never receives input when stdin is not a terminal.
public enum TerminalPreflight {
    /// A reason the terminal cannot run the full-screen interface.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case standardInputNotTerminal
        case standardOutputNotTerminal
        case termUnset
        case termUnknown(String)
        case terminfoMissing(String)
        case termCannotAddressCursor(String)

        public var description: String {
            switch self {
            case .standardInputNotTerminal:
                return "standard input is not a terminal; run the worklist in a terminal, not with input from a pipe or file"
            case .standardOutputNotTerminal:
                return "standard output is not a terminal; run the worklist without redirecting its output"
            case .termUnset:
                return "TERM is not set; set it to your terminal's type, for example TERM=xterm-256color"
            case .termUnknown(let term):
                return "TERM=\(term) is not in the terminfo database; install its entry (ncurses-term) or set TERM=xterm-256color"
            case .terminfoMissing(let term):
                return "no terminfo database found for TERM=\(term); install ncurses-base"
            case .termCannotAddressCursor(let term):
                return "TERM=\(term) cannot move the cursor, so a full-screen worklist cannot run; use a terminal such as xterm-256color"
            }
        }
    }

    /// Checks stdin, stdout and the TERM in `environment`; throws the first problem.
    public static func check(environment: [String: String]) throws(Failure) {
        guard isatty(STDIN_FILENO) == 1 else { throw .standardInputNotTerminal }
        guard isatty(STDOUT_FILENO) == 1 else { throw .standardOutputNotTerminal }
        try checkTerm(environment["TERM"])
    }

    /// Checks that `term` names a terminfo entry with cursor addressing.
    public static func checkTerm(_ term: String?) throws(Failure) {
        guard let term, !term.isEmpty else { throw .termUnset }
        let result = term.withCString { cncursesw_probe_terminal($0, STDOUT_FILENO) }
        switch Int(result) {
        case CNCURSESW_TERM_OK: return
        case CNCURSESW_TERM_NO_DATABASE: throw .terminfoMissing(term)
        case CNCURSESW_TERM_HARDCOPY, CNCURSESW_TERM_NO_CURSOR_ADDRESSING:
            throw .termCannotAddressCursor(term)
        default: throw .termUnknown(term)
        }
    }
}
