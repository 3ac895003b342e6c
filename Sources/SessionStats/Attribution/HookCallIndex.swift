import SessionLogCore

/// The hook log's side of the join: every tool call of the range by `tool_use_id`, and each
/// subagent's type by its id.
public struct HookCallIndex {
    /// What the hook logged about one call.
    public struct Call: Sendable {
        /// When it was logged (after the call).
        public var timestamp: Timestamp
        /// The session.
        public var sessionID: String
        /// The tool.
        public var tool: String
        /// The file, command, URL or pattern it worked on, if any.
        public var detail: String?
        /// The MCP server of an `mcp__server__tool` call.
        public var mcpServer: String?
        /// The type of the subagent it came from.
        public var subagentType: String?
        /// The hook's estimate: characters of input and response over four.
        public var estimatedTokens: Int
        /// Whether the ledger had the request that issued it.
        public var joined = false
    }

    /// The calls, by `tool_use_id`.
    public private(set) var calls: [String: Call] = [:]
    /// Subagent types by agent id.
    public private(set) var agentTypes: [String: String] = [:]

    /// The optional log fields the index needs.
    public static let fields: LogFields = [.attribution, .file, .command, .url, .pattern, .path]

    /// Creates an empty index.
    public init() {}

    /// Takes in one log entry; only single tool calls with a `tool_use_id` count.
    public mutating func add(_ entry: LogEntry) {
        if let agent = entry.subagentID, let type = entry.subagentType { agentTypes[agent] = type }
        guard entry.source == .v1, entry.isOperation, let id = entry.toolUseID, !id.isEmpty else { return }
        calls[id] = Call(
            timestamp: entry.timestamp, sessionID: entry.sessionID, tool: entry.tool ?? "?",
            detail: entry.file ?? entry.command ?? entry.url ?? entry.pattern ?? entry.path,
            mcpServer: entry.mcpServer, subagentType: entry.subagentType,
            estimatedTokens: entry.inputTokens + entry.outputTokens)
    }

    /// Marks call `id` joined and returns it, or nil when the hook did not log it.
    mutating func join(_ id: String) -> Call? {
        guard calls[id] != nil else { return nil }
        calls[id]!.joined = true
        return calls[id]
    }
}
