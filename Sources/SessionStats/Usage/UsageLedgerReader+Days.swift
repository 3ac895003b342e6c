import SessionLogCore

/// Reading the ledger one local day at a time, each file twice, with the requests `read(days:each:)`
/// gives for the whole range.
extension UsageLedgerReader {
    /// Calls `each` once per local day of `days` (nil: all) that has requests, oldest first, with
    /// that day's requests in no particular order, holding only the days not yet complete.
    ///
    /// Pass 1 counts every line's 64-bit request fingerprint (a collision of two keys only holds
    /// their days until both are read, so it must be rare over millions of lines). Pass 2 reads the files in date order: a line
    /// whose fingerprint is unique goes to its day at once; the others are deduplicated exactly, and
    /// a copy group is final once every line of its fingerprint has been read. A day is handed on
    /// once the files of the day after it have been read (a request lies in the file of its local
    /// day at sync time, give or take one for a time-zone change) and no open copy group could
    /// still land on it: the kept copy only changes to a later-read one, which lies on a later day.
    public mutating func readByDay(
        days: ClosedRange<CivilDate>?, each: (CivilDate, [UsageRecord]) -> Void
    ) -> Result {
        var result = Result()
        let selection = select(days: days, result: &result)
        defer { selection.unlock() }
        // Date order across directories: a day's copies may sit in any directory.
        let files = selection.files.enumerated().sorted {
            ($0.element.date, $0.offset) < ($1.element.date, $1.offset)
        }.map(\.element)
        let mask = fingerprintMask

        // Pass 1: every line's fingerprint, sorted; those that repeat (or repeat a roll-up's) keep
        // their count of lines.
        var decoder = UsageLineDecoder()
        var buffer: [UInt8] = []
        var prints: [UInt64] = []
        for file in files {
            guard let count = file.ledger.read(LogFileName.usage(file.date), into: &buffer) else { continue }
            result.filesRead += 1
            Self.forEachLine(buffer, count: count) { (scanner: inout JSONScanner) throws(JSONScanError) in
                let start = scanner.offset
                guard let fields = try LedgerLineFields.scan(&scanner), scanner.isAtEnd() else {
                    result.skippedLines += 1
                    return
                }
                var print = fields.fingerprint64(in: scanner)
                if print == nil {
                    scanner.offset = start
                    print = try decoder.decode(&scanner).map { Self.fingerprint64(RequestKey.of($0)) }
                }
                if let print { prints.append(print & mask) }
            } failed: {
                result.skippedLines += 1
            }
        }
        prints.sort()
        let held =
            prints.isEmpty
            ? HeldKeys() : Self.heldKeys(selection.rollups, mask: mask) { Self.contains(sorted: prints, $0) }
        let heldPrints = held.prints
        var remaining: [UInt64: Int] = [:]
        var index = 0
        while index < prints.count {
            var next = index + 1
            while next < prints.count && prints[next] == prints[index] { next += 1 }
            if next - index > 1 || heldPrints.contains(prints[index]) {
                remaining[prints[index]] = next - index
            }
            index = next
        }
        prints = []

        // Pass 2.
        var resolver = localDays
        var pending: [CivilDate: [UsageRecord]] = [:]
        func place(_ record: UsageRecord) {
            let day = resolver.day(of: record.timestamp)
            if days?.contains(day) ?? true { pending[day, default: []].append(record) }
        }
        var rollupRows = 0
        Self.forEachRollupRow(selection.rollups, result: &result) { row in
            guard days?.contains(resolver.day(of: row.timestamp)) ?? true else { return }
            rollupRows += 1
            place(row)
        }
        result.rollupRows = rollupRows
        var groups: [String: UsageRecord] = [:]
        var groupKeys: [UInt64: [String]] = [:]
        var heldCopies = 0
        func flush(before limit: CivilDate?) {
            for day in pending.keys.sorted() where limit.map({ day < $0 }) ?? true {
                if let records = pending.removeValue(forKey: day), !records.isEmpty { each(day, records) }
            }
        }
        var position = 0
        while position < files.count {
            let date = files[position].date
            while position < files.count && files[position].date == date {
                let file = files[position]
                position += 1
                guard let count = file.ledger.read(LogFileName.usage(file.date), into: &buffer) else {
                    continue
                }
                Self.forEachLine(buffer, count: count) { (scanner: inout JSONScanner) throws(JSONScanError) in
                    guard let record = try decoder.decode(&scanner), scanner.isAtEnd() else { return }
                    let key = RequestKey.of(record)
                    let print = Self.fingerprint64(key) & mask
                    guard let left = remaining[print] else { return place(record) }
                    if held.keys.contains(key) {
                        heldCopies += 1
                    } else if let kept = groups[key] {
                        result.duplicates += 1
                        var merged = record
                        if RequestKey.prefers(record, over: kept) {
                            merged.merge(kept)
                        } else {
                            merged = kept
                            merged.merge(record)
                        }
                        groups[key] = merged
                    } else {
                        groups[key] = record
                        groupKeys[print, default: []].append(key)
                    }
                    if left > 1 {
                        remaining[print] = left - 1
                    } else {
                        remaining[print] = nil
                        for key in groupKeys.removeValue(forKey: print) ?? [] {
                            if let kept = groups.removeValue(forKey: key) { place(kept) }
                        }
                    }
                } failed: {
                }
            }
            // Days before `date` are complete, unless an open group's kept copy lies on one of them.
            var limit = date
            for kept in groups.values { limit = min(limit, resolver.day(of: kept.timestamp)) }
            flush(before: limit)
        }
        // Groups left open had lines that vanished between the passes.
        for kept in groups.values { place(kept) }
        result.duplicates += heldCopies
        flush(before: nil)
        return result
    }
}
