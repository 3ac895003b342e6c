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
    /// The tools whose files count as edited.
    public static let editingTools: Set<String> = ["Edit", "Write", "MultiEdit", "NotebookEdit"]

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
    /// Per project name ("" for lines that name none).
    public private(set) var projects: [String: GroupTotals] = [:]
    /// Per local calendar day.
    public private(set) var days: [CivilDate: GroupTotals] = [:]
    /// Sessions in the order first seen; `GroupTotals.sessionTokens` refers to them by index.
    public private(set) var sessions: [SessionTotals] = []
    /// Tokens of lines without a session id.
    public private(set) var unattributedTokens = TokenCount()
    /// Successful edits per file.
    public private(set) var editedFiles: [EditedFile: Int] = [:]
    /// The model named by each session's latest SessionStart read, whatever the filter.
    public private(set) var models: [String: String] = [:]
    /// Sessions whose SessionStart was read, whatever the filter.
    public private(set) var startedSessions: Set<String> = []

    private var sessionIndex: [String: Int] = [:]
    // Consecutive lines usually share a session: one string comparison saves a hash lookup.
    private var lastSessionID = ""
    private var lastSessionSlot = StatsAggregate.noSession

    /// Creates an empty aggregate that counts the entries `filter` lets through.
    public init(filter: EntryFilter = EntryFilter()) {
        self.filter = filter
    }

    /// Counts one entry if it passes the filter; SessionStart lines are noted for pricing either way.
    public mutating func add(_ entry: LogEntry) {
        if entry.event == "SessionStart" { noteSessionStart(entry) }
        guard filter.matches(entry) else { return }
        let entryTokens = TokenCount(entry)
        lines += 1
        operations += entry.operations
        failures += entry.failures
        tokens += entryTokens

        let slot = sessionSlot(for: entry)
        var cwd = entry.cwd
        if slot >= 0 {
            sessions[slot].add(entry, tokens: entryTokens)
            cwd = sessions[slot].cwd
        } else {
            unattributedTokens += entryTokens
        }
        projects[entry.project ?? "", default: GroupTotals()].add(entry, tokens: entryTokens, session: slot)
        days[entry.day, default: GroupTotals()].add(entry, tokens: entryTokens, session: slot)
        if entry.isOperation || entry.tool != nil {
            tools[entry.tool ?? "", default: ToolTotals()].add(entry, tokens: entryTokens)
        }
        let succeeded = entry.operations - entry.failures
        if succeeded > 0, let tool = entry.tool, StatsAggregate.editingTools.contains(tool),
            let file = entry.file, !file.isEmpty
        {
            let key = EditedFile(
                project: entry.project ?? "", path: RelativePath.display(file, relativeTo: cwd))
            editedFiles[key, default: 0] += succeeded
        }
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

    /// Distinct days with at least one counted line.
    public var activeDays: Int { days.count }

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
