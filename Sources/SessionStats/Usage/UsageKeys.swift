/// The keys of a usage ledger line: the one vocabulary its writer and its reader share.
///
/// `docs/usage-format.md` describes each; a round-trip test proves writer and reader agree.
public enum UsageKeys {
    /// The format version this code writes; readers accept it and anything older.
    public static let currentVersion = 1

    public static let version: StaticString = "v"
    public static let timestamp: StaticString = "timestamp"
    public static let sessionID: StaticString = "session_id"
    public static let project: StaticString = "project"
    public static let cwd: StaticString = "cwd"
    public static let model: StaticString = "model"
    public static let messageID: StaticString = "message_id"
    public static let requestID: StaticString = "request_id"
    public static let input: StaticString = "input"
    public static let output: StaticString = "output"
    public static let cacheWrite5m: StaticString = "cache_write_5m"
    public static let cacheWrite1h: StaticString = "cache_write_1h"
    public static let cacheRead: StaticString = "cache_read"
    public static let webSearchRequests: StaticString = "web_search_requests"
    public static let speed: StaticString = "speed"
    public static let inferenceGeo: StaticString = "inference_geo"
    public static let sidechain: StaticString = "sidechain"
    public static let agentID: StaticString = "agent_id"
    public static let toolUseIDs: StaticString = "tool_use_ids"
    // `message.diagnostics.cache_miss_reason`: its `type`, and its `cache_missed_input_tokens` when given.
    public static let cacheMiss: StaticString = "cache_miss"
    public static let cacheMissedTokens: StaticString = "cache_missed_tokens"
    public static let attributionSkill: StaticString = "attribution_skill"
    public static let attributionPlugin: StaticString = "attribution_plugin"
    public static let attributionMCPServer: StaticString = "attribution_mcp_server"
    public static let attributionMCPTool: StaticString = "attribution_mcp_tool"
    public static let attributionAgent: StaticString = "attribution_agent"
    // Sizes for attribution (docs/attribution.md); a line with `text_chars` has them all.
    public static let toolInputChars: StaticString = "tool_input_chars"
    public static let textChars: StaticString = "text_chars"
    public static let thinkingChars: StaticString = "thinking_chars"
    public static let promptChars: StaticString = "prompt_chars"
    public static let resultIDs: StaticString = "result_ids"
    public static let resultChars: StaticString = "result_chars"
    public static let resultAgentIDs: StaticString = "result_agent_ids"
    public static let compacted: StaticString = "compacted"
}
