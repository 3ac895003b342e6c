import SessionLogCore

/// Everything the reports need from the logs, accumulated one entry at a time.
///
/// Memory depends on the distinct sessions, projects, tools, days and edited files seen, never on
/// the number of lines. Counting rules: operations are PostToolUse and PostToolUseFailure lines,
/// legacy entries and rolled-up calls (`LogEntry.operations`); tokens add up every line that passes
/// the filter; sessions are the distinct non-empty session ids of those lines.
public struct StatsAggregate: Sendable {
    /// The session index of lines that carry no session id.
    public static let noSession = -1

    /// The filter entries must pass to be counted.
    public let filter: EntryFilter
    /// Lines counted.
    public private(set) var lines = 0
    /// Operations counted.
    public private(set) var operations = 0
    /// Failed operations.
    public private(set) var failures = 0
    /// Tokens of every line counted.
    public private(set) var tokens = TokenCount()
    /// Per tool name ("" for operations that name none).
    public private(set) var tools: [String: ToolTotals] = [:]
    /// Sessions in the order first seen; `GroupTotals.sessionTokens` refers to them by index.
    public private(set) var sessions: [SessionTotals] = []
    /// The lines without a session id, totalled like a session that is never listed or counted.
    public private(set) var unattributed = SessionTotals(id: "", start: Timestamp(milliseconds: 0))
    /// The model named by each session's latest SessionStart read, whatever the filter.
    public private(set) var models: [String: String] = [:]
    /// Sessions whose SessionStart was read, whatever the filter.
    public private(set) var startedSessions: Set<String> = []

    private var sessionIndex: [String: Int] = [:]
    // Successful edits per file as logged; memory grows with distinct files, not with sessions.
    private var edits: [EditKey: Int] = [:]
    // Consecutive lines usually share a session: one string comparison saves a hash lookup.
    private var lastSessionID = ""
    private var lastSessionSlot = StatsAggregate.noSession

    // A file edited in a project, as logged, and where the part shown begins.
    private struct EditKey: Hashable, Sendable {
        var project: String
        var file: String
        var relativeFrom: Int
    }

    /// Creates an empty aggregate that counts the entries `filter` lets through.
    public init(filter: EntryFilter = EntryFilter()) {
        self.filter = filter
    }

    /// The optional log fields `add` reads, its filter's aside: edited files, cwds and models.
    public static let fields: LogFields = [.file, .cwd, .model]

    /// Counts one entry if it passes the filter; SessionStart lines are noted for pricing either way.
    public mutating func add(_ entry: LogEntry) {
        if entry.operations == 0 && entry.event == .sessionStart { noteSessionStart(entry) }
        guard filter.matches(entry) else { return }
        let entryTokens = TokenCount(entry)
        lines += 1
        operations +|= entry.operations
        failures +|= entry.failures
        tokens += entryTokens

        let slot = sessionSlot(for: entry)
        let cwd: String?
        if slot >= 0 {
            sessions[slot].add(entry, tokens: entryTokens)
            cwd = sessions[slot].cwd
        } else {
            unattributed.add(entry, tokens: entryTokens)
            cwd = entry.cwd
        }
        if entry.isOperation || entry.tool != nil {
            tools[entry.tool ?? "", default: ToolTotals()].add(entry, tokens: entryTokens)
        }
        let succeeded = entry.operations - entry.failures
        if succeeded > 0, let file = entry.file, !file.isEmpty, let tool = entry.tool,
            StatsAggregate.isEditing(tool)
        {
            // The shown path is cut out once per file at the end; per line only its length is found.
            let key = EditKey(
                project: entry.project ?? "", file: file,
                relativeFrom: RelativePath.prefixLength(of: file, inside: cwd))
            edits[key, default: 0] +|= succeeded
        }
    }

    /// Whether `tool` edits the file it names.
    @inline(__always)
    static func isEditing(_ tool: String) -> Bool {
        tool == "Edit" || tool == "Write" || tool == "MultiEdit" || tool == "NotebookEdit"
    }

    /// Successful edits per file, in the project of the line, shown relative to the session's cwd
    /// when inside it.
    public var editedFiles: [EditedFile: Int] {
        var files: [EditedFile: Int] = [:]
        for (key, count) in edits {
            let path =
                key.relativeFrom == 0
                ? key.file : String(Substring(key.file.utf8.dropFirst(key.relativeFrom)))
            files[EditedFile(project: key.project, path: path), default: 0] +|= count
        }
        return files
    }

    /// Notes the model of a SessionStart line, also one read from before the range.
    public mutating func noteSessionStart(_ entry: LogEntry) {
        guard !entry.sessionID.isEmpty else { return }
        startedSessions.insert(entry.sessionID)
        if let model = entry.model, !model.isEmpty { models[entry.sessionID] = model }
    }

    /// The index of a session in `sessions`, or nil when no counted line had that id.
    public func index(ofSession id: String) -> Int? { sessionIndex[id] }

    /// Sessions whose SessionStart was not among the lines read although the logger wrote them,
    /// so their model may be found in the days before.
    public var sessionsMissingStart: Set<String> {
        var missing: Set<String> = []
        for session in sessions where session.hasLoggerLines && !startedSessions.contains(session.id) {
            missing.insert(session.id)
        }
        return missing
    }

    /// Tokens of lines without a session id.
    public var unattributedTokens: TokenCount { unattributed.tokens }

    /// Totals per project name ("" for lines that name none), built from the sessions' parts.
    public var projects: [String: GroupTotals] { groups { $0.project } }

    /// Totals per local calendar day, built from the sessions' parts.
    public var days: [CivilDate: GroupTotals] { groups { $0.day } }

    /// Distinct days with at least one counted line.
    public var activeDays: Int {
        var days: Set<CivilDate> = []
        for session in sessions { for part in session.parts { days.insert(part.day) } }
        for part in unattributed.parts { days.insert(part.day) }
        return days.count
    }

    private func groups<Key: Hashable>(by key: (SessionPart) -> Key) -> [Key: GroupTotals] {
        var groups: [Key: GroupTotals] = [:]
        for (index, session) in sessions.enumerated() {
            for part in session.parts { groups[key(part), default: GroupTotals()].add(part, session: index) }
        }
        for part in unattributed.parts {
            groups[key(part), default: GroupTotals()].add(part, session: StatsAggregate.noSession)
        }
        return groups
    }

    @inline(__always)
    private mutating func sessionSlot(for entry: LogEntry) -> Int {
        let id = entry.sessionID
        if id == lastSessionID { return lastSessionSlot }
        let slot: Int
        if id.isEmpty {
            slot = StatsAggregate.noSession
        } else if let existing = sessionIndex[id] {
            slot = existing
        } else {
            slot = sessions.count
            sessionIndex[id] = slot
            sessions.append(SessionTotals(id: id, start: entry.timestamp))
        }
        lastSessionID = id
        lastSessionSlot = slot
        return slot
    }
}
