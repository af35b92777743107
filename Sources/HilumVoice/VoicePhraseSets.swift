import HilumReporting

/// The phrases `hilum bench voice` and the tests speak.
public enum VoicePhraseSets {
    /// Sentences no grammar covers, which must be rejected. The rejection
    /// thresholds of `VoiceRecognizer` were tuned on these.
    public static let outOfGrammar = [
        "the weather is nice today", "please pass the salt", "I will call you back later", "what time is the meeting",
        "the patient is on the table", "can you hear me now", "send the results to the doctor", "we need more coffee in the break room",
        "turn left at the next traffic light", "my daughter plays the piano",
    ]

    /// More unrelated sentences, kept out of the tuning of the rejection
    /// thresholds so that `hilum bench voice` reports how well the rejection
    /// works on speech it was not tuned for. Some are short, and some share
    /// words with commands or findings.
    public static let outOfGrammarHeldOut = [
        "can you pull up the prior", "I'll be there in five minutes", "who is on call tonight", "okay", "thanks", "hello",
        "accept the delivery at the front desk", "cancel my dentist appointment", "is the scanner down again",
        "the printer is out of paper", "did you see the game last night", "let me know when the contrast is in",
        "the technologist is on the phone", "can we get a wet read on this one", "yes", "good morning", "see you tomorrow",
        "sign the form on the counter", "the next patient is in room three", "I need another coffee", "where did you park",
        "please call the referring physician", "lunch is in the conference room", "the report is on my desk", "hold on a second",
        "is this the right study", "turn the lights down a little", "which field do you mean", "that was my impression too",
        "the findings were discussed with the surgeon", "save me a seat at the lecture", "open the door for the transport team",
        "no thank you", "the pager keeps going off", "there is a problem with the network", "we are running late today",
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
