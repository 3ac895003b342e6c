import Dispatch
import SessionLogCore

/// The report's read of the ledger: the summary of the requests `read(days:each:)` gives, summed on
/// worker threads from the lines' raw fields, and (when asked) those same requests handed on in the
/// same order, each line decoded once.
extension UsageLedgerReader {
    /// Pieces of files (`LedgerPiece`) decoded ahead of the one being handed on, per worker.
    static let piecesAheadPerWorker = 2

    /// Sums the requests of `days` (nil: all) that `filter`'s project and session keep, priced by
    /// `table`, on up to `threads` workers; the summary is the one `read(days:each:)` and
    /// `UsageSummary.add` give, whatever the number of threads.
    mutating func summarize(
        days: ClosedRange<CivilDate>?, table: PriceTable, filter: EntryFilter, threads: Int
    ) -> (summary: UsageSummary, result: Result) {
        summarize(days: days, table: table, filter: filter, threads: threads, handsOn: false) { _ in }
    }

    /// The same summary; with `handsOn`, also calls `each` on the calling thread with every request
    /// `read(days:each:)` hands on (all projects and sessions), in its order. Files are decoded in
    /// pieces of `pieceSize` bytes.
    ///
    /// Pass 1 notes each line's 64-bit request fingerprint with its place, each worker over a run of
    /// consecutive files. Pass 2 reads again only the lines whose fingerprint repeats (or repeats a
    /// roll-up's key) and deduplicates them exactly, by their full keys. Pass 3 decodes every line once, on the
    /// workers a megabyte of a file at a time (`LedgerPiece`): a line seen once goes into its piece's
    /// totals straight from its raw fields (and, when handed on, as its record); the calling thread
    /// merges the pieces' totals and hands their records on in file order, a repeated request as its
    /// kept copy where its first copy lies. The repeated requests' kept copies are added after all files, then the roll-ups' rows.
    mutating func summarize(
        days: ClosedRange<CivilDate>?, table: PriceTable, filter: EntryFilter, threads: Int, handsOn: Bool,
        pieceSize: Int = LedgerPiece.size, each: (UsageRecord) -> Void
    ) -> (summary: UsageSummary, result: Result) {
        var result = Result()
        let selection = select(days: days, result: &result)
        defer { selection.unlock() }
        let files = selection.files
        let workers = max(1, min(threads, files.count))
        let mask = fingerprintMask

        // Pass 1.
        let lines = Self.repeatedLines(selection, workers: workers, mask: mask, result: &result)

        // Pass 2: the repeated prints and the copy kept of each of their requests.
        var decoder = UsageLineDecoder()
        var buffer: [UInt8] = []
        let (repeated, deduplicator, heldCopies) = Self.keptCopies(
            of: lines, in: files, mask: mask, decoder: &decoder, buffer: &buffer)
        result.duplicates = deduplicator.duplicates + heldCopies
        var kept: [String: UsageRecord] = [:]
        if handsOn {
            for record in deduplicator.records { kept[RequestKey.of(record)] = record.leavingOutIdentity() }
        }

        // Pass 3.
        var resolver = localDays
        func inRange(_ record: UsageRecord) -> Bool {
            guard let days else { return true }
            return days.contains(resolver.day(of: record.timestamp))
        }
        var summary = UsageSummary()
        let reader = FileTotals(
            table: table, filter: filter, localDays: localDays, days: days, repeated: repeated, mask: mask,
            handsOn: handsOn)
        let localDays = self.localDays
        let pieces = LedgerPiece.pieces(
            sizes: files.map { FileAccess.status($0.ledger.path(LogFileName.usage($0.date)))?.size ?? 0 },
            size: pieceSize)
        Self.inFileOrder(pieces.count, workers: workers) { () -> FileTotals.Worker in
            FileTotals.Worker(resolver: localDays)
        } read: { index, worker in
            reader.read(pieces[index], of: files[pieces[index].file], worker: &worker)
        } take: { file in
            summary.merge(file.summary)
            result.skippedLines += file.skipped
            var next = 0
            func handRepeated(before index: Int) {
                while next < file.repeated.count, file.repeated[next].position == index {
                    if let record = kept.removeValue(forKey: file.repeated[next].key), inRange(record) {
                        each(record)
                    }
                    next += 1
                }
            }
            // Each record is lent in place, not copied (~20 retains and as many releases on this,
            // the busier thread): `each` is handed the record of an inout access, which it cannot
            // see changed during the call; a plain read of an element copies it whole first.
            // Nothing writes to it; the piece is freed on a worker.
            func hand(_ record: inout UsageRecord) { each(record) }
            file.records.withUnsafeBufferPointer { records in
                guard let first = records.baseAddress else { return }
                let lent = UnsafeMutablePointer(mutating: first)
                for index in records.indices {
                    if next < file.repeated.count { handRepeated(before: index) }
                    hand(&lent[index])
                }
            }
            handRepeated(before: file.records.count)
        }
        if handsOn {
            // Kept copies whose lines vanished between the passes (no writer runs under the lock).
            for record in deduplicator.records {
                if let copy = kept[RequestKey.of(record)], inRange(copy) { each(copy) }
            }
        }

        var addDays = localDays
        func add(_ record: UsageRecord) -> Bool {
            guard inRange(record) else { return false }
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
        var rollupRows = 0
        Self.forEachRollupRow(selection.rollups, result: &result) { row in
            guard add(row) else { return }
            rollupRows += 1
            if handsOn { each(row.leavingOutIdentity()) }
        }
        result.rollupRows = rollupRows
        return (summary, result)
    }

    /// Runs `read` for each of `count` pieces on `workers` threads, each with its own state from
    /// `make`, and calls `take` on the calling thread with the pieces' results in order; at most
    /// `piecesAheadPerWorker` pieces per worker are read ahead of the one taken. A result taken is freed
    /// on a worker (the calling thread is the busier one). On one worker it all runs on the calling
    /// thread.
    static func inFileOrder<State, Payload: Sendable>(
        _ count: Int, workers: Int, make: () -> State, read: (Int, inout State) -> Payload,
        take: (Payload) -> Void
    ) {
        guard workers > 1 else {
            var state = make()
            for index in 0..<count { take(read(index, &state)) }
            return
        }
        let shared = ParallelReads<Payload>(count: count, window: workers * piecesAheadPerWorker)
        let taken = TakenResults<Payload>()
        let group = DispatchGroup()
        // The workers are waited for before this returns, so the closures never outlive the call.
        withoutActuallyEscaping(make) { make in
            withoutActuallyEscaping(read) { read in
                let work = UnsafeWorkerBody(make: make, read: read)
                for _ in 0..<workers {
                    DispatchQueue.global().async(group: group) {
                        var state = work.make()
                        while let index = shared.claim() {
                            taken.free()
                            shared.finish(index, work.read(index, &state))
                        }
                        taken.free()
                    }
                }
                for index in 0..<count {
                    let result = shared.take(index)
                    take(result)
                    taken.keep(result)
                }
                shared.stop(workers: workers)
                group.wait()
            }
        }
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
        forEachNonBlankLine(bytes, 0..<count) { _, scanner in
            do throws(JSONScanError) {
                try body(&scanner)
            } catch {
                failed()
            }
        }
    }
}

/// Pass 3 of `summarize` for one piece of a ledger file: every line decoded once, the lines seen once
/// summed from their raw fields, and the records to hand on.
private struct FileTotals: Sendable {
    let table: PriceTable
    let filter: EntryFilter
    let localDays: LocalDayResolver
    let days: ClosedRange<CivilDate>?
    let repeated: Set<UInt64>
    let mask: UInt64
    let handsOn: Bool

