import SessionLogCore

/// Reads the days of a range through a filter into one aggregate: what `report`, `sessions` and
/// any later command that needs totals (budget, status line) run.
///
/// Two things need more than one pass, and only when they happen: a `--session` prefix that fits
/// several sessions (a usage error, unless one id equals the prefix, which is then read alone),
/// and sessions whose SessionStart, naming the model that prices them, lies before the range.
public struct StatsQuery: Sendable {
    /// The log directories.
    public var directories: [String]
    /// The days covered; nil for all.
    public var days: ClosedRange<CivilDate>?
    /// The filter.
    public var filter: EntryFilter
    /// The optional log fields read: by default all the aggregate and the filter look at; narrower
    /// for callers that use only some of the aggregate (totals and cost need only the models).
    public var fields: LogFields

    /// How many days before the range are searched, one at a time, for the SessionStart of a
    /// session that began earlier (one running past midnight, say) before it is priced at Sonnet's rates.
    public static let modelLookbackDays = 7

    /// Creates a query.
    public init(directories: [String], days: ClosedRange<CivilDate>?, filter: EntryFilter) {
        self.directories = directories
        self.days = days
        self.filter = filter
        fields = StatsAggregate.fields.union(filter.fields)
    }

    /// Runs the query and returns the aggregate and what reading the range ran into.
    public func run(
        _ source: LogSource, localDays: LocalDayResolver
    ) throws(UsageError) -> (aggregate: StatsAggregate, diagnostics: ReadDiagnostics) {
        var (aggregate, diagnostics) = source.aggregate(
            directories, days, localDays, fields: fields, filter: filter)
        if case .prefix(let prefix) = filter.session, aggregate.sessions.count > 1 {
            let candidates = aggregate.sessions.map(\.id).sorted()
            guard candidates.contains(prefix) else {
                throw .ambiguousSession(prefix: prefix, candidates: candidates)
            }
            var exact = filter
            exact.session = .exact(prefix)
            (aggregate, diagnostics) = source.aggregate(
                directories, days, localDays, fields: fields, filter: exact)
        }
        findEarlierModels(for: &aggregate, source: source, localDays: localDays)
        return (aggregate, diagnostics)
    }

    /// Reads back day by day from the start of the range for SessionStart lines of sessions that
    /// have none in it, stopping as soon as all are found.
    func findEarlierModels(
        for aggregate: inout StatsAggregate, source: LogSource, localDays: LocalDayResolver
    ) {
        guard let days else { return }
        var missing = aggregate.sessionsMissingStart
        var back = 1
        while !missing.isEmpty && back <= StatsQuery.modelLookbackDays {
            let day = days.lowerBound.adding(days: -back)
            _ = source.read(directories, day...day, localDays, fields: .model) { entry in
                guard entry.event == .sessionStart, missing.contains(entry.sessionID) else { return }
                aggregate.noteSessionStart(entry)
            }
            missing.subtract(aggregate.startedSessions)
            back += 1
        }
    }
}
