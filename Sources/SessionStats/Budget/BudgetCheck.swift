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
}