    /// What one worker reuses from file to file.
    struct Worker {
        // Records are handed on to attribution only, or not at all (`leavesOutIdentity`).
        var decoder = UsageLineDecoder(leavesOutIdentity: true, readsPlainly: true)
        var buffer: [UInt8] = []
        var resolver: LocalDayResolver
        /// The records and bytes of the pieces read so far: room for a piece's records is reserved
        /// by their ratio, not found by doubling (a doubling copies every record read so far).
        var recordsSeen = 0
        var bytesSeen = 0

        /// About how many records `bytes` of ledger hold, a little over, from the pieces read so
        /// far; 0 before the first.
        func recordsExpected(in bytes: Int) -> Int {
            guard bytesSeen > 0, recordsSeen > 0 else { return 0 }
            let expected = Int((Double(bytes) * Double(recordsSeen) / Double(bytesSeen)).rounded(.up))
            return expected + expected / 32 + 8
        }
    }

    /// One piece's totals of its lines seen once and, when handed on, its records in line order
    /// (in range, seen once) and where its repeated requests fall among them, by key: the calling
    /// thread hands on their kept copies there.
    struct File: Sendable {
        var summary: UsageSummary
        var records: [UsageRecord]
        var repeated: [(position: Int, key: String)]
        /// The piece's lines that are no record (`UsageLedgerReader.forEachLine(_:_:skipped:_:)`).
        var skipped = 0
    }

