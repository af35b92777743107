import HilumTerminal
import HilumWorklist

/// The sync state in the header: the nodes connected now, the newest node
/// time in the replica, and this device's events waiting for upload.
public struct SyncStatus: Sendable, Equatable {
    /// One entry per live session, such as `"Demo Node" 127.0.0.1:7420`.
    public var connected: [String]
    /// Nodes in the home's `nodes` file.
    public var configuredNodes: Int
    public var ledger: LedgerStatus

    public init(connected: [String], configuredNodes: Int, ledger: LedgerStatus) {
        self.connected = connected
        self.configuredNodes = configuredNodes
        self.ledger = ledger
    }

    public static let unknown = SyncStatus(connected: [], configuredNodes: 0,
                                           ledger: LedgerStatus(version: 0, lastEventAt: nil, pendingUpload: 0))

    public var isOnline: Bool { !connected.isEmpty }

    /// Builds the right side of the header.
    func spans() -> [Span] {
        var spans: [Span] = []
        if let first = connected.first {
            let more = connected.count > 1 ? " +\(connected.count - 1)" : ""
            spans.append(Span("● \(first)\(more)", .statusOnline))
        } else {
            spans.append(Span(configuredNodes == 0 ? "○ offline: no nodes configured" : "○ offline", .statusOffline))
        }
        if let last = ledger.lastEventAt {
            spans.append(Span("  last event \(Formatting.clock(last))", .header))
        }
        if ledger.pendingUpload > 0 {
            spans.append(Span("  \(ledger.pendingUpload) to send", .syncPending))
        }
        spans.append(Span(" ", .header))
        return spans
    }
}
