import CPNG
import Foundation

/// Decodes PNG with libpng's simplified API into RGBA.
public enum PNGDecoder {
    /// The largest width or height accepted: a rendered image for a
    /// terminal preview is far smaller, and this bounds the memory an
    /// archive's response can make the worklist allocate (256 MiB at most).
    public static let maximumSide = 8192

    public static func decode(_ data: Data) throws(PreviewError) -> RGBAImage {
        guard data.count >= 8, data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw .invalidImage("the archive's response is not a PNG (\(data.count) bytes)")
        }
        // libpng reads from the buffer until png_image_finish_read returns, so both calls run inside one access.
        let bytes = [UInt8](data)
        return try bytes.withUnsafeBytes { decode(buffer: $0) }.get()
    }

    private static func decode(buffer: UnsafeRawBufferPointer) -> Result<RGBAImage, PreviewError> {
        var image = png_image()
        image.version = cpng_image_version()
        guard png_image_begin_read_from_memory(&image, buffer.baseAddress, buffer.count) != 0 else {
            return .failure(.invalidImage("invalid PNG: \(message(of: &image))"))
        }
        defer { png_image_free(&image) }
        let width = Int(image.width), height = Int(image.height)
        guard width > 0, height > 0, width <= maximumSide, height <= maximumSide else {
            return .failure(.invalidImage("the PNG is \(width)x\(height) pixels; at most \(maximumSide) on each side is accepted"))
        }
        image.format = cpng_format_rgba()
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        let finished = pixels.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, Int32(width * 4), nil) }
        guard finished != 0 else { return .failure(.invalidImage("invalid PNG data: \(message(of: &image))")) }
        return .success(RGBAImage(width: width, height: height, pixels: pixels))
    }

    /// Returns the text libpng stored in the image's `message` field.
    private static func message(of image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}

/// Encodes RGBA images as PNG with libpng's simplified API, for the
/// benchmark and tests that need a real PNG without an archive.
public enum PNGEncoder {
    public static func encode(_ image: RGBAImage) throws(PreviewError) -> Data {
        var png = png_image()
        png.version = cpng_image_version()
        png.width = UInt32(image.width)
        png.height = UInt32(image.height)
        png.format = cpng_format_rgba()
        var size = 0
        // The first call measures, the second writes.
        let measured = image.pixels.withUnsafeBytes { png_image_write_to_memory(&png, nil, &size, 0, $0.baseAddress, Int32(image.width * 4), nil) }
        guard measured != 0, size > 0 else { throw .invalidImage("libpng cannot encode a \(image.width)x\(image.height) image") }
        var output = [UInt8](repeating: 0, count: size)
        let written = output.withUnsafeMutableBytes { buffer in
            image.pixels.withUnsafeBytes { png_image_write_to_memory(&png, buffer.baseAddress, &size, 0, $0.baseAddress, Int32(image.width * 4), nil) }
        }
        guard written != 0 else { throw .invalidImage("libpng failed to encode a \(image.width)x\(image.height) image") }
        return Data(output.prefix(size))
    }
}
