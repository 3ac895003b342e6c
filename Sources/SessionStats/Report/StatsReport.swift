import SessionLogCore

/// What `session-stats report` shows: an aggregate, priced, with the range and sources it covers.
public struct StatsReport {
    /// The range as given.
    public var range: DateRange
    /// The days covered; nil for all.
    public var days: ClosedRange<CivilDate>?
    /// The directories read.
    public var directories: [String]
    /// The totals.
    public var aggregate: StatsAggregate
    /// Their cost.
    public var cost: CostEstimate
    /// What reading the logs ran into.
    public var diagnostics: ReadDiagnostics
    /// How many sessions and files to list (nil: all).
    public var top: Int?
    /// The clock, for local times.
    public var clock: LocalClock
    /// The exact usage from the usage ledger, when there is a ledger and the filters allow it.
    public var usage: UsageSummary?
    /// Where the exact cost went (docs/attribution.md), when there is a ledger and the filters allow it.
    public var attribution: AttributionReport?

    /// Creates a report.
    public init(
        range: DateRange, days: ClosedRange<CivilDate>?, directories: [String], aggregate: StatsAggregate,
        cost: CostEstimate, diagnostics: ReadDiagnostics, top: Int?, clock: LocalClock
    ) {
        self.range = range
        self.days = days
        self.directories = directories
        self.aggregate = aggregate
        self.cost = cost
        self.diagnostics = diagnostics
        self.top = top
        self.clock = clock
    }

    /// Ranges up to this many days list every day; longer ones only from the first to the last active day.
    static let fullListingDays = 31

    /// The days the Daily section lists: every day of a range up to a month long, else the first
    /// to the last active day.
    public var listedDays: [CivilDate] {
        let active = aggregate.days.keys
        guard let firstActive = active.min(), let lastActive = active.max() else { return [] }
        var (first, last) = (firstActive, lastActive)
        if let days,
            days.upperBound.daysSinceEpoch - days.lowerBound.daysSinceEpoch < StatsReport.fullListingDays
        {
            (first, last) = (days.lowerBound, days.upperBound)
        }
        return (first.daysSinceEpoch...last.daysSinceEpoch).map { CivilDate(daysSinceEpoch: $0) }
    }

    /// The first and last day the report covers, as `from` and `to`: the range's own days, or for
    /// open ones the first and last active day; nil when open and empty.
    public var bounds: (from: CivilDate, to: CivilDate)? {
        let active = aggregate.days.keys
        var from = days?.lowerBound
        if from == nil || from == DateRange.firstDay { from = active.min() }
        guard let from, let to = days?.upperBound ?? active.max() else { return nil }
        return (from, to)
    }
}
