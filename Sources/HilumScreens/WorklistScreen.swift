/// The worklist's screens, numbered as the number keys select them.
public enum WorklistScreen: Int, CaseIterable, Sendable {
    case market = 1, toRead, caseDetail, feedback, followUps, me

    var title: String {
        switch self {
        case .market: "Market"
        case .toRead: "To read"
        case .caseDetail: "Case"
        case .feedback: "Feedback"
        case .followUps: "Follow-ups"
        case .me: "Me"
        }
    }

    var next: WorklistScreen { WorklistScreen(rawValue: rawValue % 6 + 1)! }
    var previous: WorklistScreen { WorklistScreen(rawValue: (rawValue + 4) % 6 + 1)! }
}
