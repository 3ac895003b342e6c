import Dispatch
import SessionLogCore

/// The report's read of the ledger: the same requests as `read(days:each:)`, summed into a
/// `UsageSummary` on worker threads without decoding whole records.
extension UsageLedgerReader {
    /// Sums the requests of `days` (nil: all) that `filter`'s project and session keep, priced by
    /// `table`, on up to `threads` workers; the summary is the one `read(days:each:)` and
    /// `UsageSummary.add` give, whatever the number of threads.
    ///
    /// Pass 1 notes each line's request fingerprint; pass 2 adds the lines whose fingerprint was
    /// seen once straight from their bytes, and decodes the rest to deduplicate them exactly, after
    /// all files, in file order. Each worker takes a run of consecutive files, so the results merge
    /// in file order too.
    mutating func summarize(
        days: ClosedRange<CivilDate>?, table: PriceTable, filter: EntryFilter, threads: Int
    ) -> (summary: UsageSummary, result: Result) {
        var result = Result()
        let selection = select(days: days, result: &result)
        defer { selection.unlock() }
        let (files, held, rows) = (selection.files, selection.held, selection.rows)
        let heldPrints = held.map(Self.fingerprint).sorted()
        let workers = max(1, min(threads, files.count))
        // Consecutive runs of files, as even in count as can be.
        let runs = (0..<workers).map { worker in
            (files.count * worker / workers)..<(files.count * (worker + 1) / workers)
        }

        // Pass 1: every line's fingerprint, per worker, sorted; the repeated ones are kept.
        let firstPass = Self.perWorker(workers) { worker in
            var prints: [UInt32] = []
            var skipped = 0
            var read = 0
            var buffer: [UInt8] = []
            for index in runs[worker] {
                let file = files[index]
                guard let count = file.ledger.read(LogFileName.usage(file.date), into: &buffer) else {
                    continue
                }
                read += 1
                Self.forEachLine(buffer, count: count) { (scanner: inout JSONScanner) throws(JSONScanError) in
                    guard let fields = try LedgerLineFields.scan(&scanner), scanner.isAtEnd() else {
                        skipped += 1
                        return
                    }
                    if let print = fields.fingerprint(in: scanner) { prints.append(print) }
                } failed: {
                    skipped += 1
                }
            }
            prints.sort()
            return (prints: prints, skipped: skipped, read: read)
        }
        var repeated: Set<UInt32> = []
        for pass in firstPass {
            result.skippedLines += pass.skipped
            result.filesRead += pass.read
            Self.addRepeats(in: pass.prints, to: &repeated)
        }
        for (first, second) in Self.pairs(firstPass.count) {
            Self.addCommon(firstPass[first].prints, firstPass[second].prints, to: &repeated)
        }
        for pass in firstPass { Self.addCommon(heldPrints, pass.prints, to: &repeated) }

        // Pass 2: sum the lines seen once; decode the others for exact deduplication.
        let localDays = self.localDays
        let seenTwice = repeated
        let secondPass = Self.perWorker(workers) { worker in
            var builder = UsageSummaryBuilder(table: table, filter: filter, localDays: localDays)
            var resolver = localDays
            var decoder = UsageLineDecoder()
            var exact: [UsageRecord] = []
            var buffer: [UInt8] = []
            for index in runs[worker] {
                let file = files[index]
                guard let count = file.ledger.read(LogFileName.usage(file.date), into: &buffer) else {
                    continue
                }
                Self.forEachLine(buffer, count: count) { (scanner: inout JSONScanner) throws(JSONScanError) in
                    let start = scanner.offset
                    guard let fields = try LedgerLineFields.scan(&scanner), scanner.isAtEnd() else { return }
                    if let print = fields.fingerprint(in: scanner), !seenTwice.contains(print) {
                        if let days, !days.contains(resolver.day(of: fields.timestamp!)) { return }
                        builder.add(fields, in: scanner)
                    } else {
                        scanner.offset = start
                        if let record = try decoder.decode(&scanner) { exact.append(record) }
                    }
                } failed: {
                }
            }
            return (summary: builder.summary(), exact: exact)
        }
        var summary = UsageSummary()
        var deduplicator = UsageDeduplicator()
        var heldCopies = 0
        for pass in secondPass {
            summary.merge(pass.summary)
            for record in pass.exact {
                if !held.isEmpty && held.contains(RequestKey.of(record)) {
                    heldCopies += 1
                } else {
                    deduplicator.add(record)
                }
            }
        }
        result.duplicates = deduplicator.duplicates + heldCopies
        var resolver = localDays
        var addDays = localDays
        func add(_ record: UsageRecord) -> Bool {
            if let days, !days.contains(resolver.day(of: record.timestamp)) { return false }
            if let project = filter.project, record.project != project { return true }
            switch filter.session {
            case .prefix(let prefix): if !record.sessionID.hasPrefix(prefix) { return true }
            case .exact(let id): if record.sessionID != id { return true }
            case nil: break
            }
            summary.add(record, table: table, localDays: &addDays)
            return true
        }
        for record in deduplicator.records { _ = add(record) }
        for row in rows where add(row) { result.rollupRows += 1 }
        return (summary, result)
    }

    /// Runs `body` for each worker index, on worker threads when there are several; the results in order.
    static func perWorker<T>(_ workers: Int, _ body: (Int) -> T) -> [T] {
        if workers == 1 { return [body(0)] }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: workers)
        results.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        // Each worker writes only its own slot; concurrentPerform returns once all have.
        withoutActuallyEscaping(body) { body in
            let shared = UnsafeSendable(body: body, results: results)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                shared.results[worker] = shared.body(worker)
            }
        }
        return results.map { $0! }
    }

    /// Calls `body` with a scanner over each non-blank line of the first `count` bytes of `bytes`,
    /// or `failed` when the line is not well-formed JSON.
    static func forEachLine(
        _ bytes: [UInt8], count: Int, _ body: (inout JSONScanner) throws(JSONScanError) -> Void,
        failed: () -> Void
    ) {
        bytes.withUnsafeBufferPointer { whole in
            let buffer = UnsafeBufferPointer(rebasing: whole[0..<count])
            forEachLine(buffer) { start, end in
                var scanner = JSONScanner(buffer, start: start, end: end)
                if scanner.isAtEnd() { return }
                do throws(JSONScanError) {
                    try body(&scanner)
                } catch {
                    failed()
                }
            }
        }
    }

    // The values that appear more than once in a sorted array.
    private static func addRepeats(in sorted: [UInt32], to repeated: inout Set<UInt32>) {
        var index = 1
        while index < sorted.count {
            if sorted[index] == sorted[index - 1] { repeated.insert(sorted[index]) }
            index += 1
        }
    }

    // The values two sorted arrays share.
    private static func addCommon(_ left: [UInt32], _ right: [UInt32], to repeated: inout Set<UInt32>) {
        var (i, j) = (0, 0)
        while i < left.count && j < right.count {
            if left[i] < right[j] {
                i += 1
            } else if left[i] > right[j] {
                j += 1
            } else {
                repeated.insert(left[i])
                i += 1
                j += 1
            }
        }
    }

    // Every pair of worker indices.
    private static func pairs(_ count: Int) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        for first in 0..<count {
            for second in (first + 1)..<count { pairs.append((first, second)) }
        }
        return pairs
    }
}

/// A closure and the result slots its workers write, handed to Dispatch's worker threads.
private struct UnsafeSendable<T>: @unchecked Sendable {
    let body: (Int) -> T
    let results: UnsafeMutableBufferPointer<T?>
}
