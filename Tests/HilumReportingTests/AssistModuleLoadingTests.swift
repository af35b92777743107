import Foundation
import HilumReporting
import XCTest

/// Loading modules that are malformed, unusual or written in the older
/// InsertValue style.
final class AssistModuleLoadingTests: XCTestCase {
    private func load(_ xml: String) throws -> AssistModule {
        try AssistModule(xml: Data(xml.utf8))
    }

    func testMalformedXMLNamesLine() {
        XCTAssertThrowsError(try load("<ReportingModule>\n<DataElements>\n</ReportingModule>")) { error in
            guard case .malformedXML(let line, _, _)? = error as? AssistError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(line, 3)
        }
    }

    func testTruncatedModuleIsRejected() throws {
        let full = try String(contentsOf: TestData.fixture("acr-assist/IF_AdrenalCT2.0.xml"), encoding: .utf8)
        for length in [10, 500, 4000, full.count / 2, full.count - 20] {
            XCTAssertThrowsError(try load(String(full.prefix(length))), "prefix \(length)")
        }
    }

    func testOtherRootIsRejected() {
        XCTAssertThrowsError(try load("<Module/>")) { error in
            XCTAssertEqual(error as? AssistError, .notAModule(rootElement: "Module"))
        }
    }

    private let inlineModule = """
        <ReportingModule>
          <Metadata><Label>Demo</Label><ID>demo</ID><Hologram/></Metadata>
          <DataElements>
            <NumericDataElement Id="size" IsRequired="true" DisplaySequence="1" Unit="mm">
              <Label>Size</Label><Minimum>0</Minimum><Maximum>100</Maximum>
            </NumericDataElement>
            <ChoiceDataElement Id="shape" DisplaySequence="2">
              <Label>Shape</Label>
              <ChoiceInfo><Choice><Value>round</Value><Label>Round</Label></Choice>
                <Choice><Value>lobular</Value><Label>Lobular</Label></Choice></ChoiceInfo>
            </ChoiceDataElement>
            <DurationDataElement Id="duration"><Label>Duration</Label></DurationDataElement>
            <ComputedDataElement Id="double">
              <DecisionPoint><Branch><SectionIf DataElementId="size"/>
                <ArithmeticExpression>({size} + {size}) * 1</ArithmeticExpression></Branch></DecisionPoint>
            </ComputedDataElement>
          </DataElements>
          <Rules>
            <DecisionPoint Id="main">
              <Branch>
                <AndCondition>
                  <BetweenCondition DataElementId="size" Start="10" End="20"/>
                  <NotCondition><EqualCondition DataElementId="shape" ComparisonValue="lobular"/></NotCondition>
                </AndCondition>
                <EndPointRef EndPointId="medium"/>
              </Branch>
              <Branch>
                <GreaterThanCondition DataElementId="size" ComparisonValue="20"/>
                <EndPointRef EndPointId="large"/>
              </Branch>
            </DecisionPoint>
          </Rules>
          <EndPoints>
            <TemplatePartial Id="sizeText"><Branch><ReportText>Size <InsertValue DataElementId="size"/></ReportText></Branch></TemplatePartial>
            <EndPoint Id="medium"><ReportSections><ReportSection SectionId="Findings"><Branch>
              <ReportText><InsertPartial PartialId="sizeText"/>, doubled <InsertValue DataElementId="double"/>.</ReportText>
              <SectionIf DataElementId="shape"/></Branch></ReportSection></ReportSections></EndPoint>
            <EndPoint Id="large"><ReportSections><ReportSection SectionId="Impression"><Branch>
              <ReportText>Large.</ReportText></Branch></ReportSection></ReportSections></EndPoint>
          </EndPoints>
        </ReportingModule>
        """

    func testUnknownElementsAreNotedAndSkipped() throws {
        let module = try load(inlineModule)
        XCTAssertEqual(module.dataElements.map(\.id), ["size", "shape", "double"])
        XCTAssertEqual(module.notes.count, 1)
        XCTAssertTrue(module.notes.first?.contains("<DurationDataElement>") ?? false)
    }

    func testInlineInsertValueAndBetween() throws {
        let module = try load(inlineModule)
        let evaluation = try module.evaluate(answers: ["size": .number(12), "shape": .choice("round")])
        XCTAssertEqual(evaluation.endPoints, ["medium"])
        XCTAssertEqual(evaluation.values["double"], .number(24))
        XCTAssertEqual(evaluation.reportText, "Findings\nSize 12 mm, doubled 24.")
    }

    func testSectionIfHidesBranchWithoutValue() throws {
        let evaluation = try load(inlineModule).evaluate(answers: ["size": .number(15)])
        XCTAssertEqual(evaluation.endPoints, ["medium"])
        XCTAssertEqual(evaluation.sections, [])
    }

    func testNotConditionAndGreaterThan() throws {
        let module = try load(inlineModule)
        XCTAssertEqual(try module.evaluate(answers: ["size": .number(15), "shape": .choice("lobular")]).endPoints, [])
        XCTAssertEqual(try module.evaluate(answers: ["size": .number(30)]).reportText, "Impression\nLarge.")
    }

    func testRequiredElementReportedMissing() throws {
        let evaluation = try load(inlineModule).evaluate(answers: [:])
        XCTAssertEqual(evaluation.missingRequired, ["size"])
        XCTAssertEqual(evaluation.endPoints, [])
    }

    func testWrongAnswerKindNamesElement() throws {
        XCTAssertThrowsError(try load(inlineModule).evaluate(answers: ["size": .choice("big")])) { error in
            XCTAssertEqual(error as? AssistError, .wrongAnswerKind(elementID: "size", expected: "a number"))
        }
    }
}
