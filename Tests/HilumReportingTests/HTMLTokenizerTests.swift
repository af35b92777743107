@testable import HilumReporting
import XCTest

/// The lenient HTML reader on awkward and broken input.
final class HTMLTokenizerTests: XCTestCase {
    private func document(_ html: String) -> MarkupElement {
        MarkupTreeBuilder(dialect: .html).build(html).document
    }

    func testUnquotedAttributesEntitiesAndVoidElements() {
        let root = document("<p class=x title='a &amp; b'>Size &lt; 5&nbsp;mm<br><input type=text id=f1 disabled></p>")
        let paragraph = root.descendants(named: "p")[0]
        XCTAssertEqual(paragraph.attribute("class"), "x")
        XCTAssertEqual(paragraph.attribute("TITLE"), "a & b")
        XCTAssertEqual(paragraph.textContent(), "Size < 5\u{00A0}mm")
        XCTAssertEqual(root.descendants(named: "input").first?.attribute("id"), "f1")
        XCTAssertEqual(root.descendants(named: "input").first?.attribute("disabled"), "")
    }

    func testScriptIsRawTextAndCommentsSkipped() {
        let root = document("<!-- <p>hidden</p> --><script type=text/xml><a><b></script><p>shown</p>")
        XCTAssertEqual(root.descendants(named: "script").first?.textContent(), "<a><b>")
        XCTAssertEqual(root.descendants(named: "p").map { $0.textContent() }, ["shown"])
    }

    func testNumericReferencesAndUnknownNames() {
        XCTAssertEqual(HTMLEntities.decode("&#8805;10 &#x2264; &bogus; &"), "≥10 ≤ &bogus; &")
    }

    func testOptionsCloseEachOtherAndLinesCount() {
        let root = document("<select>\n<option value=a>A\n<option value=b>B</select>")
        let options = root.descendants(named: "option")
        XCTAssertEqual(options.map { $0.attribute("value") }, ["a", "b"])
        XCTAssertEqual(options.map(\.line), [2, 3])
    }

    func testMalformedInputNeverCrashes() throws {
        let samples = ["<", "<<<>>>", "<a", "<a b=\"unterminated", "</p></div>", "<!--", "<script>", "<textarea>x",
                       "<p \u{0}>", "&#xFFFFFFFF;", "&#0;", String(repeating: "<div>", count: 5000),
                       String(repeating: "<section data-section-name=x>", count: 400)]
        for sample in samples {
            _ = document(sample)
            _ = try? TemplateImporter(conformance: .lenient).importTemplate(html: sample)
        }
        let real = try TestData.fixtureText("mrrt-openmrs/CTChestAbdomen.html")
        for length in stride(from: 0, to: real.count, by: 37) {
            _ = try? TemplateImporter().importTemplate(html: String(real.prefix(length)))
        }
    }

    func testDeepNestingIsFlattenedWithNote() {
        let (_, notes) = MarkupTreeBuilder(dialect: .html).build(String(repeating: "<div>", count: 1000))
        XCTAssertTrue(notes.contains { $0.message.contains("nested deeper than 256 levels") })
    }

    func testErrorsNameLineAndFix() throws {
        let html = """
            <html><head><meta charset="UTF-8"/><title>T</title>
            <meta name="dcterms.title" content="T"/><meta name="dcterms.identifier" content="1.2"/>
            <script type="text/xml"><template_attributes><coding_schemes/>
            <term><code value="RID1" scheme="RADLEX"/></term></template_attributes></script></head>
            <body><section data-section-name="A"><header>A</header></section></body></html>
            """
        XCTAssertThrowsError(try TemplateImporter().importTemplate(html: html, source: "t.html")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("line 4: <code> element is missing required attributes: meaning"), text)
            XCTAssertTrue(text.contains("give every <code> the attributes meaning, value and scheme"), text)
        }
    }
}
