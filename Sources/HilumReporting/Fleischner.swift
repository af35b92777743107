/// Fleischner Society 2017 guidelines for incidental pulmonary nodules
/// (MacMahon et al., Radiology 2017;284:228-243), as data: every cell of the
/// published table, and the rules for when the guidelines apply at all.
public enum Fleischner {
    public static let guideline = "Fleischner Society 2017"

    public enum Composition: String, Sendable, CaseIterable {
        case solid, partSolid = "part-solid", groundGlass = "ground-glass"
    }

    public enum Risk: String, Sendable, CaseIterable {
        case low, high
    }

    /// The size bands of the table. Size is the mean of the long and short
    /// axes, rounded to the nearest millimetre (the 2017 paper's rule).
    public enum SizeBand: String, Sendable {
        case under6 = "<6 mm"
        case from6To8 = "6-8 mm"
        case over8 = ">8 mm"
        case atLeast6 = ">=6 mm"
    }

    /// What the patient and the finding are; `age`, `screening`,
    /// `immunocompromised` and `knownCancer` decide whether the table applies.
    public struct Case: Sendable {
        public var composition: Composition
        public var multiple: Bool
        public var longAxisMillimetres: Double
        public var shortAxisMillimetres: Double
        public var risk: Risk
        public var age: Int
        public var screening = false
        public var immunocompromised = false
        public var knownCancer = false

        public init(composition: Composition, multiple: Bool, longAxisMillimetres: Double, shortAxisMillimetres: Double,
                    risk: Risk, age: Int, screening: Bool = false, immunocompromised: Bool = false, knownCancer: Bool = false) {
            self.composition = composition
            self.multiple = multiple
            self.longAxisMillimetres = longAxisMillimetres
            self.shortAxisMillimetres = shortAxisMillimetres
            self.risk = risk
            self.age = age
            self.screening = screening
            self.immunocompromised = immunocompromised
            self.knownCancer = knownCancer
        }

        /// Mean of the two axes, rounded to the nearest whole millimetre.
        public var sizeMillimetres: Int { Int(((longAxisMillimetres + shortAxisMillimetres) / 2).rounded()) }
    }

    /// One cell of the table.
    public struct Row: Sendable, Equatable {
        public let composition: Composition
        public let multiple: Bool
        public let band: SizeBand
        /// nil when the cell is the same for low and high risk.
        public let risk: Risk?
        /// First follow-up CT window in months; nil when no routine follow-up.
        public let firstCTMonths: ClosedRange<Int>?
        public let text: String
    }

