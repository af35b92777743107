import HilumCore
import HilumTerminal
import HilumWorklist

/// The Follow-ups screen's data: read when it shows and after every ledger
/// change while it shows, so status from clients and acknowledgments from
/// clinicians appear as they sync.
extension WorklistApp {
    /// Counts the pending critical results for the tab line, and reads the rows when the screen shows.
    func refreshFollowUps() {
        do {
            unacknowledgedCritical = try store.pendingCriticalResults(now: now).unacknowledged
        } catch {
            services.log("error: counting critical results failed: \(error)")
        }
        if screen == .followUps { loadFollowUps() }
    }

    func loadFollowUps() {
        do {
            let items = FollowUpsScreen.items(followUps: try store.followUps(), critical: try store.criticalResults())
            followUpList.load(items)
        } catch {
            show("Cannot read the follow-ups: \(error)", .error)
            services.log("error: reading the follow-ups failed: \(error)")
        }
    }

    /// The Follow-ups tab's label: the count of unacknowledged critical results, when there are any.
    var followUpsTabSuffix: String {
        unacknowledgedCritical > 0 ? " \(unacknowledgedCritical)!" : ""
    }
}
