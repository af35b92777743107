import Foundation
import HilumCore
import HilumSQLite

/// A radiologist's public figures from the ledger's quality facts. Too few
/// cases give no figure, only the count.
struct QualityFigures {
    static let minimumCases = 5

    let signed: Int
    let onTimeShare: Double?
    let medianTurnaroundMinutes: Int64?
    let ratings: Int
    let meanRating: Double?

    init(_ radiologist: PublicKey, database: Database) throws {
        func values(_ fact: String) throws -> [Int64] {
            let statement = try database.prepare("SELECT value FROM quality_facts WHERE subject = ? AND fact = ? ORDER BY value")
                .bind(1, radiologist.bytes).bind(2, fact)
            var values: [Int64] = []
            while try statement.step() { values.append(statement.int64(0)) }
            return values
        }
        let onTime = try values("signed_on_time")
        let turnaround = try values("turnaround_ms")
        let ratingValues = try values("rating")
        signed = onTime.count
        onTimeShare = onTime.count >= Self.minimumCases ? Double(onTime.reduce(0, +)) / Double(onTime.count) : nil
        medianTurnaroundMinutes = turnaround.count >= Self.minimumCases ? turnaround[turnaround.count / 2] / 60_000 : nil
        ratings = ratingValues.count
        meanRating = ratingValues.count >= Self.minimumCases ? Double(ratingValues.reduce(0, +)) / Double(ratingValues.count) : nil
    }

    var summary: String {
        var parts: [String] = []
        if let onTimeShare { parts.append("\(Int((onTimeShare * 100).rounded()))% on time of \(signed)") } else { parts.append("\(signed) signed (too few for a figure)") }
        if let medianTurnaroundMinutes { parts.append("median \(medianTurnaroundMinutes) min") }
        if let meanRating { parts.append(String(format: "rating %.1f of %d", meanRating, ratings)) } else if ratings > 0 { parts.append("\(ratings) ratings (too few)") }
        return parts.joined(separator: ", ")
    }

    var json: [String: Any] {
        var object: [String: Any] = ["signed": signed, "ratings": ratings, "summary": summary]
        if let onTimeShare { object["on_time_share"] = onTimeShare }
        if let medianTurnaroundMinutes { object["median_turnaround_minutes"] = medianTurnaroundMinutes }
        if let meanRating { object["mean_rating"] = meanRating }
        return object
    }
}
