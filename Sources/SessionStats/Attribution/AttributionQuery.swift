import SessionLogCore

/// What a report asks of attribution: the hook calls of its days and filters, joined with the
/// usage ledger's requests of the same days (read after the usage query synced it).
public struct AttributionQuery {
    /// The log directories.
    public var directories: [String]
    /// The days (nil: all).
    public var days: ClosedRange<CivilDate>?
    /// The report's filters; a tool or tag filter cannot apply to requests, so it gives no attribution.
    public var filter = EntryFilter()
    /// Sessions whose calls the report lists one by one.
    public var detailSessions: Set<String> = []
    /// How many "most expensive calls" to keep.
    public var topCount = 10

    /// Creates a query.
    public init(directories: [String], days: ClosedRange<CivilDate>?) {
        self.directories = directories
        self.days = days
    }

    /// Reads both logs and attributes; nil when no ledger exists or the filters do not apply.
    public func run(source: LogSource, localDays: LocalDayResolver, table: PriceTable) -> AttributionReport? {
        guard filter.tool == nil, filter.tags.isEmpty else { return nil }
        var index = HookCallIndex()
        _ = source.read(directories, days, localDays, fields: HookCallIndex.fields) { entry in
            if matches(project: entry.project, session: entry.sessionID) { index.add(entry) }
        }
        var builder = AttributionBuilder(pricing: table, index: index)
        builder.detailSessions = detailSessions
        builder.topCount = topCount
        var reader = UsageLedgerReader(directories: directories, localDays: localDays)
        let result = reader.read(days: days) { record in
            if matches(project: record.project, session: record.sessionID) { builder.add(record) }
        }
        guard !result.ledgerDates.isEmpty else { return nil }
        return builder.finish()
    }

    private func matches(project: String?, session: String) -> Bool {
        if let wanted = filter.project, project != wanted { return false }
        switch filter.session {
        case .prefix(let prefix): return session.hasPrefix(prefix)
        case .exact(let id): return session == id
        case nil: return true
        }
    }
}
