import SessionLogCore

/// What a report asks of the usage ledger: sync first (unless told not to), then the exact usage
/// of its days and filters, priced.
public struct UsageQuery {
    /// The log directories; the first receives the sync.
    public var directories: [String]
    /// The transcript folders to sync from.
    public var roots: [String]
    /// Whether to sync before reading.
    public var sync = true
    /// The days (nil: all).
    public var days: ClosedRange<CivilDate>?
    /// The report's filters; a tool or tag filter cannot apply to requests, so it gives no summary.
    public var filter = EntryFilter()
    /// The worker threads the ledger is read on.
    public var threads = LogReader.defaultThreads

    /// Creates a query.
    public init(directories: [String], roots: [String], days: ClosedRange<CivilDate>?) {
        self.directories = directories
        self.roots = roots
        self.days = days
    }

    /// Syncs, reads and prices; nil when no ledger exists or the filters do not apply to requests.
    /// Sync problems are warnings for `warn`; a malformed pricing file is thrown.
    public func run(
        clock: LocalClock, variables: (String) -> String?, activeDays: Set<CivilDate>, warn: (String) -> Void
    ) throws(PricingFileError) -> UsageSummary? {
        try run(clock: clock, variables: variables, activeDays: activeDays, warn: warn, handsOn: false) {
            _, _ in
        }
    }

    /// The same, and in the same read of the ledger calls `each` on the calling thread with every
    /// request of the range, of all projects and sessions, in `UsageLedgerReader.read`'s order, and
    /// the price table: the report's attribution needs no read of its own.
    public func run(
        clock: LocalClock, variables: (String) -> String?, activeDays: Set<CivilDate>, warn: (String) -> Void,
        each: (UsageRecord, PriceTable) -> Void
    ) throws(PricingFileError) -> UsageSummary? {
        try run(
            clock: clock, variables: variables, activeDays: activeDays, warn: warn, handsOn: true, each: each)
    }

    private func run(
        clock: LocalClock, variables: (String) -> String?, activeDays: Set<CivilDate>, warn: (String) -> Void,
        handsOn: Bool, each: (UsageRecord, PriceTable) -> Void
    ) throws(PricingFileError) -> UsageSummary? {
        guard filter.tool == nil, filter.tags.isEmpty, let first = directories.first else { return nil }
        syncIfAsked(into: first, clock: clock, warn: warn)
        let table = try PricingFile.table(logDirectory: first, variables: variables)
        var reader = UsageLedgerReader(directories: directories, localDays: clock.dayResolver)
        var (summary, result) = reader.summarize(
            days: days, table: table, filter: filter, threads: threads, handsOn: handsOn
        ) { each($0, table) }
        guard !result.ledgerDates.isEmpty else { return nil }
        summary.skippedLines = result.skippedLines
        summary.daysWithoutUsage = activeDays.subtracting(result.ledgerDates).sorted()
        return summary
    }

    /// Syncs (unless told not to) and calls `body` with each request of the range and its exact
    /// cost, one at a time: nothing holds every request. Returns how their models were priced.
    @discardableResult
    public func forEachPriced(
        clock: LocalClock, variables: (String) -> String?, warn: (String) -> Void,
        _ body: (UsageRecord, USD) -> Void
    ) throws(PricingFileError) -> PricingNotes {
        guard let first = directories.first else { return PricingNotes() }
        syncIfAsked(into: first, clock: clock, warn: warn)
        var pricer = ModelPricer(table: try PricingFile.table(logDirectory: first, variables: variables))
        var reader = UsageLedgerReader(directories: directories, localDays: clock.dayResolver)
        _ = reader.read(days: days) { record in body(record, pricer.cost(of: record)) }
        return pricer.notes
    }

    /// Syncs (unless told not to) and calls `body` once per local day of the range that has
    /// requests, oldest first, with that day's requests and their exact costs: only the days not yet
    /// complete are held, and each file is read twice (`UsageLedgerReader.readByDay`). Returns how
    /// their models were priced.
    @discardableResult
    public func forEachPricedDay(
        clock: LocalClock, variables: (String) -> String?, warn: (String) -> Void,
        _ body: (CivilDate, [(record: UsageRecord, cost: USD)]) -> Void
    ) throws(PricingFileError) -> PricingNotes {
        guard let first = directories.first else { return PricingNotes() }
        syncIfAsked(into: first, clock: clock, warn: warn)
        var pricer = ModelPricer(table: try PricingFile.table(logDirectory: first, variables: variables))
        var reader = UsageLedgerReader(directories: directories, localDays: clock.dayResolver)
        _ = reader.readByDay(days: days) { day, records in
            body(day, records.map { ($0, pricer.cost(of: $0)) })
        }
        return pricer.notes
    }

    private func syncIfAsked(into directory: String, clock: LocalClock, warn: (String) -> Void) {
        guard sync else { return }
        var syncing = UsageSync(directory: directory, roots: roots, localDays: clock.dayResolver)
        do throws(LedgerError) {
            let summary = try syncing.run()
            for path in summary.unreadable { warn("cannot read \(path)") }
        } catch {
            warn("sync failed: " + error.message)
        }
    }
}
