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
        guard filter.tool == nil, filter.tags.isEmpty, let first = directories.first else { return nil }
        if sync {
            var syncing = UsageSync(directory: first, roots: roots, localDays: clock.dayResolver)
            do throws(LedgerError) {
                let summary = try syncing.run()
                for path in summary.unreadable { warn("cannot read \(path)") }
            } catch {
                warn("sync failed: " + error.message)
            }
        }
        let table = try PricingFile.table(logDirectory: first, variables: variables)
        var reader = UsageLedgerReader(directories: directories, localDays: clock.dayResolver)
        var (summary, result) = reader.summarize(days: days, table: table, filter: filter, threads: threads)
        guard !result.ledgerDates.isEmpty else { return nil }
        summary.skippedLines = result.skippedLines
        summary.daysWithoutUsage = activeDays.subtracting(result.ledgerDates).sorted()
        return summary
    }

    /// Syncs (unless told not to) and returns every request of the range with its exact cost.
    public func pricedRecords(
        clock: LocalClock, variables: (String) -> String?, warn: (String) -> Void
    ) throws(PricingFileError) -> [(record: UsageRecord, cost: USD)] {
        var all: [(record: UsageRecord, cost: USD)] = []
        try forEachPriced(clock: clock, variables: variables, warn: warn) { all.append(($0, $1)) }
        return all
    }

    /// Syncs (unless told not to) and calls `body` with each request of the range and its exact
    /// cost, one at a time: nothing holds every request.
    public func forEachPriced(
        clock: LocalClock, variables: (String) -> String?, warn: (String) -> Void,
        _ body: (UsageRecord, USD) -> Void
    ) throws(PricingFileError) {
        guard let first = directories.first else { return }
        if sync {
            var syncing = UsageSync(directory: first, roots: roots, localDays: clock.dayResolver)
            do throws(LedgerError) {
                let summary = try syncing.run()
                for path in summary.unreadable { warn("cannot read \(path)") }
            } catch {
                warn("sync failed: " + error.message)
            }
        }
        let table = try PricingFile.table(logDirectory: first, variables: variables)
        var prices: [String: ModelPrice?] = [:]
        var reader = UsageLedgerReader(directories: directories, localDays: clock.dayResolver)
        _ = reader.read(days: days) { record in
            let price: ModelPrice?
            if let known = prices[record.model] {
                price = known
            } else {
                price = table.match(record.model).price
                prices[record.model] = price
            }
            body(record, price?.cost(of: record) ?? .zero)
        }
    }
}
