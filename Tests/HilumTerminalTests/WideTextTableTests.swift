import Foundation
import XCTest
@testable import HilumTerminal

/// Worklist columns holding CJK, Hangul, full-width, NFD and emoji text at
/// 80 columns: Name 20 cells, Mod 4, Date 10, Description the remaining 43.
final class WideTextTableTests: XCTestCase {
    /// Rows as a wcwidth-based terminal lays them out, with `⚠️` drawn as the one-cell `⚠`.
    let expectedRows = [
        "Name                 Mod  Date       Description",
        "Baker, Tom           CR   2024-11-01 XR Chest PA",
        "王 秀英              CT   2024-11-01 胸部CT 造影 (肺動脈)",
        "김 민준              MR   2024-11-01 뇌 MRI 조영증강",
        "García, José María   US   2024-11-01 Ecografía abdominal",
        "Nguyễn, Thị Lan      MR   2024-11-02 MR Knee right",
        "長谷川 一二三四五六… CT   2024-11-02 長い検査説明文がここに入ります。長い検査説…",
        "Ito, Ken             CT   2024-11-02 ⚠ STAT CT head",
        "Schmidt, Anna        NM   2024-11-02 Ｆｕｌｌｗｉｄｔｈ ＣＴ ｄｅｓｃ",
    ]

    func renderTable(selected: Int = 0) -> ScreenBuffer {
        var screen = ScreenBuffer(size: Size(width: 80, height: 10))
        var table = TableView(columns: [
            TableColumn("Name", width: .fixed(20)), TableColumn("Mod", width: .fixed(4)),
            TableColumn("Date", width: .fixed(10)), TableColumn("Description", width: .flex(minimum: 10, weight: 1)),
        ])
        table.setRowCount(SelfCheckApp.studies.count)
        table.select(selected)
        table.render(into: &screen, in: screen.bounds) { row, column in
            let study = SelfCheckApp.studies[row]
            return Span([study.0, study.1, study.2, study.3][column], .row)
        }
        return screen
    }

    func testDescriptionColumnGetsRemainingWidth() {
        let widths = TableColumn.layout([
            TableColumn("Name", width: .fixed(20)), TableColumn("Mod", width: .fixed(4)),
            TableColumn("Date", width: .fixed(10)), TableColumn("Description", width: .flex(minimum: 10, weight: 1)),
        ], total: 80)
        XCTAssertEqual(widths, [20, 4, 10, 43])
    }

    func testRowsMatchReferenceLayout() {
        let screen = renderTable()
        for (y, expected) in expectedRows.enumerated() {
            let line = screen.line(y).replacingOccurrences(of: " +$", with: "", options: .regularExpression)
            XCTAssertEqual(line.precomposedStringWithCanonicalMapping, expected.precomposedStringWithCanonicalMapping, "row \(y)")
        }
    }

    func testModAndDateStartAtSameColumnOnEveryRow() {
        let screen = renderTable()
        for y in 1..<expectedRows.count {
            let mod = SelfCheckApp.studies[y - 1].1
            XCTAssertEqual(screen[21, y].text, String(mod.first!), "Mod at cell 22, row \(y)")
            XCTAssertEqual(screen[26, y].text, "2", "Date at cell 27, row \(y)")
            XCTAssertEqual(screen[20, y].text, " ", "gap before Mod, row \(y)")
        }
    }

    func testNoRowWiderThanScreen() {
        let screen = renderTable()
        for y in 0..<screen.size.height {
            XCTAssertEqual(screen.lineWidth(y), 80, "row \(y)")
        }
    }

    func testSelectionHighlightCoversExactlyOneRow() {
        let screen = renderTable(selected: 5)
        XCTAssertEqual(screen.roleRuns(6).map(\.role), [.rowSelected])
        XCTAssertEqual(screen.roleRuns(6).first?.count, 80)
        XCTAssertFalse(screen.roleRuns(7).contains { $0.role == .rowSelected })
    }

    func testTruncatedNameEndsInEllipsisWithoutSplit() {
        let screen = renderTable()
        XCTAssertEqual(screen[19, 6].text, "…")
        XCTAssertEqual(screen[18, 6].isContinuation, true)
    }

    func testNFDNameDrawsLikeNFC() {
        var nfd = ScreenBuffer(size: Size(width: 20, height: 1))
        var nfc = ScreenBuffer(size: Size(width: 20, height: 1))
        nfd.write("Garci\u{301}a, Jose\u{301} Mari\u{301}a", at: Point(x: 0, y: 0), role: .row)
        nfc.write("Garc\u{ED}a, Jos\u{E9} Mar\u{ED}a", at: Point(x: 0, y: 0), role: .row)
        XCTAssertEqual(nfd, nfc)
    }
}
