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
    public var tools: [String: ToolTotals] {
        Dictionary(uniqueKeysWithValues: zip(toolNames, toolTotals))
    }
    /// Sessions in the order first seen; `GroupTotals.sessionTokens` refers to them by index.
    public private(set) var sessions: [SessionTotals] = []
    /// The lines without a session id, totalled like a session that is never listed or counted.
    public private(set) var unattributed = SessionTotals(id: "", start: Timestamp(milliseconds: 0))
    /// The model named by each session's latest SessionStart read, whatever the filter.
    public private(set) var models: [String: String] = [:]
    /// Sessions whose SessionStart was read, whatever the filter.
    public private(set) var startedSessions: Set<String> = []

    private var sessionIndex: [String: Int] = [:]
    // Tools in the order first seen: a few dozen names, found by comparison faster than by hashing.
    private var toolNames: [String] = []
    private var toolTotals: [ToolTotals] = []
    private var toolIndex: [String: Int] = [:]
    private static let toolsSearched = 32
    // Successful edits per file as logged; memory grows with distinct files, not with sessions.
    private var edits: [EditKey: Int] = [:]
    // Consecutive lines usually share a session: one string comparison saves a hash lookup.
    private var lastSessionID = ""
    private var lastSessionSlot = StatsAggregate.noSession

    // A file edited in a project, as logged, and where the part shown begins: `relativeFrom` bytes
    // in, or, for a session's line, after its cwd (`relativeToSession`), found once at the end.
    // `noCWDYet` marks a session's line read before any cwd of it: shown whole, unless merging
    // finds that an earlier file gave the session a cwd.
    private struct EditKey: Hashable, Sendable {
        var project: String
        var file: String
        var session: Int
        var relativeFrom: Int

        static let relativeToSession = -1
        static let noCWDYet = -2
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
        if slot >= 0 {
            sessions[slot].add(entry, tokens: entryTokens)
        } else {
            unattributed.add(entry, tokens: entryTokens)
        }
        if entry.isOperation || entry.tool != nil {
            toolTotals[toolSlot(entry.tool ?? "")].add(entry, tokens: entryTokens)
        }
        let succeeded = entry.operations - entry.failures
        if succeeded > 0, let file = entry.file, !file.isEmpty, let tool = entry.tool,
            StatsAggregate.isEditing(tool)
        {
            // The shown path is cut out once per file at the end, a session's relative to its cwd.
            let key: EditKey
            if slot < 0 {
                key = EditKey(
                    project: entry.project ?? "", file: file, session: StatsAggregate.noSession,
                    relativeFrom: RelativePath.prefixLength(of: file, inside: entry.cwd))
            } else {
                key = EditKey(
                    project: entry.project ?? "", file: file, session: slot,
                    relativeFrom: sessions[slot].cwd == nil ? EditKey.noCWDYet : EditKey.relativeToSession)
            }
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
            let relativeFrom =
                switch key.relativeFrom {
                case EditKey.relativeToSession:
                    RelativePath.prefixLength(of: key.file, inside: sessions[key.session].cwd)
                case EditKey.noCWDYet: 0
                default: key.relativeFrom
                }
            let path =
                relativeFrom == 0 ? key.file : String(Substring(key.file.utf8.dropFirst(relativeFrom)))
            files[EditedFile(project: key.project, path: path), default: 0] +|= count
        }
        return files
    }

    /// Adds what `other` counted from the files read after this one's, with the same filter: the
    /// result is what adding all their entries to this aggregate, in order, would have given.
    public mutating func merge(_ other: StatsAggregate) {
        lines +|= other.lines
        operations +|= other.operations
        failures +|= other.failures
        tokens += other.tokens
        for (name, totals) in zip(other.toolNames, other.toolTotals) {
            toolTotals[toolSlot(name)].merge(totals)
        }
        // Where each of `other`'s sessions is here, and whether it had a cwd here before.
        var slots: [Int] = []
        var hadCWD: [Bool] = []
        slots.reserveCapacity(other.sessions.count)
        hadCWD.reserveCapacity(other.sessions.count)
        for session in other.sessions {
            if let slot = sessionIndex[session.id] {
                hadCWD.append(sessions[slot].cwd != nil)
                sessions[slot].merge(session)
                slots.append(slot)
            } else {
                hadCWD.append(false)
                sessionIndex[session.id] = sessions.count
                slots.append(sessions.count)
                sessions.append(session)
            }
        }
        unattributed.merge(other.unattributed)
        for (key, count) in other.edits {
            var key = key
            if key.session >= 0 {
                if key.relativeFrom == EditKey.noCWDYet && hadCWD[key.session] {
                    key.relativeFrom = EditKey.relativeToSession
                }
                key.session = slots[key.session]
            }
            edits[key, default: 0] +|= count
        }
        models.merge(other.models) { _, later in later }
        startedSessions.formUnion(other.startedSessions)
        lastSessionID = ""
        lastSessionSlot = StatsAggregate.noSession
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

    /// The index of `name` in `toolNames`, added when new.
    @inline(__always)
    private mutating func toolSlot(_ name: String) -> Int {
        // Interned names are usually the same String, which compares without reading its bytes;
        // past a few dozen names (a log of made-up tools) a dictionary finds them.
        if toolNames.count <= StatsAggregate.toolsSearched {
            if let index = toolNames.firstIndex(of: name) { return index }
        } else if let index = toolIndex[name] {
            return index
        }
        if toolNames.count == StatsAggregate.toolsSearched {
            for (index, name) in toolNames.enumerated() { toolIndex[name] = index }
        }
        if toolNames.count >= StatsAggregate.toolsSearched { toolIndex[name] = toolNames.count }
        toolNames.append(name)
        toolTotals.append(ToolTotals())
        return toolNames.count - 1
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
