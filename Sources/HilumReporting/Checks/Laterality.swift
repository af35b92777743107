/// Reads which sides of the body a text names, to catch an impression that
/// names "right" about findings described on the left.
public enum Laterality {
    public enum Side: String, Sendable, CaseIterable {
        case left, right
    }

    /// Words that name a side. Lobe abbreviations count: RUL, RML and RLL
    /// are right, LUL, LLL and the lingula are left.
    static let sideWords: [String: Set<Side>] = [
        "left": [.left], "right": [.right], "bilateral": [.left, .right], "bilaterally": [.left, .right],
        "rul": [.right], "rml": [.right], "rll": [.right], "lul": [.left], "lll": [.left],
        "lingula": [.left], "lingular": [.left],
    ]

    public static func sides(in text: String) -> Set<Side> {
        var sides: Set<Side> = []
        for word in TextWords.words(text) { sides.formUnion(sideWords[word] ?? []) }
        return sides
    }

    /// Returns a message for each side the impression names while the
    /// findings name only the other side. Findings that name no side
    /// conflict with nothing.
    public static func conflicts(findings: String, impression: String) -> [String] {
        let found = sides(in: findings)
        guard !found.isEmpty else { return [] }
        return sides(in: impression).subtracting(found).sorted { $0.rawValue < $1.rawValue }.map { side in
            let other = found.map(\.rawValue).sorted().joined(separator: " and ")
            return "the impression says \(side.rawValue) but the findings describe only the \(other) side"
        }
    }
}
