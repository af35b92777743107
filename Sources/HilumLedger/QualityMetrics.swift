import HilumCore
import HilumSQLite

/// One public figure about a radiologist, with the definition it was
/// computed by. `value` is nil when fewer than `QualityMetrics.minimumCount`
/// cases stand behind it: a figure over two cases would mislead.
public struct QualityFigure: Sendable, Equatable {
    public let name: String
    public let definition: String
    public let count: Int
    public let value: Double?

    public init(name: String, definition: String, count: Int, value: Double?) {
        self.name = name
        self.definition = definition
        self.count = count
        self.value = value
    }

    /// "92% (n=40)", "median 2h 5m (n=12)" or "too few cases (n=3)".
    public func formatted(_ render: (Double) -> String) -> String {
        guard let value else { return "too few cases (n=\(count))" }
        return "\(render(value)) (n=\(count))"
    }
}

/// A radiologist's quality figures, computed only from the ledger's
/// projection so that every replica with the same events computes the same
/// numbers. Times are node-checked effective times (see `Witness`).
/// Percentiles use the nearest-rank method: the p-th percentile of n sorted
/// values is the value at rank ceil(p/100 x n).
public struct QualityMetrics: Sendable {
    public static let minimumCount = 5
    public static let ratingWindowDays: Int64 = 90

    public let radiologist: PublicKey
    public let asOf: Int64
    /// Median and 90th percentile turnaround in milliseconds, by priority.
    public var turnaroundMedian: [Priority: QualityFigure] = [:]
    public var turnaroundP90: [Priority: QualityFigure] = [:]
    public var signedOnTime: QualityFigure
    public var ratingRecent: QualityFigure
    public var ratingAllTime: QualityFigure
    public var addendumRate: QualityFigure
    public var followUpComplete: QualityFigure
    public var followUpDoneByDue: QualityFigure
    public var criticalAckMedian: QualityFigure
    public var criticalAckOnTime: QualityFigure
    /// RADPEER reviews of this radiologist's reports: score (1-4) and letter ("", "a", "b") to count.
    public var radpeer: [String: Int]
    public var reviews: Int

