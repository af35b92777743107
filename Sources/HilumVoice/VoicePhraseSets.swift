import HilumReporting

/// The phrases `hilum bench voice` and the tests speak.
public enum VoicePhraseSets {
    /// Sentences no grammar covers, which must be rejected.
    public static let outOfGrammar = [
        "the weather is nice today", "please pass the salt", "I will call you back later", "what time is the meeting",
        "the patient is on the table", "can you hear me now", "send the results to the doctor", "we need more coffee in the break room",
        "turn left at the next traffic light", "my daughter plays the piano",
    ]

    /// Text the free-dictation language model is built from: every
    /// built-in template's labels, options and default texts, and the macros.
    public static func dictationCorpus(templates: [ReportTemplate], macroTexts: [String]) -> [String] {
        var corpus = macroTexts
        for template in templates {
            for field in template.allFields {
                corpus.append(field.label)
                corpus += field.options.map(\.label)
                if case .text(let text)? = field.defaultValue { corpus.append(text) }
            }
        }
        return corpus
    }

    /// Sentences for free dictation, all from the corpus (so the figure is
    /// an in-domain accuracy, not one for unseen reports).
    public static let freeDictation = [
        "no acute abnormality", "no focal abnormality detected", "no change from the prior study", "the lungs are clear",
        "no pleural effusion or pneumothorax", "heart size normal", "no pericardial effusion", "mediastinal lymphadenopathy",
        "right pleural effusion", "bronchial wall thickening", "degenerative changes", "coronary artery calcification",
    ]
}
