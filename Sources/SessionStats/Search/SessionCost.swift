import SessionLogCore

/// A session's exact cost from the usage ledger.
struct SessionCost: Equatable, Sendable {
    /// The cost of its priced requests.
    var priced = USD.zero
    /// Models of requests that could not be priced; their cost is not in `priced`.
    var unpricedModels: [String] = []
    /// Claude models the table lacks, priced as their family's newest: model → the model used.
    var estimatedModels: [String: String] = [:]

    /// Bumped when what is cached of a cost changes, so costs cached before are worked out again.
    static let cacheVersion: UInt64 = 2

    /// The exact cost of each of `sessions` that the ledgers in `directories` hold requests for,
    /// reading the ledger days the sessions were active on.
    static func of(
        _ sessions: [IndexedSession], directories: [String], table: PriceTable, clock: LocalClock
    ) -> [String: SessionCost] {
        let wanted = Set(sessions.map(\.id))
        let firsts = sessions.compactMap(\.first).map(clock.date(of:))
        let lasts = sessions.compactMap(\.last).map(clock.date(of:))
        guard let low = firsts.min(), let high = lasts.max(), low <= high else { return [:] }
        var costs: [String: SessionCost] = [:]
        var reader = UsageLedgerReader(directories: directories, localDays: clock.dayResolver)
        var pricer = ModelPricer(table: table)
        _ = reader.read(days: low...high) { record in
            guard wanted.contains(record.sessionID) else { return }
            let match = pricer.match(record.model)
            var cost = costs[record.sessionID] ?? SessionCost()
            if let price = match.price {
                cost.priced = cost.priced + price.cost(of: record)
                if case .estimated = match { cost.estimatedModels[record.model] = price.name }
            } else if !cost.unpricedModels.contains(record.model) {
                cost.unpricedModels.append(record.model)
            }
            costs[record.sessionID] = cost
        }
        return costs
    }
}
