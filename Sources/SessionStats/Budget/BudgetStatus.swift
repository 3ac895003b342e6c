/// One limit checked against what was spent in its period.
public struct BudgetStatus: Equatable, Sendable {
    /// The period.
    public var period: BudgetPeriod
    /// The limit.
    public var limit: USD
    /// The estimated spend in the period.
    public var spend: USD
    /// Whether `spend` is the exact cost from the usage ledger rather than the hook's estimate.
    public var isExact = false

    /// Creates a status.
    public init(period: BudgetPeriod, limit: USD, spend: USD) {
        self.period = period
        self.limit = limit
        self.spend = spend
    }

    /// Whether the spend is over the limit (reaching it exactly is not).
    public var isExceeded: Bool { spend > limit }

    /// `warning: daily budget exceeded: $12.3400 spent today, limit $10.00`, or the spend against
    /// the limit with its share: `daily    $3.2100 of $10.00 (32.1%) spent today`.
    public var line: String {
        if isExceeded {
            return "warning: \(period.name) budget exceeded: \(spend.display) spent \(period.span), "
                + "limit \(BudgetAmount.display(limit))" + (isExact ? " (exact)" : "")
        }
        let name = period.name + String(repeating: " ", count: 8 - period.name.count)
        return "\(name)\(spend.display) of \(BudgetAmount.display(limit)) (\(share)) spent \(period.span)"
            + (isExact ? " (exact)" : "")
    }

    /// The spend as a percentage of the limit, one decimal.
    var share: String {
        guard limit.picodollars > 0 else { return "–" }
        let tenths = (spend.picodollars * 2000 + limit.picodollars) / (limit.picodollars * 2)
        return NumberFormat.fixed(tenths, decimals: 1) + "%"
    }
}
