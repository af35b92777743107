import HilumCore
import HilumLedger
import XCTest

/// The routing policy file format: values, defaults and errors that name the line, the value and the fix.
final class RoutingPolicyTests: XCTestCase {
    private func error(_ text: String) -> RoutingPolicyError? {
        do {
            _ = try RoutingPolicy(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    func testFullPolicyParses() throws {
        let policy = try RoutingPolicy(parsing: """
            # Northside's policy
            prefer = weighted
            subspecialty = neuro
            max-price = 119.5
            min-rating = 4.2
            min-on-time = 90%   # of reports signed by the deadline
            too-few-cases = reject
            max-turnaround-stat = 45m
            max-turnaround-urgent = 4h
            max-turnaround-routine = 2d
            weight-price = 2
            weight-turnaround = 1
            weight-rating = 0.5
            """)
        XCTAssertEqual(policy.preference, .weighted)
        XCTAssertEqual(policy.subspecialty, "NEURO")
        XCTAssertEqual(policy.maxPrice, 11_950)
        XCTAssertEqual(policy.minRating, 4.2)
        XCTAssertEqual(policy.minOnTime, 0.9)
        XCTAssertEqual(policy.tooFewCases, .reject)
        XCTAssertEqual(policy.maxTurnaround, [.stat: 45, .urgent: 240, .routine: 2880])
        XCTAssertEqual(policy.weightPrice, 2)
        XCTAssertEqual(policy.weightRating, 0.5)
    }

    func testEmptyFileIsCheapestFirst() throws {
        let policy = try RoutingPolicy(parsing: "\n# nothing set\n")
        XCTAssertEqual(policy, RoutingPolicy())
        XCTAssertEqual(policy.preference, .cheapest)
        XCTAssertNil(policy.maxPrice)
    }

    func testTextRoundTrips() throws {
        var policy = RoutingPolicy()
        policy.preference = .bestRated
        policy.maxPrice = 12_005
        policy.minOnTime = 0.85
        policy.maxTurnaround = [.stat: 90, .routine: 1440]
        XCTAssertEqual(try RoutingPolicy(parsing: policy.text), policy)
        XCTAssertTrue(policy.text.contains("max-price = 120.05"), policy.text)
        XCTAssertTrue(policy.text.contains("max-turnaround-stat = 90m"), policy.text)
    }

    func testUnknownKeySuggestsClosest() {
        XCTAssertEqual(error("max-prise = 100")?.description, "routing policy line 1: unknown key 'max-prise'; did you mean 'max-price'?")
        XCTAssertEqual(error("\ncolour = blue")?.line, 2)
        XCTAssertTrue(error("colour = blue")?.message.contains("known keys: prefer, subspecialty") ?? false)
    }

    func testBadValuesNameValueAndFix() {
        XCTAssertEqual(error("prefer = cheap")?.message, "invalid prefer 'cheap'; give cheapest, fastest, best-rated or weighted")
        XCTAssertEqual(error("max-price = 12.345")?.message,
                       "invalid max-price '12.345'; give an amount in the case's currency, such as 120 or 119.50")
        XCTAssertEqual(error("min-rating = 6")?.message, "invalid min-rating '6'; give a mean rating from 1 to 5, such as 4.2")
        XCTAssertEqual(error("min-on-time = 120%")?.message, "invalid min-on-time '120%'; give a share such as 90%")
        XCTAssertEqual(error("max-turnaround-stat = soon")?.message,
                       "invalid max-turnaround-stat 'soon'; give a duration such as 45m, 2h or 1d")
        XCTAssertEqual(error("max-turnaround-routine = 31d")?.message,
                       "invalid max-turnaround-routine '31d' (over 30 days, the longest turnaround a bid can commit to); give a duration such as 45m, 2h or 1d")
        XCTAssertEqual(error("subspecialty = neuro radiology")?.message,
                       "invalid subspecialty 'neuro radiology'; give a subspecialty code such as NEURO")
        XCTAssertEqual(error("too-few-cases = maybe")?.message, "invalid too-few-cases 'maybe'; give accept or reject")
        XCTAssertEqual(error("weight-price = -1")?.message, "invalid weight-price '-1'; give a number from 0 to 100")
    }

    func testShapeErrors() {
        XCTAssertEqual(error("max-price 100")?.message, "'max-price 100' is not 'key = value'; write for example 'max-price = 120'")
        XCTAssertEqual(error("max-price =")?.message, "'max-price' has no value; give an amount in the case's currency, such as 120 or 119.50")
        XCTAssertEqual(error("prefer = fastest\nprefer = cheapest")?.message, "'prefer' is already set on line 1; keep one of the two lines")
        XCTAssertEqual(error("prefer = weighted\nweight-price = 0\nweight-turnaround = 0\nweight-rating = 0")?.message,
                       "prefer = weighted needs at least one weight above 0")
    }

    func testWindowsLineEndingsParse() throws {
        let policy = try RoutingPolicy(parsing: "prefer = fastest\r\nmax-price = 120\r\n")
        XCTAssertEqual(policy.preference, .fastest)
        XCTAssertEqual(policy.maxPrice, 12_000)
    }
}
