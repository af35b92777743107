import HilumCore
import HilumTerminal

/// `Role` means the drawing role in this module; HilumCore's identity role
/// is not used here.
typealias Role = HilumTerminal.Role

extension HilumTerminal.Role {
    static func priority(_ priority: Priority) -> Role {
        switch priority {
        case .stat: .priorityStat
        case .urgent: .priorityUrgent
        case .routine: .priorityRoutine
        }
    }

    /// Overdue in the alarm colour, under an hour left as soon, else ok.
    static func deadline(_ deadline: Int64, now: Int64) -> Role {
        if deadline <= now { return .deadlineOverdue }
        if deadline - now < 3_600_000 { return .deadlineSoon }
        return .deadlineOK
    }
}

extension Priority {
    /// The label in the Pri column.
    var label: String {
        switch self {
        case .stat: "STAT"
        case .urgent: "URG"
        case .routine: "RTN"
        }
    }
}
