import CChafa
import Glibc

/// Chooses how to show previews on this terminal and reads its cell size.
public enum TerminalGraphics {
    /// The values `HILUM_PREVIEW` takes, to override the detected mode.
    public static let overrides = ["auto", "text", "symbols", "sixel", "kitty", "off"]

    /// Picks the mode: `HILUM_PREVIEW` when set (nil for "off"), else symbols
    /// inside tmux or screen, which pass neither sixel nor kitty graphics
    /// through by default; else kitty or sixel when libchafa's terminal
    /// database lists them for this TERM, or sixel when `probe` returns true;
    /// else symbols. `colors` is what the terminal layer found: 256 or more
    /// gives 256-colour symbols, 16 gives 16, and 8 or fewer (NO_COLOR is 0)
    /// gives plain symbols.
    public static func mode(environment: [String: String], colors: Int,
                            probe: () -> Bool = { false }) throws(PreviewModeError) -> PreviewMode? {
        // On an 8-colour terminal chafa's 16-colour canvas still uses the bright colours, which the terminal shows
        // as others: a radiograph in xterm with TERM=xterm came out yellow and white. Fewer than 16 gives plain symbols.
        var palette = SymbolColors.none
        if colors >= 256 {
            palette = .palette256
        } else if colors >= 16 {
            palette = .palette16
        }
        let symbols: PreviewMode = .symbols(palette)
        switch environment["HILUM_PREVIEW"] ?? "auto" {
        case "off": return nil
        case "text": return .symbols(.none)
        case "symbols": return symbols
        case "sixel": return .sixel
        case "kitty": return .kitty
        case "auto", "": break
        case let other: throw PreviewModeError(value: other)
        }
        let term = environment["TERM"] ?? ""
        if environment["TMUX"] != nil || term.hasPrefix("tmux") || term.hasPrefix("screen") { return symbols }
        let info = detectedTermInfo(environment)
        defer { chafa_term_info_unref(info) }
        if chafa_term_info_have_seq(info, CHAFA_TERM_SEQ_BEGIN_KITTY_IMMEDIATE_IMAGE_V1) != 0 { return .kitty }
        if chafa_term_info_have_seq(info, CHAFA_TERM_SEQ_BEGIN_SIXELS) != 0 { return .sixel }
        // xterm keeps TERM=xterm whether or not it draws sixel (it does with -ti vt340), so the terminal is queried.
        return probe() ? .sixel : symbols
    }

    /// Asks the terminal for its primary device attributes (DA1, `ESC [ c`) and
    /// returns true when the reply lists 4, sixel graphics. Waits at most
    /// `timeout` seconds for the reply. Returns false when `input` or `output`
    /// is not a terminal. Call it before curses starts, because it reads the reply from `input`.
    public static func terminalReportsSixel(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, timeout: Double = 1) -> Bool {
        guard isatty(input) == 1, isatty(output) == 1 else { return false }
        var saved = termios()
        guard tcgetattr(input, &saved) == 0 else { return false }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { controls in
            controls[Int(VMIN)] = 0
            controls[Int(VTIME)] = 0
        }
        guard tcsetattr(input, TCSANOW, &raw) == 0 else { return false }
        defer { tcsetattr(input, TCSANOW, &saved) }

        let query = Array("\u{1B}[c".utf8)
        guard write(output, query, query.count) == query.count else { return false }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 128)
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while ContinuousClock.now < deadline, !deviceAttributesComplete(reply) {
            let left = deadline - ContinuousClock.now
            var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            let waitMilliseconds = Int32(max(1, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            guard poll(&descriptor, 1, waitMilliseconds) > 0 else { continue }
            let count = read(input, &buffer, buffer.count)
            guard count > 0 else { break }
            reply += buffer[0..<count]
        }
        return deviceAttributesListSixel(reply)
    }

    /// Returns true once `reply` contains a whole DA1 reply (`ESC [ ?` parameters `c`).
    static func deviceAttributesComplete(_ reply: [UInt8]) -> Bool {
        deviceAttributes(reply) != nil
    }

    /// Returns true when the DA1 reply in `reply` lists 4 (sixel graphics) after its first parameter, the terminal's class.
    public static func deviceAttributesListSixel(_ reply: [UInt8]) -> Bool {
        guard let parameters = deviceAttributes(reply) else { return false }
        return parameters.dropFirst().contains("4")
    }

    /// Returns the parameters of the first DA1 reply in `reply`, or nil when there is none yet.
    private static func deviceAttributes(_ reply: [UInt8]) -> [String]? {
        let introducer: [UInt8] = [0x1B, UInt8(ascii: "["), UInt8(ascii: "?")]
        guard reply.count > introducer.count,
              let start = (0...(reply.count - introducer.count)).first(where: { reply[$0..<$0 + introducer.count].elementsEqual(introducer) }),
              let end = reply[(start + introducer.count)...].firstIndex(of: UInt8(ascii: "c")) else { return nil }
        return String(decoding: reply[(start + introducer.count)..<end], as: UTF8.self).split(separator: ";").map(String.init)
    }

    /// Reads the cell size from the terminal on `descriptor` (TIOCGWINSZ's
    /// pixel fields divided by its columns and rows); nil when the terminal
    /// reports no pixel size, as tmux and many others do.
    public static func cellPixelSize(descriptor: Int32 = STDOUT_FILENO) -> CellPixelSize? {
        var window = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0,
              window.ws_xpixel > 0, window.ws_ypixel > 0 else { return nil }
        let cell = CellPixelSize(width: Int(window.ws_xpixel) / Int(window.ws_col), height: Int(window.ws_ypixel) / Int(window.ws_row))
        return cell.width > 0 && cell.height > 0 ? cell : nil
    }

    /// libchafa's idea of the terminal described by `environment`.
    static func detectedTermInfo(_ environment: [String: String]) -> OpaquePointer {
        let entries = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { entries.forEach { free($0) } }
        var pointers = entries
        return pointers.withUnsafeMutableBufferPointer { chafa_term_db_detect(chafa_term_db_get_default(), $0.baseAddress)! }
    }

    /// Term info with the sequences for `mode`: those of a terminal known
    /// to draw it, so the printed canvas uses them whatever TERM says.
    static func termInfo(for mode: PreviewMode) -> OpaquePointer {
        switch mode {
        case .kitty: detectedTermInfo(["TERM": "xterm-kitty"])
        case .sixel: detectedTermInfo(["TERM": "mlterm"])
        case .symbols: detectedTermInfo(["TERM": "xterm-256color"])
        }
    }
}

/// An invalid `HILUM_PREVIEW` value.
public struct PreviewModeError: Error, Equatable, Sendable, CustomStringConvertible {
    public let value: String

    public var description: String {
        "invalid HILUM_PREVIEW value \"\(value)\"; use one of \(TerminalGraphics.overrides.joined(separator: ", "))"
    }
}
