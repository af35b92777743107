import HilumPreview
import XCTest

final class StudyPreviewerTests: XCTestCase {
    private let study = "1.2.3.4"

    func testUnreachableArchiveNamesHostOnly() {
        // Port 9 (discard) on loopback: nothing listens there on a test machine.
        let previewer = try? StudyPreviewer(dicomwebURL: "http://127.0.0.1:9/dicom-web", studyUID: study, credentialKind: "none",
                                            token: nil, user: nil, password: nil, timeout: 5)
        XCTAssertThrowsError(try XCTUnwrap(previewer).series()) { error in
            XCTAssertEqual("\(error)", "No preview: cannot reach the archive at http://127.0.0.1:9; "
                + "check that it is running and that this machine may connect to it")
        }
    }

    func testInvalidURLIsRejected() {
        XCTAssertThrowsError(try StudyPreviewer(dicomwebURL: "ftp://archive/dicom-web", studyUID: study, credentialKind: "none",
                                                token: nil, user: nil, password: nil)) { error in
            XCTAssertEqual(error as? PreviewError, .invalidGrant("the grant's DICOMweb URL is not an http or https URL"))
        }
    }

    func testTokenCredentialNeedsToken() {
        XCTAssertThrowsError(try StudyPreviewer(dicomwebURL: "http://127.0.0.1:8042/dicom-web", studyUID: study, credentialKind: "study-token",
                                                token: "", user: nil, password: nil)) { error in
            XCTAssertEqual(error as? PreviewError, .invalidGrant("the grant's study-token credential has no token"))
        }
    }

    func testUnknownCredentialKindNamesChoices() {
        XCTAssertThrowsError(try StudyPreviewer(dicomwebURL: "http://127.0.0.1:8042/dicom-web", studyUID: study, credentialKind: "kerberos",
                                                token: nil, user: nil, password: nil)) { error in
            XCTAssertTrue("\(error)".contains("\"kerberos\" is unknown; expected study-token, bearer, basic or none"), "\(error)")
        }
    }

    func testInvalidStudyUIDIsRejectedBeforeAnyRequest() {
        let previewer = try? StudyPreviewer(dicomwebURL: "http://127.0.0.1:9/dicom-web", studyUID: "1.2/../../instances",
                                            credentialKind: "none", token: nil, user: nil, password: nil, timeout: 5)
        XCTAssertThrowsError(try XCTUnwrap(previewer).series()) { error in
            XCTAssertTrue("\(error)".contains("invalid study UID"), "\(error)")
        }
    }

    func testPresetsOnlyForCT() {
        XCTAssertEqual(WindowPreset.presets(forModality: "CT"), [.archive, .lung, .mediastinum, .bone, .brain])
        XCTAssertEqual(WindowPreset.presets(forModality: "CR"), [.archive])
        XCTAssertEqual(WindowPreset.lung.label, "lung C-600 W1500")
    }
}
