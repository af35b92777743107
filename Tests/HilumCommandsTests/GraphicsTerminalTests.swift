import Foundation
import OrthancSandbox
import XCTest

/// The Case screen's key image in real graphics terminals: xterm drawing
/// sixel (`-ti vt340`) and kitty drawing its own protocol, each on a private
/// Xvfb display, with the worklist of `hilum demo --orthanc`. The test
/// reads the terminal's window back with xwd and checks the pixels: the
/// preview box contains a grey image with many shades, the text column and
/// the lines under the box stay text, the image leaves with the screen
/// and, after a resize, it is drawn again inside the new box.
final class GraphicsTerminalTests: CommandTestCase {
    private var demo: String { directory + "/demo" }
    private var started: [pid_t] = []
    private var display = ""
    private var tools: [String: String] = [:]

    override func tearDownWithError() throws {
        for pid in started.reversed() { Spawn.stop(pid, grace: 2) }
        started = []
        if FileManager.default.fileExists(atPath: demo + "/demo.json") {
            HilumBinary.run(["demo", "stop", "--dir", demo], directory: directory)
        }
        try super.tearDownWithError()
    }

    func testKeyImageInXtermAndKitty() throws {
        try requirePrerequisites()
        try startDisplay()
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let setup = HilumBinary.run(["demo", "--dir", demo, "--orthanc", "--setup-only", "--port", "17490", "--archive-port", "18062"],
                                    environment: ["PATH": path], directory: directory)
        XCTAssertEqual(setup.status, 0, setup.stderr)
        guard setup.status == 0 else { return }

        try check(.xterm)
        guard let kitty = Spawn.find("kitty") else {
            try skipOrFail("kitty not found; install the Debian package kitty to check kitty graphics")
            return
        }
        tools["kitty"] = kitty
        try check(.kitty)
    }

    // MARK: - One terminal

    private enum Terminal: String {
        case xterm, kitty
    }

    private static let columns = 160, rows = 45

    private func check(_ terminal: Terminal) throws {
        let window = try open(terminal)
        let cell = try cellSize(of: window, columns: Self.columns, rows: Self.rows, terminal: terminal)

        // To read, filtered to the chest radiograph from the archive, then opened: the Case screen requests its key image.
        let previews = previewCount()
        try keys(["2", "slash", "C", "R", "space", "C", "H", "E", "S", "T", "Return", "Return"])
        try waitFor("the preview in \(terminal)", timeout: 20) { self.previewCount() > previews }
        let layout = Layout(columns: Self.columns, rows: Self.rows)
        var shot = try waitForShot(window, "the image in \(terminal)") { layout.imageIsDrawn(in: $0, cell: cell) }
        let name = "/tmp/hilum-graphics-\(terminal)"
        save(shot, to: name + "-case.xwd")
        XCTAssertTrue(layout.imageIsDrawn(in: shot, cell: cell), "\(terminal): no grey image in the preview box; \(layout.describe(shot, cell: cell))")
        XCTAssertTrue(layout.textStaysText(in: shot, cell: cell), "\(terminal): image pixels outside the preview box; \(layout.describe(shot, cell: cell))")

        // Another screen: the image goes with it.
        try keys(["2"])
        shot = try waitForShot(window, "the image to leave \(terminal)") { !layout.imageIsDrawn(in: $0, cell: cell) }
        XCTAssertFalse(layout.imageIsDrawn(in: shot, cell: cell), "\(terminal): the image stays on To read")
        XCTAssertTrue(layout.textStaysText(in: shot, cell: cell, includingBox: true), "\(terminal): image pixels left on To read")

        // Back to the case, then a smaller window: the image is drawn again inside the new box, never over the key line.
        try keys(["3"])
        _ = try waitForShot(window, "the image back in \(terminal)") { layout.imageIsDrawn(in: $0, cell: cell) }
        let smaller = Layout(columns: 120, rows: 34)
        let resized = previewCount()
        try xdotool(["windowsize", window, "\(smaller.columns * cell.width)", "\(smaller.rows * cell.height)"])
        try waitFor("the redrawn preview in \(terminal)", timeout: 15) { self.previewCount() > resized }
        shot = try waitForShot(window, "the resized image in \(terminal)") {
            $0.width / cell.width == smaller.columns && smaller.imageIsDrawn(in: $0, cell: cell) && smaller.textStaysText(in: $0, cell: cell)
        }
        save(shot, to: name + "-resized.xwd")
        XCTAssertTrue(smaller.imageIsDrawn(in: shot, cell: cell), "\(terminal) resized: \(smaller.describe(shot, cell: cell))")
        XCTAssertTrue(smaller.textStaysText(in: shot, cell: cell), "\(terminal) resized: image over the text; \(smaller.describe(shot, cell: cell))")

        try keys(["q"])
    }

