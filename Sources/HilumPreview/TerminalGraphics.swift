import CChafa
import Glibc

/// Chooses how to show previews on this terminal and reads its cell size.
public enum TerminalGraphics {
    /// The values `HILUM_PREVIEW` takes, to override the detected mode.
    public static let overrides = ["auto", "text", "symbols", "sixel", "kitty", "off"]

    /// Picks the mode: `HILUM_PREVIEW` when set (nil for "off"), else symbols
    /// inside tmux or screen, which pass neither sixel nor kitty graphics
    /// through by default; else kitty or sixel when libchafa's terminal
    /// database says this TERM draws them; else symbols. `colors` is what
    /// the terminal layer found: 256 or more gives 256-colour symbols, 16
    /// or 8 gives 16, and 0 (monochrome or NO_COLOR) gives plain symbols.
    public static func mode(environment: [String: String], colors: Int) throws(PreviewModeError) -> PreviewMode? {
        let symbols: PreviewMode = .symbols(colors >= 256 ? .palette256 : colors >= 8 ? .palette16 : .none)
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
        return symbols
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
