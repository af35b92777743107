import HilumDICOMweb

/// A reason a preview shows no image. `description` is the text the Case
/// screen shows: it names what failed and what to do, and never contains
/// the token or any patient data.
public enum PreviewError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The archive returned 401 or 403: the credential is wrong, expired or for another study.
    case accessRefused(status: Int)
    /// The archive stores the image in a transfer syntax it cannot decode.
    case cannotDecode(transferSyntax: String?)
    /// The study has no series, or the series no instances, on the archive.
    case noImages(String)
    /// The grant has no usable archive URL or credential.
    case invalidGrant(String)
    /// The archive's response is not an image Hilum can decode.
    case invalidImage(String)
    /// The archive could not be reached or failed otherwise.
    case archive(String)

    public var description: String {
        switch self {
        case let .accessRefused(status):
            "Access refused by the archive (HTTP \(status)): the grant's credential is expired or not for this study; "
                + "ask the client for a new grant"
        case let .cannotDecode(syntax?):
            "The archive cannot decode this image (\(TransferSyntax.name(of: syntax)), transfer syntax \(syntax)); "
                + "an Orthanc archive needs its GDCM plugin (Debian package orthanc-gdcm) for it, or open the viewer (v)"
        case .cannotDecode(nil):
            "The archive cannot render this image and does not say its transfer syntax; check the archive's log or open the viewer (v)"
        case let .noImages(what):
            what
        case let .invalidGrant(reason):
            "No preview: \(reason)"
        case let .invalidImage(reason):
            "No preview: \(reason)"
        case let .archive(reason):
            "No preview: \(reason)"
        }
    }

    /// Maps a DICOMweb failure of a metadata or image request to the archive at `archive` (scheme, host and port only).
    static func from(_ error: DICOMwebError, archive: String) -> PreviewError {
        switch error {
        case let .httpStatus(_, status) where status == 401 || status == 403:
            .accessRefused(status: status)
        case .transport, .timedOut:
            .archive("cannot reach the archive at \(archive); check that it is running and that this machine may connect to it")
        default:
            .archive(error.description)
        }
    }
}

/// Names of the compressed transfer syntaxes an archive may fail to decode (PS3.6 Annex A).
public enum TransferSyntax {
    public static func name(of uid: String) -> String {
        switch uid {
        case "1.2.840.10008.1.2.4.90": "JPEG 2000 lossless"
        case "1.2.840.10008.1.2.4.91": "JPEG 2000"
        case "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81": "JPEG-LS"
        case "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51": "JPEG"
        case "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70": "JPEG lossless"
        case "1.2.840.10008.1.2.5": "RLE lossless"
        case "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203": "HTJ2K"
        default: "a compressed encoding"
        }
    }
}
