/// The keys of `attribution-rollup.jsonl` (docs/attribution.md, "Roll-ups"), defined once for the
/// writer (`AttributionRollup.appendHeader`, `AttributionRollupRow.document`) and the reader
/// (`AttributionRollupReader`).
public enum AttributionRollupKey {
    /// The header's version field; its presence marks the header line.
    public static let version = "attribution_rollup"
    /// How many most expensive calls each row keeps.
    public static let topCount = "top_calls_kept"
    /// The local days the rows cover.
    public static let days = "days"
    /// Ledger requests attributed by every rotate so far (orders `first_unjoined` across rotates).
    public static let sequence = "sequence"
    /// Requests since idle chains were last closed, at the end of the rotated range.
    public static let sinceSweep = "since_sweep"
    /// The latest request time of the rotated range, in milliseconds since the epoch.
    public static let latest = "latest"
    /// Subagent types by agent id, from the rotated hook log.
    public static let agentTypes = "agent_types"
    /// A subagent's id.
    public static let agentID = "agent_id"
    /// A subagent's type.
    public static let agentType = "subagent_type"

    /// A row's local day.
    public static let day = "day"
    /// A session id.
    public static let sessionID = "session_id"
    /// A row's project.
    public static let project = "project"
    /// Requests.
    public static let requests = "requests"
    /// An exact cost, in picodollars.
    public static let cost = "cost"
    /// Input, output, 5-minute write, 1-hour write and cache-read tokens, in that order.
    public static let tokens = "tokens"
    /// The session's attribution from this day's requests.
    public static let session = "session"
    /// Tool calls.
    public static let calls = "calls"
    /// Tools, prompts, assistant text, thinking, setup and unattributed, in that order (picodollars).
    public static let buckets = "buckets"
    /// The same buckets in tokens.
    public static let bucketTokens = "bucket_tokens"
    /// Call groups by tool.
    public static let byTool = "by_tool"
    /// Call groups by MCP server.
    public static let byMCPServer = "by_mcp_server"
    /// Request groups by subagent type.
    public static let bySubagent = "by_subagent"
    /// Request groups by skill.
    public static let bySkill = "by_skill"
    /// Request groups by model.
    public static let byModel = "by_model"
    /// A group's or call's name (tool, server, type, skill, model, family).
    public static let name = "name"
    /// Issue part, in picodollars.
    public static let issue = "issue"
    /// Result part.
    public static let result = "result"
    /// Carry part.
    public static let carry = "carry"
    /// Subagent part.
    public static let subagent = "subagent"
    /// Of `tokens`, the carried ones.
    public static let carryTokens = "carry_tokens"
    /// The hook's estimate, in tokens.
    public static let estimatedTokens = "estimated_tokens"
    /// The billed tokens of the subagent a call started.
    public static let subagentTokens = "subagent_tokens"
    /// Each call's cost at its first hand-on, in picodollars (for the exact median and p95).
    public static let callCosts = "call_costs"
    /// The calls first counted here, as 16 hex digits of their key (`HookCallIndex.key`).
    public static let callKeys = "call_keys"
    /// The row's most expensive calls.
    public static let topCalls = "top_calls"
    /// A call's `tool_use_id`.
    public static let toolUseID = "tool_use_id"
    /// A time, in milliseconds since the epoch.
    public static let timestamp = "timestamp"
    /// A model.
    public static let model = "model"
    /// A call's tool.
    public static let tool = "tool"
    /// A call's file, command, URL or pattern.
    public static let detail = "detail"
    /// A call's MCP server.
    public static let server = "server"
    /// Calls inside subagents, by tool.
    public static let inside = "calls_inside_subagents"
    /// Hook calls no request joined, by tool.
    public static let unjoinedCalls = "unjoined_calls"
    /// Requests that issued a call the hook did not log.
    public static let unjoinedRequests = "unjoined_requests"
    /// The `sequence` number of the row's first unjoined request.
    public static let firstUnjoined = "first_unjoined"
    /// Characters and output tokens by model family.
    public static let charactersPerToken = "characters_per_token"
    /// Characters.
    public static let characters = "characters"
    /// Requests by UTC hour (hours since the epoch).
    public static let hours = "hours"

    /// A request of a chain the rotated range left open: its ledger line.
    public static let openRequest = "open_request"
    /// A hook call the rotated range left in the join's index or held for an open chain.
    public static let openCall = "open_call"
    /// A call an open chain saw, not counted yet: its tool and server.
    public static let openTag = "open_tag"
    /// A call's key (16 hex digits).
    public static let key = "key"
    /// Whether a request saw the hook call.
    public static let joined = "joined"
    /// Whether the call had left the index, held for its open chain.
    public static let held = "held"
}
