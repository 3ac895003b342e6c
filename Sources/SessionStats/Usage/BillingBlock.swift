import SessionLogCore

/// A 5-hour billing window as ccusage defines it: it starts at its first request floored to the
/// hour (UTC) and ends 5 hours later; a request more than 5 hours after the block's start, or after
/// 5 hours without requests, starts a new block.
public struct BillingBlock: Sendable {
    /// Five hours in milliseconds.
    public static let length = 5 * 3_600_000

    /// The first request's time floored to the hour.
    public var start: Timestamp
    /// The first request's time.
    public var firstRequest: Timestamp
    /// The last request's time.
    public var lastRequest: Timestamp
    /// The requests, tokens and cost in the block.
    public var totals = UsageTotals()

    /// `start` + 5 hours.
    public var end: Timestamp { Timestamp(milliseconds: start.milliseconds + BillingBlock.length) }

    /// Whether the block is still running at `now`: it has not ended and its last request is under 5 hours old.
    public func isActive(at now: Timestamp) -> Bool {
        now < end && now.milliseconds - lastRequest.milliseconds < BillingBlock.length
    }

    /// Every token of the block (input, output, cache writes and reads), as ccusage counts them.
    public var tokens: Int { totals.tokens.total }

    /// Tokens per minute and picodollars per hour from the first to the last request (at least one minute).
    public var burnRate: (tokensPerMinute: Int, costPerHour: USD) {
        let minutes = max((lastRequest.milliseconds - firstRequest.milliseconds) / 60_000, 1)
        return (tokens / minutes, USD(picodollars: totals.cost.picodollars * 60 / Int128(minutes)))
    }

    /// What the block will hold at its end if the burn rate holds from `now`.
    public func projection(at now: Timestamp) -> (tokens: Int, cost: USD, remainingMinutes: Int) {
        let remaining = max((end.milliseconds - now.milliseconds) / 60_000, 0)
        let rate = burnRate
        return (
            tokens + rate.tokensPerMinute * remaining,
            totals.cost + USD(picodollars: rate.costPerHour.picodollars * Int128(remaining) / 60), remaining
        )
    }

    /// Groups priced requests held in memory into blocks, oldest first (`BillingBlockBuilder` streams).
    /// A usage roll-up row counts as its requests: it spans one hour that never straddles a block's
    /// start or end (see docs/usage-format.md).
    public static func blocks(_ requests: [(record: UsageRecord, cost: USD)]) -> [BillingBlock] {
        var builder = BillingBlockBuilder()
        builder.add(requests)
        return builder.blocks
    }
}
