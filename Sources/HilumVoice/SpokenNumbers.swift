/// Whole numbers as they are spoken ("seven", "twenty five", "one hundred"),
/// for grammars and for reading recognised words back as values.
public enum SpokenNumbers {
    private static let units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                                "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    private static let tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    /// The words for `number`, 0...999.
    public static func words(_ number: Int) -> String {
        precondition((0...999).contains(number), "spoken numbers cover 0...999")
        if number < 20 { return units[number] }
        if number < 100 {
            return number % 10 == 0 ? tens[number / 10] : tens[number / 10] + " " + units[number % 10]
        }
        let rest = number % 100
        return units[number / 100] + " hundred" + (rest == 0 ? "" : " " + words(rest))
    }

    /// Reads the number at the start of `words`, returning it and how many
    /// words it took; nil when `words` does not start with a number.
    public static func parse(_ words: ArraySlice<String>) -> (value: Int, count: Int)? {
        var best: (value: Int, count: Int)?
        for count in 1...4 where count <= words.count {
            let phrase = words.prefix(count).joined(separator: " ")
            if let value = lookup[phrase] { best = (value, count) }
        }
        return best
    }

    private static let lookup: [String: Int] = Dictionary(uniqueKeysWithValues: (0...999).map { (words($0), $0) })

    /// The numbers in `range` as JSGF alternatives.
    static func jsgfAlternatives(_ range: ClosedRange<Int>) -> String {
        range.map { words($0) }.joined(separator: " | ")
    }
}
