import SessionLogCore

/// One entry of the logs as the analyzer sees it: a v1 line, a legacy bash-logger entry, or a rollup row.
///
/// A rollup row (written by `rotate`) stands for many operations of one project, session and tool on
/// one day, so counts are carried in `operations` and `failures` rather than implied by the line.
public struct LogEntry: Sendable {
    /// What kind of line this came from.
    public enum Source: Sendable, Equatable {
        /// A line written by `session-logger`, format version 1.
        case v1
        /// An entry written by the bash session-logger.sh (no `v`, no `event`).
        case legacy
        /// A row of a `rollup-YYYY-MM-DD.jsonl` file.
        case rollup
    }

    /// Where the entry came from.
    public var source: Source
    /// When it happened; for a rollup row, the first time it covers (its day is `day`, not recomputed).
    public var timestamp: Timestamp
    /// The local calendar day it counts for.
    public var day: CivilDate
    /// The hook event (`PostToolUse`, `SessionStart`, …); "PostToolUse" for legacy entries and rollups.
    public var event: HookEvent
    /// The session id; "" when the line has none.
    public var sessionID: String
    /// The project name.
    public var project: String?
    /// The payload's cwd.
    public var cwd: String?
    /// The tool.
    public var tool: String?
    /// The file a tool worked on.
    public var file: String?
    /// The Bash command (redacted by the hook).
    public var command: String?
    /// The WebFetch URL.
    public var url: String?
    /// Grep/Glob path.
    public var path: String?
    /// Grep/Glob pattern.
    public var pattern: String?
    /// The model, on SessionStart lines.
    public var model: String?
    /// Estimated tokens in.
    public var inputTokens: Int
    /// Estimated tokens out.
    public var outputTokens: Int
    /// The duration of one call, when the line is a single call that has one.
    public var durationMS: Int?
    /// Summed durations (rollups; for a single call equal to `durationMS ?? 0`).
    public var durationTotalMS: Int
    /// How many operations (PostToolUse, PostToolUseFailure, legacy entries) this entry stands for.
    public var operations: Int
    /// How many of those failed.
    public var failures: Int
    /// The first line of a failure's error.
    public var error: String?
    /// Whether the call was interrupted.
    public var interrupted: Bool
    /// Tags from `CLAUDE_LOG_TAGS`.
    public var tags: [String: String]
    /// The file and line number where the entry starts, for messages.
    public var location: LogLocation
    /// How many hook events this entry stands for: 1, or a rollup row's count of lines.
    public var events = 1
    /// The last time a rollup row covers; nil for a single line, whose only time is `timestamp`.
    public var endTimestamp: Timestamp? = nil
    /// The call's `tool_use_id` (read with `LogFields.attribution`).
    public var toolUseID: String? = nil
    /// The MCP server of an `mcp__server__tool` call (read with `LogFields.attribution`).
    public var mcpServer: String? = nil
    /// The subagent the call came from, id and type (read with `LogFields.attribution`).
    public var subagentID: String? = nil
    /// The subagent's type, e.g. `Explore` (read with `LogFields.attribution`).
    public var subagentType: String? = nil

    /// Whether this entry counts as tool operations.
    public var isOperation: Bool { operations > 0 }
    /// Total estimated tokens.
    public var totalTokens: Int { inputTokens + outputTokens }
    /// The last time this entry covers: `endTimestamp` for a rollup row, else `timestamp`.
    public var lastTimestamp: Timestamp { endTimestamp ?? timestamp }
}

/// A place in a log file, for warnings.
public struct LogLocation: Sendable, Equatable, CustomStringConvertible {
    /// The file's path.
    public var file: String
    /// The 1-based line number.
    public var line: Int

    /// `file:line`.
    public var description: String { "\(file):\(line)" }
}
