import Foundation

/// Renders an Observation's value[x], components or dataAbsentReason as text.
/// Every shape gives some text: a missing value reads "no value", never blank
/// or 0, because a blank creatinine would read as normal.
enum ObservationValue {
    static let systolicLOINC = "8480-6"
    static let diastolicLOINC = "8462-4"

    static func text(_ reader: FieldReader) -> String {
        if let value = value(reader) {
            return value
        }
        let components = reader.objects("component")
        if !components.isEmpty, let combined = componentsText(components) {
            return combined
        }
        return absentText(reader)
    }

    /// The value[x] of an Observation or component, or nil when it has none.
    static func value(_ reader: FieldReader) -> String? {
        if let quantity = reader.object("valueQuantity") {
            return quantityText(quantity)
        }
        if reader.has("valueCodeableConcept") {
            return reader.concept("valueCodeableConcept")?.label ?? "(uncoded value)"
        }
        if let text = reader.string("valueString") {
            return text
        }
        if let flag = reader.bool("valueBoolean") {
            return flag ? "Yes" : "No"
        }
        if let integer = reader.number("valueInteger") {
            return numberText(integer)
        }
        if let range = reader.object("valueRange") {
            let low = range.object("low").flatMap(quantityText) ?? "?"
            let high = range.object("high").flatMap(quantityText) ?? "?"
            return "\(low) to \(high)"
        }
        if let ratio = reader.object("valueRatio") {
            let numerator = ratio.object("numerator").flatMap(quantityText) ?? "?"
            let denominator = ratio.object("denominator").flatMap(quantityText) ?? "?"
            return "\(numerator) / \(denominator)"
        }
        for key in ["valueDateTime", "valueTime"] {
            if let text = reader.string(key) { return text }
        }
        if let period = reader.object("valuePeriod") {
            return "\(period.string("start") ?? "?") to \(period.string("end") ?? "?")"
        }
        for key in ["valueSampledData", "valueAttachment"] where reader.has(key) {
            return "(\(key.dropFirst(5)) value, not shown)"
        }
        return nil
    }

    /// "> 90 mL/min/{1.73_m2}": comparator, number, then unit (or UCUM code).
    static func quantityText(_ quantity: FieldReader) -> String? {
        guard let number = quantity.number("value") else {
            return nil
        }
        var parts: [String] = []
        if let comparator = quantity.string("comparator") {
            parts.append(comparator)
        }
        parts.append(numberText(number))
        if let unit = quantity.string("unit") ?? quantity.string("code") {
            parts.append(unit)
        }
        return parts.joined(separator: " ")
    }

    /// Integers as integers; decimals with the digits Swift's shortest
    /// round-trip form gives, dropping a trailing ".0".
    static func numberText(_ number: NSNumber) -> String {
        let type = String(cString: number.objCType)
        if type == "d" || type == "f" {
            let double = number.doubleValue
            var text = "\(double)"
            if text.hasSuffix(".0") { text.removeLast(2) }
            return text
        }
        return "\(number.int64Value)"
    }

    /// "128/82 mm[Hg]" for a blood pressure panel; otherwise each component as
    /// "label: value", joined by "; ".
    static func componentsText(_ components: [FieldReader]) -> String? {
        var labelled: [(codes: [String], label: String, value: String)] = []
        for component in components {
            let concept = component.concept("code")
            let value = value(component) ?? absentText(component)
            labelled.append((concept?.codings.compactMap(\.code) ?? [], concept?.label ?? "component", value))
        }
        if let systolic = labelled.first(where: { $0.codes.contains(systolicLOINC) }),
           let diastolic = labelled.first(where: { $0.codes.contains(diastolicLOINC) }) {
            let systolicParts = systolic.value.split(separator: " ", maxSplits: 1)
            let diastolicParts = diastolic.value.split(separator: " ", maxSplits: 1)
            if systolicParts.count == 2, diastolicParts.count == 2, systolicParts[1] == diastolicParts[1],
               Double(systolicParts[0]) != nil, Double(diastolicParts[0]) != nil {
                return "\(systolicParts[0])/\(diastolicParts[0]) \(systolicParts[1])"
            }
            return "\(systolic.value) / \(diastolic.value)"
        }
        guard !labelled.isEmpty else { return nil }
        return labelled.map { "\($0.label): \($0.value)" }.joined(separator: "; ")
    }

    /// "no value (Error)" from dataAbsentReason, or "no value".
    static func absentText(_ reader: FieldReader) -> String {
        guard let reason = reader.concept("dataAbsentReason") else { return "no value" }
        let word = reason.text ?? reason.codings.first?.display ?? reason.codings.first?.code
        return word.map { "no value (\($0))" } ?? "no value"
    }
}
