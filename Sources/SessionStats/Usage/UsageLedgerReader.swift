import SessionLogCore

/// Reads the usage ledger of one or more log directories for a range of local days, keeping one
/// copy of every request (the rules of `RequestKey`), so copies that several syncs or a crash
/// appended never count twice.
///
/// Sync already keeps one copy per request, so the ledger rarely repeats a request. The reader
/// therefore streams it instead of holding every request: the first pass keeps only a word per line
/// (a 64-bit fingerprint of the request's key over the line's index) and notes which lines' prints
/// repeat; the second reads only those lines again and deduplicates their requests exactly, by
/// their full keys; the last pass hands on every request in file order, a repeated one as its kept
/// copy where its first copy lies. A fingerprint collision only sends both requests down the exact
/// path.
///
/// Days `rotate` rolled up are read from their `usage-rollup-D.jsonl`: each row is handed on last,
/// as one record that stands for its requests (`UsageRecord.requests`), streamed from the files, and
/// the keys a row holds are checked against the first pass's fingerprints, so a copy of a rolled-up
/// request still in a usage file is dropped, never counted twice; only the keys whose fingerprint a
/// usage line has are kept as text. The whole read holds `usage-sync.lock` shared, so no rotate
/// removes a file midway.
public struct UsageLedgerReader {
    /// What a read found.
    public struct Result: Sendable {
        /// One record per request whose local day is in the range, in ledger file order (a copied
        /// request where its first copy lies), then the roll-ups' rows.
        public var records: [UsageRecord] = []
        /// Copies dropped.
        public var duplicates = 0
        /// Ledger lines that could not be read.
        public var skippedLines = 0
        /// Ledger files read.
        public var filesRead = 0
        /// Every date that has a usage file or a usage roll-up in the directories, in or out of the range.
        public var ledgerDates: Set<CivilDate> = []
        /// Roll-up rows handed on.
        public var rollupRows = 0
    }

    /// The log directories.
    public var directories: [String]
    /// Assigns each request its local day.
    public var localDays: LocalDayResolver
    /// The bits of each request fingerprint kept: tests make fingerprints collide with fewer.
    var fingerprintMask: UInt64 = .max

    /// Creates a reader of the ledgers in `directories`.
    public init(directories: [String], localDays: LocalDayResolver) {
        self.directories = directories
        self.localDays = localDays
    }

    /// Reads the requests of `days` (nil: all) into memory; `read(days:each:)` streams them.
    public mutating func read(days: ClosedRange<CivilDate>?) -> Result {
        var records: [UsageRecord] = []
        var result = read(days: days) { records.append($0) }
        result.records = records
        return result
    }

    /// The ledger files `days` (nil: all) needs, with the day on each side, shared-locked until
    /// `unlock()`.
    struct Selection {
        /// The usage files to read, in directory then date order.
        var files: [(ledger: UsageLedger, date: CivilDate)] = []
        /// The roll-ups to read, in directory then date order: their rows are final, and their keys
        /// mark the copies still in usage files to drop.
        var rollups: [(ledger: UsageLedger, date: CivilDate)] = []
        /// The shared locks taken on each directory's ledger.
        var locks: [Int32] = []

        /// Releases the ledgers' shared locks.
        func unlock() { for lock in locks { FileAccess.close(lock) } }
    }

    /// Lists and locks the ledger files `days` needs, noting every ledger date into `result`.
    func select(days: ClosedRange<CivilDate>?, result: inout Result) -> Selection {
        var selection = Selection()
        func wanted(_ date: CivilDate) -> Bool {
            guard let days else { return true }
            return date >= days.lowerBound.adding(days: -1) && date <= days.upperBound.adding(days: 1)
        }
        for directory in directories {
            let ledger = UsageLedger(directory: directory)
            if let lock = ledger.lockShared() { selection.locks.append(lock) }
            let dates = ledger.dates()
            result.ledgerDates.formUnion(dates.usage)
            result.ledgerDates.formUnion(dates.rollups)
            for date in dates.usage.sorted() where wanted(date) { selection.files.append((ledger, date)) }
            for date in dates.rollups.sorted() where wanted(date) { selection.rollups.append((ledger, date)) }
        }
        return selection
    }

