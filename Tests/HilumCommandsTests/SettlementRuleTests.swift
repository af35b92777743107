import Foundation
@testable import HilumCommands
import XCTest

/// The settlement amount rule and the CSV quoting of `hilum labels export`.
final class SettlementRuleTests: XCTestCase {
    private let deadline: Int64 = 1_800_000_000_000

    func testLateReportTakesAdjustment() throws {
        let amount = try SettlementCommands.settledAmount(price: 6000, latePercent: 10, signedAt: deadline + 1, deadline: deadline, currency: "USD")
        XCTAssertEqual(amount, 5400)
    }

    func testAdjustmentRoundsDeductionDown() throws {
        let amount = try SettlementCommands.settledAmount(price: 6001, latePercent: 33, signedAt: deadline + 1, deadline: deadline, currency: "USD")
        XCTAssertEqual(amount, 6001 - 1980)
    }

    func testLateReportWithoutOptionPaysFullPrice() throws {
        let amount = try SettlementCommands.settledAmount(price: 6000, latePercent: 0, signedAt: deadline + 1, deadline: deadline, currency: "USD")
        XCTAssertEqual(amount, 6000)
    }

    func testOnTimeReportRejectsAdjustment() {
        XCTAssertThrowsError(try SettlementCommands.settledAmount(price: 6000, latePercent: 10, signedAt: deadline, deadline: deadline,
                                                                  currency: "USD")) { error in
            XCTAssertTrue("\(error)".contains("signed on time"), "\(error)")
            XCTAssertTrue("\(error)".contains("60.00 USD"), "\(error)")
        }
    }

    func testCSVQuotesSpecialFields() {
        let line = LabelExport.csvLine(["plain", "a,b", "say \"hi\"", "two\nlines", ""])
        XCTAssertEqual(line, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n")
    }
}
