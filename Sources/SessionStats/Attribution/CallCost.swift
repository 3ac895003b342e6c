import SessionLogCore

/// One tool call's exact cost: what issuing it, bringing its result into context and carrying that
/// result cost (see docs/attribution.md).
public struct CallCost: Hashable, Sendable {
    /// The `tool_use_id`.
    public var id: String
    /// The session of the chain that issued it.
    public var sessionID: String
    /// The subagent whose chain issued it, if any.
    public var agentID: String?
    /// When the request that issued it was answered (nil when only its result was seen).
    public var timestamp: Timestamp?
    /// The model that issued it.
    public var model: String = ""
    /// Its share of the output of the request that issued it.
    public var issue: USD = .zero
    /// Its share of what the next request wrote into the context.
    public var result: USD = .zero
    /// Its share of the cache reads of the later requests of its chain.
    public var carry: USD = .zero
    /// The whole cost of the subagent it started (a `Task` or `Agent` call; docs/attribution.md, "Subagents").
    public var subagent: USD = .zero
    /// Its share of the billed tokens, all three parts.
    public var tokens = 0
    /// Of `tokens`, the cache reads that carried it.
    public var carryTokens = 0
    /// The billed tokens of the subagent it started (not in `tokens`).
    public var subagentTokens = 0
    /// Whether it was a subagent's call whose cost is inside the call that started the subagent.
    public var isInsideSubagent = false

    /// Creates a call with no cost yet.
    public init(id: String, sessionID: String, agentID: String? = nil) {
        self.id = id
        self.sessionID = sessionID
        self.agentID = agentID
    }

    /// Issue, result, carry and the subagent it started.
    public var total: USD { issue + result + carry + subagent }
}

extension CallCost {
    /// Whether it lists before `other` among the most expensive calls: costlier first, then
    /// earlier (an unknown time last), then by session id and `tool_use_id`, so ties never depend
    /// on the order the calls came in.
    public func ranks(before other: CallCost) -> Bool {
        if total != other.total { return other.total < total }
        if timestamp != other.timestamp {
            guard let time = timestamp else { return false }
            guard let otherTime = other.timestamp else { return true }
            return time < otherTime
        }
        if sessionID != other.sessionID { return sessionID < other.sessionID }
        return id < other.id
    }
}
