import Foundation

/// Reads RIFF/WAVE files holding 16 kHz mono 16-bit PCM, the only format
/// the acoustic model was trained on. Anything else is rejected with the
/// format found and a `sox` command that converts it.
public enum WAVReader {
    /// Reads the file at `path`.
    public static func read(path: String) throws(VoiceError) -> PCMAudio {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw VoiceError("cannot read audio file \(path): it does not exist or is not readable")
        }
        return try parse(data, name: path)
    }

    /// Parses WAV bytes; `name` identifies the source in errors.
    public static func parse(_ data: Data, name: String) throws(VoiceError) -> PCMAudio {
        let bytes = [UInt8](data)
        guard bytes.count >= 12, ascii(bytes, 0, 4) == "RIFF", ascii(bytes, 8, 4) == "WAVE" else {
            throw VoiceError("\(name) is not a WAV file (no RIFF/WAVE header); convert it with \(conversionHint(name))")
        }
        var format: (tag: UInt16, channels: UInt16, rate: UInt32, bits: UInt16)?
        var offset = 12
        while offset + 8 <= bytes.count {
            let id = ascii(bytes, offset, 4)
            let size = Int(littleEndian32(bytes, offset + 4))
            let body = offset + 8
            guard size <= bytes.count - body else {
                if id == "data", let format {
                    // A recorder stopped mid-write leaves the data size too
                    // large; the samples present are still usable.
                    return try samples(bytes, body, bytes.count - body, format: format, name: name)
                }
                throw VoiceError("\(name) is truncated: chunk \"\(id)\" declares \(size) bytes but \(bytes.count - body) remain")
            }
            switch id {
            case "fmt ":
                guard size >= 16 else { throw VoiceError("\(name) has a \"fmt \" chunk of \(size) bytes; a WAV format chunk has at least 16") }
                format = (littleEndian16(bytes, body), littleEndian16(bytes, body + 2), littleEndian32(bytes, body + 4),
                          littleEndian16(bytes, body + 14))
            case "data":
                guard let format else { throw VoiceError("\(name) has its data chunk before the \"fmt \" chunk") }
                return try samples(bytes, body, size, format: format, name: name)
            default:
                break
            }
            offset = body + size + (size & 1)
        }
        throw VoiceError(format == nil ? "\(name) has no \"fmt \" chunk" : "\(name) has no data chunk")
    }

    private static func samples(_ bytes: [UInt8], _ start: Int, _ size: Int,
                                format: (tag: UInt16, channels: UInt16, rate: UInt32, bits: UInt16),
                                name: String) throws(VoiceError) -> PCMAudio {
        // Format tag 1 is PCM; 0xFFFE (WAVE_FORMAT_EXTENSIBLE) is accepted
        // because sox writes it for some inputs, and the other checks still apply.
        var problems: [String] = []
        if format.tag != 1 && format.tag != 0xFFFE { problems.append("format tag \(format.tag) (need 1, PCM)") }
        if format.channels != 1 { problems.append("\(format.channels) channels (need 1, mono)") }
        if format.rate != UInt32(PCMAudio.sampleRate) { problems.append("\(format.rate) Hz (need 16000 Hz)") }
        if format.bits != 16 { problems.append("\(format.bits)-bit samples (need 16-bit)") }
        guard problems.isEmpty else {
            throw VoiceError("\(name) has \(problems.joined(separator: ", ")); convert it with \(conversionHint(name))")
        }
        let count = size / 2
        var samples = [Int16](repeating: 0, count: count)
        for index in 0..<count {
            samples[index] = Int16(bitPattern: UInt16(bytes[start + 2 * index]) | UInt16(bytes[start + 2 * index + 1]) << 8)
        }
        return PCMAudio(samples: samples)
    }

    static func conversionHint(_ name: String) -> String {
        "sox '\(name)' -r 16000 -c 1 -b 16 -e signed-integer out.wav"
    }

    private static func ascii(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> String {
        String(decoding: bytes[offset..<offset + count], as: UTF8.self)
    }

    private static func littleEndian16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private static func littleEndian32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
    }
}
