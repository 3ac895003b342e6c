/// Why a request missed the prompt cache and how many input tokens it missed, as Claude Code
/// records it in `message.diagnostics.cache_miss_reason`.
public struct UsageCacheMiss: Hashable, Sendable {
    /// `type`: `system_changed`, `tools_changed`, `messages_changed`, `model_changed`,
    /// `previous_message_not_found` or `unavailable`.
    public var reason: String
    /// `cache_missed_input_tokens`; 0 when not given (`previous_message_not_found` gives none).
    public var missedTokens: Int

    /// Creates a miss.
    public init(reason: String, missedTokens: Int = 0) {
        self.reason = reason
        self.missedTokens = missedTokens
    }
}

/// The cache misses of one reason in a range: requests, missed tokens and what they cost beyond a hit.
public struct CacheMissTotals: Hashable, Sendable {
    /// Requests that missed for this reason.
    public var requests = 0
    /// Their missed input tokens.
    public var missedTokens = 0
    /// What the misses cost beyond a hit (see `PriceRates.missCost`); unpriced models add nothing.
    public var cost = USD.zero

    /// Creates totals.
    public init(requests: Int = 0, missedTokens: Int = 0, cost: USD = .zero) {
        self.requests = requests
        self.missedTokens = missedTokens
        self.cost = cost
    }

    /// Adds one miss and its cost.
    public mutating func add(missedTokens tokens: Int, cost missCost: USD) {
        requests += 1
        missedTokens += tokens
        cost = cost + missCost
    }

    /// Adds another group's totals.
    public mutating func add(_ other: CacheMissTotals) {
        requests += other.requests
        missedTokens += other.missedTokens
        cost = cost + other.cost
    }
}

extension PriceRates {
    /// What `missed` tokens cost beyond a cache hit in a request that billed `tokens` at these rates:
    /// the missed tokens split over the request's 5-minute and 1-hour cache writes in proportion
    /// (the 1-hour share rounded down), each at its write rate minus the read rate; at the input
    /// rate minus the read rate when the request wrote nothing to the cache.
    public func missCost(_ missed: Int, in tokens: UsageTokens) -> USD {
        // One split for a request and for a roll-up row, so a row's cost is its requests' sum.
        missCost(UsageRollupMiss(UsageCacheMiss(reason: "", missedTokens: missed), in: tokens))
    }
}
