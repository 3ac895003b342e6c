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
    /// `fingerprintMask` keeps only some bits of each request fingerprint, so tests can make them collide.
    public static func run(
        directory: String, firstKept: CivilDate, table: PriceTable, localDays: LocalDayResolver,
        directoryDescriptor: FileDescriptor, fingerprintMask: UInt64 = .max,
        report: (DayOutcome) -> Void = { _ in }
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

        // Pass 1: the 64-bit fingerprint of every request of the files to roll up, sorted. Only
        // these can be rolled up, so only their copies matter: the rest of the ledger is streamed
        // against them, never held.
        var buffer: [UInt8] = []
        var decoder = UsageLineDecoder()
        // Lines bound the prints, so one exact allocation holds them: no doubling, no pieces to
        // join (either would hold twice the prints at the peak).
        var lineTotal = 0
        for date in due {
            let name = LogFileName.usage(date)
            guard let count = ledger.read(name, into: &buffer) else {
                throw .unreadable(ledger.path(name), reason: AppendError.describe(FileAccess.lastError))
            }
            lineTotal += lineCount(buffer, count: count)
        }
        var duePrints: [UInt64] = []
        duePrints.reserveCapacity(lineTotal)
        for date in due {
            try forEachPrint(ledger, date, mask: fingerprintMask, buffer: &buffer, decoder: &decoder) {
                duePrints.append($0)
            }
        }
        duePrints.sort()
        // The prints seen more than once: within the files to roll up, in the other usage files,
        // or among the keys the roll-ups hold. True copies, and the rare chance collisions; both
        // take the exact path below, by full key, so a collision never merges two requests.
        var repeated: Set<UInt64> = []
        var previous: UInt64?
        for print in duePrints {
            if print == previous { repeated.insert(print) }
            previous = print
        }
        for date in dates.usage.sorted() where !dueSet.contains(date) {
            try forEachPrint(ledger, date, mask: fingerprintMask, buffer: &buffer, decoder: &decoder) {
                print in
                if UsageLedgerReader.contains(sorted: duePrints, print) { repeated.insert(print) }
            }
        }
        // The keys roll-ups hold whose print is a due request's: only those can drop a due line.
        var held: Set<String> = []
        for date in dates.rollups.sorted() {
            let name = LogFileName.usageRollup(date)
            guard let bytes = ledger.contents(name) else {
                throw .unreadable(ledger.path(name), reason: AppendError.describe(FileAccess.lastError))
            }
            var skipped = 0
            UsageRollupFile.forEachRow(bytes, skipped: &skipped) { row in
                for key in row.keys {
                    let print = UsageLedgerReader.fingerprint64(key) & fingerprintMask
                    if UsageLedgerReader.contains(sorted: duePrints, print) {
                        repeated.insert(print)
                        held.insert(key)
                    }
                }
            }
        }
        duePrints = []

        // Pass 2, only when some print repeats: the copy every reader keeps of each repeated
        // request, by full key, in file order and by the reader's rule, across all usage files.
        var copies: [String: (record: UsageRecord, date: CivilDate)] = [:]
        if !repeated.isEmpty {
            for date in dates.usage.sorted() {
                try forEachPrint(ledger, date, mask: fingerprintMask, buffer: &buffer, decoder: &decoder) {
                    _ in
                } decoding: { print in
                    repeated.contains(print)
                } record: { record in
                    let key = RequestKey.of(record)
                    if held.contains(key) { return }
                    if let kept = copies[key] {
                        if RequestKey.prefers(record, over: kept.record) { copies[key] = (record, date) }
                    } else {
                        copies[key] = (record, date)
                    }
                }
            }
        }
        // The kept copies by the day they join; every other copy of a repeated request is dropped.
        var keptCopies: [CivilDate: [(record: UsageRecord, key: String)]] = [:]
        for (key, kept) in copies.sorted(by: { $0.key < $1.key }) where dueSet.contains(kept.date) {
            keptCopies[kept.date, default: []].append((kept.record, key))
        }
        copies = [:]

        // Pass 3, one day at a time: the day's roll-up (if any), its usage file, its kept copies.
        var resolver = localDays
        var prices: [String: ModelPrice?] = [:]
        for date in due {
            var rows: [UsageRollupRow] = []
            var quarantine: [UInt8] = []
            let rollupName = LogFileName.usageRollup(date)
            let merging = dates.rollups.contains(date)
            if merging {
                guard let bytes = ledger.contents(rollupName) else {
                    throw .unreadable(
                        ledger.path(rollupName), reason: AppendError.describe(FileAccess.lastError))
                }
                forEachRow(bytes) { row, line in
                    if let row {
                        rows.append(row)
                    } else {
                        // The roll-up is about to be rewritten: keep its unreadable lines.
                        quarantine += line
                        quarantine.append(UInt8(ascii: "\n"))
                    }
                }
            }
            var index: [UsageRollupRow.Group: Int] = [:]
            for (position, row) in rows.enumerated() { index[row.group] = position }
            func add(_ record: UsageRecord, key: String) {
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
                if let position = index[row.group], rows[position].absorb(row) { return }
                index[row.group] = rows.count
                rows.append(row)
            }

            var requests = 0
            var duplicates = 0
            let usageName = LogFileName.usage(date)
            guard let count = ledger.read(usageName, into: &buffer) else {
                throw .unreadable(ledger.path(usageName), reason: AppendError.describe(FileAccess.lastError))
            }
            forEachRecord(buffer, count: count, decoder: &decoder) { record, line in
                guard let record else {
                    quarantine += line
                    quarantine.append(UInt8(ascii: "\n"))
                    return
                }
                let key = RequestKey.of(record)
                if repeated.contains(UsageLedgerReader.fingerprint64(key) & fingerprintMask) {
                    // Held by a roll-up, or a copy: its kept copy, if it lies here, joins below.
                    duplicates += 1
                } else if UsageRollupRow.fits(record) {
                    requests += 1
                    add(record, key: key)
                } else {
                    // No report could use numbers this large; a row must not carry them.
                    quarantine += line
                    quarantine.append(UInt8(ascii: "\n"))
                }
            }
            for (record, key) in keptCopies.removeValue(forKey: date) ?? [] {
                duplicates -= 1
                if UsageRollupRow.fits(record) {
                    requests += 1
                    add(record, key: key)
                } else {
                    quarantine += record.ledgerLine
                }
            }

            var lines = rows.map { ($0.record.timestamp, $0.jsonLine) }
            lines.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1.lexicographicallyPrecedes($1.1) }
            if !quarantine.isEmpty {
                try Rotation.keepInQuarantine(
                    quarantine, path: ledger.path(LogFileName.usageQuarantine(date)))
            }
            try AtomicFile.replace(
                ledger.path(rollupName), with: lines.flatMap(\.1),
                temporary: ledger.path(RotationPlan.temporaryName(for: rollupName)),
                directory: directoryDescriptor)
            let usagePath = ledger.path(usageName)
            do throws(Errno) {
                try FileSystem.remove(usagePath)
            } catch {
                throw .remove(usagePath, errno: error.code)
            }
            try AtomicFile.syncDirectory(directoryDescriptor, path: usagePath)
            report(
                DayOutcome(
                    date: date, requests: requests, rows: rows.count, duplicates: duplicates,
                    quarantinedLines: quarantine.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) },
                    mergedRollup: merging))
        }
    }

    // How many lines the first `count` bytes of `bytes` hold, a last one without its newline included.
    private static func lineCount(_ bytes: [UInt8], count: Int) -> Int {
        bytes.withUnsafeBufferPointer { whole in
            var lines = 0
            UsageLedgerReader.forEachLine(UnsafeBufferPointer(rebasing: whole[0..<count])) { _, _ in
                lines += 1
            }
            return lines
        }
    }

    // Calls `body` with the 64-bit request fingerprint of every readable line of the usage file of
    // `date` (masked by `mask`), read into `buffer`; lines whose print `decoding` accepts are decoded
    // for `record` too.
    private static func forEachPrint(
        _ ledger: UsageLedger, _ date: CivilDate, mask: UInt64, buffer: inout [UInt8],
        decoder: inout UsageLineDecoder,
        _ body: (UInt64) -> Void, decoding: (UInt64) -> Bool = { _ in false },
        record: (UsageRecord) -> Void = { _ in }
    ) throws(RotationError) {
        let name = LogFileName.usage(date)
        guard let count = ledger.read(name, into: &buffer) else {
            throw .unreadable(ledger.path(name), reason: AppendError.describe(FileAccess.lastError))
        }
        UsageLedgerReader.forEachLine(buffer, count: count) {
            (scanner: inout JSONScanner) throws(JSONScanError) in
            let start = scanner.offset
            guard let fields = try LedgerLineFields.scan(&scanner), scanner.isAtEnd() else { return }
            var decoded: UsageRecord?
            var print = fields.fingerprint64(in: scanner)
            if print == nil {
                // Neither id: only the whole record gives the key.
                scanner.offset = start
                decoded = try decoder.decode(&scanner)
                print = decoded.map { UsageLedgerReader.fingerprint64(RequestKey.of($0)) }
            }
            guard let print = print.map({ $0 & mask }) else { return }
            body(print)
            guard decoding(print) else { return }
            if decoded == nil {
                scanner.offset = start
                decoded = try decoder.decode(&scanner)
            }
            if let decoded { record(decoded) }
        } failed: {
        }
    }

    // Decodes each row line of a roll-up: its row, or nil when it cannot be read.
    private static func forEachRow(_ bytes: [UInt8], _ body: (UsageRollupRow?, ArraySlice<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { buffer in
            UsageLedgerReader.forEachLine(buffer) { start, end in
                var scanner = JSONScanner(buffer, start: start, end: end)
                if scanner.isAtEnd() { return }
                var row: UsageRollupRow?
                if let decoded = try? UsageRollupRow.decode(&scanner), scanner.isAtEnd() { row = decoded }
                body(row, bytes[start..<end])
            }
        }
    }

    // Decodes each non-empty line of the first `count` bytes of a usage file: its record, or nil
    // when it cannot be read.
    private static func forEachRecord(
        _ bytes: [UInt8], count: Int, decoder: inout UsageLineDecoder,
        _ body: (UsageRecord?, ArraySlice<UInt8>) -> Void
    ) {
        bytes.withUnsafeBufferPointer { whole in
            let buffer = UnsafeBufferPointer(rebasing: whole[0..<count])
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
