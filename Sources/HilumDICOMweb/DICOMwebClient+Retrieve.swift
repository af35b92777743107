import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// WADO-RS retrieval (PS3.18 10.4): instance metadata, rendered images and
/// the transfer syntax a frame is stored in. Every URL is built from UIDs
/// that `checkUID` accepted, under the study, so a study token scoped to
/// that study opens each of them.
extension DICOMwebClient {
    /// A VOI LUT window for rendering: the centre and width in the image's
    /// output units (Hounsfield units for CT), with a linear function.
    public struct Window: Hashable, Sendable {
        public var center: Double
        public var width: Double

        public init(center: Double, width: Double) {
            self.center = center
            self.width = width
        }

        /// The `window` query parameter value, `center,width,linear`.
        var parameter: String { "\(Self.format(center)),\(Self.format(width)),linear" }

        private static func format(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(value)
        }
    }

    /// The metadata of every instance in a series (`/studies/{s}/series/{se}/metadata`).
    public func instanceMetadata(study: String, series: String) throws(DICOMwebError) -> [DICOMDataset] {
        try Self.checkUID(study)
        try Self.checkUID(series)
        return try datasets(at: makeURL(path: "studies/\(study)/series/\(series)/metadata", query: []))
    }

    /// Fetches one instance rendered by the archive as PNG
    /// (`.../instances/{uid}/rendered`), windowed with `window` when given,
    /// else with the instance's own window, and scaled to fit `viewport`
    /// pixels when given.
    public func renderedPNG(study: String, series: String, instance: String, window: Window?,
                            viewport: (width: Int, height: Int)?) throws(DICOMwebError) -> Data {
        for uid in [study, series, instance] { try Self.checkUID(uid) }
        var query: [URLQueryItem] = []
        if let window { query.append(URLQueryItem(name: "window", value: window.parameter)) }
        if let viewport, viewport.width > 0, viewport.height > 0 {
            query.append(URLQueryItem(name: "viewport", value: "\(viewport.width),\(viewport.height)"))
        }
        let url = makeURL(path: "studies/\(study)/series/\(series)/instances/\(instance)/rendered", query: query)
        let response = try get(url, accept: "image/png")
        guard response.contentType?.lowercased().hasPrefix("image/png") == true else {
            throw .transport(url: Self.display(url), reason: "expected image/png, got \(response.contentType ?? "no Content-Type")")
        }
        return response.body
    }

    /// Returns the transfer syntax UID that the archive stores frame 1 of an
    /// instance in, read from the `transfer-syntax` parameter of the
    /// multipart response to a request that accepts any transfer syntax,
    /// or nil when the response does not name one. Downloads the frame: call
    /// it to explain a failure, not on every image.
    public func storedTransferSyntax(study: String, series: String, instance: String) throws(DICOMwebError) -> String? {
        for uid in [study, series, instance] { try Self.checkUID(uid) }
        let url = makeURL(path: "studies/\(study)/series/\(series)/instances/\(instance)/frames/1", query: [])
        let response = try get(url, accept: "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*")
        return Self.transferSyntax(inContentType: response.contentType ?? "")
    }

    /// Finds `transfer-syntax=UID` in a Content-Type header, whether at the
    /// top level or inside the quoted `type` parameter as Orthanc sends it.
    static func transferSyntax(inContentType header: String) -> String? {
        guard let range = header.range(of: "transfer-syntax=", options: .caseInsensitive) else { return nil }
        let uid = header[range.upperBound...].prefix { $0 == "." || $0.isASCIIDigit }
        return uid.isEmpty ? nil : String(uid)
    }
}
