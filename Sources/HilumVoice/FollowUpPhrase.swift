/// The spoken follow-up recommendation: "recommend follow up c t in twelve
/// months" becomes "Follow-up CT in 12 months.", and "recommend no routine
/// follow up" becomes "No routine follow-up recommended."
enum FollowUpPhrase {
    /// Each modality as spoken and as the report writes it. Acronyms are
    /// spoken letter by letter, because the stock dictionary has "ct" as "court".
    static let modalities: [(spoken: String, written: String)] = [
        ("c t", "CT"), ("chest c t", "chest CT"), ("low dose c t", "low-dose CT"), ("m r i", "MRI"), ("ultrasound", "ultrasound"),
        ("p e t c t", "PET-CT"), ("chest radiograph", "chest radiograph"),
    ]
    static let intervals = 1...24
    static let units = ["week", "weeks", "month", "months", "year", "years"]

    static var jsgfRules: [String] {
        ["<recommendation> = recommend follow up <follow_modality> in <follow_number> <follow_unit> | recommend no routine follow up;",
         "<follow_modality> = " + modalities.map(\.spoken).joined(separator: " | ") + ";",
         "<follow_number> = " + SpokenNumbers.jsgfAlternatives(intervals) + ";",
         "<follow_unit> = " + units.joined(separator: " | ") + ";"]
    }

    static var examplePhrases: [String] {
        modalities.enumerated().map { index, modality in
            let number = [3, 12, 6, 18, 2, 24, 1][index % 7]
            let unit = number == 1 ? "year" : (index % 2 == 0 ? "months" : "weeks")
            return "recommend follow up \(modality.spoken) in \(SpokenNumbers.words(number)) \(unit)"
        } + ["recommend no routine follow up"]
    }

    /// Returns the report sentence for recognised words starting with "recommend".
    static func sentence(_ words: [String]) -> String? {
        let text = words.joined(separator: " ")
        if text == "recommend no routine follow up" { return "No routine follow-up recommended." }
        let prefix = ["recommend", "follow", "up"]
        guard words.starts(with: prefix), let inIndex = words.lastIndex(of: "in") else { return nil }
        let spoken = words[prefix.count..<inIndex].joined(separator: " ")
        guard let modality = modalities.first(where: { $0.spoken == spoken }),
              let number = SpokenNumbers.parse(words[(inIndex + 1)...]),
              inIndex + 1 + number.count == words.count - 1, let unit = words.last, units.contains(unit) else { return nil }
        // The report writes the unit in agreement with the number, whichever
        // form was heard ("twelve month" is a common misrecognition).
        let singular = unit.hasSuffix("s") ? String(unit.dropLast()) : unit
        return "Follow-up \(modality.written) in \(number.value) \(number.value == 1 ? singular : singular + "s")."
    }
}
