import SessionLogCore

/// Rolls old usage-ledger files (`usage-D.jsonl`) up into `usage-rollup-D.jsonl` and removes them,
/// so that every report gives the same figures before and after, and a run killed at any point and
/// run again neither loses nor double-counts a request.
///
/// Holding `usage-sync.lock` exclusively (so no sync appends and no report reads meanwhile): read
/// the keys every roll-up of the directory holds; read every usage file of the directory and keep,
/// of each request's copies, the one every report keeps (`RequestKey`'s rules, copies already held
/// by a roll-up dropped); group the kept requests of each old file by local day, hour slot and
/// every field reports group or price by (`UsageRollupRow.Group`); merge them into the day's
/// roll-up; keep unreadable lines in `usage-quarantine-D.jsonl`; write the roll-up to a temporary
/// file, sync it, rename it into place, sync the directory, and only then remove the usage file.
/// Killed before the rename, nothing changed; killed after it, the roll-up holds the key of every
/// request of the usage file, so reports and the next run drop its lines as copies.
public enum UsageRotation {
    /// What rolling up one usage file did.
    public struct DayOutcome: Equatable, Sendable {
        /// The usage file's date.
        public var date: CivilDate
        /// Requests of the usage file rolled up.
        public var requests: Int
        /// The roll-up's rows now.
        public var rows: Int
        /// Lines of the usage file that were copies of a request kept elsewhere (or already rolled up).
        public var duplicates: Int
        /// Lines added to `usage-quarantine-D.jsonl`.
        public var quarantinedLines: Int
        /// Whether the requests were merged into a roll-up that was there already.
        public var mergedRollup: Bool
    }

    /// The dates of the usage files in `directory` dated before `firstKept`, oldest first.
    public static func dueDays(in directory: String, before firstKept: CivilDate) -> [CivilDate] {
        UsageLedger(directory: directory).dates().usage.filter { $0 < firstKept }.sorted()
    }

