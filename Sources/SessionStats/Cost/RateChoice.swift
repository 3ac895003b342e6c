/// The rates one session was priced at, and the table family they came from.
public struct RateChoice: Hashable, Sendable {
    /// The family its model was recognised as; nil when the model was missing or unknown (Sonnet rates).
    public var family: ModelFamily?
    /// The rates used, overrides included.
    public var rates: TokenRates

    /// Creates a choice.
    public init(family: ModelFamily?, rates: TokenRates) {
        self.family = family
        self.rates = rates
    }

    /// Whether the model was missing or not in the table, so Sonnet's rates stood in.
    public var isFallback: Bool { family == nil }
}
