import HilumReporting

/// The measured-finding sentence of one template section: a number field
/// in mm or cm, the section's name as the noun ("Pulmonary nodules" gives
/// "nodule"), the section's pick lists as descriptors before the noun, a
/// location pick list after "in the", and a single/multiple pick list set by
/// the noun's number.
struct FindingRule: Sendable {
    var singular: String
    var plural: String?
    var qualifiers: [String]
    var measureFieldIDs: [String]
    var unitWords: [String]
    var numbers: ClosedRange<Int>
    var multiplicity: (fieldID: String, single: FieldValue, multiple: FieldValue)?
    var descriptors: [String: StructuredFill]
    var locations: [String: StructuredFill]

    private static let units = ["mm": ["millimeter", "millimeters"], "cm": ["centimeter", "centimeters"]]
    private static let locationWords = ["location", "site", "lobe", "side", "segment", "level"]

    init?(section: TemplateSection, knows: (String) -> Bool) {
        let fields = section.items.compactMap { item -> TemplateField? in
            if case .field(let field) = item { return field }
            return nil
        }
        var measures: [TemplateField] = []
        var unit: String?
        for field in fields {
            guard case .number(let format) = field.kind, let fieldUnit = format.unit?.lowercased(), Self.units[fieldUnit] != nil,
                  unit == nil || unit == fieldUnit, measures.count < 2 else { continue }
            unit = fieldUnit
            measures.append(field)
        }
        let nameWords = SpokenPhrase.words(section.name)
        guard let unit, let first = measures.first, case .number(let format) = first.kind, let last = nameWords.last else { return nil }
        singular = last.hasSuffix("s") ? String(last.dropLast()) : last
        guard knows(singular) else { return nil }
        plural = knows(singular + "s") ? singular + "s" : nil
        qualifiers = nameWords.dropLast().allSatisfy(knows) ? Array(nameWords.dropLast()) : []
        measureFieldIDs = measures.map(\.id)
        unitWords = Self.units[unit] ?? []
        let lowest = max(0, Int(format.minimum ?? 1))
        numbers = lowest...max(lowest, min(999, Int(format.maximum ?? 100)))

        multiplicity = nil
        descriptors = [:]
        locations = [:]
        for field in fields {
            let phrases = field.options.compactMap { option in
                SpokenPhrase.speakable(option.label, knows: knows).map { ($0, StructuredGrammar.value(option.value, field: field)) }
            }
            let single = phrases.first { $0.0.hasPrefix("single") }
            let multiple = phrases.first { $0.0.hasPrefix("multiple") }
            if let single, let multiple, multiplicity == nil {
                multiplicity = (field.id, single.1, multiple.1)
                continue
            }
            let name = (field.name + " " + field.label).lowercased()
            let isLocation = Self.locationWords.contains { name.contains($0) }
            for (phrase, value) in phrases {
                let fill = StructuredFill(fieldID: field.id, value: value)
                if isLocation { locations[phrase] = locations[phrase] ?? fill } else { descriptors[phrase] = descriptors[phrase] ?? fill }
            }
        }
    }

    func jsgfRules(index: Int) -> [String] {
        var sentence = "[there is | there are] [a | an] [<measure\(index)>]"
        if !descriptors.isEmpty { sentence += " [<descriptor\(index)>]" }
        if !qualifiers.isEmpty { sentence += " [" + qualifiers.joined(separator: " ") + "]" }
        sentence += plural.map { " (\(singular) | \($0))" } ?? " \(singular)"
        if !locations.isEmpty { sentence += " [in the <location\(index)>]" }
        var rules = ["<finding\(index)> = \(sentence);",
                     "<measure\(index)> = <number\(index)> [by <number\(index)>] (\(unitWords.joined(separator: " | ")));",
                     "<number\(index)> = \(SpokenNumbers.jsgfAlternatives(numbers));"]
        if !descriptors.isEmpty { rules.append("<descriptor\(index)> = " + descriptors.keys.sorted().joined(separator: " | ") + ";") }
        if !locations.isEmpty { rules.append("<location\(index)> = " + locations.keys.sorted().joined(separator: " | ") + ";") }
        return rules
    }

    /// The fills of a sentence of this rule, or nil when `words` is not one.
    func fills(_ words: [String]) -> [StructuredFill]? {
        guard let nounIndex = words.lastIndex(where: { $0 == singular || $0 == plural }) else { return nil }
        var fills: [StructuredFill] = []
        var before = words[..<nounIndex]
        if before.starts(with: ["there", "is"]) || before.starts(with: ["there", "are"]) { before = before.dropFirst(2) }
        if before.first == "a" || before.first == "an" { before = before.dropFirst() }

        if let first = SpokenNumbers.parse(before) {
            var sizes = [first.value]
            before = before.dropFirst(first.count)
            if before.first == "by", let second = SpokenNumbers.parse(before.dropFirst()) {
                sizes.append(second.value)
                before = before.dropFirst(1 + second.count)
            }
            guard let unit = before.first, unitWords.contains(unit) else { return nil }
            before = before.dropFirst()
            for (fieldID, size) in zip(measureFieldIDs, sizes) { fills.append(StructuredFill(fieldID: fieldID, value: .number(Double(size)))) }
        }
        if !qualifiers.isEmpty, before.suffix(qualifiers.count).elementsEqual(qualifiers) { before = before.dropLast(qualifiers.count) }
        if !before.isEmpty {
            guard let descriptor = descriptors[before.joined(separator: " ")] else { return nil }
            fills.append(descriptor)
        }
        if let multiplicity {
            let value = words[nounIndex] == plural ? multiplicity.multiple : multiplicity.single
            fills.append(StructuredFill(fieldID: multiplicity.fieldID, value: value))
        }
        let after = words[(nounIndex + 1)...]
        if !after.isEmpty {
            guard after.starts(with: ["in", "the"]), let location = locations[after.dropFirst(2).joined(separator: " ")] else { return nil }
            fills.append(location)
        }
        return fills
    }

    /// One sentence per descriptor or location (whichever list is longer),
    /// with sizes spread over the range.
    var examplePhrases: [String] {
        let descriptorPhrases = descriptors.keys.sorted()
        let locationPhrases = locations.keys.sorted()
        let count = max(1, descriptorPhrases.count, locationPhrases.count)
        return (0..<count).map { index in
            let size = numbers.lowerBound + (index * 7 + 4) % max(1, numbers.count)
            var words = ["there", "is", "a", SpokenNumbers.words(size), unitWords[0]]
            if !descriptorPhrases.isEmpty { words.append(descriptorPhrases[index % descriptorPhrases.count]) }
            words.append(singular)
            if !locationPhrases.isEmpty { words += ["in", "the", locationPhrases[index % locationPhrases.count]] }
            return words.joined(separator: " ")
        }
    }
}
