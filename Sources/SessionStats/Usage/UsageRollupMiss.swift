/// The cache misses of one reason among a roll-up row's requests: how many, and their missed
/// tokens split the way each request's miss cost splits them (`PriceRates.missCost`), so the row's
/// miss cost is exactly the sum of its requests'.
public struct UsageRollupMiss: Hashable, Sendable {
    /// `cache_miss`: why the requests missed the prompt cache.
    public var reason: String
    /// Requests that missed for this reason.
    public var requests: Int
    /// Missed tokens charged at the 5-minute cache-write rate.
    public var missed5m: Int
    /// Missed tokens charged at the 1-hour cache-write rate.
    public var missed1h: Int
    /// Missed tokens of requests that wrote nothing to the cache, charged at the input rate.
    public var uncached: Int

    /// Creates the misses of a row as read back.
    public init(reason: String, requests: Int, missed5m: Int, missed1h: Int, uncached: Int) {
        self.reason = reason
        self.requests = requests
        self.missed5m = missed5m
        self.missed1h = missed1h
        self.uncached = uncached
    }

    /// The miss of one request that billed `tokens`: its missed tokens split over the request's
    /// 5-minute and 1-hour cache writes in proportion (the 1-hour share rounded down), or all
    /// uncached when it wrote nothing to the cache; `PriceRates.missCost` prices this split.
    public init(_ miss: UsageCacheMiss, in tokens: UsageTokens) {
        reason = miss.reason
        requests = 1
        let written = tokens.cacheWrite
        guard written > 0 else {
            (missed5m, missed1h, uncached) = (0, 0, miss.missedTokens)
            return
        }
        let share = Int128(miss.missedTokens) * Int128(tokens.cacheWrite1h) / Int128(written)
        missed1h = Int(share)
        missed5m = miss.missedTokens - missed1h
        uncached = 0
    }

    /// All missed tokens.
    public var missedTokens: Int { missed5m + missed1h + uncached }

    /// Adds `other`'s requests and tokens (of the same reason).
    public mutating func add(_ other: UsageRollupMiss) {
        requests += other.requests
        missed5m += other.missed5m
        missed1h += other.missed1h
        uncached += other.uncached
    }
}

extension PriceRates {
    /// What a row's misses cost beyond a cache hit at these rates (every request of a row shares
    /// them): the sum of `missCost` over its requests.
    public func missCost(_ misses: UsageRollupMiss) -> USD {
        USD(
            picodollars: Int128(misses.missed5m) * Int128(cacheWrite5m - cacheRead)
                + Int128(misses.missed1h) * Int128(cacheWrite1h - cacheRead)
                + Int128(misses.uncached) * Int128(input - cacheRead))
    }
}
