import SessionLogCore

/// One API request as the usage ledger keeps it: one line of `usage-YYYY-MM-DD.jsonl`.
///
/// The same struct is what the transcript decoder produces (with `project` still empty) and what
/// the ledger reader yields, so nothing is lost between reading a transcript and reporting on it.
public struct UsageRecord: Hashable, Sendable {
    /// When Claude Code wrote the response.
    public var timestamp: Timestamp
    /// The session the line belongs to (`sessionId`).
    public var sessionID: String
    /// The base name of the directory the session was started in, as the hook's `project`.
    public var project: String = ""
    /// The line's own working directory (follows `cd` into subfolders and worktrees).
    public var cwd: String = ""
    /// The model id as the API returned it.
    public var model: String
    /// `message.id`, when present.
    public var messageID: String?
    /// `requestId`, when present.
    public var requestID: String?
    /// The billed tokens.
    public var tokens: UsageTokens
    /// `usage.server_tool_use.web_search_requests`.
    public var webSearchRequests: Int = 0
    /// `usage.speed`: `fast` or `standard`; nil when not given.
    public var speed: String?
    /// `usage.inference_geo`, e.g. `us` or `not_available`; nil when not given.
    public var inferenceGeo: String?
    /// Whether the line is on a side chain: a subagent's or an aside's.
    public var isSidechain = false
    /// The subagent's id, when the request was a subagent's.
    public var agentID: String?
    /// The ids of the `tool_use` blocks of the response, in order.
    public var toolUseIDs: [String] = []
    /// The attribution fields Claude Code writes on some lines, by key (`skill`, `plugin`, `mcp_server`,
    /// `mcp_tool`, `agent`).
    public var attribution = UsageAttribution()
    /// Why the request missed the prompt cache (`message.diagnostics.cache_miss_reason`), when it did.
    public var cacheMiss: UsageCacheMiss?
    /// How many requests the record stands for: 1, except for a row of a usage roll-up, which sums
    /// the requests of one hour (see docs/usage-format.md, "Roll-ups").
    public var requests = 1
    /// A roll-up row's cache misses by reason (a single request has `cacheMiss` instead).
    public var rollupMisses: [UsageRollupMiss] = []
    /// A roll-up row's last request; nil for a single request, whose last request is `timestamp`.
    public var lastRequest: Timestamp?
    /// A roll-up row's long-context billing, decided per request when it was rolled up; nil for a
    /// single request, whose prompt decides.
    public var isLongContext: Bool?
    /// The sizes of the response's blocks and of what entered the context before it, for attribution.
    public var pieces = UsagePieces()
}

// In an extension, so that the struct keeps its memberwise initializer: `UsageLineDecoder` builds
// every record with it, which copies nothing (an initializer that sets the fields one by one
// copied and destroyed the whole record each time it ran).
extension UsageRecord {
    /// Creates a record; the optional parts default to absent.
    public init(
        timestamp: Timestamp, sessionID: String, project: String = "", cwd: String = "", model: String,
        messageID: String? = nil, requestID: String? = nil, tokens: UsageTokens
    ) {
        self.timestamp = timestamp
        self.sessionID = sessionID
        self.project = project
        self.cwd = cwd
        self.model = model
        self.messageID = messageID
        self.requestID = requestID
        self.tokens = tokens
    }
}

extension UsageRecord {
    /// Whether the request came from a subagent (its own file, or a progress line that nests it).
    public var isSubagent: Bool { agentID != nil }

    /// The time of the last request the record stands for.
    public var lastTimestamp: Timestamp { lastRequest ?? timestamp }
}

extension UsageRecord {
    /// The record without what only identifies its line (`cwd`, `messageID`, `requestID`), as the
    /// report hands records on to attribution (`UsageLedgerReader.summarize`).
    func leavingOutIdentity() -> UsageRecord {
        var record = self
        record.cwd = ""
        record.messageID = nil
        record.requestID = nil
        return record
    }
}

/// The `attribution*` fields of a transcript line: which skill, plugin, MCP server or agent caused it.
public struct UsageAttribution: Hashable, Sendable {
    /// `attributionSkill`.
    public var skill: String?
    /// `attributionPlugin`.
    public var plugin: String?
    /// `attributionMcpServer`.
    public var mcpServer: String?
    /// `attributionMcpTool`.
    public var mcpTool: String?
    /// `attributionAgent`.
    public var agent: String?

    /// Creates attribution fields; all absent by default.
    public init(
        skill: String? = nil, plugin: String? = nil, mcpServer: String? = nil, mcpTool: String? = nil,
        agent: String? = nil
    ) {
        self.skill = skill
        self.plugin = plugin
        self.mcpServer = mcpServer
        self.mcpTool = mcpTool
        self.agent = agent
    }

    /// Whether no field is set.
    public var isEmpty: Bool { self == UsageAttribution() }
}
