/// Critical findings as data: each condition with the phrases that name it,
/// and a NegEx-style reading that skips negated mentions ("no
/// pneumothorax", "pulmonary embolism is excluded").
public enum CriticalFindings {
    public struct Term: Sendable {
        /// The condition's name as a message shows it.
        public let name: String
        /// Phrases naming the condition, in lower case, British and American spellings.
        public let phrases: [String]
    }

    public static let terms: [Term] = [
        Term(name: "pneumothorax", phrases: ["pneumothorax", "pneumothoraces"]),
        Term(name: "intracranial haemorrhage", phrases: [
            "intracranial haemorrhage", "intracranial hemorrhage", "intracerebral haemorrhage", "intracerebral hemorrhage",
            "intraparenchymal haemorrhage", "intraparenchymal hemorrhage", "subarachnoid haemorrhage", "subarachnoid hemorrhage",
            "intraventricular haemorrhage", "intraventricular hemorrhage", "subdural haematoma", "subdural hematoma",
            "subdural haemorrhage", "subdural hemorrhage", "extradural haematoma", "extradural hematoma",
            "epidural haematoma", "epidural hematoma",
        ]),
        Term(name: "free intraperitoneal air", phrases: ["free air", "free intraperitoneal air", "free gas", "pneumoperitoneum"]),
        Term(name: "aortic dissection", phrases: ["aortic dissection", "dissection of the aorta", "dissecting aneurysm"]),
        Term(name: "ruptured aortic aneurysm", phrases: ["ruptured aortic aneurysm", "aortic rupture", "ruptured aneurysm"]),
        Term(name: "pulmonary embolism", phrases: ["pulmonary embolism", "pulmonary emboli", "pulmonary embolus", "saddle embolus"]),
        Term(name: "brain herniation", phrases: ["midline shift", "uncal herniation", "tonsillar herniation", "subfalcine herniation"]),
        Term(name: "bowel perforation", phrases: ["bowel perforation", "perforated viscus", "perforated bowel"]),
        Term(name: "spinal cord compression", phrases: ["cord compression"]),
        Term(name: "testicular torsion", phrases: ["testicular torsion"]),
        Term(name: "ectopic pregnancy", phrases: ["ectopic pregnancy"]),
    ]

    /// Cues before a phrase that negate it within its clause.
    static let negationCues: [[String]] = [
        "no", "not", "without", "negative for", "no evidence of", "no sign of", "no signs of", "absence of",
        "absent", "free of", "rule out", "ruled out", "resolution of", "resolved",
    ].map { TextWords.words($0) }

    /// Cues after a phrase that negate it ("pneumothorax has resolved").
    static let postNegationCues: [[String]] = [
        "is excluded", "was excluded", "excluded", "ruled out", "is not seen", "not seen", "not identified",
        "is absent", "absent", "has resolved", "resolved",
    ].map { TextWords.words($0) }

    /// Phrases that look like negation but leave the finding present
    /// ("no change in the pneumothorax"). They are removed before the cues are sought.
    static let pseudoNegations: [[String]] = [
        "no change", "no interval change", "no significant change", "no increase", "not only", "no decrease",
        "not significantly changed", "not changed",
    ].map { TextWords.words($0) }

    /// Returns the names of the critical conditions `text` affirms, once
    /// each, in `terms` order. A phrase is negated when a negation cue
    /// precedes it or a post-negation cue follows it in the same clause.
    /// NOTE: scope is the whole clause, so "no effusion, pneumothorax" reads
    /// as negated; write "no effusion but a pneumothorax" or two sentences.
    public static func affirmedTerms(in text: String) -> [String] {
        let clauses = TextWords.clauses(text).map(removingPseudoNegations)
        return terms.filter { term in
            term.phrases.contains { phrase in
                let words = TextWords.words(phrase)
                return clauses.contains { clause in
                    occurrences(of: words, in: clause).contains { start in
                        !isNegated(clause, phraseStart: start, phraseEnd: start + words.count)
                    }
                }
            }
        }.map(\.name)
    }

    static func isNegated(_ clause: [String], phraseStart: Int, phraseEnd: Int) -> Bool {
        let before = Array(clause[..<phraseStart])
        let after = Array(clause[phraseEnd...])
        return negationCues.contains { !occurrences(of: $0, in: before).isEmpty }
            || postNegationCues.contains { !occurrences(of: $0, in: after).isEmpty }
    }

    static func removingPseudoNegations(_ clause: [String]) -> [String] {
        var words = clause
        for pseudo in pseudoNegations {
            while let start = occurrences(of: pseudo, in: words).first {
                words.replaceSubrange(start..<(start + pseudo.count), with: ["_"])
            }
        }
        return words
    }

    /// Start indices of `phrase` in `words`.
    static func occurrences(of phrase: [String], in words: [String]) -> [Int] {
        guard !phrase.isEmpty, words.count >= phrase.count else { return [] }
        return (0...(words.count - phrase.count)).filter { Array(words[$0..<($0 + phrase.count)]) == phrase }
    }
}