    func read(_ piece: LedgerPiece, of file: (ledger: UsageLedger, date: CivilDate), worker: inout Worker)
        -> File
    {
        var builder = UsageSummaryBuilder(table: table, filter: filter, localDays: localDays)
        var records: [UsageRecord] = []
        var repeatedKeys: [(position: Int, key: String)] = []
        var skipped = 0
        let lines = piece.read(file.ledger, LogFileName.usage(file.date), into: &worker.buffer)
        if handsOn { records.reserveCapacity(worker.recordsExpected(in: lines.count)) }
        UsageLedgerReader.forEachLine(worker.buffer, lines, skipped: &skipped) {
            (scanner: inout JSONScanner) throws(JSONScanError) -> Bool in
            var fields = LedgerLineFields()
            guard let record = try worker.decoder.decode(&scanner, fields: &fields), scanner.isAtEnd() else {
                return false
            }
            // The print only when some repeat: a ledger without repeated lines (one sync wrote each
            // request once) needs none. Without ids the key is the record's own (session, time,
            // model, tokens).
            if !repeated.isEmpty,
                repeated.contains(
                    (fields.fingerprint64(in: scanner)
                        ?? UsageLedgerReader.fingerprint64(RequestKey.of(record))) & mask)
            {
                if handsOn {
                    // The decoder left the ids out; the key needs them, as the full decoder reads them.
                    var identified = record
                    identified.messageID = fields.messageID.map { scanner.decode($0) }
                    identified.requestID = fields.requestID.map { scanner.decode($0) }
                    repeatedKeys.append((records.count, RequestKey.of(identified)))
                }
                return true
            }
            if let days, !days.contains(worker.resolver.day(of: record.timestamp)) { return true }
            builder.add(fields, in: scanner)
            if handsOn { records.append(record) }
            return true
        }
        worker.recordsSeen += records.count
        worker.bytesSeen += lines.count
        return File(summary: builder.summary(), records: records, repeated: repeatedKeys, skipped: skipped)
    }
}

/// A closure and the result slots its workers write, handed to Dispatch's worker threads.
private struct UnsafeSendable<T>: @unchecked Sendable {
    let body: (Int) -> T
    let results: UnsafeMutableBufferPointer<T?>
}

/// Results the calling thread has taken, left for a worker to free.
private final class TakenResults<Payload>: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var results: [Payload] = []

    /// Keeps `result` until a worker frees it.
    func keep(_ result: consuming Payload) {
        lock.wait()
        results.append(result)
        lock.signal()
    }

    /// Frees the results kept so far, on the calling thread.
    func free() {
        lock.wait()
        let kept = results
        results = []
        lock.signal()
        _ = consume kept
    }
}

/// The closures `inFileOrder`'s workers run, handed to Dispatch's worker threads.
private struct UnsafeWorkerBody<State, Payload>: @unchecked Sendable {
    let make: () -> State
    let read: (Int, inout State) -> Payload
}
