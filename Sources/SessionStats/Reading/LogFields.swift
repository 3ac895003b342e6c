/// The optional string fields of a log entry a caller needs decoded; the others are skipped, not
/// decoded into Strings, and left nil (or empty) in the entries it is handed.
///
/// The fields every entry has (timestamp, day, event, session, project, tool, tokens, duration,
/// success, interrupted) are always decoded. Rollup rows carry none of these but `model`.
public struct LogFields: OptionSet, Sendable, Hashable {
    /// The bits.
    public let rawValue: UInt16

    /// Creates a set from its bits.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `command`: the Bash command.
    public static let command = LogFields(rawValue: 1 << 0)
    /// `url`: the WebFetch URL.
    public static let url = LogFields(rawValue: 1 << 1)
    /// `path`: the Grep/Glob path (legacy entries keep it in `file`, which is then read for it).
    public static let path = LogFields(rawValue: 1 << 2)
    /// `pattern`: the Grep/Glob pattern.
    public static let pattern = LogFields(rawValue: 1 << 3)
    /// `error`: a failure's first line.
    public static let error = LogFields(rawValue: 1 << 4)
    /// `cwd`: the payload's working directory.
    public static let cwd = LogFields(rawValue: 1 << 5)
    /// `file`: the file a tool worked on.
    public static let file = LogFields(rawValue: 1 << 6)
    /// `tags`: the `CLAUDE_LOG_TAGS` tags.
    public static let tags = LogFields(rawValue: 1 << 7)
    /// `model`: the model, on SessionStart lines.
    public static let model = LogFields(rawValue: 1 << 8)

    /// `tool_use_id`, `mcp_server` and `subagent`: what attribution joins the usage ledger by. Not
    /// in `all`: only attribution asks for them.
    public static let attribution = LogFields(rawValue: 1 << 9)

    /// Every optional field: what callers that do not say get.
    public static let all: LogFields = [.command, .url, .path, .pattern, .error, .cwd, .file, .tags, .model]
}
