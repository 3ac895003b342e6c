import SessionLogCore

/// Spend per budget period, from one read of the longest period's days, priced as the report prices them.
public enum BudgetCheck {
    /// The days to read for `periods`: those of the longest, so only the files it needs are read.
    public static func days(for periods: [BudgetPeriod], today: CivilDate) -> ClosedRange<CivilDate>? {
        periods.max().map { $0.range(today: today) }
    }

    /// Each limit against the spend in its period; `aggregate` must cover the longest period's days.
    public static func statuses(
        _ limits: [(period: BudgetPeriod, limit: USD)], aggregate: StatsAggregate, cost: CostEstimate,
        today: CivilDate
    ) -> [BudgetStatus] {
        limits.map { period, limit in
            var spend = USD.zero
            for (day, totals) in aggregate.days where period.range(today: today).contains(day) {
                spend = spend + cost.cost(of: totals).total
            }
            return BudgetStatus(period: period, limit: limit, spend: spend)
        }
    }

    /// The statuses with the exact spend from the usage ledger (`costByDay`: its cost per local day)
    /// for every period it covers: one with exact requests on each day the activity log has entries
    /// (so no day is left to the estimate).
    public static func exact(
        _ statuses: [BudgetStatus], costByDay byDay: [CivilDate: USD], activeDays: Set<CivilDate>,
        today: CivilDate
    ) -> [BudgetStatus] {
        return statuses.map { status in
            let range = status.period.range(today: today)
            let exactDays = byDay.keys.filter { range.contains($0) }
            guard !exactDays.isEmpty,
                activeDays.filter({ range.contains($0) }).allSatisfy({ byDay[$0] != nil })
            else { return status }
            var exact = status
            exact.spend = exactDays.reduce(USD.zero) { $0 + byDay[$1]! }
            exact.isExact = true
            return exact
        }
    }
}
