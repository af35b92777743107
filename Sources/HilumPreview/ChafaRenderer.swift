import CChafa

/// Draws decoded images with libchafa, either as symbols in character
/// cells or as a sixel or kitty escape sequence.
public enum ChafaRenderer {
    /// Renders `image` to fit `columns` by `rows` cells, keeping its aspect
    /// ratio for cells of `cell` pixels. The picture may be smaller than
    /// the box in one direction, never larger.
    public static func render(_ image: RGBAImage, columns: Int, rows: Int, mode: PreviewMode,
                              cell: CellPixelSize = .fallback) -> PreviewPicture {
        let cell = cell.width > 0 && cell.height > 0 ? cell : .fallback
        var width = Int32(max(1, columns)), height = Int32(max(1, rows))
        // chafa_calc_canvas_geometry takes the font ratio as cell width over cell height.
        chafa_calc_canvas_geometry(Int32(image.width), Int32(image.height), &width, &height,
                                   Float(cell.width) / Float(cell.height), 1, 0)
        width = max(1, min(width, Int32(columns)))
        height = max(1, min(height, Int32(rows)))

        let config = chafa_canvas_config_new()!
        defer { chafa_canvas_config_unref(config) }
        chafa_canvas_config_set_geometry(config, width, height)
        chafa_canvas_config_set_cell_geometry(config, Int32(cell.width), Int32(cell.height))
        let symbols = chafa_symbol_map_new()!
        defer { chafa_symbol_map_unref(symbols) }
        // Single-width symbols that every Unicode table tmux and glibc use knows: no sextants, no braille.
        let tags = CHAFA_SYMBOL_TAG_SPACE.rawValue | CHAFA_SYMBOL_TAG_SOLID.rawValue | CHAFA_SYMBOL_TAG_BLOCK.rawValue
            | CHAFA_SYMBOL_TAG_HALF.rawValue | CHAFA_SYMBOL_TAG_QUAD.rawValue | CHAFA_SYMBOL_TAG_STIPPLE.rawValue
        chafa_symbol_map_add_by_tags(symbols, ChafaSymbolTags(rawValue: tags))
        chafa_canvas_config_set_symbol_map(config, symbols)

        switch mode {
        case .symbols(let colors):
            chafa_canvas_config_set_pixel_mode(config, CHAFA_PIXEL_MODE_SYMBOLS)
            chafa_canvas_config_set_canvas_mode(config, canvasMode(colors))
        case .sixel:
            chafa_canvas_config_set_pixel_mode(config, CHAFA_PIXEL_MODE_SIXELS)
            chafa_canvas_config_set_canvas_mode(config, CHAFA_CANVAS_MODE_TRUECOLOR)
        case .kitty:
            chafa_canvas_config_set_pixel_mode(config, CHAFA_PIXEL_MODE_KITTY)
            chafa_canvas_config_set_canvas_mode(config, CHAFA_CANVAS_MODE_TRUECOLOR)
        }

        let canvas = chafa_canvas_new(config)!
        defer { chafa_canvas_unref(canvas) }
        image.pixels.withUnsafeBufferPointer {
            chafa_canvas_draw_all_pixels(canvas, CHAFA_PIXEL_RGBA8_UNASSOCIATED, $0.baseAddress,
                                         Int32(image.width), Int32(image.height), Int32(image.width * 4))
        }

        switch mode {
        case .symbols(let colors):
            return .cells(columns: Int(width), rows: Int(height), cells(of: canvas, width: width, height: height, colors: colors))
        case .sixel, .kitty:
            return .sequence(sequence(of: canvas, mode: mode), columns: Int(width), rows: Int(height))
        }
    }

    private static func canvasMode(_ colors: SymbolColors) -> ChafaCanvasMode {
        switch colors {
        case .none: CHAFA_CANVAS_MODE_FGBG
        case .palette16: CHAFA_CANVAS_MODE_INDEXED_16
        case .palette256: CHAFA_CANVAS_MODE_INDEXED_240
        }
    }

    private static func cells(of canvas: OpaquePointer, width: Int32, height: Int32, colors: SymbolColors) -> [PreviewCell] {
        var result: [PreviewCell] = []
        result.reserveCapacity(Int(width * height))
        for y in 0..<height {
            for x in 0..<width {
                let code = chafa_canvas_get_char_at(canvas, x, y)
                let symbol = Unicode.Scalar(code).map(Character.init) ?? " "
                guard colors != .none else {
                    result.append(PreviewCell(symbol: symbol))
                    continue
                }
                // In the indexed canvas modes the raw colours are palette indexes; negative means transparent.
                var foreground: Int32 = -1, background: Int32 = -1
                chafa_canvas_get_raw_colors_at(canvas, x, y, &foreground, &background)
                result.append(PreviewCell(symbol: symbol, foreground: paletteIndex(foreground), background: paletteIndex(background)))
            }
        }
        return result
    }

    private static func paletteIndex(_ raw: Int32) -> UInt8? {
        (0...255).contains(raw) ? UInt8(raw) : nil
    }

    /// The escape sequence that chafa prints for the canvas with the sequences of a terminal of that kind.
    private static func sequence(of canvas: OpaquePointer, mode: PreviewMode) -> String {
        let info = TerminalGraphics.termInfo(for: mode)
        defer { chafa_term_info_unref(info) }
        guard let printed = chafa_canvas_print(canvas, info) else { return "" }
        defer { cchafa_gstring_free(printed) }
        let bytes = UnsafeRawBufferPointer(start: cchafa_gstring_bytes(printed), count: cchafa_gstring_length(printed))
        return String(decoding: bytes, as: UTF8.self)
    }
}
