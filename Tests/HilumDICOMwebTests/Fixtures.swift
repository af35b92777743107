import Foundation
import HilumDICOMweb
import XCTest

enum Fixture {
    static func data(_ name: String) throws -> Data {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil), "fixture \(name) missing")
        return try Data(contentsOf: url)
    }

    static func datasets(_ name: String) throws -> [DICOMDataset] {
        try DICOMDataset.parseList(data(name)).datasets
    }

    /// Parses a JSON literal written in a test.
    static func datasets(json: String) throws -> [DICOMDataset] {
        try DICOMDataset.parseList(Data(json.utf8)).datasets
    }
}
