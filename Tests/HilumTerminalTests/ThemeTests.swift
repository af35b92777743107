import Foundation
import XCTest
@testable import HilumTerminal

final class ThemeTests: XCTestCase {
    static var themesDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Themes").path
    }

    var shippedThemes: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: ThemeTests.themesDirectory)) ?? [])
            .filter { $0.hasSuffix(".theme") }.sorted()
    }

    func testAllFiveThemesShipped() {
        XCTAssertEqual(shippedThemes, ["colorblind.theme", "default.theme", "high-contrast.theme", "light.theme", "monochrome.theme"])
    }

    func testEveryShippedThemeLoadsAndLintsClean() throws {
        for file in shippedThemes {
            let theme = try Theme.load(path: ThemeTests.themesDirectory + "/" + file)
            XCTAssertEqual(ThemeLinter.lint(theme).map(\.description), [], file)
        }
    }

    func testDefaultFileMatchesBuiltIn() throws {
        let text = try String(contentsOfFile: ThemeTests.themesDirectory + "/default.theme", encoding: .utf8)
        XCTAssertEqual(text.trimmingCharacters(in: .newlines), DefaultTheme.source)
    }

    func testDefaultDefinesEveryRole() throws {
        let document = try ThemeDocument(parsing: DefaultTheme.source, file: "default.theme")
        XCTAssertEqual(Set(document.roles.keys), Set(Role.catalog.map(\.role)))
    }

    func testCatalogNamesAreUnique() {
        XCTAssertEqual(Set(Role.catalog.map(\.role.name)).count, Role.catalog.count)
    }

    func testPartialThemeFallsBackToDefault() throws {
        let theme = try Theme.load(text: "name = mine\n[roles]\npriority.stat = fg:bright-magenta bold\n", file: "mine.theme")
        XCTAssertEqual(theme[.priorityStat].foreground, .indexed(13))
        XCTAssertEqual(theme[.rowSelected], Theme.standard[.rowSelected])
    }

    func testPartialPaletteRecoloursDefaultRoles() throws {
        let theme = try Theme.load(text: "[palette]\naccent = #00af87\n", file: "mine.theme")
        XCTAssertEqual(theme[.rowSelected].background, .rgb(0x00, 0xAF, 0x87))
    }

    func testUnknownRoleNamesLineAndSuggestion() {
        XCTAssertThrowsError(try Theme.load(text: "[roles]\n\nrow.selcted = reverse\n", file: "mine.theme")) { error in
            XCTAssertEqual("\(error)", "mine.theme:3: unknown role \"row.selcted\"; did you mean \"row.selected\"?")
        }
    }

    func testUnknownColourNameSuggestsPaletteEntry() {
        XCTAssertThrowsError(try Theme.load(text: "[roles]\nheader = fg:acent\n", file: "mine.theme")) { error in
            XCTAssertEqual("\(error)", "mine.theme:2: unknown colour or palette name \"acent\" in header; did you mean \"accent\"?")
        }
    }

    func testInvalidColourRejected() {
        XCTAssertThrowsError(try Theme.load(text: "[palette]\nink = #12345\n", file: "mine.theme")) { error in
            XCTAssertTrue("\(error)".hasPrefix("mine.theme:2: invalid colour \"#12345\""), "\(error)")
        }
    }

    func testLintFindsSameForegroundAndBackground() throws {
        let theme = try Theme.load(text: "[roles]\nheader = fg:blue bg:blue\n", file: "bad.theme")
        XCTAssertTrue(ThemeLinter.lint(theme).contains { $0.role == .header && $0.message.contains("both blue") })
    }

    func testLintFindsLowContrast() throws {
        let theme = try Theme.load(text: "[roles]\nerror = fg:#303030\n", file: "bad.theme")
        XCTAssertTrue(ThemeLinter.lint(theme).contains { $0.role == .error && $0.message.contains("contrast") })
    }

    func testLintFindsEightColourCollapse() throws {
        let theme = try Theme.load(text: "minimum-contrast = 1\n[roles]\nheader = fg:#00005f bg:black\n", file: "bad.theme")
        XCTAssertTrue(ThemeLinter.lint(theme).contains { $0.role == .header && $0.message.contains("8-colour") })
    }

    func testLintFindsInvisibleSelection() throws {
        let theme = try Theme.load(text: "[roles]\nrow.selected = fg:white\n", file: "bad.theme")
        XCTAssertTrue(ThemeLinter.lint(theme).contains { $0.role == .rowSelected })
    }

    func testNoColorNonEmptyTurnsColourOff() {
        XCTAssertEqual(ColorMode.detect(environment: ["NO_COLOR": "1"], hasColors: true, colors: 256), .monochrome)
        XCTAssertEqual(ColorMode.detect(environment: ["NO_COLOR": "true"], hasColors: true, colors: 256), .monochrome)
    }

    func testNoColorEmptyKeepsColour() {
        XCTAssertEqual(ColorMode.detect(environment: ["NO_COLOR": ""], hasColors: true, colors: 256), .palette(256))
    }

    func testTerminalWithoutColoursIsMonochrome() {
        XCTAssertEqual(ColorMode.detect(environment: [:], hasColors: false, colors: 0), .monochrome)
    }

    func testMonochromeSelectionUsesReverse() {
        let resolver = StyleResolver(theme: .standard, mode: .monochrome)
        let style = resolver.style(for: .rowSelected)
        XCTAssertTrue(style.attributes.contains(.reverse))
        XCTAssertEqual(style.foreground, -1)
        XCTAssertEqual(style.background, -1)
    }

    func testEightColourTerminalClampsColours() {
        let resolver = StyleResolver(theme: .standard, mode: .palette(8))
        for info in Role.catalog {
            let style = resolver.style(for: info.role)
            XCTAssertLessThan(style.foreground, 8, info.role.name)
            XCTAssertLessThan(style.background, 8, info.role.name)
            if style.foreground != -1 { XCTAssertNotEqual(style.foreground, style.background, info.role.name) }
        }
    }

    func testColourClampPicksNearest() {
        XCTAssertEqual(Color.rgb(0xFF, 0x5F, 0x5F).cursesNumber(colors: 8), 1)
        XCTAssertEqual(Color.indexed(196).cursesNumber(colors: 16), 9)
        XCTAssertEqual(Color.rgb(0x5F, 0x87, 0xD7).cursesNumber(colors: 256), 68)
        XCTAssertEqual(Color.terminalDefault.cursesNumber(colors: 8), -1)
    }

    func testContrastOfBlackOnWhiteIs21() {
        XCTAssertEqual(RGB(r: 0, g: 0, b: 0).contrast(with: RGB(r: 255, g: 255, b: 255)), 21, accuracy: 0.01)
    }
}