    /// Rolls up every usage file of `directory` dated before `firstKept`, pricing long-context
    /// requests by `table` and assigning local days with `localDays`; calls `report` after each day.
    public static func run(
        directory: String, firstKept: CivilDate, table: PriceTable, localDays: LocalDayResolver,
        directoryDescriptor: FileDescriptor, report: (DayOutcome) -> Void = { _ in }
    ) throws(RotationError) {
        guard !dueDays(in: directory, before: firstKept).isEmpty else { return }
        let ledger = UsageLedger(directory: directory)
        let lockPath = ledger.path(UsageSync.lockName)
        guard let lock = FileAccess.openOwned(lockPath, append: true) else {
            throw .write(lockPath, errno: FileAccess.lastError)
        }
        defer { FileAccess.close(lock) }
        if let code = FileAccess.lock(lock) { throw .write(lockPath, errno: code) }
        // Listed again under the lock: another rotate may have finished meanwhile.
        let dates = ledger.dates()
        let due = dates.usage.filter { $0 < firstKept }.sorted()
        guard !due.isEmpty else { return }
        let dueSet = Set(due)

        var held: Set<String> = []
        var existing: [CivilDate: [UsageRollupRow]] = [:]
        var quarantine: [CivilDate: [UInt8]] = [:]
        for date in dates.rollups.sorted() {
            let name = LogFileName.usageRollup(date)
            guard let bytes = ledger.contents(name) else {
                throw .unreadable(ledger.path(name), reason: AppendError.describe(FileAccess.lastError))
            }
            var rows: [UsageRollupRow] = []
            bytes.withUnsafeBufferPointer { buffer in
                UsageLedgerReader.forEachLine(buffer) { start, end in
                    var scanner = JSONScanner(buffer, start: start, end: end)
                    if scanner.isAtEnd() { return }
                    if let row = try? UsageRollupRow.decode(&scanner), scanner.isAtEnd() {
                        held.formUnion(row.keys)
                        rows.append(row)
                    } else if dueSet.contains(date) {
                        // Only a roll-up about to be rewritten loses its unreadable lines: keep them.
                        quarantine[date, default: []] += bytes[start..<end] + [UInt8(ascii: "\n")]
                    }
                }
            }
            if dueSet.contains(date) { existing[date] = rows }
        }

        // Every usage file, so the copy kept is the one reports keep whatever days they read.
        var files: [(date: CivilDate, bytes: [UInt8])] = []
        for date in dates.usage.sorted() {
            let name = LogFileName.usage(date)
            guard let bytes = ledger.contents(name) else {
                throw .unreadable(ledger.path(name), reason: AppendError.describe(FileAccess.lastError))
            }
            files.append((date, bytes))
        }
        var decoder = UsageLineDecoder()
        // Fingerprints, not keys, so a first rotate of a long ledger stays small; a collision only
        // sends both requests down the exact path below.
        var seen: Set<UInt64> = []
        var repeated: Set<UInt64> = []
        var duplicates: [CivilDate: Int] = [:]
        for file in files {
            forEachRecord(file.bytes, decoder: &decoder) { record, _ in
                guard let record else { return }
                let key = RequestKey.of(record)
                if held.contains(key) { return }
                let print = UsageLedgerReader.fingerprint64(key)
                if !seen.insert(print).inserted { repeated.insert(print) }
            }
        }
        seen = []
        var fresh: [CivilDate: [(record: UsageRecord, key: String)]] = [:]
        var copies: [String: (record: UsageRecord, date: CivilDate)] = [:]
        for file in files {
            let isDue = dueSet.contains(file.date)
            forEachRecord(file.bytes, decoder: &decoder) { record, line in
                guard let record else {
                    if isDue { quarantine[file.date, default: []] += line + [UInt8(ascii: "\n")] }
                    return
                }
                let key = RequestKey.of(record)
                if held.contains(key) {
                    if isDue { duplicates[file.date, default: 0] += 1 }
                } else if repeated.contains(UsageLedgerReader.fingerprint64(key)) {
                    // File order and the reader's rule, so the copy kept is the reader's.
                    if let kept = copies[key] {
                        if RequestKey.prefers(record, over: kept.record) { copies[key] = (record, file.date) }
                    } else {
                        copies[key] = (record, file.date)
                    }
                    if isDue { duplicates[file.date, default: 0] += 1 }
                } else if isDue {
                    if UsageRollupRow.fits(record) {
                        fresh[file.date, default: []].append((record, key))
                    } else {
                        // No report could use numbers this large; a row must not carry them.
                        quarantine[file.date, default: []] += line + [UInt8(ascii: "\n")]
                    }
                }
            }
        }
        // The copy kept of each repeated request joins its file's day; the others were counted as copies.
        for (key, kept) in copies.sorted(by: { $0.key < $1.key }) where dueSet.contains(kept.date) {
            duplicates[kept.date, default: 0] -= 1
            fresh[kept.date, default: []].append((kept.record, key))
        }

        var resolver = localDays
        var prices: [String: ModelPrice?] = [:]
        for date in due {
            var rows = existing[date] ?? []
            var index: [UsageRollupRow.Group: Int] = [:]
            for (position, row) in rows.enumerated() { index[row.group] = position }
            let requests = fresh[date] ?? []
            for (record, key) in requests {
                let price: ModelPrice?
                if let known = prices[record.model] {
                    price = known
                } else {
                    price = table.match(record.model).price
                    prices[record.model] = price
                }
                let row = UsageRollupRow(
                    day: resolver.day(of: record.timestamp), request: record, key: key,
                    isLongContext: price?.isLongContext(record) ?? false)
                if let position = index[row.group], rows[position].absorb(row) { continue }
                index[row.group] = rows.count
                rows.append(row)
            }
            var lines = rows.map { ($0.record.timestamp, $0.jsonLine) }
            lines.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1.lexicographicallyPrecedes($1.1) }
            let kept = quarantine[date] ?? []
            if !kept.isEmpty {
                try Rotation.keepInQuarantine(kept, path: ledger.path(LogFileName.usageQuarantine(date)))
            }
            let rollupName = LogFileName.usageRollup(date)
            try AtomicFile.replace(
                ledger.path(rollupName), with: lines.flatMap(\.1),
                temporary: ledger.path(RotationPlan.temporaryName(for: rollupName)),
                directory: directoryDescriptor)
            let usagePath = ledger.path(LogFileName.usage(date))
            do throws(Errno) {
                try FileSystem.remove(usagePath)
            } catch {
                throw .remove(usagePath, errno: error.code)
            }
            try AtomicFile.syncDirectory(directoryDescriptor, path: usagePath)
            report(
                DayOutcome(
                    date: date, requests: requests.count, rows: rows.count, duplicates: duplicates[date] ?? 0,
                    quarantinedLines: kept.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) },
                    mergedRollup: existing[date] != nil))
        }
    }

    // Decodes each non-empty line of a usage file: its record, or nil when it cannot be read.
    private static func forEachRecord(
        _ bytes: [UInt8], decoder: inout UsageLineDecoder, _ body: (UsageRecord?, ArraySlice<UInt8>) -> Void
    ) {
        bytes.withUnsafeBufferPointer { buffer in
            UsageLedgerReader.forEachLine(buffer) { start, end in
                var scanner = JSONScanner(buffer, start: start, end: end)
                if scanner.isAtEnd() { return }
                var record: UsageRecord?
                if let decoded = try? decoder.decode(&scanner), scanner.isAtEnd() { record = decoded }
                body(record, bytes[start..<end])
            }
        }
    }
}
