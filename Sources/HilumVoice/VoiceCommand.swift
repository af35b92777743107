/// A spoken command of the worklist and the report editor.
public enum VoiceCommand: Sendable, Equatable {
    case nextField
    case previousField
    case findings
    case impression
    case saveDraft
    case signReport
    case openNextCase
    /// Insert the macro with this shortcut.
    case insertMacro(String)
    case accept
    case cancel

    /// The fixed phrases, in the order the help lists them. `insert macro`
    /// is followed by a macro's spoken name.
    public static let fixedPhrases: [(phrase: String, command: VoiceCommand)] = [
        ("next field", .nextField), ("previous field", .previousField), ("findings", .findings), ("impression", .impression),
        ("save draft", .saveDraft), ("sign report", .signReport), ("open next case", .openNextCase),
        ("accept", .accept), ("cancel", .cancel),
    ]
}
