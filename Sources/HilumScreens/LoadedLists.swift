import HilumWorklist

/// The Market and To read rows, with the Market's search index, read and folded
/// off the main actor so that a ledger change does not block keys while
/// 100,000 postings load. The main actor only swaps them in.
public struct LoadedLists: Sendable {
    /// The ledger version read before the rows, so the rows are at least this new.
    let version: Int64
    let market: [MarketRow]
    let marketIndex: SearchIndex
    /// To read rows, without this session's "in progress" marks, which the app adds.
    let reading: [ReadingRow]

    /// Reads both lists through `store`. Off the main actor, `store` must be one of the caller's own.
    static func load(from store: WorklistStore, now: Int64) throws -> LoadedLists {
        let version = try store.ledgerVersion()
        let market = try store.market(now: now)
        let reading = try store.toRead(now: now)
        return LoadedLists(version: version, market: market, marketIndex: SearchIndex(fields: market.map(\.searchFields)),
                           reading: reading)
    }
}
