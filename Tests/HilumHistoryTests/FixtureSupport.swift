import Foundation
import HilumHistory
import XCTest

/// Fixture loading and the three studies every bundle is summarised for.
enum Fixtures {
    /// Ages and `within:` periods in the tests count to this day.
    static let referenceDay = "2024-06-01"

    static let chestCTContrast = StudyContext(modality: "CT", bodyRegion: "CHEST", contrast: true)
    static let headCT = StudyContext(modality: "CT", bodyRegion: "HEAD", contrast: false)
    static let abdomenCT = StudyContext(modality: "CT", bodyRegion: "ABDOMEN", contrast: true)
    static let studies = [chestCTContrast, headCT, abdomenCT]

    static let syntheaNames = ["synthea-1012007", "synthea-1046675", "synthea-1361736", "synthea-1386506",
                               "synthea-880930", "synthea-juvenile-covid"]

    static func url(_ name: String, in folder: String) throws -> URL {
        try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures/\(folder)"),
                      "missing fixture Fixtures/\(folder)/\(name).json")
    }

    static func synthea(_ name: String) throws -> FHIRRecord {
        try FHIRReader.read(contentsOf: url(name, in: "synthea"))
    }

    static func edgeCase(_ folder: String) throws -> FHIRRecord {
        try FHIRReader.read(contentsOf: url("bundle", in: "edge-cases/\(folder)"))
    }

    static func summary(_ record: FHIRRecord, _ study: StudyContext) -> HistorySummary {
        HistorySummarizer.summarize(record, for: study, referenceDay: referenceDay)
    }
}

extension HistorySummary {
    func section(_ heading: String) -> Section? {
        sections.first { $0.heading == heading }
    }

    var allItems: [Item] {
        sections.flatMap(\.items)
    }

    func items(containing text: String) -> [Item] {
        allItems.filter { $0.text.localizedCaseInsensitiveContains(text) }
    }
}
