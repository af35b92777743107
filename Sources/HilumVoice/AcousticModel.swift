import Foundation

/// The files of a PocketSphinx acoustic model and its pronunciation
/// dictionary. Debian's pocketsphinx-en-us puts the US English model in
/// `/usr/share/pocketsphinx/model/en-us`; `HILUM_VOICE_MODEL` names another
/// directory laid out the same way.
public struct AcousticModel: Sendable, Equatable {
    public static let debianDirectory = "/usr/share/pocketsphinx/model/en-us"

    /// Directory of the HMM (mdef, means, variances, …).
    public var hmmDirectory: String
    /// CMU-format pronunciation dictionary.
    public var dictionaryPath: String
    /// Phone bigram model for the phone-loop search that scores rejection.
    public var phoneModelPath: String

    public init(directory: String) {
        hmmDirectory = directory + "/en-us"
        dictionaryPath = directory + "/cmudict-en-us.dict"
        phoneModelPath = directory + "/en-us-phone.lm.bin"
    }

    /// The model named by `HILUM_VOICE_MODEL`, else Debian's.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> AcousticModel {
        AcousticModel(directory: environment["HILUM_VOICE_MODEL"] ?? debianDirectory)
    }

    /// Throws naming the first missing file and the package that provides it.
    public func validate() throws(VoiceError) {
        for path in [hmmDirectory + "/mdef", hmmDirectory + "/means", dictionaryPath, phoneModelPath]
        where !FileManager.default.fileExists(atPath: path) {
            throw VoiceError("speech model file \(path) is missing: install pocketsphinx-en-us (apt-get install pocketsphinx-en-us) "
                             + "or set HILUM_VOICE_MODEL to a directory with en-us/, cmudict-en-us.dict and en-us-phone.lm.bin")
        }
    }
}