    /// Starts the terminal with the worklist and returns its window id once it is mapped.
    private func open(_ terminal: Terminal) throws -> String {
        var environment = HilumBinary.baseEnvironment
        environment["DISPLAY"] = display
        environment["HOME"] = directory
        environment["LANG"] = "C.UTF-8"
        environment["HILUM_PASSPHRASE_FILE"] = demo + "/passphrase"
        let worklist = [HilumBinary.path, "worklist", "--home", demo + "/radiologist"]
        let arguments: [String]
        switch terminal {
        case .xterm:
            // Sixel needs -ti vt340. TERM stays xterm, so the worklist finds sixel by asking xterm (DA1).
            arguments = [tools["xterm"]!, "-ti", "vt340", "-xrm", "XTerm*numColorRegisters: 256", "-u8", "-b", "0", "-bw", "0",
                         "-fg", "white", "-bg", "black", "-fa", "DejaVu Sans Mono", "-fs", "10",
                         "-geometry", "\(Self.columns)x\(Self.rows)+0+0", "-e"] + worklist
        case .kitty:
            // Auto: TERM=xterm-kitty gives libchafa the kitty sequences. Mesa draws kitty's OpenGL in software.
            environment["LIBGL_ALWAYS_SOFTWARE"] = "1"
            environment["XDG_RUNTIME_DIR"] = directory
            arguments = [tools["kitty"]!, "--config", "NONE", "-o", "font_family=DejaVu Sans Mono", "-o", "font_size=10",
                         "-o", "initial_window_width=\(Self.columns)c", "-o", "initial_window_height=\(Self.rows)c",
                         "-o", "window_padding_width=0", "-o", "placement_strategy=top-left", "-o", "remember_window_size=no"] + worklist
        }
        let log = directory + "/\(terminal).log"
        let connections = logCount(of: "caught up with node")
        let pid = try XCTUnwrap(Spawn.start(arguments, environment: environment, log: log), "cannot start \(arguments[0])")
        started.append(pid)
        var window = ""
        try waitFor("the \(terminal) window", timeout: 15, log: log) {
            let found = Spawn.run([self.tools["xdotool"]!, "search", "--onlyvisible", "--pid", "\(pid)"],
                                  environment: ["DISPLAY": self.display], log: self.directory + "/search.log")
            window = found?.output.split(separator: "\n").last.map(String.init) ?? ""
            return found?.status == 0 && Int(window) != nil
        }
        // The pointer gives the focus (no window manager): keys typed with XTEST go to this window.
        try xdotool(["mousemove", "--window", window, "50", "50"])
        // The worklist is ready when its header line shows and it has caught up with the demo node, which
        // may still hold the newest assignments (the chest radiograph among them).
        try waitFor("the worklist in \(terminal)", timeout: 15) {
            guard let shot = try? self.screenshot(window) else { return false }
            return !shot.isBackgroundMostly(Rect(x: 0, y: 0, width: shot.width, height: shot.height / 40))
        }
        try waitFor("the worklist in \(terminal) to catch up with the node", timeout: 15, log: demo + "/radiologist/worklist.log") {
            self.logCount(of: "caught up with node") > connections
        }
        return window
    }

