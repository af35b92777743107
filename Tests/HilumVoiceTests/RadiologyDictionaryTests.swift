import Foundation
import XCTest
@testable import HilumVoice

final class RadiologyDictionaryTests: XCTestCase {
    private var repositoryFile: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Dictionaries/radiology.dict").path
    }

    func testEmbeddedTextMatchesFile() throws {
        let file = try String(contentsOfFile: repositoryFile, encoding: .utf8)
        XCTAssertEqual(RadiologyDictionary.text, file.trimmingCharacters(in: .newlines))
    }

    func testEntriesParseWithCMUPhones() throws {
        XCTAssertGreaterThan(RadiologyDictionary.entries.count, 50)
        let words = RadiologyDictionary.entries.map(\.word)
        XCTAssertEqual(words.count, Set(words).count, "a word is listed twice")
        for word in ["effusion", "pneumothorax", "atelectasis", "hypodense"] {
            XCTAssertTrue(words.contains(word), word)
        }
    }

    func testEveryWordAbsentFromStockDictionary() throws {
        let model = AcousticModel.standard()
        guard let stock = FileManager.default.contents(atPath: model.dictionaryPath) else {
            throw XCTSkip("pocketsphinx-en-us is not installed: \(model.dictionaryPath) is missing")
        }
        var stockWords: Set<Substring> = []
        for line in String(decoding: stock, as: UTF8.self).split(separator: "\n") {
            let word = line.prefix { !$0.isWhitespace && $0 != "(" }
            stockWords.insert(word)
        }
        for entry in RadiologyDictionary.entries {
            XCTAssertFalse(stockWords.contains(Substring(entry.word)), "\(entry.word) is already in the stock dictionary")
        }
    }

    func testUnknownPhoneRejected() {
        XCTAssertThrowsError(try PronunciationEntry.parse("effusion IH F Y UW ZH AX N", name: "extra.dict")) { error in
            XCTAssertTrue("\(error)".contains("\"AX\" is not a CMU phone"), "\(error)")
        }
    }

    func testUppercaseWordRejected() {
        XCTAssertThrowsError(try PronunciationEntry.parse("Effusion IH F Y UW ZH AH N", name: "extra.dict"))
    }
}
