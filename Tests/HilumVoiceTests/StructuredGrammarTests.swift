import XCTest
import HilumReporting
@testable import HilumVoice

/// The structured grammar of the built-in CT chest template, mapped back
/// without audio: which fields each sentence fills.
final class StructuredGrammarTests: XCTestCase {
    private func grammar() throws -> StructuredGrammar {
        let template = try XCTUnwrap(BuiltInTemplates.all.first { $0.key == "ct-chest" }).load()
        return StructuredGrammar(template: template) { _ in true }
    }

    func testNoduleSentenceFillsFourFields() throws {
        let fills = try grammar().fills(for: "there is a seven millimeter solid nodule in the right upper lobe")
        XCTAssertEqual(fills, [
            StructuredFill(fieldID: "ct_chest_nodule_long_axis", value: .number(7)),
            StructuredFill(fieldID: "ct_chest_nodule_composition", value: .choice("solid")),
            StructuredFill(fieldID: "ct_chest_nodule_multiplicity", value: .choice("single")),
            StructuredFill(fieldID: "ct_chest_nodule_location", value: .choice("RUL")),
        ])
    }

    func testTwoSizesFillBothAxes() throws {
        let fills = try grammar().fills(for: "there are twelve by nine millimeter part solid nodules")
        XCTAssertTrue(fills.contains(StructuredFill(fieldID: "ct_chest_nodule_long_axis", value: .number(12))))
        XCTAssertTrue(fills.contains(StructuredFill(fieldID: "ct_chest_nodule_short_axis", value: .number(9))))
        XCTAssertTrue(fills.contains(StructuredFill(fieldID: "ct_chest_nodule_multiplicity", value: .choice("multiple"))))
    }

    func testRecommendationFillsText() throws {
        XCTAssertEqual(try grammar().fills(for: "recommend follow up c t in twelve months"),
                       [StructuredFill(fieldID: "ct_chest_recommendation", value: .text("Follow-up CT in 12 months."))])
    }

    func testRecommendationUnitAgreesWithNumber() throws {
        XCTAssertEqual(try grammar().fills(for: "recommend follow up m r i in one years").first?.value, .text("Follow-up MRI in 1 year."))
        XCTAssertEqual(try grammar().fills(for: "recommend follow up m r i in six month").first?.value, .text("Follow-up MRI in 6 months."))
    }

    func testOptionSaidAloneFillsItsField() throws {
        XCTAssertEqual(try grammar().fills(for: "right pleural effusion"),
                       [StructuredFill(fieldID: "ct_chest_pleura", value: .choice("effusion-right"))])
    }

    func testUnrelatedWordsFillNothing() throws {
        XCTAssertEqual(try grammar().fills(for: "the weather is nice today"), [])
        XCTAssertEqual(try grammar().fills(for: "there is a seven millimeter solid nodule in the kitchen"), [])
    }

    func testEveryExampleFillsSomething() throws {
        let grammar = try grammar()
        for phrase in grammar.examplePhrases {
            XCTAssertFalse(grammar.fills(for: phrase).isEmpty, phrase)
        }
    }

    func testUnknownWordsLeaveOptionsOut() throws {
        let template = try XCTUnwrap(BuiltInTemplates.all.first { $0.key == "ct-chest" }).load()
        let grammar = StructuredGrammar(template: template) { $0 != "pneumothorax" }
        XCTAssertFalse(grammar.jsgf.contains("pneumothorax"))
        XCTAssertEqual(grammar.fills(for: "pneumothorax"), [])
    }

    func testSpokenNumbersRoundTrip() {
        for number in [0, 7, 13, 20, 42, 99, 100, 365] {
            let words = SpokenNumbers.words(number).split(separator: " ").map(String.init)
            XCTAssertEqual(SpokenNumbers.parse(ArraySlice(words))?.value, number)
        }
        XCTAssertNil(SpokenNumbers.parse([]))
    }

    func testWordAccuracyCountsErrors() {
        XCTAssertEqual(WordAccuracy.accuracy([("next field", "next field")]), 1)
        XCTAssertEqual(WordAccuracy.accuracy([("open next case", "open case")]), 1 - 1.0 / 3, accuracy: 1e-9)
        XCTAssertEqual(WordAccuracy.accuracy([("accept", "")]), 0)
    }
}
