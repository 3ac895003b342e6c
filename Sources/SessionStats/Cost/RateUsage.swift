/// How much was priced at one set of rates.
public struct RateUsage: Sendable {
    /// The rates, and the family they came from.
    public var choice: RateChoice
    /// Sessions priced at them.
    public var sessions = 0
    /// Tokens priced at them.
    public var tokens = TokenCount()
    /// What those tokens cost.
    public var cost = CostSplit()

    /// Creates an empty usage of `choice`.
    public init(choice: RateChoice) { self.choice = choice }

    /// Adds one session's tokens and cost (or, with `sessions: 0`, lines without a session).
    mutating func add(_ tokens: TokenCount, _ cost: CostSplit, sessions: Int = 1) {
        self.sessions +|= sessions
        self.tokens += tokens
        self.cost += cost
    }
}
