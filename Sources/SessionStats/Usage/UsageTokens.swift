/// The tokens of one API request, or a sum of requests, as the API bills them.
public struct UsageTokens: Hashable, Sendable, AdditiveArithmetic {
    /// Uncached input tokens.
    public var input = 0
    /// Output tokens, thinking included.
    public var output = 0
    /// Tokens written to the 5-minute cache.
    public var cacheWrite5m = 0
    /// Tokens written to the 1-hour cache.
    public var cacheWrite1h = 0
    /// Tokens read from the cache.
    public var cacheRead = 0

    /// Creates counts.
    public init(
        input: Int = 0, output: Int = 0, cacheWrite5m: Int = 0, cacheWrite1h: Int = 0, cacheRead: Int = 0
    ) {
        self.input = input
        self.output = output
        self.cacheWrite5m = cacheWrite5m
        self.cacheWrite1h = cacheWrite1h
        self.cacheRead = cacheRead
    }

    /// No tokens.
    public static let zero = UsageTokens()

    /// Every token of the request: what decides which streaming copy is the complete one.
    public var total: Int { input + output + cacheWrite5m + cacheWrite1h + cacheRead }

    /// The prompt: input, cache writes and cache reads (what long-context pricing looks at).
    public var prompt: Int { input + cacheWrite5m + cacheWrite1h + cacheRead }

    /// Both cache writes.
    public var cacheWrite: Int { cacheWrite5m + cacheWrite1h }

    public static func + (lhs: UsageTokens, rhs: UsageTokens) -> UsageTokens {
        UsageTokens(
            input: lhs.input + rhs.input, output: lhs.output + rhs.output,
            cacheWrite5m: lhs.cacheWrite5m + rhs.cacheWrite5m,
            cacheWrite1h: lhs.cacheWrite1h + rhs.cacheWrite1h,
            cacheRead: lhs.cacheRead + rhs.cacheRead)
    }

    public static func - (lhs: UsageTokens, rhs: UsageTokens) -> UsageTokens {
        UsageTokens(
            input: lhs.input - rhs.input, output: lhs.output - rhs.output,
            cacheWrite5m: lhs.cacheWrite5m - rhs.cacheWrite5m,
            cacheWrite1h: lhs.cacheWrite1h - rhs.cacheWrite1h,
            cacheRead: lhs.cacheRead - rhs.cacheRead)
    }
}
