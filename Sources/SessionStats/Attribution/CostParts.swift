/// A request's exact price cut into the parts attribution shares separately; they add up to the
/// price `ModelPrice.cost(of:)` gives (see docs/attribution.md, "The rule, per request").
public struct CostParts: Hashable, Sendable {
    /// Output tokens.
    public var output: USD = .zero
    /// Uncached input and both cache writes: what entered the context.
    public var new: USD = .zero
    /// Cache reads: what the context already held.
    public var read: USD = .zero
    /// Web searches, billed per request.
    public var webSearch: USD = .zero

    /// No cost.
    public init() {}

    /// The parts of `record`'s price; all zero when the model is not priced.
    public init(_ record: borrowing UsageRecord, price: borrowing ModelPrice?) {
        // Both borrowed: a request's price is cut for every ledger line, and a copy of either
        // retains all it holds.
        self.init(record, rates: price?.rates(for: record))
    }

    /// The parts of `record`'s price at `rates` (`ModelPrice.rates(for:)` of its model); all zero
    /// when nil (the model is not priced).
    init(_ record: borrowing UsageRecord, rates: PriceRates?) {
        guard let rates else { return }
        let tokens = record.tokens
        output = USD(picodollars: Int128(tokens.output) * Int128(rates.output))
        new = USD(
            picodollars: Int128(tokens.input) * Int128(rates.input) + Int128(tokens.cacheWrite5m)
                * Int128(rates.cacheWrite5m) + Int128(tokens.cacheWrite1h) * Int128(rates.cacheWrite1h))
        read = USD(picodollars: Int128(tokens.cacheRead) * Int128(rates.cacheRead))
        webSearch = ModelPrice.webSearch(record.webSearchRequests)
    }

    /// The whole price.
    public var total: USD { output + new + read + webSearch }
}
