import Dispatch
import Foundation
import HilumPreview

extension BenchCommands {
    static let preview = Command(
        path: ["bench", "preview"], summary: "measure drawing a key image with libchafa",
        help: """
        Usage: hilum bench preview [--size WxH] [--image WxH] [--runs N] [--json]

        Draws a generated grey test card (a gradient with a disc and a
        square, the size of a CT slice by default) as the Case screen's
        preview does, with no archive and no network, and reports the median
        and the slowest of N runs, in milliseconds, for each mode:

          decode_ms         decoding the card as a PNG (libpng)
          text_ms           symbols without colour (tmux, NO_COLOR)
          symbols_256_ms    symbols in the 256-colour palette
          sixel_ms          a sixel image
          kitty_ms          a kitty graphics image

        within_target is true when every median is at most 50 ms.

          --size WxH    the preview box in cells (default 80x40)
          --image WxH   the test card in pixels (default 512x512)
          --runs N      runs per mode after one warm-up (default 20)
        """,
        flags: ["json"], options: ["size", "image", "runs", "json", "home"], run: runPreview)

    static let previewTargetMilliseconds = 50.0

    static func runPreview(_ arguments: inout Arguments, _ environment: Environment) throws -> Int32 {
        let box = try dimensions(arguments.option("size") ?? "80x40", option: "--size", range: 4...1000)
        let card = try dimensions(arguments.option("image") ?? "512x512", option: "--image", range: 16...PNGDecoder.maximumSide)
        let runs = try arguments.integer("runs", default: 20, range: 1...10_000)
        let json = arguments.flag("json")
        try arguments.rejectUnknown(known: preview.options)

        let image = RGBAImage.testCard(width: card.width, height: card.height)
        let png = try PNGEncoder.encode(image)
        var figures: [(name: String, median: Double, max: Double)] = []
        figures.append(measure("decode_ms", runs: runs) { _ = try? PNGDecoder.decode(png) })
        let modes: [(String, PreviewMode)] = [("text_ms", .symbols(.none)), ("symbols_256_ms", .symbols(.palette256)),
                                              ("sixel_ms", .sixel), ("kitty_ms", .kitty)]
        for (name, mode) in modes {
            figures.append(measure(name, runs: runs) { _ = ChafaRenderer.render(image, columns: box.width, rows: box.height, mode: mode) })
        }
        let within = figures.allSatisfy { $0.median <= previewTargetMilliseconds }

        if json {
            var result: [String: Any] = ["size": "\(box.width)x\(box.height)", "image": "\(card.width)x\(card.height)", "runs": runs,
                                         "target_ms": previewTargetMilliseconds, "within_target": within,
                                         "cores": ProcessInfo.processInfo.activeProcessorCount]
            for figure in figures {
                result[figure.name] = rounded(figure.median)
                result[figure.name.replacingOccurrences(of: "_ms", with: "_max_ms")] = rounded(figure.max)
            }
            printJSON(result)
        } else {
            print("preview \(box.width)x\(box.height) cells from a \(card.width)x\(card.height) image, median and max of \(runs) runs")
            for figure in figures {
                print("\(figure.name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(String(format: "%.2f", figure.median)) ms, max \(String(format: "%.2f", figure.max)) ms")
            }
            print(within ? "every median is within the 50 ms target" : "a median exceeds the 50 ms target")
        }
        return 0
    }

    /// Runs `body` once to warm up, then `runs` times; returns the median and the maximum in milliseconds.
    private static func measure(_ name: String, runs: Int, _ body: () -> Void) -> (name: String, median: Double, max: Double) {
        body()
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        times.sort()
        return (name, times[times.count / 2], times.last ?? 0)
    }

    private static func dimensions(_ text: String, option: String, range: ClosedRange<Int>) throws -> (width: Int, height: Int) {
        let parts = text.split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, range.contains(parts[0]), range.contains(parts[1]) else {
            throw UsageError("\(option) '\(text)' is not WIDTHxHEIGHT with each side from \(range.lowerBound) to \(range.upperBound), such as 80x40")
        }
        return (parts[0], parts[1])
    }
}
