import SessionLogCore

/// Totals for one session, over the lines read.
public struct SessionTotals: Sendable {
    /// The session id.
    public var id: String
    /// The first project named.
    public var project: String?
    /// The first cwd named.
    public var cwd: String?
    /// The earliest line's time.
    public var start: Timestamp
    /// The latest line's time.
    public var end: Timestamp
    /// Operations.
    public var operations = 0
    /// Failed operations.
    public var failures = 0
    /// Lines of any kind.
    public var lines = 0
    /// Tokens of every line.
    public var tokens = TokenCount()
    /// Whether any line was written by `session-logger`, which also logs SessionStart with the model.
    public var hasLoggerLines = false
    /// Its lines split by local day and project.
    public var parts: [SessionPart] = []

    /// Creates totals for a session first seen at `time`.
    public init(id: String, start: Timestamp) {
        self.id = id
        self.start = start
        self.end = start
    }

    /// The time from the first line to the last, in milliseconds.
    public var durationMS: Int { end.milliseconds - start.milliseconds }

    /// Adds one of the session's entries.
    @inline(__always)
    mutating func add(_ entry: LogEntry, tokens entryTokens: TokenCount) {
        if project == nil { project = entry.project }
        if cwd == nil { cwd = entry.cwd }
        if entry.timestamp < start { start = entry.timestamp }
        if end < entry.lastTimestamp { end = entry.lastTimestamp }
        operations +|= entry.operations
        failures +|= entry.failures
        lines += 1
        tokens += entryTokens
        // Rollup rows are made of logger lines too; after rotation the model is still looked up.
        if entry.source != .legacy { hasLoggerLines = true }
        let index = partIndex(day: entry.day, project: entry.project ?? "")
        parts[index].operations +|= entry.operations
        parts[index].failures +|= entry.failures
        parts[index].tokens += entryTokens
    }

    /// Adds the totals of the same session over later lines.
    mutating func merge(_ other: SessionTotals) {
        if project == nil { project = other.project }
        if cwd == nil { cwd = other.cwd }
        if other.start < start { start = other.start }
        if end < other.end { end = other.end }
        operations +|= other.operations
        failures +|= other.failures
        lines +|= other.lines
        tokens += other.tokens
        hasLoggerLines = hasLoggerLines || other.hasLoggerLines
        for part in other.parts {
            let index = partIndex(day: part.day, project: part.project)
            parts[index].operations +|= part.operations
            parts[index].failures +|= part.failures
            parts[index].tokens += part.tokens
        }
    }

    /// The index of the part for `day` and `project`, added when new; the last part is tried first.
    @inline(__always)
    private mutating func partIndex(day: CivilDate, project: String) -> Int {
        var index = parts.count - 1
        while index >= 0 {
            if parts[index].day == day && parts[index].project == project { return index }
            index -= 1
        }
        parts.append(SessionPart(day: day, project: project))
        return parts.count - 1
    }
}
