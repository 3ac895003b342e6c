import SessionLogCore

/// Attribution of a range: the buckets, the cost of tool calls by tool, MCP server, subagent and
/// skill, the most expensive calls, and what did not join (docs/attribution.md).
public struct AttributionReport: Sendable {
    /// Tool calls grouped by one name (a tool, an MCP server).
    public struct CallGroup: Sendable, Equatable {
        /// The tool or server.
        public var name: String
        /// Calls.
        public var calls = 0
        /// Issue, result, carry and the subagents the calls started.
        public var cost: USD = .zero
        /// Issue part.
        public var issue: USD = .zero
        /// Result part.
        public var result: USD = .zero
        /// Carry part.
        public var carry: USD = .zero
        /// The subagents its calls started.
        public var subagent: USD = .zero
        /// Billed tokens shared to the calls.
        public var tokens = 0
        /// Of `tokens`, the cache reads that carried the calls.
        public var carryTokens = 0
        /// The hook's estimate for the joined calls, in tokens.
        public var estimatedTokens = 0
        /// The median cost of one call.
        public var median: USD = .zero
        /// The 95th percentile cost of one call (nearest rank).
        public var p95: USD = .zero
    }

    /// Requests grouped by one name (a subagent type, a skill, a model).
    public struct RequestGroup: Sendable, Equatable {
        /// The subagent type, skill or model.
        public var name: String
        /// Requests.
        public var requests = 0
        /// Their exact cost.
        public var cost: USD = .zero
    }

    /// One of the most expensive calls.
    public struct TopCall: Sendable, Equatable {
        /// Its cost.
        public var cost: CallCost
        /// The tool (`(not in hook log)` when the hook did not log it).
        public var tool: String
        /// The file, command, URL or pattern.
        public var detail: String?
    }

    /// The exact cost of the range's requests.
    public var cost: USD = .zero
    /// Requests attributed.
    public var requests = 0
    /// Of `requests`, those of rolled-up days (`rotate`), which cannot be attributed.
    public var rolledUpRequests = 0
    /// The buckets, adding up to `cost`.
    public var buckets = AttributionBuckets()
    /// By tool, most expensive first.
    public var byTool: [CallGroup] = []
    /// By MCP server, most expensive first.
    public var byMCPServer: [CallGroup] = []
    /// Requests of subagents by type, most expensive first.
    public var bySubagent: [RequestGroup] = []
    /// Requests by `attributionSkill`, most expensive first.
    public var bySkill: [RequestGroup] = []
    /// Requests by model, most expensive first.
    public var byModel: [RequestGroup] = []
    /// The most expensive calls, most expensive first.
    public var topCalls: [TopCall] = []
    /// Sessions by id.
    public var sessions: [String: SessionAttribution] = [:]
    /// Per call costs of the sessions asked for in detail (`session ID`), by `tool_use_id`.
    public var sessionCalls: [String: CallCost] = [:]
    /// Calls of subagents whose cost is in the call that started them (not in `byTool`), by tool.
    public var callsInsideSubagents: [String: Int] = [:]
    /// Hook-log calls with no request in the ledger, by tool.
    public var unjoinedCalls: [String: Int] = [:]
    /// Ledger requests that issued a call the hook did not log.
    public var unjoinedRequests = 0
    /// A few of those requests' sessions, to name them.
    public var unjoinedRequestSessions: [String] = []
    /// Requests by local weekday (0 Sunday) and hour.
    public var activity = [[Int]](repeating: [Int](repeating: 0, count: 24), count: 7)
    /// Input, cache write and cache read tokens of all requests, for the cache hit ratio.
    public var promptTokens = UsageTokens()
    /// Characters per output token by model family, from requests whose output is all sized.
    public var charactersPerToken: [(family: String, characters: Int, tokens: Int)] = []

    /// Hook-log calls with no request in the ledger.
    public var unjoinedCallCount: Int { unjoinedCalls.values.reduce(0, +) }

    /// Cache reads over everything the requests read (input, cache writes and reads); nil without any.
    public var cacheHitRatio: Double? {
        let prompt = promptTokens.prompt
        return prompt == 0 ? nil : Double(promptTokens.cacheRead) / Double(prompt)
    }
}
