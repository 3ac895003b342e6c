import SessionLogCore

/// `session-stats session ID`: one session's totals and every line it logged, in time order.
public struct SessionTimeline {
    /// The session's totals.
    public var session: SessionTotals
    /// Its entries in time order.
    public var entries: [LogEntry]
    /// The model its SessionStart named.
    public var model: String?
    /// The rates it was priced at; nil for a session only the usage ledger has (`SessionTotals.isLogged`).
    public var choice: RateChoice?
    /// Its estimated cost; nil for a session only the usage ledger has.
    public var cost: CostSplit?
    /// What reading the logs ran into.
    public var diagnostics: ReadDiagnostics
    /// The clock, for local times.
    public var clock: LocalClock
    /// The session's exact usage from the usage ledger; nil when there is no ledger for its days.
    public var usage: UsageSummary?
    /// Where the session's exact cost went, with its calls one by one; nil without exact figures.
    public var attribution: AttributionReport?

    /// Creates a timeline.
    public init(
        session: SessionTotals, entries: [LogEntry], model: String?, choice: RateChoice?, cost: CostSplit?,
        diagnostics: ReadDiagnostics, clock: LocalClock
    ) {
        self.session = session
        self.entries = entries
        self.model = model
        self.choice = choice
        self.cost = cost
        self.diagnostics = diagnostics
        self.clock = clock
    }

    /// The session's exact totals, when the usage ledger has any of its requests.
    public var exact: UsageTotals? {
        guard let usage, usage.totals.requests > 0 else { return nil }
        return usage.totals
    }

    /// The exact cost of the call an entry logged; nil when it logged none or the ledger lacks it.
    public func exactCost(of entry: LogEntry) -> USD? {
        guard let id = entry.toolUseID, !id.isEmpty else { return nil }
        return attribution?.sessionCalls[id]?.total
    }

    /// What a timeline row shows about an entry: its file (relative to the session's cwd), command,
    /// URL, search, or for SessionStart the model.
    public func detail(of entry: LogEntry) -> String {
        if let file = entry.file, !file.isEmpty {
            return RelativePath.display(file, relativeTo: session.cwd ?? entry.cwd)
        }
        if let command = entry.command, !command.isEmpty { return command }
        if let url = entry.url, !url.isEmpty { return url }
        if let pattern = entry.pattern, !pattern.isEmpty {
            guard let path = entry.path, !path.isEmpty else { return pattern }
            return pattern + " in " + RelativePath.display(path, relativeTo: session.cwd ?? entry.cwd)
        }
        if let path = entry.path, !path.isEmpty { return RelativePath.display(path, relativeTo: session.cwd) }
        if let model = entry.model, !model.isEmpty { return model }
        return ""
    }
}