    /// Returns the cell size in pixels. The window is the cells, with no border or padding (kitty 0.26 adds one pixel).
    private func cellSize(of window: String, columns: Int, rows: Int, terminal: Terminal) throws -> (width: Int, height: Int) {
        let shot = try screenshot(window)
        XCTAssertLessThan(shot.width % columns, 4, "\(terminal) window \(shot.width) px wide for \(columns) columns")
        XCTAssertLessThan(shot.height % rows, 4, "\(terminal) window \(shot.height) px high for \(rows) rows")
        return (shot.width / columns, shot.height / rows)
    }

    // MARK: - Prerequisites and processes

    private func requirePrerequisites() throws {
        for name in ["Xvfb", "xterm", "xwd", "xdotool"] {
            guard let path = Spawn.find(name) else {
                try skipOrFail("\(name) not found; install the Debian packages xvfb, xterm, x11-apps and xdotool")
                return
            }
            tools[name] = path
        }
        guard FileManager.default.fileExists(atPath: "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf") else {
            try skipOrFail("DejaVu Sans Mono not found; install the Debian package fonts-dejavu-core")
            return
        }
        let sandbox = try OrthancSandbox(directory: directory + "/probe")
        do throws(OrthancUnavailable) {
            try sandbox.checkPrerequisites()
            _ = try sandbox.locateSamples()
        } catch {
            try skipOrFail(error.description)
        }
    }

    private func skipOrFail(_ message: String) throws {
        if ProcessInfo.processInfo.environment["HILUM_REQUIRE_INTEGRATION"] != nil { XCTFail(message) }
        throw XCTSkip(message)
    }

    /// Starts Xvfb on the first display number from 90 with no lock file.
    private func startDisplay() throws {
        let number = try XCTUnwrap((90..<140).first { !FileManager.default.fileExists(atPath: "/tmp/.X\($0)-lock") },
                                   "no free X display number")
        display = ":\(number)"
        // -noreset: by default Xvfb resets when its last client leaves, and a terminal connecting
        // just after one of the xdotool calls then fails with "Can't open display".
        let pid = try XCTUnwrap(Spawn.start([tools["Xvfb"]!, display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp", "-noreset"],
                                            environment: [:], log: directory + "/xvfb.log"))
        started.append(pid)
        // Ready when a client connects (a socket file may be left from an earlier server).
        try waitFor("Xvfb on \(display)", timeout: 10, log: directory + "/xvfb.log") {
            Spawn.run([self.tools["xdotool"]!, "getdisplaygeometry"], environment: ["DISPLAY": self.display], log: self.directory + "/probe.log")?
                .status == 0
        }
    }

    private func keys(_ names: [String]) throws {
        for name in names {
            try xdotool(["key", name])
            usleep(150_000)
        }
    }

    private func xdotool(_ arguments: [String]) throws {
        let result = try XCTUnwrap(Spawn.run([tools["xdotool"]!] + arguments, environment: ["DISPLAY": display], log: directory + "/xdotool.log"))
        XCTAssertEqual(result.status, 0, "xdotool \(arguments.joined(separator: " ")): \(result.output)")
    }

    private var worklistLog: String {
        (try? String(contentsOfFile: demo + "/radiologist/worklist.log", encoding: .utf8)) ?? ""
    }

    /// Returns how many lines of the worklist's log contain `text`.
    private func logCount(of text: String) -> Int {
        worklistLog.split(separator: "\n").filter { $0.contains(text) }.count
    }

    /// Returns how many previews the worklist has logged (drawn or failed).
    private func previewCount() -> Int {
        logCount(of: "preview of case")
    }

    /// Polls `condition` every 0.1 s; fails with the end of `log` after `timeout`.
    private func waitFor(_ what: String, timeout: TimeInterval, log: String? = nil, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return }
            usleep(100_000)
        }
        let tail = log.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }.map { "; \($0.suffix(1500))" } ?? ""
        let xvfb = (try? String(contentsOfFile: directory + "/xvfb.log", encoding: .utf8)) ?? ""
        throw TestFailure(message: "timed out after \(Int(timeout)) s waiting for \(what)\(tail)\nXvfb on \(display): \(xvfb.suffix(800))")
    }

    /// Takes screenshots until `condition` is true or 10 s pass, and returns the last one either way.
    private func waitForShot(_ window: String, _ what: String, _ condition: (Shot) -> Bool) throws -> Shot {
        let deadline = Date().addingTimeInterval(10)
        var shot = try screenshot(window)
        while !condition(shot) && Date() < deadline {
            usleep(150_000)
            shot = try screenshot(window)
        }
        return shot
    }

    private func screenshot(_ window: String) throws -> Shot {
        let file = directory + "/shot.xwd"
        let result = try XCTUnwrap(Spawn.run([tools["xwd"]!, "-silent", "-id", window, "-out", file],
                                             environment: ["DISPLAY": display], log: directory + "/xwd.log"))
        guard result.status == 0 else { throw TestFailure(message: "xwd failed: \(result.output)") }
        return try Shot(xwd: Data(contentsOf: URL(fileURLWithPath: file)))
    }

    /// Keeps a screenshot for a person to look at (`convert xwd:FILE png:...`).
    private func save(_ shot: Shot, to path: String) {
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.copyItem(atPath: directory + "/shot.xwd", toPath: path)
    }
}

