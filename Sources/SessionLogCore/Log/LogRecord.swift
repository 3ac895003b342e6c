/// One line of an activity log, format version 1 (see docs/log-format.md).
///
/// Nil and empty values are left out of the line.
public struct LogRecord: Equatable, Sendable {
    /// The format version this type writes.
    public static let version = 1
    /// The `event` value for input that was not a JSON object.
    public static let invalidEvent = "invalid"

    /// When the hook ran, in UTC.
    public var timestamp: Timestamp
    /// `hook_event_name` as given, or "invalid".
    public var event: String
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
    public init(timestamp: Timestamp, event: String) {
        self.timestamp = timestamp
        self.event = event
    }

    /// The total estimated tokens.
    public var totalTokens: Int { inputTokens + outputTokens }

    public static func == (lhs: LogRecord, rhs: LogRecord) -> Bool {
        lhs.jsonLine == rhs.jsonLine
    }

    /// The record as one line of compact JSON, newline included.
    public var jsonLine: [UInt8] {
        var writer = JSONWriter(indent: 0, capacity: 512)
        writer.beginObject()
        writer.field(LogKey.version, LogRecord.version)
        writer.field(LogKey.timestamp, timestamp.iso8601)
        writer.field(LogKey.event, event)
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
        var line = writer.bytes
        line.append(._newline)
        return line
    }
}

/// The keys of a log line, in one place for the writer and the readers.
public enum LogKey {
    public static let version = "v"
    public static let timestamp = "timestamp"
    public static let event = "event"
    public static let sessionID = "session_id"
    public static let project = "project"
    public static let cwd = "cwd"
    public static let tool = "tool"
    public static let toolUseID = "tool_use_id"
    public static let file = "file"
    public static let path = "path"
    public static let pattern = "pattern"
    public static let command = "command"
    public static let url = "url"
    public static let query = "query"
    public static let agent = "agent"
    public static let mcpServer = "mcp_server"
    public static let subagent = "subagent"
    public static let subagentID = "id"
    public static let subagentType = "type"
    public static let tokens = "tokens"
    public static let input = "input"
    public static let output = "output"
    public static let total = "total"
    public static let durationMS = "duration_ms"
    public static let success = "success"
    public static let error = "error"
    public static let interrupted = "interrupted"
    public static let source = "source"
    public static let model = "model"
    public static let transcriptPath = "transcript_path"
    public static let user = "user"
    public static let host = "host"
    public static let reason = "reason"
    public static let trigger = "trigger"
    public static let notificationType = "notification_type"
    public static let tags = "tags"
    public static let bytes = "bytes"
    public static let inputError = "input_error"
}
