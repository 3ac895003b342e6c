import SessionLogCore

/// Before `rotate` rolls usage files up (and their sizes are gone), attributes their requests as a
/// report over the whole ledger would, joined with the hook log the same way, and writes the figures
/// by day and session to `attribution-rollup.jsonl` (`AttributionRollup`), with the chains the
/// rotated days leave open; reports then merge it and give the attribution they gave before.
///
/// The new roll-up (the old one's rows, the new ones, the new open part) is written to a temporary
/// file, synced and renamed into place before any usage or activity file is removed: killed before
/// the rename, nothing changed; killed after it, reports skip the covered days' ledger lines still
/// there (their figures are in the rows) and the next rotate rolls those files up without
/// attributing them twice.
public enum AttributionRotation {
    /// What attributing the days did.
    public struct Outcome: Equatable, Sendable {
        /// The days attributed.
        public var days: Int
        /// Requests attributed.
        public var requests: Int
        /// The roll-up's rows now.
        public var rows: Int
        /// Requests of chains left open, kept whole for reports to replay.
        public var openRequests: Int
    }

    /// The temporary file the roll-up is written to.
    public static let temporaryName = RotationPlan.temporaryName(for: AttributionRollup.fileName)

    /// Attributes the usage files of `directory` dated before `firstKept` that no roll-up covers
    /// yet; nil when there are none.
    public static func run(
        directory: String, firstKept: CivilDate, table: PriceTable, localDays: LocalDayResolver,
        directoryDescriptor: FileDescriptor, source: LogSource = .files
    ) throws(RotationError) -> Outcome? {
        let previous: AttributionRollup?
        switch AttributionRollup.load(directory) {
        case .success(let rollup): previous = rollup
        case .failure(let error): throw error
        }
        let dates = UsageLedger(directory: directory).dates()
        // A covered day whose usage file is still there and not rolled up: a rotate stopped after
        // writing the roll-up; its requests are in the rows already.
        let due = Set(
            dates.usage.filter {
                $0 < firstKept && !(previous?.days.contains($0) == true && !dates.rollups.contains($0))
            })
        guard !due.isEmpty else { return nil }

        var builder = AttributionRollupBuilder(previous: previous, pricing: table, localDays: localDays)
        var hookDates: Set<CivilDate> = []
        if let log = try? LogDirectory.scan(directory) {
            hookDates = log.activityDates.union(log.rollupDates)
        }
        var next = previous?.days.max().map { $0.adding(days: 1) } ?? hookDates.min()
        let lastHook = hookDates.max()
        // As `HookWindow`: the hook log up to the day after the ledger's, calls kept two days behind.
        func load(through last: CivilDate, evicting limit: CivilDate) {
            guard var first = next, let lastHook else { return }
            let end = min(last, lastHook)
            while first <= end {
                let chunkEnd = min(first.adding(days: HookWindow.chunk - 1), end)
                _ = source.read([directory], first...chunkEnd, localDays, fields: HookCallIndex.fields) {
                    builder.addHookCall($0)
                }
                builder.evictHookCalls(before: limit)
                first = chunkEnd.adding(days: 1)
            }
            next = max(first, next ?? first)
        }
        var latest: CivilDate?
        var resolver = localDays
        var requests = 0
        var reader = UsageLedgerReader(directories: [directory], localDays: localDays)
        _ = reader.read(days: nil) { record in
            guard record.requests == 1, record.lastRequest == nil else { return }
            let day = resolver.day(of: record.timestamp)
            guard due.contains(day) else { return }
            if latest.map({ day > $0 }) ?? true {
                latest = day
                load(
                    through: day.adding(days: HookWindow.ahead),
                    evicting: day.adding(days: -HookWindow.behind))
            }
            builder.add(record)
            requests += 1
        }
        // The rest of the rotated days' hook log, and the first kept day (a line of a rotated file
        // can fall on it): reports will not read the rotated files again.
        if let latest {
            load(through: firstKept, evicting: latest.adding(days: -HookWindow.behind))
        }
        let rollup = builder.finish(coveredDays: due)
        let path = RotationPlan.join(directory, AttributionRollup.fileName)
        try AtomicFile.replace(
            path, with: rollup.bytes, temporary: RotationPlan.join(directory, temporaryName),
            directory: directoryDescriptor)
        return Outcome(
            days: due.count, requests: requests, rows: rollup.rows.count,
            openRequests: rollup.openRequests.count)
    }
}