    public static func nearestRank(_ sorted: [Int64], percentile: Double) -> Int64? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((percentile / 100 * Double(sorted.count)).rounded(.up))
        return sorted[max(rank, 1) - 1]
    }

    /// Computes every figure for `radiologist` as of `asOf` (which decides
    /// the 90-day window and which follow-ups and critical results are due).
    public init(radiologist: PublicKey, database: Database, asOf: Int64) throws {
        self.radiologist = radiologist
        self.asOf = asOf
        func values(_ sql: String, _ binds: [Int64] = []) throws -> [Int64] {
            let statement = try database.prepare(sql).bind(1, radiologist)
            for (index, value) in binds.enumerated() { statement.bind(Int32(index + 2), value) }
            var values: [Int64] = []
            while try statement.step() { values.append(statement.int64(0)) }
            return values
        }
        func share(_ name: String, _ definition: String, _ flags: [Int64]) -> QualityFigure {
            QualityFigure(name: name, definition: definition, count: flags.count,
                          value: flags.count >= Self.minimumCount ? Double(flags.reduce(0, +)) / Double(flags.count) : nil)
        }
        func mean(_ name: String, _ definition: String, _ values: [Int64]) -> QualityFigure {
            QualityFigure(name: name, definition: definition, count: values.count,
                          value: values.count >= Self.minimumCount ? Double(values.reduce(0, +)) / Double(values.count) : nil)
        }
        func percentile(_ name: String, _ definition: String, _ values: [Int64], _ p: Double) -> QualityFigure {
            let sorted = values.sorted()
            return QualityFigure(name: name, definition: definition, count: sorted.count,
                                 value: sorted.count >= Self.minimumCount ? Self.nearestRank(sorted, percentile: p).map(Double.init) : nil)
        }

        for priority in Priority.allCases {
            let turnarounds = try values("""
                SELECT r.signed_at - c.assigned_at FROM reports r JOIN cases c ON c.id = r.case_id
                WHERE r.radiologist = ? AND c.priority = ? AND c.assigned_at IS NOT NULL
                """, [Int64(priority.rawValue)])
            turnaroundMedian[priority] = percentile(
                "turnaround median, \(priority.name)",
                "median time from assignment to signed report, \(priority.name) cases, all time", turnarounds, 50)
            turnaroundP90[priority] = percentile(
                "turnaround p90, \(priority.name)",
                "90th percentile (nearest rank) of time from assignment to signed report, \(priority.name) cases, all time", turnarounds, 90)
        }
        signedOnTime = share("signed on time", "share of signed reports signed at or before the posting's deadline, all time",
                             try values("""
                                SELECT r.signed_at <= c.deadline_at FROM reports r JOIN cases c ON c.id = r.case_id WHERE r.radiologist = ?
                                """))
        let windowStart = asOf - Self.ratingWindowDays * 86_400_000
        ratingRecent = mean("rating, 90 days", "mean clinician rating (1-5) given in the 90 days before now",
                            try values("SELECT rating FROM feedback WHERE radiologist = ? AND rating IS NOT NULL AND given_at > ? AND given_at <= ?",
                                       [windowStart, asOf]))
        ratingAllTime = mean("rating, all time", "mean clinician rating (1-5), all time",
                             try values("SELECT rating FROM feedback WHERE radiologist = ? AND rating IS NOT NULL"))
        addendumRate = share("addendum rate", "share of signed reports that have at least one addendum",
                             try values("""
                                SELECT EXISTS(SELECT 1 FROM addenda a WHERE a.report_id = r.id) FROM reports r WHERE r.radiologist = ?
                                """))
        followUpComplete = share("follow-ups complete", "share of follow-up recommendations that name both a modality and an interval",
                                 try values("SELECT modality IS NOT NULL AND interval_days IS NOT NULL FROM follow_ups WHERE radiologist = ?"))
        followUpDoneByDue = share("follow-ups done by due date",
                                  "share of recommendations due by now whose client reported them completed by the due date",
                                  try values("""
                                    SELECT status = \(FollowUpState.completed.rawValue) AND status_at <= due_at FROM follow_ups
                                    WHERE radiologist = ? AND due_at IS NOT NULL AND due_at <= ?
                                    """, [asOf]))
        criticalAckMedian = percentile("critical result acknowledgment, median",
                                       "median time from flagging a critical result to the clinician's acknowledgment (acknowledged ones only)",
                                       try values("""
                                        SELECT acknowledged_at - flagged_at FROM critical_results WHERE radiologist = ? AND acknowledged_at IS NOT NULL
                                        """), 50)
        criticalAckOnTime = share("critical results acknowledged in time",
                                  "share of critical results due by now that were acknowledged by their deadline; unacknowledged ones count as late",
                                  try values("""
                                    SELECT acknowledged_at IS NOT NULL AND acknowledged_at <= due_at FROM critical_results
                                    WHERE radiologist = ? AND (due_at <= ? OR acknowledged_at IS NOT NULL)
                                    """, [asOf]))
        var distribution: [String: Int] = [:]
        let reviews = try database.prepare("SELECT score, significance FROM peer_reviews WHERE author = ?").bind(1, radiologist)
        var total = 0
        while try reviews.step() {
            let letter = Significance(rawValue: UInt8(clamping: reviews.int64(1)))?.letter ?? ""
            distribution["\(reviews.int64(0))\(letter)", default: 0] += 1
            total += 1
        }
        radpeer = distribution
        self.reviews = total
    }

    /// Every scalar figure in display order.
    public var figures: [QualityFigure] {
        Priority.allCases.compactMap { turnaroundMedian[$0] } + Priority.allCases.compactMap { turnaroundP90[$0] }
            + [signedOnTime, ratingRecent, ratingAllTime, addendumRate, followUpComplete, followUpDoneByDue, criticalAckMedian, criticalAckOnTime]
    }
}
