import Foundation
import Glibc

/// Copies text to the terminal's clipboard with OSC 52, which xterm, tmux
/// (with `set-clipboard on`), kitty, iTerm2 and WezTerm honour; others ignore it.
public enum Clipboard {
    /// Returns the escape sequence that sets the clipboard to `text`.
    public static func sequence(for text: String) -> String {
        "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    }

    /// Writes the sequence to standard output, which is the terminal curses draws on.
    public static func copy(_ text: String) {
        let bytes = Array(sequence(for: text).utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { return }
            written += result
        }
    }
}
