import CHilumTerminalRestore
import CNcursesw
import Glibc

/// The ncurses backend: starts and stops curses, reads keys, and draws a
/// `ScreenBuffer` with the theme's styles. Main actor only, like every
/// curses call.
@MainActor
public final class CursesTerminal: TerminalBackend {
    public private(set) var size: Size
    public let colorMode: ColorMode
    private let resolver: StyleResolver
    private var pairs: [Int: Int32] = [:]
    /// The graphics on the terminal now, to send each image only when it, its place or its size changes.
    private var shownGraphics: [TerminalGraphic] = []
    /// Set when the screen was repainted or resized under the graphics, so the next refresh sends them again.
    private var graphicsStale = false
    private var decoder = KeyDecoder()
    private var running = true

    /// Checks the terminal, then starts curses. Throws instead of letting
    /// `initscr` exit the process on a bad TERM.
    public init(theme: Theme, environment: [String: String]) throws(TerminalPreflight.Failure) {
        try TerminalPreflight.check(environment: environment)
        if setlocale(LC_ALL, "") == nil || !TerminalEncoding.isUTF8 {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        // Saved before curses changes the modes, so a crash can put them back.
        hilum_restore_install(STDIN_FILENO)
        // ncurses installs its own SIGWINCH handler only over SIG_DFL; the session watches SIGWINCH with Dispatch.
        signal(SIGWINCH, SIG_IGN)
        initscr()
        raw()
        noecho()
        nonl()
        keypad(cncursesw_stdscr(), true)
        nodelay(cncursesw_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        if has_colors() {
            start_color()
            use_default_colors()
        }
        colorMode = ColorMode.detect(environment: environment, hasColors: has_colors(), colors: Int(cncursesw_colors()))
        resolver = StyleResolver(theme: theme, mode: colorMode)
        mousemask(cncursesw_mouse_mask(), nil)
        size = Size(width: Int(cncursesw_cols()), height: Int(cncursesw_lines()))
        CursesTerminal.writeRaw(TerminalEncoding.bracketedPasteOn)
        armRestoreSequence()
    }

    /// Ends curses and puts the terminal back as it was. Safe to call twice.
    public func stop() {
        guard running else { return }
        running = false
        CursesTerminal.writeRaw(TerminalEncoding.bracketedPasteOff)
        endwin()
        hilum_restore_uninstall()
    }

    /// Leaves curses, runs `program` in the foreground and waits for it, then
    /// restores the modes and repaints the whole screen on the next refresh.
    /// Returns its exit status, or -1 when it could not start. The main
    /// queue is blocked meanwhile, so the stdin source reads nothing.
    // NOTE: the program shares the process group, so ctrl-c in a program that does not catch it also stops the worklist.
    public func runSuspended(_ program: ExternalProgram) -> Int32 {
        def_prog_mode()
        CursesTerminal.writeRaw(TerminalEncoding.bracketedPasteOff)
        endwin()
        let status = ChildProgram.run(["/bin/sh", "-c", program.command + " \"$1\"", "sh", program.file])
        reset_prog_mode()
        CursesTerminal.writeRaw(TerminalEncoding.bracketedPasteOn)
        clearok(cncursesw_stdscr(), true)
        refresh()
        graphicsStale = true
        return status
    }

    /// The bytes the fatal-signal handler writes: leave the alternate screen,
    /// show the cursor, reset attributes, stop mouse reports and bracketed paste.
    private func armRestoreSequence() {
        var sequence: [UInt8] = []
        var buffer = [CChar](repeating: 0, count: 256)
        for capability in ["sgr0", "cnorm", "rmcup"] {
            let length = cncursesw_capability(capability, &buffer, buffer.count)
            sequence += buffer.prefix(length).map { UInt8(bitPattern: $0) }
        }
        sequence += Array((TerminalEncoding.mouseOff + TerminalEncoding.bracketedPasteOff).utf8)
        sequence.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { hilum_restore_set_sequence($0.baseAddress, $0.count) }
        }
    }

    /// Writes all of `text` to the terminal, past short writes and EINTR (an image is tens of kilobytes).
    private static func writeRaw(_ text: String) {
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { return }
            written += result
        }
    }

    /// Reads every key waiting on stdin. Sets `resized` when ncurses reported a size change.
    public func readKeys() -> (keys: [Key], resized: Bool) {
        var keys: [Key] = []
        var resized = false
        var scalars: [Unicode.Scalar] = []
        var character: wint_t = 0
        while true {
            let result = get_wch(&character)
            if result == ERR { break }
            if result == KEY_CODE_YES {
                keys += decoder.feed(scalars)
                scalars = []
                let code = Int32(character)
                if code == KEY_RESIZE {
                    resized = true
                } else if code == KEY_MOUSE {
                    if let event = CursesKeys.mouseEvent() { keys.append(.mouse(event)) }
                } else if let key = CursesKeys.key(code: code) {
                    keys.append(key)
                }
            } else if let scalar = Unicode.Scalar(UInt32(character)) {
                scalars.append(scalar)
            }
        }
        keys += decoder.feed(scalars)
        // get_wch already waited the Esc delay, so an Esc left over now was typed alone.
        keys += decoder.flush()
        return (keys, resized)
    }

