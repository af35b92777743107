/// Why audio could not be read or speech could not be decoded. The
/// messages name the file or value and what to do; they never carry what
/// was said, because dictation may contain patient data.
public struct VoiceError: Error, Equatable, CustomStringConvertible, Sendable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
