/// A decoded image: 8-bit unassociated RGBA, rows top to bottom, no padding.
public struct RGBAImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt8]

    /// `pixels` must hold `width * height * 4` bytes.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height * 4, "RGBA buffer does not match \(width)x\(height)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A grey test card: a diagonal gradient with a bright disc and a dark
    /// square, so every rendering mode has edges and shades to draw. Used by
    /// `hilum bench preview` and the tests, with no network.
    public static func testCard(width: Int, height: Int) -> RGBAImage {
        var pixels = [UInt8](repeating: 255, count: width * height * 4)
        let radius = Double(min(width, height)) / 4
        for y in 0..<height {
            for x in 0..<width {
                var value = Double(x + y) / Double(width + height) * 200
                let dx = Double(x) - Double(width) * 0.35, dy = Double(y) - Double(height) * 0.5
                if dx * dx + dy * dy < radius * radius { value = 245 }
                if x > width * 6 / 10, x < width * 8 / 10, y > height * 3 / 10, y < height * 7 / 10 { value = 10 }
                let offset = (y * width + x) * 4
                pixels[offset] = UInt8(value)
                pixels[offset + 1] = UInt8(value)
                pixels[offset + 2] = UInt8(value)
            }
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }
}