private struct TestFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

// MARK: - Pixels

private struct Rect {
    var x, y, width, height: Int
}

/// An xwd dump of a window: 24-bit TrueColor pixels.
private struct Shot {
    let width: Int
    let height: Int
    /// Red, green, blue per pixel, rows top to bottom.
    let rgb: [UInt8]

    init(xwd data: Data) throws {
        let bytes = [UInt8](data)
        func field(_ index: Int) -> Int {
            let offset = index * 4
            guard offset + 4 <= bytes.count else { return 0 }
            return Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
        }
        let headerSize = field(0), width = field(4), height = field(5), byteOrder = field(7), bitsPerPixel = field(11)
        let bytesPerLine = field(12), colors = field(19)
        let redMask = field(14), greenMask = field(15), blueMask = field(16)
        guard bitsPerPixel == 32, width > 0, height > 0 else {
            throw TestFailure(message: "xwd dump of \(bitsPerPixel) bits per pixel; the test reads 32")
        }
        let start = headerSize + colors * 12
        guard start + bytesPerLine * height <= bytes.count else { throw TestFailure(message: "xwd dump is short") }
        func shift(_ mask: Int) -> Int { mask == 0 ? 0 : mask.trailingZeroBitCount }
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let offset = start + y * bytesPerLine + x * 4
                let value = byteOrder == 0
                    ? Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 24
                    : Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
                let target = (y * width + x) * 3
                rgb[target] = UInt8((value & redMask) >> shift(redMask) & 0xff)
                rgb[target + 1] = UInt8((value & greenMask) >> shift(greenMask) & 0xff)
                rgb[target + 2] = UInt8((value & blueMask) >> shift(blueMask) & 0xff)
            }
        }
        self.width = width
        self.height = height
        self.rgb = rgb
    }

    /// Pixel statistics of `rect` (clipped to the shot).
    func stats(_ rect: Rect) -> (count: Int, midGrey: Double, lit: Double, shades: Int, background: Double) {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(width, rect.x + rect.width), y1 = min(height, rect.y + rect.height)
        guard x1 > x0, y1 > y0 else { return (0, 0, 0, 0, 1) }
        var midGrey = 0, lit = 0, background = 0, shades = Set<UInt8>()
        for y in y0..<y1 {
            for x in x0..<x1 {
                let offset = (y * width + x) * 3
                let r = Int(rgb[offset]), g = Int(rgb[offset + 1]), b = Int(rgb[offset + 2])
                let grey = max(r, g, b) - min(r, g, b) < 16
                if grey { shades.insert(UInt8((r + g + b) / 3)) }
                if grey && (r + g + b) / 3 >= 40 { lit += 1 }
                if grey && (r + g + b) / 3 >= 40 && (r + g + b) / 3 <= 215 { midGrey += 1 }
                if r < 40 && g < 40 && b < 40 { background += 1 }
            }
        }
        let count = (x1 - x0) * (y1 - y0)
        return (count, Double(midGrey) / Double(count), Double(lit) / Double(count), shades.count, Double(background) / Double(count))
    }

    func isBackgroundMostly(_ rect: Rect) -> Bool { stats(rect).background > 0.995 }
}