    /// Calls `each` once per request of `days` (nil: all), holding only fingerprints, never every
    /// request; the result's `records` stays empty. Files of the day before and after are read too:
    /// a request's copies can straddle midnight, and the time zone may have changed since.
    public mutating func read(days: ClosedRange<CivilDate>?, each: (UsageRecord) -> Void) -> Result {
        var result = Result()
        let selection = select(days: days, result: &result)
        defer { selection.unlock() }
        let files = selection.files
        let mask = fingerprintMask
        // Pass 1: the lines whose fingerprint may repeat, and the roll-ups' keys a line's may match.
        let lines = Self.repeatedLines(selection, workers: 1, mask: mask, result: &result)
        // Pass 2, only those lines: the fingerprints that repeat and the copy kept of each of their
        // requests, by full key, so pass 3 can hand it on where its first copy lies instead of last.
        var decoder = UsageLineDecoder()
        var buffer: [UInt8] = []
        let (repeated, deduplicator, heldCopies) = Self.keptCopies(
            of: lines, in: files, mask: mask, decoder: &decoder, buffer: &buffer)
        var kept: [String: UsageRecord] = [:]
        for record in deduplicator.records { kept[RequestKey.of(record)] = record }
        // Pass 3: every request in file order, a repeated one as its kept copy at its first line.
        var resolver = localDays
        func inRange(_ record: UsageRecord) -> Bool {
            guard let days else { return true }
            return days.contains(resolver.day(of: record.timestamp))
        }
        for file in files {
            guard let bytes = file.ledger.contents(LogFileName.usage(file.date)) else { continue }
            Self.forEachRecord(bytes, decoder: &decoder, skipped: &result.skippedLines) { record in
                if !repeated.isEmpty, repeated.contains(Self.fingerprint64(RequestKey.of(record)) & mask) {
                    if let record = kept.removeValue(forKey: RequestKey.of(record)), inRange(record) {
                        each(record)
                    }
                } else if inRange(record) {
                    each(record)
                }
            }
        }
        result.duplicates = deduplicator.duplicates + heldCopies
        // Kept copies whose lines vanished between the passes (no writer runs under the lock).
        for record in deduplicator.records where kept[RequestKey.of(record)] != nil && inRange(record) {
            each(record)
        }
        var rollupRows = 0
        Self.forEachRollupRow(selection.rollups, result: &result) { row in
            guard inRange(row) else { return }
            rollupRows += 1
            each(row)
        }
        result.rollupRows = rollupRows
        return result
    }

    // FNV-1a over the key's UTF-8: stable, cheap, and a collision costs only the exact path.
    static func fingerprint(_ key: String) -> UInt32 {
        var hash = RequestFingerprint<UInt32>()
        for byte in key.utf8 { hash.mix(byte) }
        return hash.value
    }

    // The same on 64 bits, for reads that must not let collisions of millions of keys hold memory.
    static func fingerprint64(_ key: String) -> UInt64 {
        var hash = RequestFingerprint<UInt64>()
        for byte in key.utf8 { hash.mix(byte) }
        return hash.value
    }

    // `fingerprint64` of the text a JSON string token holds, hashed from its bytes when they are
    // plain ASCII (the decoded text is then the same bytes), so no String is made per key.
    static func fingerprint64(_ token: JSONStringToken, in scanner: JSONScanner) -> UInt64 {
        if !token.hasEscapes {
            var hash = RequestFingerprint<UInt64>()
            var high: UInt8 = 0
            for index in token.start..<token.end {
                let byte = scanner.bytes[index]
                high |= byte
                hash.mix(byte)
            }
            if high < 0x80 { return hash.value }
        }
        return fingerprint64(scanner.decode(token))
    }

    // Decodes every line of a ledger file; counts the lines that are no record in `skipped`.
    private static func forEachRecord(
        _ bytes: [UInt8], decoder: inout UsageLineDecoder, skipped: inout Int, _ body: (UsageRecord) -> Void
    ) {
        forEachLine(bytes, 0..<bytes.count, skipped: &skipped) {
            (scanner: inout JSONScanner) throws(JSONScanError) in
            guard let record = try decoder.decode(&scanner), scanner.isAtEnd() else { return false }
            body(record)
            return true
        }
    }

    /// Calls `body` with the byte range of every line of `buffer`, newline excluded.
    static func forEachLine(_ buffer: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) {
        guard let base = buffer.baseAddress else { return }
        var start = 0
        while start < buffer.count {
            let end = FileAccess.newline(in: base, start: start, end: buffer.count) ?? buffer.count
            body(start, end)
            start = end + 1
        }
    }
}
