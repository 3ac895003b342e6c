/// Requests, tokens and exact cost of a group of requests: the `T` of `report --json`'s `usage`.
public struct UsageTotals: Hashable, Sendable {
    /// API requests.
    public var requests = 0
    /// Their tokens.
    public var tokens = UsageTokens()
    /// Web searches.
    public var webSearchRequests = 0
    /// Exact cost (unpriced models add nothing).
    public var cost = USD.zero

    /// Creates empty totals.
    public init() {}

    /// Adds a request (or a roll-up row's requests) and its cost.
    public mutating func add(_ record: UsageRecord, cost: USD) {
        requests += record.requests
        tokens = tokens + record.tokens
        webSearchRequests += record.webSearchRequests
        self.cost = self.cost + cost
    }

    /// The share of prompt tokens read from the cache, in ten-thousandths (0 without prompt tokens).
    public var cacheHitBasisPoints: Int {
        let prompt = tokens.prompt
        return prompt == 0
            ? 0 : Int((Int128(tokens.cacheRead) * 10_000 + Int128(prompt) / 2) / Int128(prompt))
    }
}