    public static let table: [Row] = [
        // Solid, single.
        Row(composition: .solid, multiple: false, band: .under6, risk: .low, firstCTMonths: nil,
            text: "No routine follow-up."),
        Row(composition: .solid, multiple: false, band: .under6, risk: .high, firstCTMonths: 12...12,
            text: "Optional CT at 12 months."),
        Row(composition: .solid, multiple: false, band: .from6To8, risk: .low, firstCTMonths: 6...12,
            text: "CT at 6-12 months, then consider CT at 18-24 months."),
        Row(composition: .solid, multiple: false, band: .from6To8, risk: .high, firstCTMonths: 6...12,
            text: "CT at 6-12 months, then CT at 18-24 months."),
        Row(composition: .solid, multiple: false, band: .over8, risk: nil, firstCTMonths: 3...3,
            text: "Consider CT at 3 months, PET/CT, or tissue sampling."),
        // Solid, multiple.
        Row(composition: .solid, multiple: true, band: .under6, risk: .low, firstCTMonths: nil,
            text: "No routine follow-up."),
        Row(composition: .solid, multiple: true, band: .under6, risk: .high, firstCTMonths: 12...12,
            text: "Optional CT at 12 months."),
        Row(composition: .solid, multiple: true, band: .from6To8, risk: .low, firstCTMonths: 3...6,
            text: "CT at 3-6 months, then consider CT at 18-24 months."),
        Row(composition: .solid, multiple: true, band: .from6To8, risk: .high, firstCTMonths: 3...6,
            text: "CT at 3-6 months, then at 18-24 months."),
        Row(composition: .solid, multiple: true, band: .over8, risk: .low, firstCTMonths: 3...6,
            text: "CT at 3-6 months, then consider CT at 18-24 months."),
        Row(composition: .solid, multiple: true, band: .over8, risk: .high, firstCTMonths: 3...6,
            text: "CT at 3-6 months, then at 18-24 months."),
        // Subsolid, single.
        Row(composition: .groundGlass, multiple: false, band: .under6, risk: nil, firstCTMonths: nil,
            text: "No routine follow-up."),
        Row(composition: .groundGlass, multiple: false, band: .atLeast6, risk: nil, firstCTMonths: 6...12,
            text: "CT at 6-12 months to confirm persistence, then CT every 2 years until 5 years."),
        Row(composition: .partSolid, multiple: false, band: .under6, risk: nil, firstCTMonths: nil,
            text: "No routine follow-up."),
        Row(composition: .partSolid, multiple: false, band: .atLeast6, risk: nil, firstCTMonths: 3...6,
            text: "CT at 3-6 months to confirm persistence. If unchanged and solid component remains <6 mm, annual CT should be performed for 5 years."),
        // Subsolid, multiple (ground-glass and part-solid alike).
        Row(composition: .groundGlass, multiple: true, band: .under6, risk: nil, firstCTMonths: 3...6,
            text: "CT at 3-6 months. If stable, consider CT at 2 and 4 years."),
        Row(composition: .groundGlass, multiple: true, band: .atLeast6, risk: nil, firstCTMonths: 3...6,
            text: "CT at 3-6 months. Subsequent management based on the most suspicious nodule(s)."),
        Row(composition: .partSolid, multiple: true, band: .under6, risk: nil, firstCTMonths: 3...6,
            text: "CT at 3-6 months. If stable, consider CT at 2 and 4 years."),
        Row(composition: .partSolid, multiple: true, band: .atLeast6, risk: nil, firstCTMonths: 3...6,
            text: "CT at 3-6 months. Subsequent management based on the most suspicious nodule(s)."),
    ]

    /// The table's cell, or why the table does not apply and what does.
    public enum Outcome: Sendable, Equatable {
        case recommendation(Row)
        case notApplicable(reason: String, instead: String)
    }

    public static func evaluate(_ nodule: Case) -> Outcome {
        if nodule.screening {
            return .notApplicable(reason: "the Fleischner guidelines do not apply to lung cancer screening",
                                  instead: "Use ACR Lung-RADS v2022 for screening CT.")
        }
        if nodule.age < 35 {
            return .notApplicable(reason: "the Fleischner guidelines apply from age 35; the patient is \(nodule.age)",
                                  instead: "Primary lung cancer is rare below 35 and infection is more likely; manage clinically, with a single follow-up CT at most if in doubt.")
        }
        if nodule.immunocompromised {
            return .notApplicable(reason: "the Fleischner guidelines do not apply to immunocompromised patients",
                                  instead: "Infection is a leading cause; manage clinically with short-interval imaging as indicated.")
        }
        if nodule.knownCancer {
            return .notApplicable(reason: "the Fleischner guidelines do not apply to patients with a known primary cancer",
                                  instead: "Manage as possible metastasis within the oncological staging and surveillance plan.")
        }
        let size = nodule.sizeMillimetres
        let band: SizeBand
        switch nodule.composition {
        case .solid:
            if size < 6 {
                band = .under6
            } else if size <= 8 {
                band = .from6To8
            } else {
                band = .over8
            }
        case .partSolid, .groundGlass: band = size < 6 ? .under6 : .atLeast6
        }
        let row = table.first { row in
            row.composition == nodule.composition && row.multiple == nodule.multiple && row.band == band
                && (row.risk == nil || row.risk == nodule.risk)
        }
        // The table covers every composition, count and band; a miss is a defect in `table`.
        guard let row else { preconditionFailure("Fleischner table has no cell for \(nodule.composition) \(band)") }
        return .recommendation(row)
    }
}
