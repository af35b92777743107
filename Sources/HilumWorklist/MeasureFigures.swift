import HilumLedger
import HilumReporting

/// A radiologist's quality-measure rates as figures with their written
/// definitions, for the Me screen and for clients comparing bids.
public enum MeasureFigures {
    /// Returns one figure per measure in `QualityMeasures.all`, in that order, from
    /// the radiologist's tallies; a measure without outcomes counts 0 cases.
    public static func figures(_ tallies: [MeasureTally]) -> [QualityFigure] {
        QualityMeasures.all.map { measure in
            let tally = tallies.first { $0.measure == measure.code }
                ?? MeasureTally(measure: measure.code, numerator: 0, denominator: 0, excluded: 0)
            return QualityFigure(name: measure.title, definition: definition(measure, excluded: tally.excluded),
                                 count: tally.denominator, value: tally.rate)
        }
    }

    static func definition(_ measure: QualityMeasure, excluded: Int) -> String {
        "share of \(measure.denominatorText) that \(measure.numeratorText)"
            + (measure.inverse ? "; lower is better" : "")
            + ". Excluded: \(measure.exclusionsText) (\(excluded) so far). Source: \(measure.citation)"
    }
}

extension WorklistStore {
    /// Counts how often clients' routing policies picked or passed over this radiologist.
    public func routingRecord() throws -> RoutingRecord {
        freshRead()
        return try RoutingRecord(radiologist: record.identity, database: database)
    }

    /// This radiologist's quality-measure tallies from the outcomes published with their reports.
    public func measureTallies() throws -> [MeasureTally] {
        freshRead()
        return try MeasureTally.all(radiologist: record.identity, database: database)
    }
}
