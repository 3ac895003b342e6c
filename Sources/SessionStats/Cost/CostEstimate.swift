/// Prices an aggregate: each session at its own model's rates, so any group's cost is the exact
/// sum of its sessions' shares.
public struct CostEstimate: Sendable {
    /// The pricing used.
    public let pricing: Pricing
    /// The rates of each session, by index in `StatsAggregate.sessions`.
    public let choices: [RateChoice]
    /// The rates of lines without a session id: Sonnet's, as for an unknown model.
    public let unattributedChoice: RateChoice
    /// The cost of every counted line.
    public let total: CostSplit
    /// Which rates were used, for how many sessions and tokens, most expensive first.
    public let usage: [RateUsage]

    /// Prices `aggregate` with `pricing`.
    public init(_ aggregate: StatsAggregate, pricing: Pricing) {
        self.pricing = pricing
        // Thousands of sessions share a handful of models: each id is matched to the table once.
        var byModel: [String: RateChoice] = [:]
        let choices = aggregate.sessions.map { session -> RateChoice in
            let model = aggregate.models[session.id] ?? ""
            if let known = byModel[model] { return known }
            let choice = pricing.choice(forModel: model.isEmpty ? nil : model)
            byModel[model] = choice
            return choice
        }
        let unattributedChoice = pricing.choice(forModel: nil)
        var total = unattributedChoice.rates.cost(of: aggregate.unattributedTokens)
        var byChoice: [RateChoice: RateUsage] = [:]
        for (index, session) in aggregate.sessions.enumerated() {
            let cost = choices[index].rates.cost(of: session.tokens)
            total += cost
            byChoice[choices[index], default: RateUsage(choice: choices[index])].add(session.tokens, cost)
        }
        if aggregate.unattributedTokens != TokenCount() {
            let cost = unattributedChoice.rates.cost(of: aggregate.unattributedTokens)
            byChoice[unattributedChoice, default: RateUsage(choice: unattributedChoice)].add(
                aggregate.unattributedTokens, cost, sessions: 0)
        }
        self.choices = choices
        self.unattributedChoice = unattributedChoice
        self.total = total
        self.usage = byChoice.values.sorted {
            ($0.cost.total, $1.choice.family?.rawValue ?? "") > (
                $1.cost.total, $0.choice.family?.rawValue ?? ""
            )
        }
    }

    /// The rates of the session at `index`, or of lines without a session for `StatsAggregate.noSession`.
    public func choice(forSession index: Int) -> RateChoice {
        index >= 0 ? choices[index] : unattributedChoice
    }

    /// The cost of a group such as a project or a day.
    public func cost(of group: GroupTotals) -> CostSplit {
        var cost = CostSplit()
        for (session, tokens) in group.sessionTokens {
            cost += choice(forSession: session).rates.cost(of: tokens)
        }
        return cost
    }

    /// The cost of the session at `index`.
    public func cost(ofSession index: Int, in aggregate: StatsAggregate) -> CostSplit {
        choices[index].rates.cost(of: aggregate.sessions[index].tokens)
    }

    /// Sessions priced at Sonnet's rates because their model was missing or unknown.
    public var fallbackSessions: Int {
        usage.filter { $0.choice.isFallback }.reduce(0) { $0 + $1.sessions }
    }
}
