extension AttributionReport.CallGroup {
    /// Adds a closed call's cost and tokens; a call seen again (a later chain's share) adds them but
    /// not a call.
    mutating func add(_ call: CallCost, isNew: Bool, estimate: Int) {
        if isNew { calls += 1 }
        cost = cost + call.total
        issue = issue + call.issue
        result = result + call.result
        carry = carry + call.carry
        subagent = subagent + call.subagent
        tokens += call.tokens
        carryTokens += call.carryTokens
        estimatedTokens += estimate
    }

    /// Adds another group's sums (the same tool or server over other days); median and p95 stay.
    mutating func absorb(_ other: Self) {
        calls += other.calls
        cost = cost + other.cost
        issue = issue + other.issue
        result = result + other.result
        carry = carry + other.carry
        subagent = subagent + other.subagent
        tokens += other.tokens
        carryTokens += other.carryTokens
        estimatedTokens += other.estimatedTokens
    }
}

extension [AttributionReport.TopCall] {
    /// Puts `top` in its place in this list of at most `limit` calls, costliest first, when it ranks
    /// among them; which of equal-cost calls stay never depends on the order they come in.
    mutating func insertRanked(_ top: AttributionReport.TopCall, limit: Int) {
        let call = top.cost
        guard count < limit || call.ranks(before: last!.cost) else { return }
        let position = firstIndex { call.ranks(before: $0.cost) } ?? count
        insert(top, at: position)
        if count > limit { removeLast() }
    }
}
