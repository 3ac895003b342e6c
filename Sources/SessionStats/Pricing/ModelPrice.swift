import SessionLogCore

/// One model's prices: its rates over time and the billing rules that change them per request.
public struct ModelPrice: Hashable, Sendable {
    /// The name reports show, e.g. `Opus 4.5`.
    public var name: String
    /// The family (`opus`, `sonnet`, `haiku`, `fable`), for pricing unknown models of it.
    public var family: String
    /// The rates and the UTC day each took effect, oldest first; the first applies before its date too.
    public var rates: [(from: CivilDate, rates: PriceRates)]
    /// Long-context billing: a request whose prompt (input, cache writes and reads) exceeds
    /// `threshold` tokens is billed whole at `rates`.
    public var longContext: (threshold: Int, rates: PriceRates)?
    /// Fast mode (`speed: "fast"`): every rate times this.
    public var fastMultiplier: Int?

    /// Creates a price.
    public init(
        name: String, family: String, rates: [(from: CivilDate, rates: PriceRates)],
        longContext: (threshold: Int, rates: PriceRates)? = nil, fastMultiplier: Int? = nil
    ) {
        self.name = name
        self.family = family
        self.rates = rates
        self.longContext = longContext
        self.fastMultiplier = fastMultiplier
    }

    /// The rates in effect on `day` (UTC).
    public func rates(on day: CivilDate) -> PriceRates {
        var current = rates[0].rates
        for entry in rates where entry.from <= day { current = entry.rates }
        return current
    }

    /// Whether `record`, a single request, is billed at the long-context rates.
    public func isLongContext(_ record: UsageRecord) -> Bool {
        longContext.map { record.tokens.prompt > $0.threshold } ?? false
    }

    /// What the request (or a roll-up row's requests) cost: its rates on its day, long context, fast mode, the US-only inference
    /// multiplier (1.1×), then web searches at $10 per 1,000.
    public func cost(of record: UsageRecord) -> USD {
        cost(
            tokens: record.tokens, at: record.timestamp, webSearchRequests: record.webSearchRequests,
            isFast: record.speed == "fast", isUSOnly: record.inferenceGeo == "us",
            isLongContext: record.isLongContext)
    }

    /// What a request cost, from the parts of it that set the price (see `cost(of:)`); a roll-up
    /// row says whether its requests were long-context, a single request's prompt size does.
    public func cost(
        tokens: UsageTokens, at timestamp: Timestamp, webSearchRequests: Int, isFast: Bool, isUSOnly: Bool,
        isLongContext: Bool? = nil
    ) -> USD {
        rates(tokens: tokens, at: timestamp, isFast: isFast, isUSOnly: isUSOnly, isLongContext: isLongContext)
            .cost(of: tokens) + ModelPrice.webSearch(webSearchRequests)
    }

    /// The rates one request (or row) is billed at: its day's, long context, fast mode, US-only inference.
    public func rates(for record: UsageRecord) -> PriceRates {
        rates(
            tokens: record.tokens, at: record.timestamp, isFast: record.speed == "fast",
            isUSOnly: record.inferenceGeo == "us", isLongContext: record.isLongContext)
    }

    /// The rates from the parts of a request that set them (see `cost(tokens:at:…)`).
    public func rates(
        tokens: UsageTokens, at timestamp: Timestamp, isFast: Bool, isUSOnly: Bool, isLongContext: Bool? = nil
    ) -> PriceRates {
        var applied = rates(on: CivilDate(daysSinceEpoch: timestamp.seconds.floorDiv(86_400)))
        if let longContext, isLongContext ?? (tokens.prompt > longContext.threshold) {
            applied = longContext.rates
        }
        if isFast, let fastMultiplier { applied = applied.scaled(fastMultiplier) }
        if isUSOnly { applied = applied.scaled(11, 10) }
        return applied
    }

    /// $10 per 1,000 web searches.
    public static func webSearch(_ count: Int) -> USD { USD(picodollars: Int128(count) * 10_000_000_000) }

    public static func == (lhs: ModelPrice, rhs: ModelPrice) -> Bool {
        lhs.name == rhs.name && lhs.family == rhs.family && lhs.fastMultiplier == rhs.fastMultiplier
            && lhs.rates.map(\.from) == rhs.rates.map(\.from)
            && lhs.rates.map(\.rates) == rhs.rates.map(\.rates)
            && lhs.longContext?.threshold == rhs.longContext?.threshold
            && lhs.longContext?.rates == rhs.longContext?.rates
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

extension Int {
    fileprivate func floorDiv(_ divisor: Int) -> Int {
        self >= 0 ? self / divisor : -((-self + divisor - 1) / divisor)
    }
}
