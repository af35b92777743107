/// A program an app runs with the terminal handed over, such as `$EDITOR`
/// on a temporary file. The session leaves curses, runs it in the
/// foreground, waits for it and restores the screen.
public struct ExternalProgram: Sendable, Equatable {
    /// A shell command line, run as `sh -c "COMMAND \"$1\"" sh FILE`, so
    /// `EDITOR="vim -u NONE"` works and the file name is never parsed by the shell.
    public var command: String
    public var file: String

    public init(command: String, file: String) {
        self.command = command
        self.file = file
    }
}
