/// The commands an application offers, in display order, and which of them
/// cannot run right now and why.
public struct CommandTable: Sendable {
    public private(set) var commands: [Command]
    private var index: [CommandID: Int]
    private var disabledReasons: [CommandID: String] = [:]

    public init(_ commands: [Command]) {
        self.commands = commands
        index = [:]
        for (position, command) in commands.enumerated() {
            precondition(index[command.id] == nil, "command \(command.id) is defined twice")
            index[command.id] = position
        }
    }

    public subscript(id: CommandID) -> Command? {
        index[id].map { commands[$0] }
    }

    public var ids: [CommandID] { commands.map(\.id) }

    /// Groups in the order their first command appears.
    public var groups: [String] {
        var seen: [String] = []
        for command in commands where !seen.contains(command.group) { seen.append(command.group) }
        return seen
    }

    /// Marks `id` as unable to run; the hint line dims it and the palette shows `reason`.
    public mutating func disable(_ id: CommandID, because reason: String) {
        precondition(index[id] != nil, "unknown command \(id)")
        disabledReasons[id] = reason
    }

    public mutating func enable(_ id: CommandID) {
        disabledReasons[id] = nil
    }

    /// Why `id` cannot run now, or nil when it can.
    public func disabledReason(_ id: CommandID) -> String? {
        disabledReasons[id]
    }
}
