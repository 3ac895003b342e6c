import SessionLogCore

/// Reads the usage ledger of one or more log directories for a range of local days, keeping one
/// copy of every request (the rules of `RequestKey`), so copies that several syncs or a crash
/// appended never count twice.
public struct UsageLedgerReader {
    /// What a read found.
    public struct Result: Sendable {
        /// One record per request whose local day is in the range, in no particular order.
        public var records: [UsageRecord] = []
        /// Copies dropped.
        public var duplicates = 0
        /// Ledger lines that could not be read.
        public var skippedLines = 0
        /// Ledger files read.
        public var filesRead = 0
        /// Every date that has a usage file in the directories, in or out of the range.
        public var ledgerDates: Set<CivilDate> = []
    }

    /// The log directories.
    public var directories: [String]
    /// Assigns each request its local day.
    public var localDays: LocalDayResolver

    /// Creates a reader of the ledgers in `directories`.
    public init(directories: [String], localDays: LocalDayResolver) {
        self.directories = directories
        self.localDays = localDays
    }

    /// Reads the requests of `days` (nil: all). Files of the day before and after are read too:
    /// a request's copies can straddle midnight, and the time zone may have changed since.
    public mutating func read(days: ClosedRange<CivilDate>?) -> Result {
        var result = Result()
        var deduplicator = UsageDeduplicator()
        var decoder = UsageLineDecoder()
        for directory in directories {
            let ledger = UsageLedger(directory: directory)
            let dates = ledger.dates().usage
            result.ledgerDates.formUnion(dates)
            for date in dates.sorted() {
                if let days, date < days.lowerBound.adding(days: -1) || date > days.upperBound.adding(days: 1)
                {
                    continue
                }
                guard let bytes = ledger.contents(LogFileName.usage(date)) else { continue }
                result.filesRead += 1
                bytes.withUnsafeBufferPointer { buffer in
                    UsageLedgerReader.forEachLine(buffer) { start, end in
                        var scanner = JSONScanner(buffer, start: start, end: end)
                        if scanner.isAtEnd() { return }
                        do throws(JSONScanError) {
                            if let record = try decoder.decode(&scanner), scanner.isAtEnd() {
                                deduplicator.add(record)
                            } else {
                                result.skippedLines += 1
                            }
                        } catch {
                            result.skippedLines += 1
                        }
                    }
                }
            }
        }
        result.duplicates = deduplicator.duplicates
        if let days {
            result.records = deduplicator.records.filter { days.contains(localDays.day(of: $0.timestamp)) }
        } else {
            result.records = deduplicator.records
        }
        return result
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