    /// Reads the window size from the terminal and resizes curses to it.
    public func updateSize() {
        var window = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_row > 0, window.ws_col > 0 {
            resizeterm(Int32(window.ws_row), Int32(window.ws_col))
        }
        // The terminal may have cut, moved or scaled an image at the old size: draw it again after the repaint.
        graphicsStale = true
        size = Size(width: Int(cncursesw_cols()), height: Int(cncursesw_lines()))
    }

    public func present(_ screen: ScreenBuffer) {
        guard screen.size == size else { return }
        for y in 0..<size.height {
            for x in 0..<size.width {
                let cell = screen[x, y]
                if cell.isContinuation { continue }
                var style = resolver.style(for: cell.role)
                if let colors = cell.colors, case .palette(let count) = colorMode {
                    style.foreground = colors.foreground.map { Color.indexed(Int($0)).cursesNumber(colors: count) } ?? -1
                    style.background = colors.background.map { Color.indexed(Int($0)).cursesNumber(colors: count) } ?? -1
                }
                draw(cell, at: x, y: y, attributes: attributes(style.attributes), pair: pair(style))
            }
        }
        if let cursor = screen.cursor {
            curs_set(1)
            move(Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        refresh()
        presentGraphics(screen.graphics)
    }

    /// Sends sixel or kitty images after the cells when they, their place or
    /// their size changed, or the screen was resized or repainted under them.
    /// Old images go first: kitty's are deleted, and repainting every line
    /// covers sixel pixels with the blank cells under them.
    /// `GraphicsTerminalTests` checks the result in xterm (sixel) and kitty under Xvfb.
    private func presentGraphics(_ graphics: [TerminalGraphic]) {
        guard graphicsStale || graphics != shownGraphics else { return }
        if !shownGraphics.isEmpty {
            CursesTerminal.writeRaw("\u{1B}_Ga=d\u{1B}\\")
            wredrawln(cncursesw_stdscr(), 0, Int32(size.height))
            refresh()
        }
        for graphic in graphics where graphic.origin.x >= 0 && graphic.origin.y >= 0 {
            // Save the cursor, move to the image's first cell, draw, restore: curses keeps its idea of the cursor.
            CursesTerminal.writeRaw("\u{1B}7\u{1B}[\(graphic.origin.y + 1);\(graphic.origin.x + 1)H" + graphic.sequence + "\u{1B}8")
        }
        shownGraphics = graphics
        graphicsStale = false
    }

    /// Draws one cell. When libc's wcwidth disagrees with the model's width
    /// (an older or newer Unicode table), draws `?` padding instead, so the
    /// rest of the row keeps its columns.
    private func draw(_ cell: Cell, at x: Int, y: Int, attributes: attr_t, pair: Int32) {
        var wide = cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
        if let base = wide.first, Int(wcwidth(base)) != Int(cell.width) {
            wide = [wchar_t(UInt8(ascii: "?")), 0]
            if cell.width == 2, x + 1 < size.width {
                _ = cncursesw_put_cell(Int32(y), Int32(x + 1), [wchar_t(UInt8(ascii: " ")), 0], attributes, pair)
            }
        }
        _ = cncursesw_put_cell(Int32(y), Int32(x), wide, attributes, pair)
    }

    private func attributes(_ attributes: TextAttributes) -> attr_t {
        var result = cncursesw_a_normal()
        if attributes.contains(.bold) { result |= cncursesw_a_bold() }
        if attributes.contains(.dim) { result |= cncursesw_a_dim() }
        if attributes.contains(.italic) { result |= cncursesw_a_italic() }
        if attributes.contains(.underline) { result |= cncursesw_a_underline() }
        if attributes.contains(.reverse) { result |= cncursesw_a_reverse() }
        return result
    }

    /// The colour pair for a style, allocated on first use; 0 (terminal default) when colour is off or pairs run out.
    private func pair(_ style: ResolvedStyle) -> Int32 {
        guard colorMode != .monochrome, style.foreground != -1 || style.background != -1 else { return 0 }
        let key = (style.foreground + 1) << 16 | (style.background + 1)
        if let pair = pairs[key] { return pair }
        let allocated = alloc_pair(Int32(style.foreground), Int32(style.background))
        let pair = allocated > 0 ? allocated : 0
        pairs[key] = pair
        return pair
    }
}
