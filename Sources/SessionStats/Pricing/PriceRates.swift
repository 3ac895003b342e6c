/// What one token of each kind costs, in picodollars ($1 per million tokens = 1,000,000).
public struct PriceRates: Hashable, Sendable {
    /// Uncached input.
    public var input: Int
    /// Output.
    public var output: Int
    /// 5-minute cache write.
    public var cacheWrite5m: Int
    /// 1-hour cache write.
    public var cacheWrite1h: Int
    /// Cache read (hit or refresh).
    public var cacheRead: Int

    /// Creates rates from picodollars per token.
    public init(input: Int, output: Int, cacheWrite5m: Int, cacheWrite1h: Int, cacheRead: Int) {
        self.input = input
        self.output = output
        self.cacheWrite5m = cacheWrite5m
        self.cacheWrite1h = cacheWrite1h
        self.cacheRead = cacheRead
    }

    /// Creates rates from USD per million tokens given in millionths of a dollar
    /// (so `$0.125` is `125_000`): exactly picodollars per token.
    public static func perMillion(
        input: Int, output: Int, write5m: Int, write1h: Int, read: Int
    ) -> PriceRates {
        PriceRates(
            input: input, output: output, cacheWrite5m: write5m, cacheWrite1h: write1h, cacheRead: read)
    }

    /// Every rate times `numerator / denominator` (exact for the table's multipliers).
    public func scaled(_ numerator: Int, _ denominator: Int = 1) -> PriceRates {
        PriceRates(
            input: input * numerator / denominator, output: output * numerator / denominator,
            cacheWrite5m: cacheWrite5m * numerator / denominator,
            cacheWrite1h: cacheWrite1h * numerator / denominator,
            cacheRead: cacheRead * numerator / denominator)
    }

    /// The cost of `tokens` at these rates.
    public func cost(of tokens: UsageTokens) -> USD {
        let sum =
            Int128(tokens.input) * Int128(input) + Int128(tokens.output) * Int128(output)
            + Int128(tokens.cacheWrite5m) * Int128(cacheWrite5m) + Int128(tokens.cacheWrite1h)
            * Int128(cacheWrite1h)
            + Int128(tokens.cacheRead) * Int128(cacheRead)
        return USD(picodollars: sum)
    }
}
