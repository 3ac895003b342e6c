/// The keys of Claude Code's status-line JSON that SessionLog reads, and of the capture lines it
/// writes (`status-YYYY-MM-DD.jsonl`, which keep Claude Code's own names and nesting), defined once
/// for the parser and the writer.
public enum StatusKey {
    /// The capture line's format version (captures only).
    public static let version: StaticString = "v"
    /// When the line was captured, ISO 8601 UTC (captures only).
    public static let timestamp: StaticString = "timestamp"
    public static let sessionID: StaticString = "session_id"
    public static let sessionName: StaticString = "session_name"
    public static let transcriptPath: StaticString = "transcript_path"
    public static let claudeVersion: StaticString = "version"
    public static let cwd: StaticString = "cwd"
    public static let model: StaticString = "model"
    public static let modelID: StaticString = "id"
    public static let modelName: StaticString = "display_name"
    public static let workspace: StaticString = "workspace"
    public static let currentDirectory: StaticString = "current_dir"
    public static let cost: StaticString = "cost"
    public static let totalCostUSD: StaticString = "total_cost_usd"
    public static let contextWindow: StaticString = "context_window"
    public static let usedPercentage: StaticString = "used_percentage"
    public static let contextWindowSize: StaticString = "context_window_size"
    public static let currentUsage: StaticString = "current_usage"
    public static let inputTokens: StaticString = "input_tokens"
    public static let outputTokens: StaticString = "output_tokens"
    public static let cacheWriteTokens: StaticString = "cache_creation_input_tokens"
    public static let cacheReadTokens: StaticString = "cache_read_input_tokens"
    public static let exceeds200k: StaticString = "exceeds_200k_tokens"
    public static let rateLimits: StaticString = "rate_limits"
    public static let fiveHour: StaticString = "five_hour"
    public static let sevenDay: StaticString = "seven_day"
    public static let resetsAt: StaticString = "resets_at"
    public static let spendLimit: StaticString = "spend_limit"
    public static let usedUSD: StaticString = "used_usd"
    public static let limitUSD: StaticString = "limit_usd"
    public static let promptCache: StaticString = "prompt_cache"
}

extension StaticString {
    /// The text, for writing a key.
    var text: String { description }
}
