import HilumCore
import HilumSQLite

/// A radiologist's results on one quality measure, from the outcomes
/// published with their reports. The rate is numerator over denominator,
/// where the denominator leaves out excluded reports; it is nil when fewer
/// than `QualityMetrics.minimumCount` reports stand behind it.
public struct MeasureTally: Sendable, Equatable {
    public let measure: String
    public let numerator: Int
    /// Reports in the denominator after exclusions.
    public let denominator: Int
    public let excluded: Int

    public init(measure: String, numerator: Int, denominator: Int, excluded: Int) {
        self.measure = measure
        self.numerator = numerator
        self.denominator = denominator
        self.excluded = excluded
    }

    public var rate: Double? {
        denominator >= QualityMetrics.minimumCount ? Double(numerator) / Double(denominator) : nil
    }

    /// Tallies every measure with at least one outcome for `radiologist`, by measure code.
    public static func all(radiologist: PublicKey, database: Database) throws -> [MeasureTally] {
        let statement = try database.prepare("""
            SELECT measure, sum(result = ?2), sum(result != ?3), sum(result = ?3) FROM measure_outcomes
            WHERE radiologist = ?1 GROUP BY measure ORDER BY measure
            """).bind(1, radiologist).bind(2, Int64(MeasureResult.numerator.rawValue))
            .bind(3, Int64(MeasureResult.excluded.rawValue))
        var tallies: [MeasureTally] = []
        while try statement.step() {
            tallies.append(MeasureTally(measure: statement.text(0), numerator: Int(statement.int64(1)),
                                        denominator: Int(statement.int64(2)), excluded: Int(statement.int64(3))))
        }
        return tallies
    }
}
