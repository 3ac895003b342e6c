/// Which entries a command looks at: `--project`, `--session`, `--tool` and `--tag`, all compared as data.
public struct EntryFilter: Hashable, Sendable {
    /// How a session id given on the command line is matched.
    public enum SessionMatch: Hashable, Sendable {
        /// Ids that start with the text: `--session abc` finds `abc123…`.
        case prefix(String)
        /// Exactly this id, once a prefix turned out to be a whole id.
        case exact(String)
    }

    /// The project name, matched exactly.
    public var project: String?
    /// The session.
    public var session: SessionMatch?
    /// The tool name, matched exactly.
    public var tool: String?
    /// Tags that must all be present with these values.
    public var tags: [Tag] = []

    /// One `key=value` tag.
    public struct Tag: Hashable, Sendable {
        /// The tag's key.
        public var key: String
        /// The value it must have.
        public var value: String

        /// Creates a tag.
        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// Creates a filter; with no arguments it lets everything through.
    public init(project: String? = nil, session: SessionMatch? = nil, tool: String? = nil, tags: [Tag] = []) {
        self.project = project
        self.session = session
        self.tool = tool
        self.tags = tags
    }

    /// Whether the filter lets everything through.
    public var isEmpty: Bool { project == nil && session == nil && tool == nil && tags.isEmpty }

    /// The optional log fields `matches` reads: the tags, when there are any to match.
    public var fields: LogFields { tags.isEmpty ? [] : .tags }

    /// Whether `entry` passes every condition.
    @inline(__always)
    public func matches(_ entry: LogEntry) -> Bool {
        if isEmpty { return true }
        if let project, entry.project != project { return false }
        if let tool, entry.tool != tool { return false }
        if let session {
            switch session {
            case .prefix(let prefix): if !entry.sessionID.hasPrefix(prefix) { return false }
            case .exact(let id): if entry.sessionID != id { return false }
            }
        }
        for tag in tags where entry.tags[tag.key] != tag.value { return false }
        return true
    }
}
