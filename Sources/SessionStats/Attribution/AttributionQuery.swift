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
    /// Told of an attribution roll-up that exists but cannot be read (its rotated days' attribution is
    /// then left out, while their usage still counts).
    public var warn: (String) -> Void = { _ in }

    /// Creates a query.
    public init(directories: [String], days: ClosedRange<CivilDate>?) {
        self.directories = directories
        self.days = days
    }

    /// Reads both logs and attributes; nil when no ledger exists or the filters do not apply.
    ///
    /// One directory's hook log is read a day at a time as the ledger's days go by: the index holds
    /// the calls of the ledger's day and the day after, and those of the two days before (a call
    /// whose result comes back late, requests a sync appended slightly out of order); older calls
    /// are dropped, counted unjoined when the ledger never saw them. With several directories the
    /// ledger is read directory by directory, so the whole hook log is indexed first.
    public func run(source: LogSource, localDays: LocalDayResolver, table: PriceTable) -> AttributionReport? {
        guard filter.tool == nil, filter.tags.isEmpty else { return nil }
        var join = join(source: source, localDays: localDays, table: table)
        var reader = UsageLedgerReader(directories: directories, localDays: localDays)
        let result = reader.read(days: days) { join.add($0) }
        guard !result.ledgerDates.isEmpty else { return nil }
        return join.finish()
    }

    /// The join `run` makes, ready to take the ledger's requests of the query's days, in ledger order
    /// (`UsageLedgerReader.read`'s), from a read that serves other needs too (the report's `UsageQuery`).
    public func join(source: LogSource, localDays: LocalDayResolver, table: PriceTable) -> Join {
        var builder = AttributionBuilder(pricing: table, index: HookCallIndex())
        builder.detailSessions = detailSessions
        builder.topCount = topCount
        let window = HookWindow(days: directories.count == 1 ? hookDays() : nil)
        let query = self
        let load = { (days: ClosedRange<CivilDate>?, builder: inout AttributionBuilder) in
            _ = source.read(query.directories, days, localDays, fields: HookCallIndex.fields) { entry in
                if query.matches(project: entry.project, session: entry.sessionID) {
                    builder.addHookCall(entry)
                }
            }
        }
        let rolled = mergeRollups(into: &builder, localDays: localDays)
        if window.days == nil { load(days, &builder) }
        return Join(
            query: self, load: load, resolver: localDays, builder: builder, window: window, rolled: rolled)
    }

    // Merges the attribution roll-ups' rows of the query's days and filters into `builder`
    // (docs/attribution.md, "Roll-ups"), streamed from each file a row at a time, then their open
    // parts; returns the days whose ledger they stand for.
    private func mergeRollups(into builder: inout AttributionBuilder, localDays: LocalDayResolver)
        -> RolledUpDays?
    {
        var resolver = localDays
        var found: [AttributionRollup] = []
        var rolled = RolledUpDays()
        var open: [UsageRecord] = []
        for directory in directories {
            var reader = AttributionRollupReader()
            let read = reader.read(directory: directory) { row in
                if (days?.contains(row.day) ?? true) && matches(project: row.project, session: row.sessionID)
                {
                    builder.merge(row)
                }
            }
            var rollup: AttributionRollup
            switch read {
            case .success(let found?): rollup = found
            case .success(nil): continue
            case .failure(let error):
                // Rotate's messages end in "nothing removed"; a report removes nothing anyway.
                let reason: String
                switch error {
                case .access(let access): reason = access.message
                case .unreadable(let path, let why): reason = path + ": " + why
                default: reason = error.message
                }
                warn(reason + "; attribution leaves out the days it rolled up")
                continue
            }
            let usageRollups = UsageLedger(directory: directory).dates().rollups
            for day in rollup.days {
                rolled.covered.insert(day)
                if !usageRollups.contains(day) { rolled.unrolled.insert(day) }
            }
            open += rollup.openRequests.filter {
                (days?.contains(resolver.day(of: $0.timestamp)) ?? true)
                    && matches(project: $0.project, session: $0.sessionID)
            }
            rollup.openRequests = []
            found.append(rollup)
        }
        guard !found.isEmpty else { return nil }
        var combined = found.count == 1 ? found[0] : AttributionRollup()
        if found.count > 1 {
            for rollup in found {
                combined.agentTypes.merge(rollup.agentTypes) { a, _ in a }
                combined.openTags += rollup.openTags
                combined.openCalls += rollup.openCalls
            }
        }
        // What the rotated range left open reaches back to its first day: a range starting later
        // never saw those calls' hook lines, nor the subagents' types.
        let first = found.flatMap(\.days).min()
        let fromStart = days == nil || first.map { days!.lowerBound <= $0 } ?? true
        if !fromStart {
            combined.agentTypes = [:]
            combined.openTags = []
        }
        combined.openCalls = combined.openCalls.filter {
            $0.held
                ? fromStart
                : (days?.contains($0.call.day) ?? true) && matches(project: $0.project, session: $0.sessionID)
        }
        let continuing = found.count == 1 && filter.project == nil && filter.session == nil && fromStart
        builder.merge(combined, openRequests: open, continuing: continuing)
        return rolled
    }

    /// The hook calls, joined with the ledger's requests one at a time.
    public struct Join {
        let query: AttributionQuery
        let load: (ClosedRange<CivilDate>?, inout AttributionBuilder) -> Void
        var resolver: LocalDayResolver
        var builder: AttributionBuilder
        var window: HookWindow
        let rolled: RolledUpDays?

        /// Takes in the next request of the ledger.
        public mutating func add(_ record: UsageRecord) {
            if window.days != nil || rolled != nil {
                let day = resolver.day(of: record.timestamp)
                if window.days != nil { window.advance(to: day, builder: &builder, load: load) }
                // An attribution roll-up's rows stand for this request.
                if let rolled, rolled.covers(record, day: day) { return }
            }
            if query.matches(project: record.project, session: record.sessionID) { builder.add(record) }
        }

        /// The attribution of every request taken.
        public mutating func finish() -> AttributionReport {
            window.finish(builder: &builder, load: load)
            return builder.finish()
        }
    }

    // The days of the hook log to read, within the query's: from its first file to its last (nil
    // when a directory cannot be listed: then the whole log is read at once, as the source reports).
    private func hookDays() -> ClosedRange<CivilDate>? {
        guard let directory = try? LogDirectory.scan(directories[0]) else { return nil }
        let dates = directory.activityDates.union(directory.rollupDates)
        guard var first = dates.min(), var last = dates.max() else { return nil }
        if let days {
            first = max(first, days.lowerBound)
            last = min(last, days.upperBound)
        }
        return first <= last ? first...last : nil
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

/// The days attribution roll-ups stand for, in a report.
struct RolledUpDays {
    /// The days the rows cover.
    var covered: Set<CivilDate> = []
    /// Of those, the days whose usage file was not rolled up yet (a rotate stopped in between).
    var unrolled: Set<CivilDate> = []

    /// Whether the rows hold request `record` of `day`: a usage roll-up row of a covered day, or a
    /// ledger line of a covered day whose usage file is still there (a later line, of a day rolled
    /// up already, is a request the rows never saw).
    func covers(_ record: UsageRecord, day: CivilDate) -> Bool {
        guard covered.contains(day) else { return false }
        return record.requests != 1 || record.lastRequest != nil || unrolled.contains(day)
    }
}

/// The days of the hook log loaded so far, following the ledger's days (`AttributionQuery.run`).
struct HookWindow {
    /// Loads are forwarded this many days past the ledger's.
    static let ahead = 1
    /// Calls are kept this many days behind the ledger's.
    static let behind = 2
    /// Days loaded at most per read when catching up.
    static let chunk = 7

    /// The hook log's days to read; nil: the whole log was read at once.
    var days: ClosedRange<CivilDate>?
    private var next: CivilDate?
    private var latest: CivilDate?

    init(days: ClosedRange<CivilDate>?) {
        self.days = days
        next = days?.lowerBound
    }

    /// Loads the days up to the one after `day` and drops the calls logged well before it.
    mutating func advance(
        to day: CivilDate, builder: inout AttributionBuilder,
        load: (ClosedRange<CivilDate>, inout AttributionBuilder) -> Void
    ) {
        if let latest, day <= latest { return }
        latest = day
        fill(through: day.adding(days: Self.ahead), evicting: day.adding(days: -Self.behind), &builder, load)
    }

    /// Loads the rest of the days, dropping each chunk's calls once read: the ledger is done.
    mutating func finish(
        builder: inout AttributionBuilder, load: (ClosedRange<CivilDate>, inout AttributionBuilder) -> Void
    ) {
        guard let days else { return }
        fill(through: days.upperBound, evicting: nil, &builder, load)
        builder.evictHookCalls(before: days.upperBound.adding(days: 1))
    }

    // Loads days up to `last`, a chunk at a time, dropping after each chunk the calls logged before
    // `limit` (nil: before the chunk's end, as no request will come for them).
    private mutating func fill(
        through last: CivilDate, evicting limit: CivilDate?, _ builder: inout AttributionBuilder,
        _ load: (ClosedRange<CivilDate>, inout AttributionBuilder) -> Void
    ) {
        guard let days, var first = next else { return }
        let end = min(last, days.upperBound)
        while first <= end {
            let chunkEnd = min(first.adding(days: Self.chunk - 1), end)
            load(first...chunkEnd, &builder)
            builder.evictHookCalls(before: limit ?? chunkEnd.adding(days: 1))
            first = chunkEnd.adding(days: 1)
        }
        next = first
    }
}
