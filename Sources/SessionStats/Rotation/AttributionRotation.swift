import SessionLogCore

/// Before `rotate` rolls usage files up (and their sizes are gone), attributes their requests as a
/// report over the whole ledger would, joined with the hook log the same way, and writes the figures
/// by day and session to `attribution-rollup.jsonl` (`AttributionRollup`), with the chains the
/// rotated days leave open; reports then merge it and give the attribution they gave before.
///
/// The new roll-up (the old one's rows, read again from its file and merged a row at a time with
/// the new ones, then the new open part) is streamed to a temporary file, synced and renamed into place before any usage or activity file is removed: killed before
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
        // The previous roll-up's rows are streamed past the builder now, and again into the new file.
        var builder = AttributionRollupBuilder(pricing: table, localDays: localDays)
        var rollupReader = AttributionRollupReader()
        let previous: AttributionRollup?
        switch rollupReader.read(directory: directory, row: { builder.retire($0) }) {
        case .success(let rollup): previous = rollup
        case .failure(let error): throw error
        }
        if let previous { builder.resume(previous) }
        let dates = UsageLedger(directory: directory).dates()
        // A covered day whose usage file is still there and not rolled up: a rotate stopped after
        // writing the roll-up; its requests are in the rows already.
        let due = Set(
            dates.usage.filter {
                $0 < firstKept && !(previous?.days.contains($0) == true && !dates.rollups.contains($0))
            })
        guard !due.isEmpty else { return nil }

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
        var (rollup, merge) = builder.finish(coveredDays: due)
        let path = RotationPlan.join(directory, AttributionRollup.fileName)
        var rows = 0
        try AtomicFile.replace(
            path, temporary: RotationPlan.join(directory, temporaryName), directory: directoryDescriptor
        ) { descriptor throws(RotationError) in
            var writer = AttributionRollupWriter(descriptor, path: path)
            try writer.writeHeader(of: rollup)
            var failure: RotationError?
            let write = { (row: AttributionRollupRow) in
                guard failure == nil else { return }
                do throws(RotationError) { try writer.write(row) } catch { failure = error }
            }
            if previous != nil {
                var again = AttributionRollupReader()
                switch again.read(directory: directory, row: { merge.take(previous: $0, write) }) {
                case .success(.some): break
                case .success(.none): throw .unreadable(path, reason: "removed while rotating")
                case .failure(let error): throw error
                }
            }
            merge.finish(write)
            if let failure { throw failure }
            try writer.writeOpenPart(of: rollup)
            rows = writer.rows
        }
        return Outcome(
            days: due.count, requests: requests, rows: rows,
            openRequests: rollup.openRequests.count)
    }
}
