import HilumCore
import HilumLedger
import XCTest

/// The required review share: which signed cases the draw selects, and the
/// policy keys that set it.
final class ReviewShareTests: XCTestCase {
    private let caseID = EventID(unchecked: [UInt8](repeating: 0x01, count: 32))
    private let reportID = EventID(unchecked: [UInt8](repeating: 0x02, count: 32))

    /// Python's hashlib computed the expected draw:
    /// blake2b(b"\x01" * 32 + b"\x02" * 32, digest_size=32).digest()[:4] is 30 b6 00 fb.
    func testDrawMatchesAnIndependentBlake2b() {
        XCTAssertEqual(ReviewShare.draw(caseID: caseID, reportID: reportID), 0x30b6_00fb)
    }

    func testDrawDependsOnTheOrderOfTheIds() {
        XCTAssertNotEqual(ReviewShare.draw(caseID: reportID, reportID: caseID), ReviewShare.draw(caseID: caseID, reportID: reportID))
    }

    func testNoShareSelectsNothing() {
        XCTAssertEqual(ReviewShare.line(hundredths: 0), 0)
        let zero = EventID(unchecked: [UInt8](repeating: 0, count: 32))
        XCTAssertFalse(ReviewShare.isSelected(caseID: caseID, reportID: reportID, hundredths: 0))
        XCTAssertFalse(ReviewShare.isSelected(caseID: zero, reportID: zero, hundredths: 0))
    }

    func testWholeShareSelectsEveryCase() {
        XCTAssertEqual(ReviewShare.line(hundredths: 10_000), 1 << 32)
        let ones = EventID(unchecked: [UInt8](repeating: 0xff, count: 32))
        XCTAssertTrue(ReviewShare.isSelected(caseID: caseID, reportID: reportID, hundredths: 10_000))
        XCTAssertTrue(ReviewShare.isSelected(caseID: ones, reportID: ones, hundredths: 10_000))
    }

    /// The draw 0x30b600fb (817 234 171) lies between the lines of 19.02 % (816 902 779) and 19.03 % (817 332 276).
    func testBoundaryFallsBetweenAdjacentShares() {
        XCTAssertEqual(ReviewShare.line(hundredths: 1902), 816_902_779)
        XCTAssertEqual(ReviewShare.line(hundredths: 1903), 817_332_276)
        XCTAssertFalse(ReviewShare.isSelected(caseID: caseID, reportID: reportID, hundredths: 1902))
        XCTAssertTrue(ReviewShare.isSelected(caseID: caseID, reportID: reportID, hundredths: 1903))
    }

    func testTenPercentLine() {
        XCTAssertEqual(ReviewShare.line(hundredths: 1000), 429_496_729)
    }

    func testShareAndReviewersParse() throws {
        let policy = try RoutingPolicy(parsing: "review-share = 12.5%\nreviewers = Dr Amara Nwosu , 5c1a9e\n")
        XCTAssertEqual(policy.reviewShare, 1250)
        XCTAssertEqual(policy.reviewers, ["Dr Amara Nwosu", "5c1a9e"])
        XCTAssertEqual(policy.text, "prefer = cheapest\nreview-share = 12.5%\nreviewers = Dr Amara Nwosu, 5c1a9e\n")
        XCTAssertEqual(try RoutingPolicy(parsing: policy.text), policy)
    }

    func testShareWithoutPercentSignParses() throws {
        XCTAssertEqual(try RoutingPolicy(parsing: "review-share = 100").reviewShare, 10_000)
        XCTAssertEqual(try RoutingPolicy(parsing: "review-share = 0%").reviewShare, 0)
        XCTAssertEqual(try RoutingPolicy(parsing: "review-share = 0.05%").reviewShare, 5)
    }

    func testBadSharesNameTheValueAndTheFix() {
        for value in ["101%", "-5%", "ten", "10.555%", "1e1", "10%%", ".5"] {
            XCTAssertEqual(error("review-share = \(value)")?.description,
                           "routing policy line 1: invalid review-share '\(value)'; give a share of signed cases from 0% to 100%, such as 10% or 12.5%",
                           value)
        }
    }

    func testEmptyReviewerNameIsRejected() {
        XCTAssertEqual(error("review-share = 10%\nreviewers = Dr A,,Dr B")?.description,
                       "routing policy line 2: invalid reviewers 'Dr A,,Dr B' (an empty name between commas); "
                           + "give radiologists' names or key prefixes, separated by commas")
    }

    func testRepeatedReviewerIsRejected() {
        XCTAssertEqual(error("review-share = 10%\nreviewers = Dr A, dr a")?.message,
                       "invalid reviewers 'Dr A, dr a' ('dr a' is listed twice); give radiologists' names or key prefixes, separated by commas")
    }

    func testReviewersWithoutShareAreRejected() {
        XCTAssertEqual(error("prefer = fastest\nreviewers = Dr A")?.description,
                       "routing policy line 2: reviewers has no effect without a review share; add 'review-share = 10%'")
    }

    private func error(_ text: String) -> RoutingPolicyError? {
        do {
            _ = try RoutingPolicy(parsing: text)
            return nil
        } catch {
            return error
        }
    }
}
