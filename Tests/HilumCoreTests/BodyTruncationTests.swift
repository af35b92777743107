import HilumCore
import XCTest

/// Bodies cut short inside an otherwise complete event: the event's own
/// length field matches the shortened body, so only the body decoder can
/// notice, and it must name the field it was reading.
final class BodyTruncationTests: XCTestCase {
    func testTruncatedAtEveryPrefixOfEveryBody() {
        for sample in bodySamples {
            let body = sample.encoded
            for length in 0..<body.count {
                guard let expected = sample.layout.truncationError(atLength: length) else {
                    XCTFail("\(sample.name): layout has no error for \(length) of \(body.count) bytes")
                    continue
                }
                assertBodyError(expected, kind: sample.kind, body: Array(body.prefix(length)),
                                "\(sample.name), first \(length) bytes")
            }
        }
    }

    func testEmptyBodyNamesVersionField() {
        assertBodyError(.truncated(field: "device.version", needed: 1, available: 0), kind: .device, body: [])
        assertBodyError(.truncated(field: "follow-up-recommendation.version", needed: 1, available: 0),
                        kind: .followUpRecommendation, body: [])
    }

    func testTruncatedInsideSealedCiphertext() {
        let report = ReportBody(posting: Keys.posting, contentHash: key(0xC7), sealed: sampleSealed(to: [Keys.clientIdentity]))
        let body = report.encoded()
        assertBodyError(.truncated(field: "report.sealed.ciphertext", needed: 272, available: 271),
                        kind: .report, body: Array(body.dropLast()))
    }

    func testTruncatedInsideOptionalText() {
        let posting = PostingBody(modality: "CT", bodyRegion: "HEAD", procedure: "CT HEAD WO CONTRAST", priority: .stat,
                                  deadlineSeconds: 1_800, price: 9_000, currency: "USD", jurisdiction: "US",
                                  subspecialty: "NEURO", seriesCount: 2, instanceCount: 180)
        // The fields before the subspecialty: version, modality, body region, procedure,
        // priority, deadline, price, currency and jurisdiction.
        let before = 1 + (4 + 2) + (4 + 4) + (4 + 19) + 1 + 4 + 8 + (4 + 3) + (4 + 2)
        // Keep the presence flag, the length of "NEURO" and two of its five bytes.
        let body = Array(posting.encoded().prefix(before + 1 + 4 + 2))
        assertBodyError(.truncated(field: "posting.subspecialty", needed: 5, available: 2), kind: .posting, body: body)
    }
}