/// Where the Case screen puts things on a terminal of `columns` by `rows`
/// (WorklistApp.previewRect and CasePreview.pictureBox).
private struct Layout {
    let columns: Int
    let rows: Int

    /// The picture's box in cells: right of the text column, under the two caption lines, above the key line.
    var box: (x: Int, y: Int, width: Int, height: Int) {
        let bodyHeight = rows - 4
        let previewWidth = min(100, columns * 2 / 5)
        return (columns - previewWidth + 2, 2 + 2, previewWidth - 2, bodyHeight - 3)
    }

    private func pixels(_ cells: (x: Int, y: Int, width: Int, height: Int), _ cell: (width: Int, height: Int)) -> Rect {
        Rect(x: cells.x * cell.width, y: cells.y * cell.height, width: cells.width * cell.width, height: cells.height * cell.height)
    }

    /// Returns true when the middle of the box shows a radiograph: mostly mid-grey pixels in many shades.
    func imageIsDrawn(in shot: Shot, cell: (width: Int, height: Int)) -> Bool {
        let b = box
        // The radiograph is nearly square, so the picture fills the box's width and more than half of its height.
        let inner = pixels((b.x + b.width / 4, b.y + 2, b.width / 2, b.height / 3), cell)
        let stats = shot.stats(inner)
        return stats.midGrey > 0.5 && stats.shades >= 24
    }

    /// Returns true when the text column has few mid-grey pixels (text is white, grey or coloured on black) and
    /// the key, status and hint lines under the box have few grey or white ones (an image there fills most of them).
    /// `includingBox` checks the box too, on a screen without the image.
    func textStaysText(in shot: Shot, cell: (width: Int, height: Int), includingBox: Bool = false) -> Bool {
        let b = box
        var regions = [pixels((0, 2, b.x - 3, rows - 4), cell)]
        if includingBox { regions.append(pixels(b, cell)) }
        return regions.allSatisfy { shot.stats($0).midGrey < 0.12 } && shot.stats(bottom(cell)).lit < 0.25
    }

    /// Returns the pixels of the key line, status bar and hint line under the preview box.
    private func bottom(_ cell: (width: Int, height: Int)) -> Rect {
        pixels((box.x, rows - 3, columns - box.x, 3), cell)
    }

    func describe(_ shot: Shot, cell: (width: Int, height: Int)) -> String {
        let b = box
        let inner = shot.stats(pixels((b.x + b.width / 4, b.y + 2, b.width / 2, b.height / 3), cell))
        let text = shot.stats(pixels((0, 2, b.x - 3, rows - 4), cell))
        let bottom = shot.stats(bottom(cell))
        return "shot \(shot.width)x\(shot.height), cell \(cell.width)x\(cell.height); box middle: mid-grey \(inner.midGrey), "
            + "\(inner.shades) shades; text column mid-grey \(text.midGrey); grey or white under the box \(bottom.lit)"
    }
}
