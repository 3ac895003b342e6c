/// One line of an activity log, format version 1 (see docs/log-format.md).
///
/// Nil and empty values are left out of the line.
public struct LogRecord: Equatable, Sendable {
    /// The format version this type writes.
    public static let version = 1

    /// When the hook ran, in UTC.
    public var timestamp: Timestamp
    /// `hook_event_name`, `unknown` when it is missing, or `invalid` for input that was no payload.
    public var event: HookEvent
    /// `CLAUDE_SESSION_ID`, else the payload's `session_id`.
    public var sessionID: String?
    /// The base name of the project directory.
    public var project: String?
    /// The payload's `cwd`.
    public var cwd: String?
    /// The tool's name.
    public var tool: String?
    /// The tool call's id.
    public var toolUseID: String?
    /// `tool_input.file_path` or `notebook_path`.
    public var file: String?
    /// Grep/Glob `tool_input.path`.
    public var path: String?
    /// Grep/Glob `tool_input.pattern`.
    public var pattern: String?
    /// Bash/PowerShell command, redacted and shortened.
    public var command: String?
    /// WebFetch URL, redacted.
    public var url: String?
    /// WebSearch query.
    public var query: String?
    /// Task/Agent `subagent_type`.
    public var agent: String?
    /// The MCP server of an `mcp__server__tool` tool.
    public var mcpServer: String?
    /// The subagent the call came from: its id.
    public var subagentID: String?
    /// The subagent the call came from: its type.
    public var subagentType: String?
    /// Estimated tokens in.
    public var inputTokens = 0
    /// Estimated tokens out.
    public var outputTokens = 0
    /// The tool call's duration as Claude Code reported it.
    public var durationMS: Int?
    /// True on PostToolUse, false on PostToolUseFailure.
    public var success: Bool?
    /// The first line of a failure's error.
    public var error: String?
    /// Whether the call was interrupted.
    public var interrupted: Bool?
    /// SessionStart `source`.
    public var source: String?
    /// SessionStart `model`.
    public var model: String?
    /// SessionStart `transcript_path`.
    public var transcriptPath: String?
    /// The user name, on SessionStart.
    public var user: String?
    /// The host name, on SessionStart.
    public var host: String?
    /// SessionEnd `reason`.
    public var reason: String?
    /// PreCompact `trigger`.
    public var trigger: String?
    /// Notification `notification_type`.
    public var notificationType: String?
    /// Tags from `CLAUDE_LOG_TAGS`, in the order given.
    public var tags: [(key: String, value: String)] = []
    /// The size of stdin, on invalid lines.
    public var bytes: Int?
    /// Why stdin could not be read as a payload, on invalid lines.
    public var inputError: String?

    /// Creates a record with only its time and event set.
    @inline(__always)
    public init(timestamp: Timestamp, event: HookEvent) {
        self.timestamp = timestamp
        self.event = event
    }

    /// The total estimated tokens.
    public var totalTokens: Int { inputTokens + outputTokens }

    public static func == (lhs: LogRecord, rhs: LogRecord) -> Bool {
        lhs.jsonLine == rhs.jsonLine
    }

    /// The record as one line of compact JSON, newline included.
    public var jsonLine: [UInt8] { jsonLineWriter.bytes }

    /// A writer holding ``jsonLine``, whose bytes the hook writes without copying them into an array.
    var jsonLineWriter: JSONWriter {
        var writer = JSONWriter(indent: 0, capacity: 512)
        writer.beginObject()
        writer.field(LogKey.version, LogRecord.version)
        writer.field(LogKey.timestamp, timestamp.iso8601)
        writer.field(LogKey.event, event.name)
        writer.field(LogKey.sessionID, sessionID)
        writer.field(LogKey.project, project)
        writer.field(LogKey.cwd, cwd)
        writer.field(LogKey.tool, tool)
        writer.field(LogKey.toolUseID, toolUseID)
        writer.field(LogKey.file, file)
        writer.field(LogKey.path, path)
        writer.field(LogKey.pattern, pattern)
        writer.field(LogKey.command, command)
        writer.field(LogKey.url, url)
        writer.field(LogKey.query, query)
        writer.field(LogKey.agent, agent)
        writer.field(LogKey.mcpServer, mcpServer)
        if subagentID?.isEmpty == false || subagentType?.isEmpty == false {
            writer.key(LogKey.subagent)
            writer.beginObject()
            writer.field(LogKey.subagentID, subagentID)
            writer.field(LogKey.subagentType, subagentType)
            writer.endObject()
        }
        writer.key(LogKey.tokens)
        writer.beginObject()
        writer.field(LogKey.input, inputTokens)
        writer.field(LogKey.output, outputTokens)
        writer.field(LogKey.total, totalTokens)
        writer.endObject()
        writer.field(LogKey.durationMS, durationMS)
        writer.field(LogKey.success, success)
        writer.field(LogKey.error, error)
        writer.field(LogKey.interrupted, interrupted)
        writer.field(LogKey.source, source)
        writer.field(LogKey.model, model)
        writer.field(LogKey.transcriptPath, transcriptPath)
        writer.field(LogKey.user, user)
        writer.field(LogKey.host, host)
        writer.field(LogKey.reason, reason)
        writer.field(LogKey.trigger, trigger)
        writer.field(LogKey.notificationType, notificationType)
        if !tags.isEmpty {
            writer.key(LogKey.tags)
            writer.beginObject()
            for tag in tags { writer.field(tag.key, tag.value) }
            writer.endObject()
        }
        writer.field(LogKey.bytes, bytes)
        writer.field(LogKey.inputError, inputError)
        writer.endObject()
        writer.endLine()
        return writer
    }
}
