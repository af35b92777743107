import Foundation
import HilumDICOMweb

/// One series of a study, as the series query returns it.
public struct PreviewSeries: Hashable, Sendable {
    public var uid: String
    public var number: Int?
    public var modality: String
    public var description: String

    public init(uid: String, number: Int?, modality: String, description: String) {
        self.uid = uid
        self.number = number
        self.modality = modality
        self.description = description
    }
}

/// Fetches what a preview needs from the study's archive with the grant's
/// credential: the series, each series' instances (from WADO-RS metadata)
/// and rendered images. Each call is one or two blocking requests: run it
/// off the main actor.
public struct StudyPreviewer: Sendable {
    public let studyUID: String
    private let client: DICOMwebClient
    /// The archive's scheme, host and port, for messages; the path and query name the study.
    private let archive: String

    /// Transfer syntaxes every archive decodes: implicit and explicit VR little endian, deflated, big endian.
    static let uncompressed: Set<String> = ["1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.2"]

    /// Uses the grant's DICOMweb root and credential; `credentialKind` is the
    /// grant's ("study-token", "bearer", "basic" or "none").
    public init(dicomwebURL: String, studyUID: String, credentialKind: String, token: String?, user: String?, password: String?,
                timeout: TimeInterval = 15) throws(PreviewError) {
        guard let url = URL(string: dicomwebURL), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw .invalidGrant("the grant's DICOMweb URL is not an http or https URL")
        }
        let auth: ArchiveAuth?
        switch credentialKind {
        case "study-token", "bearer":
            guard let token, !token.isEmpty else { throw .invalidGrant("the grant's \(credentialKind) credential has no token") }
            auth = credentialKind == "study-token" ? .studyToken(token) : .bearer(token)
        case "basic":
            guard let user else { throw .invalidGrant("the grant's basic credential has no user name") }
            auth = .basic(user: user, password: password ?? "")
        case "none":
            auth = nil
        default:
            throw .invalidGrant("the grant's credential kind \"\(credentialKind)\" is unknown; expected study-token, bearer, basic or none")
        }
        self.studyUID = studyUID
        archive = "\(scheme)://\(url.host ?? "")" + (url.port.map { ":\($0)" } ?? "")
        client = DICOMwebClient(baseURL: url, auth: auth, timeout: timeout)
    }

    /// Lists the study's series, by series number, then UID.
    public func series() throws(PreviewError) -> [PreviewSeries] {
        let datasets: [DICOMDataset]
        do {
            datasets = try client.series(studyUID)
        } catch {
            throw .from(error, archive: archive)
        }
        let series = datasets.compactMap { dataset -> PreviewSeries? in
            guard let uid = dataset.string(.seriesInstanceUID) else { return nil }
            return PreviewSeries(uid: uid, number: (try? dataset.integer(.seriesNumber)) ?? nil,
                                 modality: dataset.codeStrings(.modality).first ?? "", description: dataset.string(.seriesDescription) ?? "")
        }
        guard !series.isEmpty else { throw .noImages("The archive lists no series for this study.") }
        return series.sorted { ($0.number ?? Int.max, $0.uid) < ($1.number ?? Int.max, $1.uid) }
    }

    /// Lists the SOP instance UIDs of a series, by instance number, then UID.
    public func instances(of series: String) throws(PreviewError) -> [String] {
        let datasets: [DICOMDataset]
        do {
            datasets = try client.instanceMetadata(study: studyUID, series: series)
        } catch {
            throw .from(error, archive: archive)
        }
        let instances = datasets.compactMap { dataset -> (number: Int, uid: String)? in
            guard let uid = dataset.string(.sopInstanceUID) else { return nil }
            return ((try? dataset.integer(.instanceNumber)) ?? nil ?? Int.max, uid)
        }
        guard !instances.isEmpty else { throw .noImages("The archive lists no images in this series.") }
        return instances.sorted { ($0.number, $0.uid) < ($1.number, $1.uid) }.map(\.uid)
    }

    /// Fetches one instance rendered by the archive with `preset`, scaled to
    /// fit `viewport` pixels, and decodes it. When the archive fails to
    /// render, requests the stored transfer syntax to explain why.
    public func image(series: String, instance: String, preset: WindowPreset, viewport: (width: Int, height: Int)?) throws(PreviewError) -> RGBAImage {
        let png: Data
        do {
            png = try client.renderedPNG(study: studyUID, series: series, instance: instance, window: preset.window, viewport: viewport)
        } catch {
            throw explain(error, series: series, instance: instance)
        }
        return try PNGDecoder.decode(png)
    }

    /// Turns a failed render into the reason: access, a missing image, or a
    /// transfer syntax the archive cannot decode (Orthanc 1.10 without its
    /// GDCM plugin returns 400 for JPEG 2000).
    private func explain(_ error: DICOMwebError, series: String, instance: String) -> PreviewError {
        guard case let .httpStatus(_, status) = error else { return .from(error, archive: archive) }
        switch status {
        case 401, 403:
            return .accessRefused(status: status)
        case 404:
            return .noImages("The archive no longer has this image (HTTP 404).")
        case 400, 406, 415, 500...:
            guard let syntax = try? client.storedTransferSyntax(study: studyUID, series: series, instance: instance) else {
                return .cannotDecode(transferSyntax: nil)
            }
            return Self.uncompressed.contains(syntax) ? .from(error, archive: archive) : .cannotDecode(transferSyntax: syntax)
        default:
            return .from(error, archive: archive)
        }
    }
}
