/// Evaluates an `ArithmeticExpression`: numbers, `{elementID}` references,
/// + - * / and parentheses. A reference without a value counts as 0 and a
/// multiple-choice value as the sum of its numeric items, as in the ACR's
/// simulator. Returns nil for text it cannot parse (the caller treats the
/// computed element as having no value).
struct AssistArithmetic {
    let values: [String: AssistValue]
    private var scalars: [Unicode.Scalar] = []
    private var index = 0

    init(values: [String: AssistValue]) {
        self.values = values
    }

    mutating func evaluate(_ expression: String) -> Double? {
        scalars = Array(expression.unicodeScalars)
        index = 0
        guard let result = parseSum(depth: 0) else { return nil }
        skipSpace()
        return index == scalars.count && result.isFinite ? result : nil
    }

    private mutating func skipSpace() {
        while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
    }

    private mutating func parseSum(depth: Int) -> Double? {
        guard var result = parseProduct(depth: depth) else { return nil }
        while true {
            skipSpace()
            guard index < scalars.count, scalars[index] == "+" || scalars[index] == "-" else { return result }
            let isPlus = scalars[index] == "+"
            index += 1
            guard let operand = parseProduct(depth: depth) else { return nil }
            result = isPlus ? result + operand : result - operand
        }
    }

    private mutating func parseProduct(depth: Int) -> Double? {
        guard var result = parseFactor(depth: depth) else { return nil }
        while true {
            skipSpace()
            guard index < scalars.count, scalars[index] == "*" || scalars[index] == "/" else { return result }
            let isTimes = scalars[index] == "*"
            index += 1
            guard let operand = parseFactor(depth: depth) else { return nil }
            result = isTimes ? result * operand : result / operand
        }
    }

    private mutating func parseFactor(depth: Int) -> Double? {
        skipSpace()
        guard index < scalars.count, depth < 64 else { return nil }
        let scalar = scalars[index]
        if scalar == "-" {
            index += 1
            return parseFactor(depth: depth + 1).map { -$0 }
        }
        if scalar == "(" {
            index += 1
            let inner = parseSum(depth: depth + 1)
            skipSpace()
            guard index < scalars.count, scalars[index] == ")" else { return nil }
            index += 1
            return inner
        }
        if scalar == "{" {
            let start = index + 1
            while index < scalars.count, scalars[index] != "}" { index += 1 }
            guard index < scalars.count else { return nil }
            var name = String.UnicodeScalarView()
            name.append(contentsOf: scalars[start..<index])
            index += 1
            return Self.numericValue(values[String(name).trimmingCharacters(in: .whitespaces)])
        }
        let start = index
        while index < scalars.count, scalars[index].properties.numericType != nil || scalars[index] == "." { index += 1 }
        var digits = String.UnicodeScalarView()
        digits.append(contentsOf: scalars[start..<index])
        return Double(String(digits))
    }

    static func numericValue(_ value: AssistValue?) -> Double {
        guard let value else { return 0 }
        if case .choices(let items) = value {
            return items.compactMap { Double($0) }.reduce(0, +)
        }
        return value.number ?? 0
    }
}
